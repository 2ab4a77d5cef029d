"""Helpers shared by the subcommands: opening a school with clear usage errors."""

from __future__ import annotations

import sys
from pathlib import Path

from aptui.pipeline import LoadResult, NotASchool, load_school


class UsageError(Exception):
    """A mistake in the command line: reported in French, exit status 2."""


def school_root(path: str | None) -> Path:
    root = Path(path or ".")
    if not root.exists():
        raise UsageError(f"le dossier « {root} » n'existe pas")
    if not root.is_dir():
        raise UsageError(f"« {root} » n'est pas un dossier : donnez le dossier de l'école")
    if not (root / "school.yaml").is_file():
        raise UsageError(
            f"« {root} » n'est pas une école aptui (pas de school.yaml) : "
            "donnez le bon dossier, ou créez une école avec « aptui init DOSSIER »"
        )
    return root


def recover_edits(root: Path) -> None:
    """Complete (or undo) an edit a crash interrupted, before reading the school (edit/journal.py)."""
    from aptui.edit.journal_recover import recover

    for line in recover(root):
        sys.stderr.write(line + "\n")


def open_school(path: str | None, use_cache: bool = True) -> LoadResult:
    try:
        root = school_root(path)
        recover_edits(root)
        return load_school(root, use_cache=use_cache)
    except NotASchool as exc:  # pragma: no cover - school_root checks first
        raise UsageError(f"« {exc} » n'est pas une école aptui") from None


def usage_error(message: str) -> int:
    sys.stderr.write(f"aptui : erreur d'utilisation : {message}\n")
    return 2
