"""`aptui [DOSSIER]` and `aptui tui [DOSSIER]`: open the interactive application on a school."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from aptui.cli.common import UsageError, school_root, usage_error


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "tui",
        help="ouvrir l'application (tableau de bord, élèves, groupes, appel, bilans, problèmes)",
        description="Ouvre l'application interactive sur le dossier d'une école (par défaut : le dossier courant).",
    )
    add_arguments(parser)
    parser.set_defaults(run=run)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of the app, shared with `aptui demo`."""
    if not any(action.dest == "path" for action in parser._actions):  # noqa: SLF001 - argparse has no public query
        parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    parser.add_argument("--today", metavar="AAAA-MM-JJ", help="date du jour à utiliser (essais, démonstrations)")


def parse_today(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"date « {text} » invalide : écrivez AAAA-MM-JJ") from None


def open_app(root: Path, today: date | None) -> int:
    """Run the app until the user quits."""
    from aptui.tui.app import AptuiApp

    AptuiApp(root, today=today).run()
    return 0


def run(args: argparse.Namespace) -> int:
    """Open the app; without a subcommand, `aptui DOSSIER` arrives here with the path in sys.argv."""
    path = getattr(args, "path", None) or _path_from_argv()
    try:
        root = school_root(path)
        today = parse_today(getattr(args, "today", None))
    except UsageError as exc:
        return usage_error(str(exc))
    return open_app(root, today)


def _path_from_argv() -> str:
    """The first argument that is not an option, for `aptui DOSSIER` (default: the current folder)."""
    return next((arg for arg in sys.argv[1:] if not arg.startswith("-")), ".")
