"""An appel cannot be lost: leaving, changing session or quitting with unsaved marks asks; keys never land in a field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, Select
from tui_support import line_diff, press, running, screen_text, settle, snapshot_files, type_text

from aptui.edit import MoveStudent, apply_command
from aptui.tui.dialogs import UnsavedDialog, YesNoDialog
from aptui.tui.screens.attendance import AttendanceScreen
from aptui.tui.screens.dashboard import DashboardScreen
from aptui.tui.screens.students import StudentsScreen

APPRO_SESSIONS = "years/2025-2026/sessions/P2/G-APPRO.yaml"
METHODO_SESSIONS = "years/2025-2026/sessions/P2/G-METHODO.yaml"


async def appel_with_two_absents(pilot) -> AttendanceScreen:  # type: ignore[no-untyped-def]
    """Session of 25/11 in G-APPRO: Arnaud Zoé (e01) and Bernier Yanis (e02) marked absent, not saved."""
    await press(pilot, "4")
    screen = pilot.app.screen
    assert isinstance(screen, AttendanceScreen)
    await press(pilot, "a", "a")
    assert screen.dirty
    return screen


async def save_ahead(pilot) -> None:  # type: ignore[no-untyped-def]
    """« Enregistrer » in the question, then Oui to « an appel still to come? » (TODAY is before these sessions)."""
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, YesNoDialog)
    await press(pilot, "o")


def dialog_buttons(pilot) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    return [(str(b.label), b.has_focus) for b in pilot.app.screen.query(Button)]


@pytest.mark.parametrize("key", ["q", "ctrl+c", "ctrl+q"])
async def test_quitting_with_unsaved_marks_asks_and_save_writes_them(mini_school: Path, key: str) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await appel_with_two_absents(pilot)
        assert "Non enregistré" in screen_text(pilot.app)
        await press(pilot, key)
        assert isinstance(pilot.app.screen, UnsavedDialog)
        assert "Appel de G-APPRO du 25/11/2025 : pas encore enregistré" in screen_text(pilot.app)
        assert dialog_buttons(pilot) == [("Enregistrer", True), ("Abandonner", False), ("Rester", False)]
        assert snapshot_files(mini_school) == before
        await save_ahead(pilot)  # the default: Enregistrer
        assert not pilot.app.is_running
    after = snapshot_files(mini_school)
    assert line_diff(before[APPRO_SESSIONS], after[APPRO_SESSIONS]) == (
        ["      e01: present", "      e02: present"], ["      e01: absent", "      e02: absent"])


async def test_stay_keeps_the_marks_and_discard_quits_without_writing(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        screen = await appel_with_two_absents(pilot)
        await press(pilot, "q", "p", "a", "x")  # typing on: no letter answers the question
        assert isinstance(pilot.app.screen, UnsavedDialog)
        await press(pilot, "escape")  # Rester
        assert pilot.app.screen is screen and screen.dirty and pilot.app.is_running
        assert screen.marks["e01"] == "absent" and screen.marks["e02"] == "absent"
        await press(pilot, "q", "tab", "enter")  # Abandonner
        assert not pilot.app.is_running
    assert snapshot_files(mini_school) == before


async def test_changing_screen_asks_and_discard_shows_the_files_again(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        screen = await appel_with_two_absents(pilot)
        await press(pilot, "2")
        assert isinstance(pilot.app.screen, UnsavedDialog)
        await press(pilot, "tab", "enter")  # Abandonner
        assert isinstance(pilot.app.screen, StudentsScreen)
        await press(pilot, "4")
        assert pilot.app.screen is screen and not screen.dirty
        assert screen.marks["e01"] == "present"
    assert snapshot_files(mini_school) == before


async def test_escape_in_a_field_leaves_the_field_not_the_screen(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await press(pilot, "4")
        screen = pilot.app.screen
        assert isinstance(screen, AttendanceScreen)
        await press(pilot, "n")
        notes = screen.query_one("#appel-notes", Input)
        assert notes.has_focus
        await type_text(pilot, "Bien")
        await press(pilot, "escape")
        assert pilot.app.screen is screen and screen.query_one("#appel-table", DataTable).has_focus
        assert notes.value == "Bien" and screen.dirty
        assert "Non enregistré" in screen_text(pilot.app)
        await press(pilot, "escape")  # now from the table: back to the dashboard, asked first
        assert isinstance(pilot.app.screen, UnsavedDialog)
        await save_ahead(pilot)
        assert isinstance(pilot.app.screen, DashboardScreen)
    after = snapshot_files(mini_school)
    assert line_diff(before[APPRO_SESSIONS], after[APPRO_SESSIONS]) == ([], ["    notes: Bien"])


async def test_marks_and_screen_keys_never_land_in_a_text_field(mini_school: Path) -> None:
    """The trap: a note « a24q » saved by trying to mark, change screen and quit from a field reached by Tab."""
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await press(pilot, "4")
        screen = pilot.app.screen
        assert isinstance(screen, AttendanceScreen)
        await press(pilot, "n")
        await type_text(pilot, "Groupe calme")
        await press(pilot, "enter")  # leaves the field
        for _ in range(4):  # Tab never enters the texts: only the group list and the table take the focus
            await press(pilot, "tab")
            assert not isinstance(pilot.app.focused, Input)
        screen.query_one("#appel-table", DataTable).focus()
        await press(pilot, "a", "2")
        assert isinstance(pilot.app.screen, UnsavedDialog)
        await press(pilot, "escape", "q")
        assert isinstance(pilot.app.screen, UnsavedDialog)
        await save_ahead(pilot)
        assert not pilot.app.is_running
    after = snapshot_files(mini_school)
    assert line_diff(before[APPRO_SESSIONS], after[APPRO_SESSIONS]) == (
        ["      e01: present"], ["    notes: Groupe calme", "      e01: absent"])


async def test_changing_the_group_asks_and_save_then_shows_the_other_group(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        screen = await appel_with_two_absents(pilot)
        select = screen.query_one("#appel-group", Select)
        select.value = "P2/G-METHODO"  # as if chosen in the list
        await settle(pilot)
        assert isinstance(pilot.app.screen, UnsavedDialog)
        assert select.value == "P2/G-APPRO"  # the list shows the session still open
        await save_ahead(pilot)  # Enregistrer
        assert select.value == "P2/G-METHODO" and screen.choice == ("P2", "G-METHODO")
        assert not screen.dirty
    after = snapshot_files(mini_school)
    assert line_diff(before[APPRO_SESSIONS], after[APPRO_SESSIONS])[1] == ["      e01: absent", "      e02: absent"]


async def test_three_appels_in_a_row_fast_lose_nothing(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        screen = await appel_with_two_absents(pilot)
        await press(pilot, "right_square_bracket", "enter", "o")  # asked: saved, then the next session
        assert screen.day == date(2025, 12, 2)
        await press(pilot, "a", "right_square_bracket", "enter", "o")
        assert screen.day == date(2025, 12, 9)
        await press(pilot, "down", "x", "q", "enter", "o")
        assert not pilot.app.is_running
    sessions = (mini_school / APPRO_SESSIONS).read_text(encoding="utf-8")
    removed, added = line_diff(before[APPRO_SESSIONS], sessions.encode())
    assert added == ["      e01: absent", "      e02: absent", "      e01: absent", "      e02: excuse"]


async def test_saving_an_old_session_keeps_the_mark_of_a_student_moved_since(mini_school: Path) -> None:
    # a dated move made without carrying the marks: e05's 02/12 mark is left in G-APPRO (APT601)
    apply_command(mini_school, MoveStudent("2025-2026", "P2", "e05", "G-APPRO", "G-METHODO", "Besoin de méthode",
                                           date(2025, 12, 2)))
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        screen = await appel_with_two_absents(pilot)
        await press(pilot, "right_square_bracket", "enter", "o")
        assert screen.day == date(2025, 12, 2)
        assert "noté(s) sans être membre(s) ce jour-là" in screen_text(pilot.app)
        await press(pilot, "a", "ctrl+s", "o")  # a day ahead of TODAY: asked, Oui
    after = snapshot_files(mini_school)
    removed, added = line_diff(before[APPRO_SESSIONS], after[APPRO_SESSIONS])
    assert "      e05: present" not in removed  # kept, not dropped silently
    assert after[APPRO_SESSIONS].decode().count("e05: present") == before[APPRO_SESSIONS].decode().count("e05: present")


async def test_marks_left_behind_when_the_school_broke_are_asked_about_at_quit(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        screen = await appel_with_two_absents(pilot)
        school = mini_school / "school.yaml"
        good = school.read_bytes()
        school.write_bytes(good + b"nom: [oops\n")  # someone breaks the school: the app goes to Problems
        pilot.app.check_disk()
        await settle(pilot)
        assert not isinstance(pilot.app.screen, AttendanceScreen)
        school.write_bytes(good)
        await press(pilot, "q")
        assert isinstance(pilot.app.screen, UnsavedDialog)  # back to the appel, asked
        assert pilot.app.screen_stack[-2] is screen
        await press(pilot, "escape")
        assert pilot.app.is_running and screen.dirty


async def test_an_action_of_another_screen_from_the_palette_asks_first(mini_school: Path) -> None:
    from textual.command import CommandPalette

    async with running(mini_school) as pilot:
        screen = await appel_with_two_absents(pilot)
        await press(pilot, "ctrl+p")
        assert isinstance(pilot.app.screen, CommandPalette)
        await type_text(pilot, "Groupes : Nouveau groupe")
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, UnsavedDialog)
        await press(pilot, "escape")  # Rester
        assert pilot.app.screen is screen and screen.dirty
