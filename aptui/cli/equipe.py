"""`aptui equipe ajouter|modifier|desactiver|reactiver`: the teachers of staff.yaml."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aptui.cli.common import UsageError
from aptui.cli.setup_run import add_school_option, run_built

if TYPE_CHECKING:
    from aptui.edit.base import Command


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("equipe", help="ajouter, modifier, désactiver un enseignant de l'équipe",
                                   description="L'équipe (staff.yaml), un commit par commande.")
    verbs = parser.add_subparsers(dest="verb", metavar="ACTION", required=True)
    add = _verb(verbs, "ajouter", "un enseignant rejoint l'équipe", _add)
    add.add_argument("nom", metavar="NOM")
    add.add_argument("prenom", metavar="PRÉNOM")
    add.add_argument("--disciplines", default="", metavar="D1,D2", help="ex. lettres-histoire,anglais")
    add.add_argument("--id", metavar="ID", help="identifiant (défaut : initiale + nom, ex. mdupont)")
    edit = _verb(verbs, "modifier", "nom, prénom ou disciplines", _edit)
    edit.add_argument("id", metavar="ENSEIGNANT")
    edit.add_argument("--nom")
    edit.add_argument("--prenom")
    edit.add_argument("--disciplines", metavar="D1,D2")
    for name, what in (("desactiver", "l'enseignant quitte l'équipe (gardé pour l'historique)"),
                       ("reactiver", "l'enseignant revient dans l'équipe")):
        toggle = _verb(verbs, name, what, _deactivate if name == "desactiver" else _reactivate)
        toggle.add_argument("id", metavar="ENSEIGNANT")


def _verb(verbs: Any, name: str, help_text: str, build: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = verbs.add_parser(name, help=help_text, description=help_text)
    add_school_option(parser)
    parser.set_defaults(run=lambda args: run_built(args, build))
    return parser


def _subjects(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(s.strip() for s in text.split(",") if s.strip())


def _add(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_staff import AddTeacher

    return [AddTeacher(args.nom, args.prenom, _subjects(args.disciplines) or (), args.id)]


def _edit(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_staff import EditTeacher

    if args.nom is None and args.prenom is None and args.disciplines is None:
        raise UsageError("rien à modifier : donnez --nom, --prenom ou --disciplines")
    return [EditTeacher(args.id, args.nom, args.prenom, _subjects(args.disciplines))]


def _deactivate(args: argparse.Namespace) -> Sequence[Command]:
    from datetime import date
    from pathlib import Path

    from aptui.edit.base import Snapshot
    from aptui.edit.commands_setup_staff import EditTeacher, current_groups

    groups = current_groups(Snapshot(Path(args.ecole)), args.id, date.today())
    if groups:
        print(f"Attention : {args.id} anime encore {', '.join(groups)} : confiez ces groupes à un autre enseignant.")
    return [EditTeacher(args.id, active=False)]


def _reactivate(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_staff import EditTeacher

    return [EditTeacher(args.id, active=True)]
