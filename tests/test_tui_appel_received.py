"""Unsaved appel marks meet a session changed on disk (a plain ``git pull`` with the app open): saving keeps the
colleague's marks the user did not touch, and a mark both changed is said before it is written.

Real git: a bare remote and two clones; Bruno works with plain git, Anne in the app.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_git_support import ANNE, BRUNO, YEAR, clone, commit, git, make_remote, no_global_git_config, set_mark
from textual.widgets import DataTable, Input
from tui_support import notifications, press, running, settle, type_text

from aptui.tui.data.appel_rebase import rebase_marks, rebase_text
from aptui.tui.screens.attendance import AttendanceScreen

SESSIONS = f"{YEAR}/sessions/P2/G-METHODO.yaml"
DAY = "2025-11-18"  # e03 present, e04 present, e06 absent, e07 present


def marks_on(repo: Path, day: str) -> dict[str, str]:
    text = (repo / SESSIONS).read_text(encoding="utf-8")
    block = text[text.index(f"  - date: {day}"):]
    block = block[:block.find("  - date:", 5)] if "  - date:" in block[5:] else block
    lines = [line.strip() for line in block.splitlines() if line.startswith("      e")]
    return dict(line.split(": ", 1) for line in lines)


async def appel_on(pilot, day: str) -> AttendanceScreen:  # type: ignore[no-untyped-def]
    """The Appel screen on the session of ``day`` of the group it opens on (G-METHODO for adurand)."""
    await press(pilot, "4", "d")
    await type_text(pilot, day)
    await press(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, AttendanceScreen)
    return screen


async def mark(pilot, screen: AttendanceScreen, student: str, key: str) -> None:  # type: ignore[no-untyped-def]
    screen.query_one("#appel-table", DataTable).move_cursor(row=screen.shown.index(student))
    await press(pilot, key)


async def test_a_pull_under_unsaved_marks_keeps_the_colleagues_marks_and_says_the_conflict(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    no_global_git_config(tmp_path, monkeypatch)
    monkeypatch.setenv("APTUI_STAFF", "adurand")  # G-METHODO's teacher: the appel opens on it
    bare = make_remote(tmp_path)
    anne, bruno = clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)
    set_mark(bruno, "G-METHODO", DAY, "e04", "retard")  # only Bruno
    set_mark(bruno, "G-METHODO", DAY, "e06", "present")  # both, differently
    commit(bruno, "Appel du 18/11 corrigé")
    git(bruno, "push", "-q")
    async with running(anne) as pilot:
        screen = await appel_on(pilot, DAY)
        assert isinstance(screen, AttendanceScreen) and screen.plan is not None and str(screen.plan.day) == DAY
        await mark(pilot, screen, "e03", "a")  # only Anne
        await mark(pilot, screen, "e06", "x")
        screen.query_one("#appel-notes", Input).value = "Salle 12"
        assert screen.dirty
        pulled = subprocess.run(["git", "-C", str(anne), "pull", "-q"], capture_output=True, text=True)
        assert pulled.returncode == 0, pulled.stderr
        pilot.app.check_disk()  # type: ignore[attr-defined]  # what the poll timer does every 2 s
        await settle(pilot)
        assert screen.marks["e04"] == "retard" and screen.marks["e03"] == "absent" and screen.marks["e06"] == "excuse"
        said = "\n".join(notifications(pilot.app))  # type: ignore[arg-type]
        assert "Faure Nolan" in said and "reçu « Présent »" in said and "« Excusé » (gardé" in said, said
        assert "Dumas Hugo" not in said  # a mark only the colleague changed is simply taken
        assert screen.dirty
        await press(pilot, "ctrl+s")
        assert not screen.dirty
    assert marks_on(anne, DAY) == {"e03": "absent", "e04": "retard", "e06": "excuse", "e07": "present"}
    assert "Salle 12" in (anne / SESSIONS).read_text(encoding="utf-8")


MARKS = st.sampled_from(["present", "absent", "excuse", "retard"])
STUDENTS = st.sampled_from(["e1", "e2", "e3", "e4", "e5"])


@given(base=st.dictionaries(STUDENTS, MARKS), mine=st.dictionaries(STUDENTS, MARKS),
       received=st.dictionaries(STUDENTS, MARKS), members=st.sets(STUDENTS))
def test_only_the_users_own_changes_move_onto_the_marks_received(base: dict[str, str], mine: dict[str, str],
                                                                 received: dict[str, str], members: set[str]) -> None:
    mine = {**base, **mine}  # the screen starts from base, then the user sets marks
    order = tuple(sorted(members))
    rebased = rebase_marks(base, mine, received, order)
    for student in order:
        changed = student in mine and mine[student] != base.get(student)
        assert rebased.marks.get(student) == (mine[student] if changed else received.get(student))
    assert set(rebased.marks) <= members
    for student, got, kept in rebased.conflicts:
        assert got == received[student] != base.get(student) and kept == mine[student] != got
    assert set(rebased.dropped) == {s for s in mine if mine[s] != base.get(s) and s not in members}


def test_a_text_changed_on_one_side_only_is_that_side():
    assert rebase_text("a", "a", "b") == ("b", False)
    assert rebase_text("a", "c", "a") == ("c", False)
    assert rebase_text("a", "c", "b") == ("c", True)
    assert rebase_text("a", "c", "c") == ("c", False)


async def test_saving_before_the_app_saw_the_change_refuses_then_carries_the_marks_over(
        mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The change lands between two polls: ctrl+s writes nothing, the marks are carried over, ctrl+s again."""
    monkeypatch.setenv("APTUI_STAFF", "adurand")
    async with running(mini_school) as pilot:
        screen = await appel_on(pilot, DAY)
        assert isinstance(screen, AttendanceScreen)
        await mark(pilot, screen, "e03", "a")
        set_mark(mini_school, "G-METHODO", DAY, "e04", "retard")  # a colleague, through an editor or a pull
        await press(pilot, "ctrl+s")
        said = notifications(pilot.app)  # type: ignore[arg-type]
        assert any("rien n'a été écrit" in n for n in said) and any("marques sont reprises" in n for n in said), said
        assert marks_on(mini_school, DAY)["e03"] == "present"  # nothing written over the new file
        assert screen.dirty and screen.marks["e04"] == "retard" and screen.marks["e03"] == "absent"
        await press(pilot, "ctrl+s")
    assert marks_on(mini_school, DAY) == {"e03": "absent", "e04": "retard", "e06": "absent", "e07": "present"}


async def test_an_appel_interrupted_by_a_crash_is_shown_again_at_the_next_open(
        mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app dies with unsaved marks (no quit question: a crash, a closed terminal); a colleague's mark
    arrives meanwhile; the next open shows that appel again, both sides' marks, and ctrl+s writes it."""
    from aptui.tui.data.appel_draft import draft_path

    monkeypatch.setenv("APTUI_STAFF", "adurand")
    async with running(mini_school) as pilot:
        screen = await appel_on(pilot, DAY)
        assert isinstance(screen, AttendanceScreen)
        await mark(pilot, screen, "e03", "a")
        screen.query_one("#appel-notes", Input).value = "Salle 12"
        await settle(pilot)
        assert draft_path(mini_school).is_file()
        for private in (draft_path(mini_school), draft_path(mini_school).parent):  # marks of minors: ours only
            assert private.stat().st_mode & 0o077 == 0
        pilot.app.exit()  # no question asked: as a crash leaves it
    assert marks_on(mini_school, DAY)["e03"] == "present"  # nothing written by the crash
    set_mark(mini_school, "G-METHODO", DAY, "e04", "retard")  # a colleague's mark, pulled before the next open
    async with running(mini_school) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, AttendanceScreen) and screen.plan is not None and str(screen.plan.day) == DAY
        assert screen.dirty and screen.marks["e03"] == "absent" and screen.marks["e04"] == "retard"
        assert screen.query_one("#appel-notes", Input).value == "Salle 12"
        assert screen.query_one("#appel-date", Input).value == DAY
        assert any("Appel non enregistré retrouvé (G-METHODO" in n for n in notifications(pilot.app))  # type: ignore[arg-type]
        await press(pilot, "ctrl+s")
        assert not screen.dirty
    assert marks_on(mini_school, DAY) == {"e03": "absent", "e04": "retard", "e06": "absent", "e07": "present"}
    assert not draft_path(mini_school).exists()  # saved: nothing to show again


async def test_a_discarded_appel_is_not_shown_again(mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aptui.tui.data.appel_draft import draft_path
    from aptui.tui.dialogs import UnsavedDialog
    from aptui.tui.screens.dashboard import DashboardScreen

    monkeypatch.setenv("APTUI_STAFF", "adurand")
    async with running(mini_school) as pilot:
        await press(pilot, "4", "a")
        assert draft_path(mini_school).is_file()
        await press(pilot, "1")
        assert isinstance(pilot.app.screen, UnsavedDialog)
        pilot.app.screen.dismiss("discard")
        await settle(pilot)
        assert not draft_path(mini_school).exists()
    async with running(mini_school) as pilot:
        assert isinstance(pilot.app.screen, DashboardScreen)


async def test_a_draft_of_a_session_that_no_longer_exists_opens_the_dashboard(mini_school: Path) -> None:
    """A draft of another year, or of a group deleted since, is not shown again (and the app does not start
    on an Appel it cannot restore)."""
    from datetime import date

    from aptui.tui.data.appel_draft import AppelDraft, save_draft
    from aptui.tui.screens.dashboard import DashboardScreen

    for year, group in (("2024-2025", "G-METHODO"), ("2025-2026", "G-DISPARU")):
        save_draft(mini_school, AppelDraft(year=year, period="P2", group=group, day=date(2025, 11, 18),
                                           base={}, marks={"e03": "absent"}, base_activity="", activity="",
                                           base_notes="", notes="", written_at="18/11/2025 14:05"))
        async with running(mini_school) as pilot:
            assert isinstance(pilot.app.screen, DashboardScreen)
            await press(pilot, "4")
            screen = pilot.app.screen
            assert isinstance(screen, AttendanceScreen) and not screen.dirty
            assert not any("retrouvé" in n for n in notifications(pilot.app))  # type: ignore[arg-type]
