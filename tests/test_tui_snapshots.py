"""Text snapshots of the main screens at 120x40 and 80x24 (the plain text a user reads).

The expected screens are files under tests/snapshots/.  After a deliberate change of
the interface, regenerate them and review the diff before committing:

    APTUI_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_tui_snapshots.py

Fixed day, fixed sizes, a copy of the mini school with one known problem: no clock,
no randomness, so the snapshots never depend on when or where the tests run.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from tui_support import NARROW, WIDE, press, running, screen_text

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("APTUI_UPDATE_SNAPSHOTS") == "1"
SCREENS = [("1", "dashboard"), ("2", "students"), ("3", "groups"), ("4", "attendance"), ("5", "bilans"),
           ("6", "problems"), ("8", "year")]


def check(name: str, text: str) -> str | None:
    """Compare with the stored snapshot (or store it when updating); a diff when different."""
    path = SNAPSHOTS / f"{name}.txt"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
        return None if UPDATE else f"{path.name} n'existait pas : créé, relisez-le"
    expected = path.read_text(encoding="utf-8").rstrip("\n")
    if expected == text:
        return None
    diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), f"{name} attendu", f"{name} obtenu",
                                lineterm="")
    return "\n".join(diff)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
async def test_main_screens(mini_school: Path, size: tuple[int, int]) -> None:
    group = mini_school / "years/2025-2026/groups/P2/G-METHODO.yaml"
    group.write_text(group.read_text(encoding="utf-8").replace("  - e07\n", "  - e07\n  - e99\n"), encoding="utf-8")
    problems = []
    async with running(mini_school, size=size) as pilot:
        for key, name in SCREENS:
            await press(pilot, key)
            text = screen_text(pilot.app)
            assert len(text.splitlines()) == size[1]
            problem = check(f"{name}-{size[0]}x{size[1]}", text)
            if problem:
                problems.append(problem)
    assert not problems, "\n\n".join(problems)
