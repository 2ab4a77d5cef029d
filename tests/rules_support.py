"""Helpers of the rule tests: a copy of the mini school with a few text changes, its diagnostics
as exact, comparable strings, and the Analysis of the same load."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from conftest import MINI_SCHOOL

from aptui.model.analysis import Analysis
from aptui.pipeline import load_school

Change = dict[str, str]


def change(file: str, find: str, replace: str) -> Change:
    return {"file": file, "find": find, "replace": replace}


def write(file: str, text: str) -> Change:
    return {"file": file, "write": text}


def apply(root: Path, changes: list[Change]) -> None:
    for item in changes:
        target = root / item["file"]
        if "delete" in item:
            target.unlink()
            continue
        if "day" in item:
            _drop_mark(target, item["day"], item["student"])
            continue
        if "write" in item:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(item["write"], encoding="utf-8")
            continue
        text = target.read_text(encoding="utf-8")
        assert item["find"] in text, f"{item['find']!r} not in {item['file']}"
        target.write_text(text.replace(item["find"], item["replace"], 1), encoding="utf-8")


def delete(file: str) -> Change:
    return {"file": file, "delete": "yes"}


def drop_mark(file: str, day: str, student: str) -> Change:
    """Remove one student's mark from the session of ``day`` in a sessions file."""
    return {"file": file, "day": day, "student": student}


def mini(tmp_path: Path, changes: list[Change] | None = None) -> Path:
    root = tmp_path / "school"
    shutil.copytree(MINI_SCHOOL, root)
    apply(root, changes or [])
    return root


def _drop_mark(target: Path, day: str, student: str) -> None:
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- date: {day}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("- date:")), len(lines))
    mark = next(i for i in range(start, end) if lines[i].strip().startswith(f"{student}:"))
    del lines[mark]
    target.write_text("".join(lines), encoding="utf-8")


def diagnostics(root: Path) -> list[str]:
    """Every diagnostic as "severity CODE path:line", sorted, duplicates kept."""
    result = load_school(root, use_cache=False)
    return sorted(f"{d.severity.value} {d.code} {d.loc.path}:{d.loc.line}" for d in result.diagnostics)


def analysis(root: Path) -> Analysis:
    return Analysis(load_school(root, use_cache=False).school)


def messages(root: Path, code: str) -> list[str]:
    return [d.message for d in load_school(root, use_cache=False).diagnostics if d.code == code]


def approx(value: Any, digits: int = 6) -> Any:
    return round(value, digits) if isinstance(value, float) else value
