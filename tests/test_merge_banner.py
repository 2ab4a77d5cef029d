"""A merge waiting for choices is said at the top of the dashboard, and the Git screen names a file
with conflict markers as a conflict to decide (not as an unreadable file)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_git_conflict_entries import SESSIONS, _entry_numbers, conflicted
from tui_support import NARROW, WIDE, press, running, screen_text

from aptui.gitsync import conflicts as cf
from aptui.gitsync import entries as ce
from aptui.gitsync.runner import Git
from aptui.tui.data.merge_state import merge_state


@pytest.fixture(autouse=True)
def no_global_git_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path_factory.mktemp("gitconfig") / "config"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def test_the_count_is_the_entries_left_to_decide(tmp_path: Path) -> None:
    bare, anne, bruno = conflicted(tmp_path)
    assert merge_state(bruno, Git(bruno)) is None  # no merge there
    state = merge_state(anne, Git(anne))
    assert state is not None and state.waiting == 3  # two marks and an interview, in two files
    numbers = _entry_numbers(anne)
    listed = ce.entries(cf.list_records(Git(anne)))
    ce.choose(Git(anne), next(e for e in listed if e.number == numbers["e06"]), "local")
    state = merge_state(anne, Git(anne))
    assert state is not None and state.waiting == 2


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_the_dashboard_says_a_merge_waits_and_the_git_screen_names_the_conflict(
        tmp_path: Path, size: tuple[int, int]) -> None:
    _, anne, _ = conflicted(tmp_path)
    async with running(anne, size=size) as pilot:
        text = screen_text(pilot.app)  # type: ignore[arg-type]
        head = text.split("\n")[:4]
        assert any("Fusion en cours : 3 conflit(s) à trancher" in line for line in head), text
        assert "écran Git (7), touche x" in text
        await press(pilot, "7")
        pending = str(pilot.app.screen.query_one("#git-pending").render())
        assert f"{SESSIONS} : conflit à trancher (x)" in pending, pending
        assert "illisible" not in pending
        assert "Fusion en cours : 3 conflit(s) à trancher (touche x)" in str(
            pilot.app.screen.query_one("#git-head").render())
        await press(pilot, "x")
        for _ in range(3):
            await press(pilot, "L")  # the same side for each file's entries
        await press(pilot, "escape", "1")
        text = screen_text(pilot.app)  # type: ignore[arg-type]
        assert "conflit(s) à trancher" not in text
        assert "conflits tranchés : terminez-la" in text, text
