"""Layouts that fit: at 120x40 and 80x24 the sortable columns and the bilans' target are on screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tui_support import NARROW, WIDE, press, running, screen_text

SAMPLE = Path(__file__).parent.parent / "sample_school"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "school"))


def line_of(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.strip().startswith(start))


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_students_hours_and_attendance_rate_are_visible(sample: Path, size: tuple[int, int]) -> None:
    async with running(sample, size=size) as pilot:
        await press(pilot, "2")
        text = screen_text(pilot.app)
        header = line_of(text, "Nom")
        assert "Heures" in header and "Présence" in header.split("│")[0], header
        row = line_of(text, "André Baptiste").split("│")[0]
        assert row.rstrip().endswith("%") and " h " in row, row  # « 39,2 h   87 % », whole


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_bilans_target_is_visible(sample: Path, size: tuple[int, int]) -> None:
    async with running(sample, size=size) as pilot:
        await press(pilot, "5")
        header = line_of(screen_text(pilot.app), "Élève")
        assert header.split()[-1] in {"Vers", "Motif"} and "Vers" in header, header


async def test_dashboard_pace_chart_visible_without_scrolling_at_120x40(sample: Path) -> None:
    async with running(sample, size=WIDE) as pilot:
        await pilot.pause(0.2)
        text = screen_text(pilot.app)
        assert "semaine par semaine" in text, text
        assert "Heures par division" in text and "Élèves à suivre" in text
