"""The default author is the person using the app (the clone's staff id), never the pilote on their behalf."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from textual.widgets import Select
from tui_support import press, running

from aptui.tui.dialogs.base import FormDialog
from aptui.tui.screens.attendance import AttendanceScreen


def git_clone_of(root: Path, staff: str) -> None:
    """The school as a git repository whose local config says who uses it."""
    for args in (("init", "-q"), ("config", "user.name", "Bruno Petit"), ("config", "user.email", "bp@example.org"),
                 ("config", "aptui.staff", staff), ("add", "-A"), ("commit", "-qm", "École")):
        subprocess.run(["git", *args], cwd=root, check=True)


async def test_staff_of_the_clone_is_the_default_author_everywhere(mini_school: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("APTUI_STAFF", raising=False)
    git_clone_of(mini_school, "bpetit")  # the pilote is adurand
    async with running(mini_school) as pilot:
        await press(pilot, "2", "i")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-teacher", Select).value == "bpetit"
        await press(pilot, "escape", "5", "enter")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-author", Select).value == "bpetit"


async def test_appel_opens_on_a_group_of_the_person_using_the_app(mini_school: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APTUI_STAFF", "adurand")  # teaches G-METHODO, not the first group G-APPRO
    async with running(mini_school) as pilot:
        await press(pilot, "4")
        screen = pilot.app.screen
        assert isinstance(screen, AttendanceScreen)
        assert screen.choice == ("P2", "G-METHODO")


async def test_nobody_known_means_no_invented_author(mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("APTUI_STAFF", raising=False)  # not a git clone: nobody said who they are
    async with running(mini_school) as pilot:
        await press(pilot, "5", "enter")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-author", Select).value is Select.NULL  # not the pilote (adurand)
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is dialog  # the author must be chosen
