"""Footers that fit: at 120x40 and 80x24 every screen's footer shows its main keys whole and « ? Aide »."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey
from tui_support import NARROW, WIDE, opened, press, running, screen_text

from aptui.tui.labels_footer import FOOTER_SHORT
from aptui.tui.widgets.footer import KeysFooter

SAMPLE = Path(__file__).parent.parent / "sample_school"
SCREEN_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "M"]
MAIN_SHOWN = {WIDE: 6, NARROW: 4}
"""How many of a screen's main keys (the first ones of its FOOTER_KEYS that apply) the footer shows at least."""


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "school"))


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_every_footer_shows_its_main_keys_whole_and_the_help(sample: Path, size: tuple[int, int]) -> None:
    async with running(sample, size=size) as pilot:
        for key in SCREEN_KEYS:
            await press(pilot, key)
            screen = pilot.app.screen
            footer = screen.query_one(KeysFooter)
            keys = [k for k in footer.query(FooterKey) if not k.has_class("-command-palette")]
            palette = footer.query_one(".-command-palette", FooterKey)
            actions = [k.action for k in keys]
            assert "help" in actions, (key, actions)
            assert all(k.region.right <= palette.region.x for k in keys), (key, [k.region for k in keys])
            active = {b.action for _, b, _, _ in screen.active_bindings.values() if b.show}
            main = [a for a in getattr(screen, "FOOTER_KEYS", ()) if a in active]
            wanted = main[: MAIN_SHOWN[size]]
            assert actions[: len(wanted)] == wanted, (key, actions)
            line = screen_text(pilot.app).splitlines()[-1]
            for shown in keys:
                assert f"{shown.key_display} {shown.description}" in line, (key, line)
            assert "? Aide" in line and "^p Palette" in line, line
            assert all(k.description == FOOTER_SHORT.get(k.action, k.description) for k in keys)


async def test_the_footer_fits_again_after_a_resize(sample: Path) -> None:
    async with running(sample, size=WIDE) as pilot:
        await press(pilot, "4")
        wide = screen_text(pilot.app).splitlines()[-1]
        assert "] Suivante" in wide
        await pilot.resize_terminal(*NARROW)
        await press(pilot)
        narrow = screen_text(pilot.app).splitlines()[-1]
        assert "^s Enregistrer" in narrow and "? Aide" in narrow and "] Suivante" not in narrow, narrow
        await pilot.resize_terminal(*WIDE)
        await press(pilot)
        assert "] Suivante" in screen_text(pilot.app).splitlines()[-1]


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_the_conflicts_screen_footer_shows_its_choices(tmp_path: Path, size: tuple[int, int]) -> None:
    from datetime import date

    from test_git_conflict_entries import conflicted

    from aptui.tui.app import AptuiApp
    from aptui.tui.screens.conflicts import ConflictsScreen

    _, anne, _ = conflicted(tmp_path)
    app = AptuiApp(anne, today=date(2025, 11, 20), poll_seconds=0)
    async with app.run_test(size=size) as pilot:
        await opened(pilot)  # a key pressed behind the loading screen is not a screen key
        await press(pilot, "7", "x")
        await app.workers.wait_for_complete()
        await press(pilot)
        assert isinstance(app.screen, ConflictsScreen)
        line = screen_text(app).splitlines()[-1]
        for shown in ("l Garder local", "d Prendre reçu", "f Terminer", "? Aide", "^p Palette"):
            assert shown in line, line
