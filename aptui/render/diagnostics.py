"""Render diagnostics for people (path:line:col + excerpt + caret) and for machines (JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from aptui.diagnostics import Diagnostic, count
from aptui.load.guard import line_window, source_lines


def _source_line(root: Path, diag: Diagnostic, cache: dict[str, list[str]]) -> str | None:
    if diag.loc.line <= 0 or not diag.loc.path:
        return None
    if diag.loc.path not in cache:
        # never a link out of the school, a FIFO or a device (load/guard.py): its content is not shown
        cache[diag.loc.path] = source_lines(root, diag.loc.path)
    lines = cache[diag.loc.path]
    return lines[diag.loc.line - 1] if diag.loc.line <= len(lines) else None


def format_text(diags: Iterable[Diagnostic], root: Path, excerpts: bool = True) -> str:
    """`path:line:col: error CODE: message`, then the line and a caret under the fault."""
    out: list[str] = []
    cache: dict[str, list[str]] = {}
    for diag in diags:
        loc = diag.loc
        out.append(f"{loc.path}:{loc.line}:{loc.column}: {diag.severity.value} {diag.code}: {diag.message}")
        source = _source_line(root, diag, cache) if excerpts else None
        if source is not None and source.strip():
            shown, column = line_window(source, loc.column)
            out.append(f"    {shown}")
            out.append("    " + " " * max(0, column - 1) + "^")
    return "\n".join(out)


def summary(diags: list[Diagnostic], files: int) -> str:
    errors, warnings = count(diags)
    if not errors and not warnings:
        return f"{files} fichiers vérifiés : aucun problème."
    return f"{files} fichiers vérifiés : {errors} erreur(s), {warnings} avertissement(s)."


def format_json(diags: Iterable[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diags], ensure_ascii=False, indent=2)
