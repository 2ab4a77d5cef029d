"""`aptui validate [PATH] [--format text|json] [--no-cache]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from aptui.diagnostics import Diagnostic
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
    parser.add_argument("--names", action="store_true",
                        help="nommer les élèves même hors d'un terminal (par défaut : leur identifiant, "
                             "pour que les journaux de CI ne contiennent pas de noms)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    saved = None if args.no_cache else saved_check(args.path)
    if saved is not None:
        diagnostics, documents = saved
        return report(args, diagnostics, documents, Path(args.path or "."))
    # Imported here: a warm run (nothing changed since the last check) needs none of it.
    from aptui.cli.common import UsageError, open_school, school_root, usage_error

    try:
        result = open_school(args.path, use_cache=not args.no_cache)
    except UsageError as exc:
        return usage_error(str(exc))
    return report(args, result.diagnostics, len(result.documents), school_root(args.path))


def saved_check(path: str | None) -> tuple[list[Diagnostic], int] | None:
    """The diagnostics saved by the last check, if no school file changed since (load/snapshot.py)."""
    root = Path(path or ".")
    if not (root / "school.yaml").is_file():
        return None  # let open_school explain
    from aptui.edit.journal_recover import recover
    from aptui.load import snapshot

    for line in recover(root):  # an edit a crash interrupted is completed first (edit/journal.py)
        sys.stderr.write(line + "\n")
    state = snapshot.read(root, "checked")
    return None if state is None else (list(state[0]), int(state[1]))


def report(args: argparse.Namespace, diagnostics: list[Diagnostic], documents: int, root: Path) -> int:
    errors = [d for d in diagnostics if d.is_error]
    shown = errors if args.errors_only else diagnostics
    if args.format == "json":
        print(format_json(shown))
    else:
        text = format_text(shown, root)
        if text:
            print(text)
        print(summary(diagnostics, documents), file=sys.stderr)
    return 1 if errors else 0
