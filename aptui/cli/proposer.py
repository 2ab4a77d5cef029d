"""`aptui proposer PÉRIODE [BARRETTE] [--min N] [--max N] [--garder ÉLÈVE=GROUPE…] [--depuis P] [--yes]`.

The group proposal of the app's board (« Proposer les groupes »), for scripts and for pilotes at
ease in a terminal: printed first, then written as one commit once confirmed.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from aptui import vocab as v
from aptui.cli.setup_run import add_school_option, add_year_option


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "proposer", help="proposer les groupes d'une période : d'après les besoins et diagnostics, ou les bilans",
        description="Propose les groupes de besoin d'une période pour une barrette, d'après les besoins, le profil "
        "et le dernier diagnostic de chaque élève (ou, avec --depuis, ceux de la période précédente d'après les "
        "bilans, toutes barrettes), avec une capacité par groupe, des élèves gardés dans un groupe et les "
        "enseignants libres. Chaque placement porte son motif. La proposition est affichée, puis enregistrée en "
        "un commit après confirmation.")
    parser.add_argument("period", metavar="PÉRIODE")
    parser.add_argument("barrette", nargs="?", metavar="BARRETTE", help="barrette (obligatoire sans --depuis)")
    parser.add_argument("--min", type=int, default=None, metavar="N", help="élèves au moins par groupe (défaut 6)")
    parser.add_argument("--max", type=int, default=None, metavar="N", help="élèves au plus par groupe (défaut 16)")
    parser.add_argument("--garder", action="append", default=[], metavar="ÉLÈVE=GROUPE",
                        help="garder un élève dans un groupe (plusieurs fois)")
    parser.add_argument("--defaut", choices=tuple(v.CONTENT_TYPE_LABELS), metavar="TYPE",
                        help="type des élèves sans besoin noté (défaut : selon leur profil)")
    parser.add_argument("--depuis", metavar="PÉRIODE", help="reprendre les groupes de cette période d'après ses bilans")
    parser.add_argument("--yes", action="store_true", help="enregistrer sans demander")
    parser.add_argument("--dry-run", action="store_true", help="afficher la proposition sans rien écrire")
    add_school_option(parser)
    add_year_option(parser)
    parser.set_defaults(run=run)


def _pins(pairs: list[str]) -> dict[str, str]:
    pins = {}
    for pair in pairs:
        student, sep, group = pair.partition("=")
        if not sep or not student.strip() or not group.strip():
            raise ValueError(f"« {pair} » : écrivez ÉLÈVE=GROUPE (ex. e2025-007=G-SOUTIEN-1)")
        pins[student.strip()] = group.strip()
    return pins


def run(args: argparse.Namespace) -> int:
    from aptui.cli.common import UsageError, open_school
    from aptui.cli.setup_run import confirm, run_edits, year_of
    from aptui.plan.command import ApplyProposal
    from aptui.plan.proposal import ProposalRefused
    from aptui.plan.service import DEFAULT, propose
    from aptui.plan.sources import Settings
    from aptui.plan.text import listing

    try:
        pins = _pins(args.garder)
        year_id = year_of(args)
        school = open_school(args.ecole).school
    except (ValueError, UsageError) as exc:
        sys.stderr.write(f"aptui : erreur d'utilisation : {exc}\n")
        return 2
    chosen = Settings(args.min if args.min is not None else DEFAULT.minimum,
                      args.max if args.max is not None else DEFAULT.maximum, pins, args.defaut)
    try:
        proposal = propose(school, year_id, args.period, args.barrette, args.depuis, chosen)
    except ProposalRefused as exc:
        sys.stderr.write(f"aptui : refusé : {exc.message}\n")
        return 1
    print("\n".join(listing(proposal)))
    if args.dry_run:
        print("\n(--dry-run : rien n'a été écrit)")
        return 0
    if not proposal.placed:
        print("Personne à placer : rien n'a été écrit.")
        return 0
    if not confirm("Enregistrer cette proposition ?", args.yes):
        print("Rien n'a été écrit.")
        return 1
    return run_edits(args.ecole, [ApplyProposal(proposal)], quiet=True, force=args.force_errors)
