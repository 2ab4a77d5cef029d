"""Helpers of the edit-layer tests: file snapshots and line diffs."""

from __future__ import annotations

import difflib
from pathlib import Path

from aptui.diagnostics import Diagnostic
from aptui.edit import AppliedEdit, Command, apply_command
from aptui.pipeline import load_school

YEAR = "2025-2026"
GROUPS_P2 = f"years/{YEAR}/groups/P2"
SESSIONS_P2 = f"years/{YEAR}/sessions/P2"


def files(root: Path) -> dict[str, bytes]:
    """Every file under root (relative "/" path -> bytes)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """Paths created, deleted or modified between two snapshots."""
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


def diff(before: bytes | None, after: bytes | None) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) of a unified diff, without the markers."""
    old = (before or b"").decode().splitlines(keepends=True)
    new = (after or b"").decode().splitlines(keepends=True)
    removed, added = [], []
    for line in difflib.unified_diff(old, new, n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        (removed if line.startswith("-") else added).append(line[1:].rstrip("\n"))
    return removed, added


def apply_and_diff(root: Path, command: Command) -> tuple[AppliedEdit, dict[str, tuple[list[str], list[str]]]]:
    """Apply a command; the line diff of every file it changed (and only those may change)."""
    before = files(root)
    applied = apply_command(root, command)
    after = files(root)
    touched = changed(before, after)
    assert touched == sorted(applied.paths)
    return applied, {p: diff(before.get(p), after.get(p)) for p in touched}


def errors(root: Path) -> list[Diagnostic]:
    return load_school(root, use_cache=False).errors
