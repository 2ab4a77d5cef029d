"""`aptui diff [REV_RANGE] [PATH] [--format text|markdown|json] [--no-budget]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from aptui.gitsync.render import FORMATTERS
from aptui.gitsync.runner import GitError
from aptui.gitsync.semantic import semantic_diff


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="les changements de l'école en mots du métier (déplacements, appel, bilans, budget)",
        description=(
            "Décrit ce qui a changé entre deux états de l'école : déplacements d'élèves (avec le motif "
            "ou le bilan), arrivées et départs, groupes créés ou supprimés, enseignants, appel, bilans, "
            "entretiens, et l'effet sur le budget horaire. Sans révision : ce qui n'est pas encore "
            "enregistré (commit). « A..B » : de A à B ; « A...B » : depuis leur ancêtre commun ; "
            "« A » : de A à la copie de travail. Le format markdown se colle dans une merge request."
        ),
    )
    parser.add_argument("rev_range", nargs="?", default=None, metavar="RÉVISIONS",
                        help="ex. HEAD~5..HEAD, main...ma-branche, HEAD~1 (défaut : non enregistré)")
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    parser.add_argument("--format", choices=tuple(FORMATTERS), default="text", help="format de sortie")
    parser.add_argument("--no-budget", action="store_true", help="ne pas calculer l'effet sur le budget horaire")
    parser.add_argument("--only", action="append", default=[], metavar="CHEMIN",
                        help="limiter à un fichier ou un dossier de l'école (répétable)")
    parser.set_defaults(run=run)


def _split_args(args: argparse.Namespace) -> tuple[str | None, Path]:
    """`aptui diff DOSSIER` (a folder, no range) is accepted too."""
    rev_range, path = args.rev_range, args.path
    if rev_range is not None and path == "." and Path(rev_range).is_dir() and ".." not in rev_range:
        return None, Path(rev_range)
    return rev_range, Path(path)


def run(args: argparse.Namespace) -> int:
    rev_range, root = _split_args(args)
    if not root.is_dir():
        sys.stderr.write(f"aptui : erreur d'utilisation : le dossier « {root} » n'existe pas\n")
        return 2
    try:
        report = semantic_diff(root, rev_range, tuple(args.only), budget=not args.no_budget)
    except GitError as exc:
        sys.stderr.write(f"aptui diff : {exc.message}\n")
        return 2
    print(FORMATTERS[args.format](report))
    return 0
