"""Time awareness and set-up order: a year that is over, a school that lacks its barrettes."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from tui_support import press, running, screen_text

from aptui.tui.dialogs.base import FormDialog, TextDialog
from aptui.tui.screens.year import YearScreen


async def test_dashboard_says_the_year_is_over_and_offers_the_next(mini_school: Path) -> None:
    async with running(mini_school, today=date(2026, 8, 24)) as pilot:
        text = screen_text(pilot.app)
        assert "L'année 2025-2026 est terminée depuis le 04/07/2026" in text
        assert "Y Nouvelle année" in text  # the key, in the footer
        await press(pilot, "Y")
        assert pilot.app.current_mode == "annee" and isinstance(pilot.app.screen_stack[-2], YearScreen)
        assert isinstance(pilot.app.screen, TextDialog)  # the new year's summary, asked before writing
        assert "2026-2027" in screen_text(pilot.app)


async def test_year_running_offers_no_next_year(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        text = screen_text(pilot.app)
        assert "est terminée" not in text and "Année suivante" not in text


async def test_dialogs_default_inside_the_period_after_the_year(mini_school: Path) -> None:
    async with running(mini_school, today=date(2026, 8, 24)) as pilot:
        await press(pilot, "2", "i")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-day").value == "2025-12-19"  # type: ignore[attr-defined]


async def test_board_says_what_is_missing_in_setup_order(tmp_path: Path) -> None:
    root = tmp_path / "ecole"
    subprocess.run([sys.executable, "-m", "aptui", "init", "--name", "Lycée Essai", "--academie", "Lyon",
                    "--pilote", "Anne Martin", "--year", "2025-2026", str(root)], check=True,
                   capture_output=True)
    async with running(root) as pilot:
        await press(pilot, "3")
        text = screen_text(pilot.app)
        assert "Aucune période déclarée" not in text  # periods exist: that was the wrong advice
        assert "À déclarer d'abord : les divisions de 2025-2026" in text


async def test_board_without_barrettes_asks_for_one(mini_school: Path) -> None:
    year = mini_school / "years/2025-2026/year.yaml"
    text = year.read_text(encoding="utf-8")
    head, _, _ = text.partition("barrettes:")
    year.write_text(head + "barrettes: []\n", encoding="utf-8")
    async with running(mini_school) as pilot:
        await press(pilot, "3")
        assert "À déclarer d'abord : une barrette de 2025-2026" in screen_text(pilot.app)
