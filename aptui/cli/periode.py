"""`aptui periode creer|deplacer|couper|supprimer|proposer`: the periods of a year, checked at once."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aptui.cli.setup_run import add_school_option, add_year_option, day_arg, run_built, year_of

if TYPE_CHECKING:
    from aptui.edit.base import Command


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("periode", help="créer, déplacer, couper, supprimer les périodes ; proposer "
                                   "des périodes entre les vacances",
                                   description="Chaque changement est vérifié aussitôt (APT301–303).")
    verbs = parser.add_subparsers(dest="verb", metavar="ACTION", required=True)
    create = _verb(verbs, "creer", "une nouvelle période", _create)
    create.add_argument("debut", type=day_arg, metavar="DÉBUT")
    create.add_argument("fin", type=day_arg, metavar="FIN")
    create.add_argument("--id", metavar="ID", help="défaut : le premier P<n> libre")
    move = _verb(verbs, "deplacer", "de nouvelles dates pour une période", _move)
    move.add_argument("id", metavar="PÉRIODE")
    move.add_argument("debut", type=day_arg, metavar="DÉBUT")
    move.add_argument("fin", type=day_arg, metavar="FIN")
    split = _verb(verbs, "couper", "couper une période en deux à une date", _split)
    split.add_argument("id", metavar="PÉRIODE")
    split.add_argument("date", type=day_arg, metavar="DATE", help="premier jour de la seconde partie")
    split.add_argument("--nouvelle", metavar="ID", help="identifiant de la seconde partie (défaut : P<n> libre)")
    delete = _verb(verbs, "supprimer", "supprimer une période vide (sans groupes, séances ni bilans)", _delete)
    delete.add_argument("id", metavar="PÉRIODE")
    _verb(verbs, "proposer", "remplacer les périodes (vides) par celles proposées entre les vacances", _propose)


def _verb(verbs: Any, name: str, help_text: str, build: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = verbs.add_parser(name, help=help_text, description=help_text)
    add_school_option(parser)
    add_year_option(parser)
    parser.set_defaults(run=lambda args: run_built(args, build))
    return parser


def _create(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_periods import CreatePeriod

    return [CreatePeriod(year_of(args), args.debut, args.fin, args.id)]


def _move(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_periods import MovePeriod

    return [MovePeriod(year_of(args), args.id, args.debut, args.fin)]


def _split(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_periods import SplitPeriod

    return [SplitPeriod(year_of(args), args.id, args.date, args.nouvelle)]


def _delete(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_periods import DeletePeriod

    return [DeletePeriod(year_of(args), args.id)]


def _propose(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_periods import ProposePeriods

    return [ProposePeriods(year_of(args))]
