"""Keys typed in one burst (faster than the app handles them) land where the user meant them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input
from tui_support import line_diff, press, running, settle

from aptui.tui.dialogs.base import FormDialog
from aptui.tui.screens.my_sessions import MySessionsScreen
from aptui.tui.screens.students import StudentsScreen

METHODO_SESSIONS = "years/2025-2026/sessions/P2/G-METHODO.yaml"


async def burst(pilot: Pilot[None], keys: list[str | tuple[str, str]]) -> None:
    """Send every key to the app at once, as a terminal does when the user types fast (no pause in between);
    a (key, character) pair is sent as such (what Textual makes of a terminal's ESC + a key)."""
    driver = pilot.app._driver  # noqa: SLF001
    assert driver is not None
    for key in keys:
        if isinstance(key, tuple):
            key, char = key
        else:
            char = key if len(key) == 1 else {"space": " "}.get(key)
        event = events.Key(key, char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await settle(pilot)
    await settle(pilot)


def letters(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


async def test_tab_then_text_in_one_burst_fills_the_right_fields(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "2")
        student = pilot.app.screen.selected_id  # type: ignore[attr-defined]
        await press(pilot, "d")
        assert isinstance(pilot.app.screen, FormDialog)
        await burst(pilot, ["tab", *letters("test rapide"), "tab", *letters("score moyen")])
        await press(pilot, "ctrl+s")
        text = (mini_school / "students" / f"{student}.yaml").read_text(encoding="utf-8")
        assert "test rapide" in text and "score moyen" in text, text


async def test_keys_typed_while_a_dialog_opens_reach_its_first_field(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "3")
        await burst(pilot, ["n", *letters("PROJET")])
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-group").value == "G-PROJET"  # type: ignore[attr-defined]


async def test_filter_key_then_a_name_in_one_burst_types_the_name(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "2")
        screen = pilot.app.screen
        await burst(pilot, ["slash", *letters("arnaud")])
        assert pilot.app.screen is screen
        assert screen.query_one("#students-filter").value == "arnaud"  # type: ignore[attr-defined]


async def test_text_typed_right_after_enter_goes_where_the_focus_went(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "2")
        screen = pilot.app.screen
        await press(pilot, "slash")
        await burst(pilot, [*letters("arnaud"), "enter", "d"])
        assert screen.query_one("#students-filter").value == "arnaud"  # type: ignore[attr-defined]
        assert isinstance(pilot.app.screen, FormDialog)  # « d » after Entrée: a diagnostic for the student found


async def test_keys_typed_after_entree_on_my_sessions_go_to_the_appel_it_opens(mini_school: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APTUI_STAFF", "adurand")
    before = (mini_school / METHODO_SESSIONS).read_bytes()
    async with running(mini_school, today=date(2025, 11, 25)) as pilot:
        await press(pilot, "M")
        assert isinstance(pilot.app.screen, MySessionsScreen)
        await burst(pilot, ["enter", "P", "a", "ctrl+s", "escape"])  # the whole appel, typed in one go
        await settle(pilot)
        assert isinstance(pilot.app.screen, MySessionsScreen)
    after = (mini_school / METHODO_SESSIONS).read_bytes()
    assert line_diff(before, after) == (["      e03: present"], ["      e03: absent"])  # the first student, absent


async def test_escape_then_a_screen_key_at_once_leaves_the_field_and_switches(mini_school: Path) -> None:
    # a terminal sends Échap + « 2 » typed together as ESC 2, which Textual reads as alt+2
    async with running(mini_school) as pilot:
        await press(pilot, "3", "slash")
        box = pilot.app.screen.query_one("#board-filter", Input)
        assert pilot.app.focused is box
        await press(pilot, "alt+2")
        assert isinstance(pilot.app.screen, StudentsScreen)
        assert box.value == ""


async def test_escape_then_a_number_key_as_a_terminal_sends_it_switches_screen(mini_school: Path) -> None:
    # Textual reads ESC 2 as « ™ » (the character of a Mac's Option+2), not as alt+2
    async with running(mini_school) as pilot:
        await press(pilot, "3", "slash")
        box = pilot.app.screen.query_one("#board-filter", Input)
        await burst(pilot, [("trade_mark_sign", "™")])
        assert isinstance(pilot.app.screen, StudentsScreen)
        assert box.value == ""


async def test_a_pound_sign_typed_in_a_field_stays_text(mini_school: Path) -> None:
    # « £ » is Maj+$ on a French keyboard, and what Textual reads ESC 3 as: in a text field it is the character
    async with running(mini_school) as pilot:
        await press(pilot, "2", "slash")
        box = pilot.app.screen.query_one("#students-filter", Input)
        await burst(pilot, [("pound_sign", "£"), ("en_dash", "–")])
        assert box.value == "£–" and pilot.app.focused is box
        await press(pilot, "escape")  # leaves the field (and empties the filter)
        assert pilot.app.focused is not box and pilot.app.current_mode == "students"
        await burst(pilot, [("pound_sign", "£")])  # out of a field: Échap then 3
        assert pilot.app.current_mode == "groups"


async def test_escape_then_a_letter_at_once_never_types_the_letter_in_the_field(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "2", "slash")
        box = pilot.app.screen.query_one("#students-filter", Input)
        await burst(pilot, letters("ar"))
        await burst(pilot, [("alt+shift+c", "C")])  # what a terminal's ESC C becomes
        assert "C" not in box.value  # Échap left the field (and emptied the filter, as a lone Échap does)
        assert pilot.app.focused is not box
