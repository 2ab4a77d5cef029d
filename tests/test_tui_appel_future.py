"""An appel with marks on a day after today asks before saving, Non focused; the past and today do not ask."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Button
from tui_support import line_diff, press, running, screen_text, snapshot_files, type_text

from aptui.tui import labels as L
from aptui.tui.data.attendance import future_marks
from aptui.tui.dialogs import UnsavedDialog, YesNoDialog
from aptui.tui.screens.attendance import AttendanceScreen

APPRO_SESSIONS = "years/2025-2026/sessions/P2/G-APPRO.yaml"


@given(st.dates(), st.dates(), st.dictionaries(st.sampled_from(["e01", "e02", "e05"]),
                                               st.sampled_from(["present", "absent", "excuse", "retard"])))
@settings(max_examples=200)
def test_only_marks_after_today_are_doubtful(day: date, today: date, marks: dict[str, str]) -> None:
    assert future_marks(day, today, marks) == (len(marks) if day > today else 0)


async def _mark_e05_excused(pilot) -> AttendanceScreen:  # type: ignore[no-untyped-def]
    await press(pilot, "4")
    screen = pilot.app.screen
    assert isinstance(screen, AttendanceScreen)
    assert screen.day == date(2025, 11, 25)
    await press(pilot, "down", "down", "x")
    return screen


async def test_non_is_focused_and_writes_nothing_then_oui_saves(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school, today=date(2025, 11, 20)) as pilot:
        screen = await _mark_e05_excused(pilot)
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, YesNoDialog)
        text = screen_text(pilot.app)  # type: ignore[arg-type]
        assert "Enregistrer un appel à venir ?" in text
        assert "25/11/2025" in text and "20/11/2025" in text and "4 marque(s)" in text, text
        assert [(str(b.label), b.has_focus) for b in pilot.app.screen.query(Button)] == [("Oui", False), ("Non", True)]
        await press(pilot, "enter")  # the default: Non
        assert snapshot_files(mini_school) == before
        assert isinstance(pilot.app.screen, AttendanceScreen) and screen.dirty  # the marks are still there
        await press(pilot, "ctrl+s", "o")
        assert not screen.dirty
    after = snapshot_files(mini_school)
    assert line_diff(before[APPRO_SESSIONS], after[APPRO_SESSIONS]) == (["      e05: absent"], ["      e05: excuse"])


async def test_the_day_itself_and_the_past_save_without_a_question(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school, today=date(2025, 11, 25)) as pilot:
        screen = await _mark_e05_excused(pilot)
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, AttendanceScreen) and not screen.dirty
    after = snapshot_files(mini_school)
    assert line_diff(before[APPRO_SESSIONS], after[APPRO_SESSIONS]) == (["      e05: absent"], ["      e05: excuse"])


async def test_saving_from_the_quit_question_asks_about_a_day_still_to_come(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school, today=date(2025, 11, 20)) as pilot:
        screen = await _mark_e05_excused(pilot)
        await press(pilot, "q")
        assert isinstance(pilot.app.screen, UnsavedDialog)
        await press(pilot, "enter")  # Enregistrer
        assert isinstance(pilot.app.screen, YesNoDialog)
        assert "Enregistrer un appel à venir ?" in screen_text(pilot.app)  # type: ignore[arg-type]
        assert [(str(b.label), b.has_focus) for b in pilot.app.screen.query(Button)] == [("Oui", False), ("Non", True)]
        await press(pilot, "enter")  # the default: Non, nothing written, the app stays on the appel
        assert snapshot_files(mini_school) == before
        assert pilot.app.is_running and pilot.app.screen is screen and screen.dirty
        await press(pilot, "q", "enter", "o")
        assert not pilot.app.is_running
    after = snapshot_files(mini_school)
    assert line_diff(before[APPRO_SESSIONS], after[APPRO_SESSIONS]) == (["      e05: absent"], ["      e05: excuse"])


async def test_leaving_for_another_screen_asks_about_a_closure_day_too(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school, today=date(2026, 1, 8)) as pilot:
        await press(pilot, "4", "d")
        await type_text(pilot, "23/12/2025")  # a Tuesday of the Christmas holidays
        await press(pilot, "enter")
        screen = pilot.app.screen
        assert isinstance(screen, AttendanceScreen) and screen.day == date(2025, 12, 23)
        await press(pilot, "a")
        assert screen.dirty
        await press(pilot, "2", "enter")  # another screen, Enregistrer
        assert isinstance(pilot.app.screen, YesNoDialog)
        assert L.APPEL_SAVE_ODD_DAY in screen_text(pilot.app)  # type: ignore[arg-type]
        await press(pilot, "enter")  # Non
        assert snapshot_files(mini_school) == before and pilot.app.screen is screen
