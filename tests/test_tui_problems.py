"""The Problèmes screen driven through the real app: live diagnostics, Enter to the object, `e` to the line."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from tui_support import editor_env, notifications, press, running, school_errors, screen_text, type_text

from aptui.tui.screens.attendance import AttendanceScreen
from aptui.tui.screens.groups import GroupsScreen
from aptui.tui.screens.problems import ProblemsScreen
from aptui.tui.widgets.diagnostics_table import DiagnosticsTable

METHODO = "years/2025-2026/groups/P2/G-METHODO.yaml"


def add_unknown_student(root: Path) -> None:
    """G-METHODO lists e99, who has no file: one error in the group file, warnings in its sessions."""
    path = root / METHODO
    path.write_text(path.read_text(encoding="utf-8").replace("  - e07\n", "  - e07\n  - e99\n"), encoding="utf-8")


async def open_problems(pilot) -> tuple[ProblemsScreen, DiagnosticsTable]:  # type: ignore[no-untyped-def]
    await press(pilot, "6")
    screen = pilot.app.screen
    assert isinstance(screen, ProblemsScreen)
    return screen, screen.query_one(DiagnosticsTable)


async def select(pilot, table: DiagnosticsTable, code: str, text: str = "") -> None:  # type: ignore[no-untyped-def]
    index = next(i for i, d in enumerate(table.shown) if d.code == code and text in d.message)
    table.move_cursor(row=index)
    await press(pilot)


async def test_enter_goes_to_the_group_and_the_student(mini_school: Path) -> None:
    add_unknown_student(mini_school)
    async with running(mini_school) as pilot:
        screen, table = await open_problems(pilot)
        assert "1 erreur(s), 6 avertissement(s)" in screen_text(pilot.app)
        assert table.shown[0].code == "APT202" and table.shown[0].loc.line == 12
        assert "G-METHODO.yaml:12:5 APT202" in screen_text(pilot.app)  # the detail with the excerpt
        assert "  - e99" in screen_text(pilot.app)
        await press(pilot, "enter")
        board = pilot.app.screen
        assert isinstance(board, GroupsScreen)
        assert (board.period_id, board.barrette, board.place) == ("P2", "B-2NDE", ("G-METHODO", "e99"))


async def test_enter_on_a_session_problem_opens_the_appel_of_that_day(mini_school: Path) -> None:
    add_unknown_student(mini_school)
    async with running(mini_school) as pilot:
        screen, table = await open_problems(pilot)
        await press(pilot, "f")  # errors only
        assert [d.code for d in table.shown] == ["APT202"]
        await press(pilot, "f", "slash")
        await type_text(pilot, "18/11")
        assert [d.code for d in table.shown] == ["APT602"]
        await press(pilot, "enter")  # leaves the filter for the table
        assert table.has_focus
        await press(pilot, "enter")
        appel = pilot.app.screen
        assert isinstance(appel, AttendanceScreen)
        assert appel.choice == ("P2", "G-METHODO")
        assert appel.query_one("#appel-date", Input).value == "2025-11-18"
        assert "e99" in appel.plan.members  # type: ignore[union-attr]


async def test_problems_follow_each_edit_and_fix_in_the_editor(mini_school: Path, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_unknown_student(mini_school)
    log = editor_env(monkeypatch, tmp_path)
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text((mini_school / METHODO).read_text(encoding="utf-8").replace("  - e99\n", ""), encoding="utf-8")
    monkeypatch.setenv("FAKE_EDITOR_SOURCE", str(fixed))
    async with running(mini_school) as pilot:
        screen, table = await open_problems(pilot)
        await press(pilot, "e")
        assert log.read_text(encoding="utf-8").splitlines() == ["+12", str(mini_school / METHODO)]
        # the file was reloaded after the editor: the problems are gone at once
        assert table.shown == []
        assert "Aucun problème : l'école est valide." in screen_text(pilot.app)
        assert any("rechargés" in n and "G-METHODO.yaml" in n for n in notifications(pilot.app))
    assert school_errors(mini_school) == []
