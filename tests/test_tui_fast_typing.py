"""Keys typed in one burst (faster than the app handles them) land where the user meant them."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from tui_support import press, running, settle

from aptui.tui.dialogs.base import FormDialog


async def burst(pilot: Pilot[None], keys: list[str]) -> None:
    """Send every key to the app at once, as a terminal does when the user types fast (no pause in between)."""
    driver = pilot.app._driver  # noqa: SLF001
    assert driver is not None
    for key in keys:
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
