"""The Appel screen driven through the real app: one key per status, saved as a session."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Select
from tui_support import (
    changed_paths,
    line_diff,
    notifications,
    press,
    running,
    school_errors,
    screen_text,
    settle,
    snapshot_files,
    type_text,
)

from aptui.tui.dialogs import UnsavedDialog
from aptui.tui.screens.attendance import AttendanceScreen

APPRO_SESSIONS = "years/2025-2026/sessions/P2/G-APPRO.yaml"


async def open_appel(pilot) -> AttendanceScreen:  # type: ignore[no-untyped-def]
    await press(pilot, "4")
    screen = pilot.app.screen
    assert isinstance(screen, AttendanceScreen)
    return screen


async def test_default_group_and_day_then_correct_one_mark(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        screen = await open_appel(pilot)
        # today is Thursday 20/11: the group's next meeting (Tuesday 25/11) is already recorded
        assert screen.query_one("#appel-group", Select).value == "P2/G-APPRO"
        assert screen.query_one("#appel-date", Input).value == "2025-11-25"
        text = screen_text(pilot.app)
        assert "mardi 25/11/2025 · 14:00 (120 min) · séance enregistrée" in text
        assert "3 présent(s), 1 absent(s), 0 excusé(s), 0 en retard, 0 à noter" in text
        assert "ctrl+s" not in text.split("à noter")[1].splitlines()[0]  # nothing to save yet
        assert not screen.dirty
        table = screen.query_one("#appel-table", DataTable)
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == [
            "Arnaud Zoé", "Bernier Yanis", "Eymard Lina", "Huet Rayan"]
        await press(pilot, "down", "down", "x")  # Eymard Lina: excused instead of absent
        assert screen.dirty
        assert table.cursor_row == 3  # the cursor moved to the next student
        assert "0 absent(s), 1 excusé(s)" in screen_text(pilot.app)
        assert snapshot_files(mini_school) == before  # nothing written before ctrl+s
        await press(pilot, "ctrl+s")
        assert not screen.dirty
        after = snapshot_files(mini_school)
        assert changed_paths(before, after) == [APPRO_SESSIONS]
        assert line_diff(before[APPRO_SESSIONS], after[APPRO_SESSIONS]) == (
            ["      e05: absent"], ["      e05: excuse"])
        assert school_errors(mini_school) == []
        await press(pilot, "ctrl+z")
        assert snapshot_files(mini_school) == before
        assert "1 absent(s), 0 excusé(s)" in screen_text(pilot.app)


async def test_new_session_with_every_status_activity_and_note(mini_school: Path) -> None:
    sessions = mini_school / APPRO_SESSIONS
    text = sessions.read_text(encoding="utf-8")
    sessions.write_text(text[:text.index("  - date: 2025-12-16")], encoding="utf-8")  # not recorded yet
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        screen = await open_appel(pilot)
        await press(pilot, "d")  # the date field is entered on purpose; its text is selected: typing replaces it
        assert screen.query_one("#appel-date", Input).has_focus
        await type_text(pilot, "2025-12-17")
        await press(pilot, "enter")
        assert "la barrette B-2NDE a lieu le mardi" in screen_text(pilot.app)
        await press(pilot, "left_square_bracket")
        assert screen.query_one("#appel-date", Input).value == "2025-12-16"
        assert screen.query_one("#appel-table", DataTable).has_focus
        assert "mardi 16/12/2025 · 14:00 (120 min) · nouvelle séance" in screen_text(pilot.app)
        assert "a lieu le" not in screen_text(pilot.app)
        assert "0 à noter" not in screen_text(pilot.app)
        await press(pilot, "p", "a", "r", "x")
        screen.query_one("#appel-activity", Input).value = "Fiches de révision"
        screen.query_one("#appel-notes", Input).value = "Groupe calme"
        await settle(pilot)
        assert "1 présent(s), 1 absent(s), 1 excusé(s), 1 en retard, 0 à noter" in screen_text(pilot.app)
        await press(pilot, "ctrl+s")
        assert any("Enregistré" in n for n in notifications(pilot.app))
        assert "séance enregistrée" in screen_text(pilot.app)
    after = snapshot_files(mini_school)
    assert changed_paths(before, after) == [APPRO_SESSIONS]
    removed, added = line_diff(before[APPRO_SESSIONS], after[APPRO_SESSIONS])
    assert removed == []
    assert added == [
        "  - date: 2025-12-16", '    debut: "14:00"', "    duree_min: 120", "    activite: Fiches de révision",
        "    notes: Groupe calme", "    appel:", "      e01: present", "      e02: absent", "      e05: retard",
        "      e08: excuse"]
    assert school_errors(mini_school) == []


async def test_step_days_and_unsaved_marks_asked_about(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        screen = await open_appel(pilot)
        await press(pilot, "right_square_bracket")
        assert screen.query_one("#appel-date", Input).value == "2025-12-02"
        await press(pilot, "left_square_bracket", "left_square_bracket")
        assert screen.query_one("#appel-date", Input).value == "2025-11-18"
        await press(pilot, "a")
        await press(pilot, "right_square_bracket")
        assert isinstance(pilot.app.screen, UnsavedDialog)  # asked, not dropped
        await press(pilot, "escape")  # Rester
        assert pilot.app.screen is screen and screen.dirty
        assert screen.query_one("#appel-date", Input).value == "2025-11-18"


async def test_editor_opens_sessions_file_at_the_mark(mini_school: Path, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tui_support import editor_env

    log = editor_env(monkeypatch, tmp_path)
    async with running(mini_school) as pilot:
        await open_appel(pilot)
        await press(pilot, "down", "down", "e")
    lines = (mini_school / APPRO_SESSIONS).read_text(encoding="utf-8").splitlines()
    assert log.read_text(encoding="utf-8").splitlines() == [
        f"+{lines.index('      e05: absent') + 1}", str(mini_school / APPRO_SESSIONS)]


async def test_slash_filters_the_members_and_marks_the_one_found(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        screen = await open_appel(pilot)
        table = screen.query_one("#appel-table", DataTable)
        box = screen.query_one("#appel-filter", Input)
        assert not box.display

        def names() -> list[str]:
            return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]

        await press(pilot, "slash")
        assert box.display and box.has_focus
        await type_text(pilot, "lina")  # by first name; the status keys are typed into the filter
        assert names() == ["Eymard Lina"]
        await press(pilot, "enter")  # back to the table
        assert table.has_focus
        await press(pilot, "r")  # late: marks the student shown, not the first member
        assert screen.marks["e05"] == "retard" and screen.marks["e01"] != "retard"
        box.value = "e02"  # by id
        await settle(pilot)
        assert names() == ["Bernier Yanis"]
        box.value = "personne"
        await settle(pilot)
        assert names() == ["Aucun élève ne correspond à « personne »"]
        marks = dict(screen.marks)
        await press(pilot, "p")  # nobody under the cursor: nothing marked
        assert screen.marks == marks
        await press(pilot, "escape")  # clears and hides the filter; the marks are kept
        assert box.value == "" and not box.display
        assert names() == ["Arnaud Zoé", "Bernier Yanis", "Eymard Lina", "Huet Rayan"]
        assert screen.marks["e05"] == "retard" and screen.dirty
        assert "1 en retard" in screen_text(pilot.app)


async def test_the_day_after_a_session_whose_appel_was_not_taken_opens_on_it(mini_school: Path) -> None:
    from datetime import date

    path = mini_school / APPRO_SESSIONS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("  - date: 2025-11-25\n")
    end = lines.index("  - date: 2025-12-02\n")
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")  # Tuesday 25/11 not taken
    async with running(mini_school, today=date(2025, 11, 26)) as pilot:  # Wednesday
        screen = await open_appel(pilot)
        assert screen.query_one("#appel-group", Select).value == "P2/G-APPRO"
        assert screen.query_one("#appel-date", Input).value == "2025-11-25"
        assert "mardi 25/11/2025 · 14:00 (120 min) · nouvelle séance" in screen_text(pilot.app)
