"""The app's conventions with the real app: help, palette, quit, broken school, files changed on disk, editor."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from tui_support import (
    editor_env,
    notifications,
    press,
    rendered,
    running,
    school_errors,
    screen_text,
    settle,
    snapshot_files,
    type_text,
)

from aptui.tui.dialogs.base import FormDialog
from aptui.tui.screens.dashboard import DashboardScreen
from aptui.tui.screens.groups import GroupsScreen
from aptui.tui.screens.help import HelpScreen, help_content
from aptui.tui.screens.problems import ProblemsScreen
from aptui.tui.screens.students import StudentsScreen
from aptui.tui.widgets.diagnostics_table import DiagnosticsTable

APPRO = "years/2025-2026/groups/P2/G-APPRO.yaml"


async def test_help_palette_tabs_and_quit(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        app = pilot.app
        assert isinstance(app.screen, DashboardScreen)
        first_line = screen_text(app).splitlines()[0]
        assert "1 Tableau de bord" in first_line and "6 Problèmes" in first_line
        await press(pilot, "3", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Aide — Groupes" in text
        await press(pilot, "escape")
        assert isinstance(app.screen, GroupsScreen)
        # every action of the screen is in the command palette
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "Nouveau groupe")
        await press(pilot, "enter")
        assert isinstance(app.screen, FormDialog) and "Nouveau groupe (P2, barrette B-2NDE)" in screen_text(app)
        await press(pilot, "escape")
        await press(pilot, "ctrl+p")
        await type_text(pilot, "Élèves")
        await press(pilot, "enter")
        assert isinstance(app.screen, StudentsScreen)
        await press(pilot, "q")
        assert app.return_code == 0 and not app.is_running


async def test_help_lists_the_keys_of_the_screen(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "4", "question_mark")
        screen = pilot.app.screen
        assert isinstance(screen, HelpScreen)
        help_text = rendered(help_content(pilot.app, screen.origin))
        for key, label in (("p", "Présent"), ("a", "Absent"), ("x", "Excusé"), ("r", "Retard"),
                           ("ctrl+s", "Enregistrer"), ("e", "Ouvrir le fichier")):
            assert any(line.split()[:1] == [key] and label in line for line in help_text.splitlines()), (key, label)


async def test_broken_school_opens_on_problems_and_resumes_once_fixed(
        mini_school: Path, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    school = mini_school / "school.yaml"
    good = school.read_bytes()
    (tmp_path / "good.yaml").write_bytes(good)
    school.write_bytes(good + b"nom: [oops\n")
    log = editor_env(monkeypatch, tmp_path)
    monkeypatch.setenv("FAKE_EDITOR_SOURCE", str(tmp_path / "good.yaml"))
    async with running(mini_school) as pilot:
        app = pilot.app
        assert isinstance(app.screen, ProblemsScreen)
        assert not app.ctx.loaded
        table = app.screen.query_one(DiagnosticsTable)
        assert {d.code for d in table.shown} == {"APT001", "APT102"}
        assert any("ne se charge pas" in n for n in notifications(app))
        await press(pilot, "1")  # the other screens say why they are empty
        assert "L'école ne se charge pas : voyez l'écran Problèmes (6)." in screen_text(app)
        await press(pilot, "6")
        parse_error = next(i for i, d in enumerate(table.shown) if d.code == "APT001")
        table.move_cursor(row=parse_error)
        await press(pilot, "e")
        assert log.read_text(encoding="utf-8").splitlines() == ["+9", str(school)]
        assert app.ctx.loaded
        assert isinstance(app.screen, DashboardScreen)
        assert "Lycée professionnel des Essais — 2025-2026, période P2" in screen_text(app)
        assert any("se charge de nouveau" in n for n in notifications(app))
    assert school.read_bytes() == good


async def test_file_changed_on_disk_is_not_overwritten(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        app = pilot.app
        await press(pilot, "3")
        # someone edits the group file behind the app's back (no poll yet)
        path = mini_school / APPRO
        outside = path.read_text(encoding="utf-8").replace("titre: Approfondissement", "titre: Approfondissement BTS")
        path.write_text(outside, encoding="utf-8")
        await press(pilot, "r")  # rename the focused group (G-APPRO) in the app
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#field-title").value = "Renommé dans l'app"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s")
        assert path.read_text(encoding="utf-8") == outside  # nothing overwritten
        assert any("a changé sur le disque" in n for n in notifications(app))
        assert "Approfondissement BTS" in screen_text(app)  # the app reloaded the file
        assert not app.ctx.workspace.can_undo
        # the same edit, asked again, now applies
        await press(pilot, "r")
        app.screen.query_one("#field-title").value = "Renommé dans l'app"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s")
        assert "titre: Renommé dans l'app\n" in path.read_text(encoding="utf-8")
    assert school_errors(mini_school) == []


async def test_reload_after_outside_change_keeps_the_place(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        app = pilot.app
        await press(pilot, "2", "down", "down", "down", "down")
        screen = app.screen
        assert isinstance(screen, StudentsScreen) and screen.selected_id == "e05"
        student = mini_school / "students" / "e05.yaml"
        student.write_text(student.read_text(encoding="utf-8") + "besoins:\n  - type: approfondissement\n"
                           "    detail: Synthèse de textes\n", encoding="utf-8")
        app.check_disk()  # what the poll timer does every 2 s
        await settle(pilot)
        assert screen.selected_id == "e05"
        assert "Approfondissement : Synthèse de textes" in str(screen.query_one("#student-detail-text").render())
        assert any("rechargés : students/e05.yaml" in n for n in notifications(app))
        before = snapshot_files(mini_school)
        app.check_disk()  # nothing changed since: no reload, no notification
        await settle(pilot)
        assert snapshot_files(mini_school) == before
