"""The app's conventions through the real app: help that scrolls, a palette of every screen's actions in French,
a keymap file, redo, a question before undoing twice in a row, French words for Textual's leftovers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.containers import VerticalScroll
from textual.widgets import Button, Select
from tui_support import (
    NARROW,
    WIDE,
    notifications,
    press,
    running,
    screen_text,
    settle,
    shown,
    snapshot_files,
    type_text,
)

from aptui.tui.dialogs import FormDialog, YesNoDialog
from aptui.tui.screens.attendance import AttendanceScreen
from aptui.tui.screens.dashboard import DashboardScreen
from aptui.tui.screens.groups import GroupsScreen
from aptui.tui.screens.help import HelpScreen

APPRO = "years/2025-2026/groups/P2/G-APPRO.yaml"
APPRO_SESSIONS = "years/2025-2026/sessions/P2/G-APPRO.yaml"
ENGLISH = re.compile(r"\b(Focus Next|Copy selected text|Dismiss|Quit|Keys|Screenshot|question_mark|"
                     r"left_square_bracket|Submit|Toggle)\b")


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
async def test_help_scrolls_from_the_keyboard_to_every_key(mini_school: Path, size: tuple[int, int]) -> None:
    async with running(mini_school, size=size) as pilot:
        await press(pilot, "4", "question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        box = pilot.app.screen.query_one("#help-box", VerticalScroll)
        assert box.has_focus and box.scroll_y == 0 and box.max_scroll_y > 0
        first = screen_text(pilot.app)
        assert "Aide — Appel" in first and "Présent" in first
        seen = first
        for _ in range(40):  # page after page, down to the end
            await press(pilot, "pagedown")
            seen += screen_text(pilot.app)
        assert box.scroll_y == box.max_scroll_y
        for text in ("Cet écran — La séance", "attendance.save", "Cet écran — La liste", "Partout", "Rétablir",
                     "ctrl+y", "Changer d'écran", "Écran « Git »", "Dans un champ", "keymap.toml"):
            assert text in seen, text
        assert not ENGLISH.findall(seen)
        await press(pilot, "home")
        assert box.scroll_y == 0
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, AttendanceScreen)


async def test_palette_runs_an_action_of_another_screen_with_french_names(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        assert isinstance(pilot.app.screen, DashboardScreen)
        await press(pilot, "ctrl+p")
        assert isinstance(pilot.app.screen, CommandPalette)
        listed = screen_text(pilot.app)
        assert "Chercher une action" in listed
        await type_text(pilot, "Recharger")  # the app's g, never offered before
        assert "Recharger" in screen_text(pilot.app)
        await press(pilot, "escape", "ctrl+p")
        await type_text(pilot, "Aide")
        assert "?" in screen_text(pilot.app) and "question_mark" not in screen_text(pilot.app)
        await press(pilot, "escape", "ctrl+p")
        await type_text(pilot, "couleurs")
        text = screen_text(pilot.app)
        assert "Thème des couleurs" in text and "Change the current theme" not in text
        await press(pilot, "escape", "ctrl+p")
        await type_text(pilot, "Groupes : Nouveau groupe")
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, FormDialog)
        assert "Nouveau groupe (P2, barrette B-2NDE)" in screen_text(pilot.app)
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, GroupsScreen)


async def test_palette_finds_without_accents_and_says_nothing_found_in_french(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "ctrl+p")
        await type_text(pilot, "deplacer")  # « Groupes : Déplacer »
        assert "Groupes : Déplacer" in screen_text(pilot.app)
        await press(pilot, "escape", "ctrl+p")
        await type_text(pilot, "zzzzqq")
        text = await shown(pilot, "Aucune action ne correspond")  # the palette says so after half a second
        assert "Aucune action ne correspond" in text and "No matches found" not in text


async def test_a_keymap_file_remaps_a_key(mini_school: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"attendance.absent" = "z"\n[app]\nundo = "ctrl+u"\nnope = "k"\n', encoding="utf-8")
    monkeypatch.setenv("APTUI_KEYMAP", str(keymap))
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        assert any("identifiant inconnu « app.nope »" in n for n in notifications(pilot.app))
        await press(pilot, "4")
        screen = pilot.app.screen
        assert isinstance(screen, AttendanceScreen)
        footer = screen_text(pilot.app).splitlines()[-1]
        assert "a Absent" not in footer and "z Absent" in footer  # the user's key, in its place
        await press(pilot, "a")  # no longer a mark
        assert not screen.dirty
        await press(pilot, "z", "ctrl+s", "o")  # 25/11 is after today (20/11): asked first, Oui
        assert screen.marks["e01"] == "absent" and not screen.dirty
        await press(pilot, "question_mark")
        help_text = screen_text(pilot.app)
        assert re.search(r"\bz\s+Absent\s+attendance\.absent", help_text)
        await press(pilot, "escape", "ctrl+u")  # undo, remapped
    assert snapshot_files(mini_school) == before


async def test_a_broken_keymap_is_said_in_french_and_the_app_keeps_its_keys(
        mini_school: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"attendance.absent" = \n', encoding="utf-8")
    monkeypatch.setenv("APTUI_KEYMAP", str(keymap))
    async with running(mini_school) as pilot:
        assert any("n'est pas du TOML valide" in n for n in notifications(pilot.app))
        await press(pilot, "4", "a")
        assert pilot.app.screen.dirty  # type: ignore[attr-defined]


async def rename_appro(pilot, title: str) -> None:  # type: ignore[no-untyped-def]
    await press(pilot, "r")
    pilot.app.screen.query_one("#field-title").value = title  # type: ignore[attr-defined]
    await press(pilot, "ctrl+s")


async def test_redo_beside_undo(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await press(pilot, "3")
        await rename_appro(pilot, "Approfondissement BTS")
        renamed = snapshot_files(mini_school)
        await press(pilot, "ctrl+z")
        assert snapshot_files(mini_school) == before
        await press(pilot, "ctrl+y")
        assert snapshot_files(mini_school) == renamed
        assert any(n.startswith("Rétabli : P2 : le groupe") for n in notifications(pilot.app))
        assert "Approfondissement BTS" in screen_text(pilot.app)
        await press(pilot, "ctrl+y")
        assert any("Rien à rétablir" in n for n in notifications(pilot.app))


async def test_a_quick_second_undo_asks_first_with_no_as_default(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        now = [1000.0]
        pilot.app.clock = lambda: now[0]
        await press(pilot, "3")
        original = (mini_school / APPRO).read_bytes()
        await rename_appro(pilot, "Premier titre")
        first = (mini_school / APPRO).read_bytes()
        await rename_appro(pilot, "Second titre")
        await press(pilot, "ctrl+z")
        assert (mini_school / APPRO).read_bytes() == first
        now[0] += 1.0
        await press(pilot, "ctrl+z")
        assert isinstance(pilot.app.screen, YesNoDialog)
        assert "Annuler aussi la modification précédente ?" in screen_text(pilot.app)
        assert "« P2 : le groupe « Approfondissement » (G-APPRO) devient « Premier titre » »" in screen_text(pilot.app)
        assert [(str(b.label), b.has_focus) for b in pilot.app.screen.query(Button)] == [("Oui", False), ("Non", True)]
        await press(pilot, "enter")  # Non
        assert (mini_school / APPRO).read_bytes() == first
        await press(pilot, "ctrl+z", "o")  # asked again (still quick): Oui
        assert (mini_school / APPRO).read_bytes() == original
        await press(pilot, "ctrl+y", "ctrl+y")
        now[0] += 60.0  # a minute later: an undo is a new decision, no question
        await press(pilot, "ctrl+z")
        assert not isinstance(pilot.app.screen, YesNoDialog)
        assert (mini_school / APPRO).read_bytes() == first


async def test_textual_leftovers_speak_french(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "4")
        select = pilot.app.screen.query_one("#appel-group", Select)
        select.focus()
        await settle(pilot)
        await press(pilot, "enter")  # the list opens
        text = screen_text(pilot.app)
        assert "Fermer la liste" in text and "Dismiss menu" not in text
        assert "^p Palette" in text
        await press(pilot, "escape")
        await press(pilot, "ctrl+c")  # nothing unsaved: quits, no « Do you want to quit? »
        assert not pilot.app.is_running
