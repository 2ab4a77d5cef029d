"""`aptui eleve ajouter|modifier|affecter|ajouter-besoin|retirer-besoin|diagnostic|sortir|dispenser|lever-dispense|orienter`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aptui import vocab as v
from aptui.cli.common import UsageError
from aptui.cli.setup_run import add_school_option, add_year_option, day_arg, run_built, year_of, yes_no

if TYPE_CHECKING:
    from aptui.edit.base import Command


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("eleve", help="ajouter, modifier, affecter, faire sortir un élève ; besoins, "
                                   "dispenses, orientation", description="Met en place les élèves (un commit par commande).")
    verbs = parser.add_subparsers(dest="verb", metavar="ACTION", required=True)

    add = _verb(verbs, "ajouter", "un nouvel élève (aussi en cours d'année, avec --arrivee)", _add)
    add.add_argument("nom", metavar="NOM")
    add.add_argument("prenom", metavar="PRÉNOM")
    add.add_argument("--division", required=True, metavar="DIVISION")
    add.add_argument("--arrivee", type=day_arg, metavar="DATE", help="date d'arrivée en cours d'année")
    add.add_argument("--id", metavar="ID", help="identifiant (défaut : eAAAA-NNN suivant)")

    edit = _verb(verbs, "modifier", "identité, profil de l'année, tuteur, projet, passerelle", _edit)
    edit.add_argument("eleve", metavar="ÉLÈVE")
    edit.add_argument("--nom")
    edit.add_argument("--prenom")
    edit.add_argument("--profil", choices=tuple(v.PROFILE_LABELS), help="profil de l'année")
    edit.add_argument("--tuteur", metavar="ENSEIGNANT", help="identifiant du tuteur (« aucun » pour l'enlever)")
    edit.add_argument("--projet", metavar="TEXTE", help="projet de poursuite d'études (« » pour l'enlever)")
    edit.add_argument("--passerelle", type=yes_no, metavar="oui|non")

    assign = _verb(verbs, "affecter", "changer l'élève de division pour l'année", _assign)
    assign.add_argument("eleve", metavar="ÉLÈVE")
    assign.add_argument("division", metavar="DIVISION")

    for name, what, handler in (("ajouter-besoin", "noter un besoin", _add_need),
                                ("retirer-besoin", "retirer un besoin", _remove_need)):
        need = _verb(verbs, name, what, handler)
        need.add_argument("eleve", metavar="ÉLÈVE")
        need.add_argument("type", choices=tuple(v.CONTENT_TYPE_LABELS), metavar="TYPE",
                          help=", ".join(v.CONTENT_TYPE_LABELS))
        need.add_argument("--detail", default=None, metavar="TEXTE")

    leave = _verb(verbs, "sortir", "l'élève quitte l'établissement : retiré des groupes et séances postérieurs", _leave)
    leave.add_argument("eleve", metavar="ÉLÈVE")
    leave.add_argument("date", type=day_arg, metavar="DATE", help="dernier jour dans l'établissement")
    leave.add_argument("--yes", action="store_true", help="ne pas demander de confirmation")
    leave.set_defaults(ask_first=True)

    exempt = _verb(verbs, "dispenser", "dispense d'AP, motivée (toute l'année ou certaines périodes)", _exempt)
    exempt.add_argument("eleve", metavar="ÉLÈVE")
    exempt.add_argument("--motif", required=True)
    exempt.add_argument("--periodes", default="", metavar="P1,P2", help="périodes (défaut : toute l'année)")

    lift = _verb(verbs, "lever-dispense", "retirer la dispense de l'année", _lift)
    lift.add_argument("eleve", metavar="ÉLÈVE")

    diag = _verb(verbs, "diagnostic", "noter un diagnostic (positionnement) passé par l'élève", _diagnostic)
    diag.add_argument("eleve", metavar="ÉLÈVE")
    diag.add_argument("--date", type=day_arg, required=True, metavar="DATE")
    diag.add_argument("--outil", required=True, metavar="TEXTE", help="ex. « Positionnement mathématiques »")
    diag.add_argument("--resultat", required=True, metavar="TEXTE", help="ex. « 9/20, calcul fragile »")

    orient = _verb(verbs, "orienter", "décision de fin d'année, lue par « aptui new-year »", _orient)
    orient.add_argument("eleve", metavar="ÉLÈVE")
    orient.add_argument("decision", choices=tuple(v.ORIENTATION_LABELS), metavar="DÉCISION",
                        help=", ".join(v.ORIENTATION_LABELS))


def _verb(verbs: Any, name: str, help_text: str, build: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = verbs.add_parser(name, help=help_text, description=help_text)
    add_school_option(parser)
    add_year_option(parser)
    parser.set_defaults(run=lambda args: run_built(args, build))
    return parser


def _add(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_students import AddStudent

    return [AddStudent(year_of(args), args.division, args.nom, args.prenom, args.arrivee, args.id)]


def _edit(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_students import EditStudent, SetProfile

    commands: list[Command] = []
    tutor = "" if args.tuteur in ("aucun", "") else args.tuteur
    if any(x is not None for x in (args.nom, args.prenom, args.tuteur, args.projet, args.passerelle)):
        commands.append(EditStudent(args.eleve, args.nom, args.prenom, tutor, args.projet, args.passerelle))
    if args.profil:
        commands.append(SetProfile(args.eleve, year_of(args), args.profil))
    if not commands:
        raise UsageError("rien à modifier : donnez au moins une option (--nom, --profil, --tuteur, ...)")
    return commands


def _assign(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_students import ChangeDivision

    return [ChangeDivision(args.eleve, year_of(args), args.division)]


def _add_need(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_students import AddNeed

    return [AddNeed(args.eleve, args.type, args.detail or "")]


def _remove_need(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_students import RemoveNeed

    return [RemoveNeed(args.eleve, args.type, args.detail)]


def _leave(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_leaving import LeaveSchool

    return [LeaveSchool(args.eleve, args.date)]


def _exempt(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_leaving import SetExemption

    periods = tuple(p.strip() for p in args.periodes.split(",") if p.strip())
    return [SetExemption(year_of(args), args.eleve, args.motif, periods)]


def _lift(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_leaving import RemoveExemption

    return [RemoveExemption(year_of(args), args.eleve)]


def _diagnostic(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_students import AddDiagnostic

    return [AddDiagnostic(args.eleve, args.date, args.outil, args.resultat)]


def _orient(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_students import SetOrientation

    return [SetOrientation(args.eleve, year_of(args), args.decision)]
