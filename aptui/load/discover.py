"""Find the school files under a root folder and read their bytes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from aptui.layout import FileRole, classify

SKIPPED_DIRS = frozenset({".git", "schema", "node_modules", "__pycache__", ".venv"})


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A school file found on disk, with its role read from its path."""

    path: str  # relative, "/"-separated
    role: FileRole | None  # None: a .yaml file the layout does not know


def find_school_files(root: Path) -> list[SourceFile]:
    """Every .yaml file of the school, sorted by path; unknown ones have no role."""
    found: list[SourceFile] = []
    root_str = str(root)
    for folder, dirs, files in os.walk(root_str):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        rel_folder = os.path.relpath(folder, root_str).replace(os.sep, "/")
        for name in files:
            if not name.endswith((".yaml", ".yml")) or name.startswith("."):
                continue
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            found.append(SourceFile(rel, classify(rel)))
    found.sort(key=lambda source: source.path)
    return found


def is_school_root(root: Path) -> bool:
    return (root / "school.yaml").is_file()
