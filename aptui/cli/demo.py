"""`aptui demo`: a copy of the sample school in a fresh git repository with a short history, opened in the app."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from aptui.cli.common import UsageError, usage_error
from aptui.cli.tui import open_app, parse_today

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGED_SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample_school"
"""Where an installed wheel keeps the sample school (copied there at build time: see setup.py)."""
SOURCES = (REPO_ROOT / "sample_school", PACKAGED_SAMPLE, REPO_ROOT / "tests" / "fixtures" / "mini_school")

DEMO_EDITS = 12  # dated edits after the import commits: « aptui diff HEAD~5..HEAD » reads like a meeting
DEMO_SEED = 2025


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="essayer aptui sur une école d'exemple (copie dans un dépôt git temporaire)",
        description="Copie l'école d'exemple dans un nouveau dossier temporaire, en fait un dépôt git avec un "
        "court historique, affiche son chemin et l'ouvre dans l'application.",
    )
    parser.add_argument("--source", metavar="DOSSIER", help="école à copier (défaut : sample_school/)")
    parser.add_argument("--no-open", action="store_true", help="créer le dépôt sans ouvrir l'application")
    parser.add_argument("--today", metavar="AAAA-MM-JJ", help="date du jour à utiliser dans l'application")
    parser.set_defaults(run=run)


def source_school(explicit: str | None) -> Path:
    if explicit:
        path = Path(explicit)
        if not (path / "school.yaml").is_file():
            raise UsageError(f"« {path} » n'est pas une école aptui (pas de school.yaml)")
        return path
    for candidate in SOURCES:
        if (candidate / "school.yaml").is_file():
            return candidate
    raise UsageError("aucune école d'exemple trouvée (sample_school/ ni tests/fixtures/mini_school/)")


def history_steps(root: Path) -> list[tuple[str, str, list[str]]]:
    """(author role, message, paths) of each import commit (see aptui.gen.history.import_steps)."""
    from aptui.gen.history import import_steps

    return import_steps(root)


def build_demo(source: Path, target: Path, edits: int = DEMO_EDITS) -> Path:
    """Copy a school into target, make it a git repository with a believable history.

    The files are committed as a team would have written them, then ``edits``
    dated edits by several teachers (attendance, moves, bilans, interviews).
    """
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".git", "__pycache__"))
    if not (target / "schema").is_dir():
        from aptui.scaffold import install_schemas

        install_schemas(target)
    from aptui.gen.history import build_history

    build_history(target, edits, DEMO_SEED)
    return target


def demo_today(repo: Path, real_today: date) -> date | None:
    """The day the demo's history ends, when the real today lies past it (the sample is a finished year)."""
    last = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=repo, capture_output=True, text=True).stdout
    try:
        end = date.fromisoformat(last.strip())
    except ValueError:
        return None
    return end if real_today > end else None


def run(args: argparse.Namespace) -> int:
    try:
        source = source_school(args.source)
        today = parse_today(args.today)
    except UsageError as exc:
        return usage_error(str(exc))
    target = Path(tempfile.mkdtemp(prefix="aptui-demo-")) / "ecole"
    build_demo(source, target)
    print(f"École de démonstration : {target}")
    if today is None:
        today = demo_today(target, date.today())
        if today is not None:
            print(f"(l'école d'exemple s'arrête en {today:%m/%Y} : l'application s'ouvre au {today:%d/%m/%Y} ; "
                  "--today AAAA-MM-JJ pour une autre date)")
    print(f"(historique : aptui log {target} ; la dernière réunion : aptui diff HEAD~5..HEAD {target})")
    if args.no_open:
        return 0
    return open_app(target, today)
