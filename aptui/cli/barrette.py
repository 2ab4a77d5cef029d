"""`aptui barrette creer|modifier|supprimer`: the shared AP slots of a year."""

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
    parser = subparsers.add_parser("barrette", help="créer, modifier, supprimer une barrette (créneau commun)",
                                   description="Les barrettes d'une année ; une division n'est que dans une "
                                   "barrette à la fois.")
    verbs = parser.add_subparsers(dest="verb", metavar="ACTION", required=True)
    create = _verb(verbs, "creer", "une nouvelle barrette", _create)
    create.add_argument("id", metavar="BARRETTE")
    create.add_argument("--jour", required=True, choices=v.WEEKDAYS[:6])
    create.add_argument("--debut", required=True, metavar="HH:MM")
    create.add_argument("--duree", required=True, type=int, metavar="MINUTES")
    create.add_argument("--divisions", required=True, metavar="D1,D2")
    edit = _verb(verbs, "modifier", "jour, heure, durée ou divisions", _edit)
    edit.add_argument("id", metavar="BARRETTE")
    edit.add_argument("--jour", choices=v.WEEKDAYS[:6])
    edit.add_argument("--debut", metavar="HH:MM")
    edit.add_argument("--duree", type=int, metavar="MINUTES")
    edit.add_argument("--divisions", metavar="D1,D2")
    delete = _verb(verbs, "supprimer", "supprimer une barrette sans groupe", _delete)
    delete.add_argument("id", metavar="BARRETTE")


def _verb(verbs: Any, name: str, help_text: str, build: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = verbs.add_parser(name, help=help_text, description=help_text)
    add_school_option(parser)
    add_year_option(parser)
    parser.set_defaults(run=lambda args: run_built(args, build))
    return parser


def _divisions(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(d.strip() for d in text.split(",") if d.strip())


def _create(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_year import CreateBarrette

    return [CreateBarrette(year_of(args), args.id, args.jour, args.debut, args.duree, _divisions(args.divisions) or ())]


def _edit(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_year import EditBarrette

    if all(x is None for x in (args.jour, args.debut, args.duree, args.divisions)):
        raise UsageError("rien à modifier : donnez --jour, --debut, --duree ou --divisions")
    return [EditBarrette(year_of(args), args.id, args.jour, args.debut, args.duree, _divisions(args.divisions))]


def _delete(args: argparse.Namespace) -> Sequence[Command]:
    from aptui.edit.commands_setup_year import DeleteBarrette

    return [DeleteBarrette(year_of(args), args.id)]
