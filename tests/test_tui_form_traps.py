"""Small traps of the forms, each reproduced in the real app (or on the command's own words)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Input, Select, SelectionList
from tui_support import press, running, screen_text, settle, type_text

from aptui.gitsync.semantic import BudgetEffect
from aptui.tui.dialogs.base import FormDialog
from aptui.tui.dialogs.simple import YesNoDialog
from aptui.tui.screens.groups import GroupsScreen
from aptui.tui.widgets.group_column import GroupColumn


async def test_objective_status_dialog_shows_the_current_status(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "2")
        screen = pilot.app.screen
        screen.query_one("#students-table").move_cursor(row=2)  # type: ignore[attr-defined]
        await settle(pilot)
        assert screen.selected_id == "e03"  # type: ignore[attr-defined]
        student = pilot.app.ctx.school.students["e03"]  # type: ignore[attr-defined]
        await press(pilot, "t")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-status", Select).value == student.objectives[0].status
        if len(student.objectives) > 1:
            dialog.query_one("#field-index", Select).value = "1"
            await settle(pilot)
            assert dialog.query_one("#field-status", Select).value == student.objectives[1].status


async def test_group_id_prefix_is_kept_when_typing(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "3")
        await press(pilot, "n")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        field = dialog.query_one("#field-group", Input)
        assert field.has_focus and field.value == "G-"
        await type_text(pilot, "PROJET")
        assert field.value == "G-PROJET"


async def test_arrows_switch_columns_after_creating_an_empty_group(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "3")
        screen = pilot.app.screen
        assert isinstance(screen, GroupsScreen)
        await press(pilot, "n")
        dialog = pilot.app.screen
        dialog.query_one("#field-group", Input).value = "G-VIDE"
        dialog.query_one("#field-title", Input).value = "Vide"
        dialog.query_one("#field-content_type", Select).value = "passerelle"
        dialog.query_one("#field-teachers", SelectionList).select("bpetit")  # a new group needs its teacher
        await press(pilot, "ctrl+s")
        ids = [c.group_id for c in screen.query(GroupColumn)]
        assert "G-VIDE" in ids
        seen = set()
        for _ in ids:
            await press(pilot, "right")
            current = screen._current_column()  # noqa: SLF001
            assert current is not None, pilot.app.focused
            seen.add(current.group_id)
        assert seen == set(ids)


@given(st.floats(min_value=0, max_value=500), st.floats(min_value=-3, max_value=3))
def test_budget_line_change_is_the_difference_of_the_hours_shown(before: float, change: float) -> None:
    after = max(0.0, before + change)
    if abs(after - before) < 0.01:
        return
    text = BudgetEffect("2025-2026", "2MSPC1", before, after, 90.0).text
    shown = text.split(" : ", 1)[1].split(" pour ")[0]
    first, rest = shown.split(" → ")
    second, delta = rest.split(" (")
    number = lambda t: float(t.replace(" h", "").replace(",", ".").replace("−", "-").replace("+", ""))  # noqa: E731
    assert first != second  # never « 65,0 h → 65,0 h »
    assert abs(number(second) - number(first) - number(delta.rstrip(")"))) < 1e-9


async def test_appel_on_a_closure_day_asks_before_saving_default_no(mini_school: Path) -> None:
    sessions = mini_school / "years/2025-2026/sessions/P2/G-APPRO.yaml"
    before = sessions.read_bytes()
    async with running(mini_school) as pilot:
        await press(pilot, "4", "d")
        screen = pilot.app.screen
        screen.query_one("#appel-date", Input).value = ""
        await type_text(pilot, "11/11/2025")  # Armistice, a Tuesday inside P2
        await press(pilot, "enter", "p", "p", "p", "p", "ctrl+s")
        dialog = pilot.app.screen
        assert isinstance(dialog, YesNoDialog)
        assert "pas de cours" in screen_text(pilot.app)
        await press(pilot, "enter")  # Non is focused: a hurried Entrée writes nothing
        assert pilot.app.screen is screen and sessions.read_bytes() == before
        await press(pilot, "ctrl+s", "o")
        assert "date: 2025-11-11" in sessions.read_text(encoding="utf-8")


async def test_appel_outside_the_period_asks_too(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "4", "d")
        screen = pilot.app.screen
        screen.query_one("#appel-date", Input).value = ""
        await type_text(pilot, "09/06/2026")  # no period then, and the baccalauréat closure
        await press(pilot, "enter", "p", "ctrl+s")
        assert isinstance(pilot.app.screen, YesNoDialog)
        assert "hors de la période P2" in screen_text(pilot.app)
        await press(pilot, "n")
        assert pilot.app.screen is screen
