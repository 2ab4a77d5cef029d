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


_ROLES: dict[str, FileRole | None] = {}  # path -> role: the layout reads paths only, so a path's role never changes


def _role(rel: str) -> FileRole | None:
    try:
        return _ROLES[rel]
    except KeyError:
        role = _ROLES[rel] = classify(rel)
        return role


def remember_roles(roles: dict[str, FileRole]) -> None:
    """Roles already known (the documents of a saved state, classified by this very code): not classified again."""
    for path, role in roles.items():
        _ROLES.setdefault(path, role)


def find_school_files(root: Path) -> list[SourceFile]:
    """Every .yaml file of the school, sorted by path; unknown ones have no role.

    As ``os.walk`` (symlinked folders are not entered), with ``os.scandir``
    and the roles of known paths remembered: the Workspace scans after every
    edit.
    """
    found: list[SourceFile] = []
    stack = [("", str(root))]
    while stack:
        prefix, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if name not in SKIPPED_DIRS and not name.startswith(".") and not entry.is_symlink():
                    stack.append((f"{prefix}{name}/", entry.path))
            elif name.endswith((".yaml", ".yml")) and not name.startswith("."):
                rel = prefix + name
                found.append(SourceFile(rel, _role(rel)))
    found.sort(key=lambda source: source.path)
    return found


def is_school_root(root: Path) -> bool:
    return (root / "school.yaml").is_file()
