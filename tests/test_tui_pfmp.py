"""The PFMP weeks in the real app: beside the division's budget and in the head of the dashboard
(who is away today), and in a student's detail pane, at 120x40 and 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import NARROW, WIDE, press, running, screen_text

from aptui.tui.screens.dashboard import DashboardScreen
from aptui.tui.screens.students import StudentsScreen
from aptui.tui.widgets.budget_bar import BudgetBars

MELEC = "years/2025-2026/divisions/2MELEC1.yaml"


def declare(root: Path) -> None:
    """2MELEC1 in companies from 17/11 to 28/11 (the app's today, 20/11, is inside), and in March."""
    path = root / MELEC
    path.write_text(path.read_text(encoding="utf-8") + "pfmp:\n  - du: 2025-11-17\n    au: 2025-11-28\n"
                    "  - du: 2026-03-09\n    au: 2026-03-27\n    motif: PFMP 2\n", encoding="utf-8")


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_dashboard_shows_who_is_away_and_each_division_pfmp(mini_school: Path, size: tuple[int, int]) -> None:
    declare(mini_school)
    async with running(mini_school, size=size) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        text = screen_text(pilot.app)
        assert "En PFMP aujourd'hui : 2MELEC1 (jusqu'au 28/11)" in text
        rows = {r.division: r for r in screen.query_one(BudgetBars).rows}
        assert [(str(a), str(b)) for a, b in rows["2MELEC1"].placements] == [
            ("2025-11-17", "2025-11-28"), ("2026-03-09", "2026-03-27")]
        assert rows["2MSPC1"].placements == ()
        assert "2MELEC1 (2nde, 4)  PFMP 17/11→28/11" in text


async def test_no_pfmp_no_line(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        assert "En PFMP" not in screen_text(pilot.app)


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_student_detail_lists_the_pfmp_of_their_division(mini_school: Path, size: tuple[int, int]) -> None:
    declare(mini_school)
    async with running(mini_school, size=size) as pilot:
        await press(pilot, "2")
        screen = pilot.app.screen
        assert isinstance(screen, StudentsScreen) and screen.selected_id == "e01"
        detail = str(screen.query_one("#student-detail-text").render())
        assert "PFMP (stages en entreprise)" in detail
        assert "2025-2026, 2MELEC1 : 5 semaine(s)" in detail  # 2 weeks in November, 3 in March
        assert "du 17/11/2025 au 28/11/2025" in detail and "du 09/03/2026 au 27/03/2026 — PFMP 2" in detail
        await press(pilot, "down", "down", "down", "down")  # e05, of 2MSPC1: no PFMP
        assert screen.selected_id == "e05"
        detail = str(screen.query_one("#student-detail-text").render())
        assert "PFMP" not in detail  # no section for a division without PFMP


def test_the_appel_sheet_leaves_out_students_in_pfmp(mini_school: Path) -> None:
    """G-APPRO on 25/11 holds e01, e02 (2MELEC1, in PFMP) and e05, e08: only the last two are to mark,
    unless a mark was already taken (it is shown, never dropped)."""
    from datetime import date

    from aptui.model.analysis import Analysis
    from aptui.pipeline import load_school
    from aptui.tui.data.attendance import members_on, plan

    declare(mini_school)
    analysis = Analysis(load_school(mini_school, use_cache=False).school)
    year = analysis.school.years["2025-2026"]
    assert set(members_on(analysis, year, "P2", "G-APPRO", date(2025, 11, 25))) == {"e05", "e08"}
    assert set(members_on(analysis, year, "P2", "G-APPRO", date(2025, 11, 25), frozenset({"e01"}))) == {
        "e01", "e05", "e08"}
    sheet = plan(analysis, year, "P2", year.groups[("P2", "G-APPRO")], date(2025, 11, 25))
    assert set(sheet.members) == {"e01", "e02", "e05", "e08"}  # the recorded marks of e01, e02 stay visible
    assert set(members_on(analysis, year, "P2", "G-APPRO", date(2025, 12, 2))) == {"e01", "e02", "e05", "e08"}
