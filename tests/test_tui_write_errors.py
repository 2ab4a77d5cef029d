"""A disk that refuses an edit (read-only folder, full disk): a French dialog, the app keeps running, the edit
is kept in memory and written by a retry once the disk allows it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from tui_support import NARROW, WIDE, notifications, press, running, screen_text, settle, snapshot_files

from aptui.edit import MoveStudent
from aptui.edit import journal as jr
from aptui.tui.dialogs import YesNoDialog
from aptui.tui.messages import EditRequested

YEAR = "2025-2026"
APPRO = f"years/{YEAR}/groups/P2/G-APPRO.yaml"
METHODO = f"years/{YEAR}/groups/P2/G-METHODO.yaml"


def flat(text: str) -> str:
    """The dialog's words with the frame and the line wrapping removed."""
    return " ".join(word for word in text.replace("█", " ").split())


def refuse_writes(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """The disk refuses every write (as a read-only folder does for a user who is not root)."""

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(jr, "_stage", refused)


@pytest.mark.parametrize(("code", "french", "size"), [(errno.EROFS, "seule", WIDE), (errno.ENOSPC, "plein", WIDE),
                                                      (errno.EACCES, "refusé", NARROW)])
async def test_a_refused_write_is_a_french_dialog_the_edit_is_kept_and_retried(
        mini_school: Path, monkeypatch: pytest.MonkeyPatch, code: int, french: str, size: tuple[int, int]) -> None:
    before = snapshot_files(mini_school)
    move = MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", None)
    async with running(mini_school, size=size) as pilot:
        app = pilot.app
        with monkeypatch.context() as disk:
            refuse_writes(disk, code)
            app.post_message(EditRequested(move))
            await settle(pilot)
            assert isinstance(app.screen, YesNoDialog)
            text = flat(screen_text(app))
            assert "Écriture impossible" in text and french in text and "Rien n'a été" in text
            await press(pilot, "o")  # retry at once: still refused, asked again
            assert isinstance(app.screen, YesNoDialog)
            await press(pilot, "n")  # not now: kept
            assert any("ctrl+r" in n for n in notifications(app))
            assert app.is_running and snapshot_files(mini_school) == before
            assert app.unwritten is not None
        await press(pilot, "ctrl+r")  # the disk allows it again
        assert app.is_running and app.unwritten is None
        after = snapshot_files(mini_school)
        assert sorted(p for p in after if after[p] != before.get(p)) == [APPRO, METHODO]
        assert "e06" in (mini_school / APPRO).read_text()
        await press(pilot, "ctrl+z")  # and it is undoable like any edit
        assert snapshot_files(mini_school) == before


async def test_a_really_read_only_school(mini_school: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anyway: the simulated case above covers it")
    groups = mini_school / f"years/{YEAR}/groups/P2"
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        groups.chmod(0o555)
        try:
            pilot.app.post_message(EditRequested(MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", None)))
            await settle(pilot)
            assert "droit d'écriture refusé" in flat(screen_text(pilot.app))
            await press(pilot, "n")
            assert snapshot_files(mini_school) == before
        finally:
            groups.chmod(0o755)
        await press(pilot, "ctrl+r")
        assert "e06" in (mini_school / APPRO).read_text()
