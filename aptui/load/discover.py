"""Find the school files under a root folder and read their bytes."""

from __future__ import annotations

import os
from collections.abc import Iterator
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


def yaml_entries(root: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(relative path, entry) of every .yaml file below root, in no particular order.

    As ``os.walk`` (symlinked folders are not entered, hidden names and
    SKIPPED_DIRS are skipped), with ``os.scandir``: the Workspace scans after
    every edit, so this is on the hot path.
    """
    stack = [("", str(root))]
    while stack:
        prefix, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if name not in SKIPPED_DIRS and not entry.is_symlink():
                    stack.append((f"{prefix}{name}/", entry.path))
            elif name.endswith((".yaml", ".yml")):
                yield prefix + name, entry


def find_school_files(root: Path) -> list[SourceFile]:
    """Every .yaml file of the school, sorted by path; unknown ones have no role (roles are remembered)."""
    found = [SourceFile(rel, _role(rel)) for rel, _ in yaml_entries(root)]
    found.sort(key=lambda source: source.path)
    return found


def is_school_root(root: Path) -> bool:
    return (root / "school.yaml").is_file()
