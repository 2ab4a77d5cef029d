"""`aptui validate [PATH] [--format text|json] [--no-cache]`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from aptui.cli.common import UsageError, open_school, school_root, usage_error
from aptui.render.diagnostics import format_json, format_text, summary


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="vérifier les fichiers de l'école (schémas, références, calendrier, budget, groupes, appel)",
        description="Vérifie toute l'école et liste tous les problèmes (fichier:ligne:colonne).",
    )
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="format de sortie")
    parser.add_argument("--no-cache", action="store_true", help="relire tous les fichiers (mesure à froid)")
    parser.add_argument("--errors-only", action="store_true", help="n'afficher que les erreurs")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = open_school(args.path, use_cache=not args.no_cache)
    except UsageError as exc:
        return usage_error(str(exc))
    diags = result.errors if args.errors_only else result.diagnostics
    if args.format == "json":
        print(format_json(diags))
    else:
        text = format_text(diags, school_root(args.path))
        if text:
            print(text)
        print(summary(result.diagnostics, len(result.documents)), file=sys.stderr)
    return 1 if result.errors else 0
