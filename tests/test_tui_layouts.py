"""Layouts that fit: at 120x40 and 80x24 the sortable columns and the bilans' target are on screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable
from tui_support import NARROW, WIDE, press, running, screen_text, shown, type_text

SAMPLE = Path(__file__).parent.parent / "sample_school"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "school"))


async def logged(pilot: Pilot[None]) -> None:
    """Wait until the Git screen shows its log (read in a thread, shown from it later)."""
    for _ in range(500):
        await pilot.app.workers.wait_for_complete()
        if pilot.app.screen.query_one("#git-log", DataTable).row_count:
            return
        await pilot.pause(0.02)
    raise AssertionError("le journal git ne s'est pas affiché")


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
        text = await shown(pilot, "semaine par semaine")
        assert "semaine par semaine" in text, text
        assert "Heures par division" in text and "Élèves à suivre" in text


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_git_log_keeps_room_for_the_changes(mini_school: Path, size: tuple[int, int]) -> None:
    import subprocess

    for args in (("init", "-q"), ("config", "user.name", "Anne Durand"), ("config", "user.email", "ad@example.org"),
                 ("add", "-A"), ("commit", "-qm", "École")):
        subprocess.run(["git", *args], cwd=mini_school, check=True)
    async with running(mini_school, size=size) as pilot:
        await press(pilot, "7")
        await logged(pilot)
        header = line_of(screen_text(pilot.app), "Date")
        assert "Changements" in header
        assert ("Commit" in header) == (size == WIDE)  # at 80 columns the id is in the detail only
        rows = [line for line in screen_text(pilot.app).splitlines()
                if "Durand" in line and "Auteur des commits" not in line and "·" not in line]
        assert rows and ("A. Durand" in rows[0]) == (size == NARROW), screen_text(pilot.app)


async def test_columns_are_chosen_again_when_the_terminal_is_resized(sample: Path) -> None:
    async with running(sample, size=WIDE) as pilot:
        await press(pilot, "5")
        bilans = pilot.app.screen
        wide = [c.width for c in bilans.query_one("#bilan-table").columns.values()]  # type: ignore[attr-defined]
        await pilot.resize_terminal(*NARROW)
        await press(pilot)
        narrow = [c.width for c in bilans.query_one("#bilan-table").columns.values()]  # type: ignore[attr-defined]
        assert narrow != wide
        header = line_of(screen_text(pilot.app), "Élève")
        assert "Vers" in header and header.split()[-1] in {"Vers", "Motif"}, header
        assert "André Baptiste" in screen_text(pilot.app)  # the rows are shown again
        await press(pilot, "2", "s", "s", "s", "s", "s")  # Élèves sorted on the attendance rate, at 80 columns
        assert pilot.app.screen.sort_column == "rate"  # type: ignore[attr-defined]
        await pilot.resize_terminal(*WIDE)
        await press(pilot)
        assert "Présence" in line_of(screen_text(pilot.app), "Nom").split("│")[0]  # the sorted column stays
        await press(pilot, "5")  # resized back while Élèves was shown: Bilans is laid out wide again
        assert [c.width for c in bilans.query_one("#bilan-table").columns.values()] == wide  # type: ignore[attr-defined]


async def test_git_log_columns_follow_a_resize(mini_school: Path) -> None:
    import subprocess

    for args in (("init", "-q"), ("config", "user.name", "Anne Durand"), ("config", "user.email", "ad@example.org"),
                 ("add", "-A"), ("commit", "-qm", "École")):
        subprocess.run(["git", *args], cwd=mini_school, check=True)
    async with running(mini_school, size=WIDE) as pilot:
        await press(pilot, "7")
        await logged(pilot)
        assert "Commit" in line_of(screen_text(pilot.app), "Date")
        await pilot.resize_terminal(*NARROW)
        await press(pilot)
        header = line_of(screen_text(pilot.app), "Date")
        assert "Commit" not in header and "Changements" in header, header
        assert any("A. Durand" in line for line in screen_text(pilot.app).splitlines())


async def test_bilans_at_80_columns_cut_cells_with_an_ellipsis_and_say_the_bilan_whole_below(sample: Path) -> None:
    from aptui.tui.screens.bilans import BilansScreen

    async with running(sample, size=NARROW) as pilot:
        await press(pilot, "5")
        screen = pilot.app.screen
        assert isinstance(screen, BilansScreen)
        screen.period_id = "P1"
        screen.refresh_data()
        await press(pilot)
        name = next(r.name for r in screen.shown if r.bilan and r.bilan.to_group == "GT-SOUTIEN-MATHS")
        await press(pilot, "slash")
        await type_text(pilot, name)
        await press(pilot, "enter")
        text = screen_text(pilot.app)
        assert line_of(text, "Élève").split()[:2] == ["Élève", "Div."], text
        row = line_of(text, name)
        assert "GT-SOUTI…" in row and "GT-SOUTIEN-MATHS" not in row, row
        below = str(screen.query_one("#bilan-comment").render())
        assert "Changement de groupe → GT-SOUTIEN-MATHS" in below and "Objectifs" in below, below
