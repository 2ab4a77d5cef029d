"""`aptui division creer|modifier|affecter`: the divisions of a year."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aptui import vocab as v
from aptui.cli.common import UsageError
from aptui.cli.setup_run import add_school_option, add_year_option, run_built, year_of

if TYPE_CHECKING:
    from aptui.edit.base import Command


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("division", help="créer et modifier les divisions (niveau, formation, "
                                   "précédente), y affecter des élèves", description="Les divisions d'une année.")
    verbs = parser.add_subparsers(dest="verb", metavar="ACTION", required=True)
    create = _verb(verbs, "creer", "une nouvelle division", _create)
    create.add_argument("id", metavar="DIVISION")
    create.add_argument("--niveau", required=True, choices=tuple(v.LEVELS))
    create.add_argument("--formation", help="défaut : lue dans le code (2MELEC1 → MELEC)")
    create.add_argument("--precedente", metavar="DIVISION", help="la division de la cohorte l'année d'avant")
    edit = _verb(verbs, "modifier", "niveau, formation, division précédente", _edit)
    edit.add_argument("id", metavar="DIVISION")
    edit.add_argument("--niveau", choices=tuple(v.LEVELS))
    edit.add_argument("--formation")
    edit.add_argument("--precedente", metavar="DIVISION", help="« aucune » pour retirer le lien")
    assign = _verb(verbs, "affecter", "placer des élèves dans la division (un seul commit)", _assign)
    assign.add_argument("id", metavar="DIVISION")
    assign.add_argument("eleves", nargs="+", metavar="ÉLÈVE")


def _verb(verbs: Any, name: str, help_text: str, build: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = verbs.add_parser(name, help=help_text, description=help_text)
    add_school_option(parser)
    add_year_option(parser)
    parser.set_defaults(run=lambda args: run_built(args, build))
    return parser


def _create(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_year import CreateDivision
    from aptui.edit.levels import formation_from_code

    return [CreateDivision(year_of(args), args.id, args.niveau, args.formation or formation_from_code(args.id),
                           args.precedente)]


def _edit(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_year import EditDivision

    if args.niveau is None and args.formation is None and args.precedente is None:
        raise UsageError("rien à modifier : donnez --niveau, --formation ou --precedente")
    previous = "" if args.precedente == "aucune" else args.precedente
    return [EditDivision(year_of(args), args.id, args.niveau, args.formation, previous)]


def _assign(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_students import ChangeDivision

    year = year_of(args)
    return [ChangeDivision(student, year, args.id) for student in args.eleves]
