"""The Élèves screen driven through the real app: filter, sort, detail, interview, diagnostic, objective."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select
from tui_support import (
    changed_paths,
    line_diff,
    notifications,
    press,
    running,
    school_errors,
    screen_text,
    snapshot_files,
    type_text,
)

from aptui.tui.dialogs.base import FormDialog
from aptui.tui.screens.students import StudentsScreen


async def open_students(pilot) -> StudentsScreen:  # type: ignore[no-untyped-def]
    await press(pilot, "2")
    screen = pilot.app.screen
    assert isinstance(screen, StudentsScreen)
    return screen


def names(screen: StudentsScreen) -> list[str]:
    table = screen.query_one("#students-table", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def detail(screen: StudentsScreen) -> str:
    return str(screen.query_one("#student-detail-text").render())


async def test_filter_sort_and_detail(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        screen = await open_students(pilot)
        assert names(screen)[:3] == ["Arnaud Zoé", "Bernier Yanis", "Caron Inès"]
        assert len(names(screen)) == 8
        assert "Zoé Arnaud" in detail(screen) and "Parcours dans les groupes" in detail(screen)
        await press(pilot, "slash")
        assert screen.query_one("#students-filter", Input).has_focus
        await type_text(pilot, "malgré")
        assert names(screen) == ["Caron Inès", "Giraud Maëlle"]
        await press(pilot, "enter")  # back to the table, filter kept
        assert screen.query_one("#students-table", DataTable).has_focus
        await press(pilot, "down")
        assert screen.selected_id == "e07"
        assert "Maëlle Giraud" in detail(screen) and "Malgré eux (2025-2026)" in detail(screen)
        await press(pilot, "escape")  # clears the filter, keeps the student
        assert len(names(screen)) == 8 and screen.selected_id == "e07"
        await press(pilot, "s")  # by division
        assert screen.sort_column == "division"
        assert list(names(screen))[:4] == ["Arnaud Zoé", "Bernier Yanis", "Caron Inès", "Dumas Hugo"]
        await press(pilot, "s", "s")  # by group
        assert screen.sort_column == "group"
        assert names(screen)[:4] == ["Arnaud Zoé", "Bernier Yanis", "Eymard Lina", "Huet Rayan"]
        assert screen.selected_id == "e07"  # the cursor stays on the student
        await press(pilot, "escape")  # without a filter: back to the dashboard
        assert pilot.app.current_mode == "dashboard"


async def test_add_interview_diagnostic_and_objective(mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APTUI_STAFF", "adurand")  # the person using the app
    path = "students/e07.yaml"
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        screen = await open_students(pilot)
        await press(pilot, *["down"] * 6)
        assert screen.selected_id == "e07"
        await press(pilot, "i")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-day", Input).value == "2025-11-20"
        assert dialog.query_one("#field-teacher", Select).value == "adurand"  # who uses the app, by default
        await press(pilot, "ctrl+s")  # notes are required
        assert pilot.app.screen is dialog and "« Notes » est obligatoire." in screen_text(pilot.app)
        dialog.query_one("#field-notes", Input).focus()
        await type_text(pilot, "Veut changer de filiere")
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        await press(pilot, "d")
        dialog = pilot.app.screen
        dialog.query_one("#field-day", Input).value = "2025-11-18"
        dialog.query_one("#field-tool", Input).value = "Positionnement maths"
        dialog.query_one("#field-result", Input).value = "8/20"
        await press(pilot, "ctrl+s")
        await press(pilot, "o")
        dialog = pilot.app.screen
        dialog.query_one("#field-label", Input).value = "Venir avec ses affaires"
        await press(pilot, "ctrl+s")
        text = detail(screen)
        assert "20/11/2025 (Anne Durand) : Veut changer de filiere" in text
        assert "18/11/2025 Positionnement maths : 8/20" in text
        assert "1. Venir avec ses affaires — En cours" in text
        await press(pilot, "t")
        dialog = pilot.app.screen
        dialog.query_one("#field-status", Select).value = "atteint"
        await press(pilot, "ctrl+s")
        assert "1. Venir avec ses affaires — Atteint" in detail(screen)
    after = snapshot_files(mini_school)
    assert changed_paths(before, after) == [path]
    removed, added = line_diff(before[path], after[path])
    assert removed == []
    assert added == [
        "diagnostics:", "  - date: 2025-11-18", "    outil: Positionnement maths", "    resultat: 8/20",
        "entretiens:", "  - date: 2025-11-20", "    enseignant: adurand", "    notes: Veut changer de filiere",
        "contrat:", "  objectifs:", "    - libelle: Venir avec ses affaires", "      statut: atteint"]
    assert school_errors(mini_school) == []


async def test_undo_interview_restores_bytes(mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APTUI_STAFF", "bpetit")  # the person using the app: the interview's default teacher
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await open_students(pilot)
        await press(pilot, "i")
        pilot.app.screen.query_one("#field-notes", Input).value = "Premier entretien"
        await press(pilot, "ctrl+s")
        assert snapshot_files(mini_school) != before
        await press(pilot, "ctrl+z")
        assert snapshot_files(mini_school) == before
        await press(pilot, "ctrl+z")
        assert "Rien à annuler." in notifications(pilot.app)


def test_cut_cells_say_so_and_profiles_are_short() -> None:
    """At 80 and 120 columns the table's cells have fixed widths: a cut text ends with « … »."""
    from aptui.tui.data.students import StudentRow
    from aptui.tui.screens.students import WIDTHS, _cells

    fields = dict.fromkeys(StudentRow.__dataclass_fields__, "")
    row = StudentRow(**{**fields, "id": "e01", "name": "Da Silva Marie-Eulalie", "division": "2MSPC1",
                        "profile": "contents", "profile_label": "Contents d'être là",
                        "group": "GT-SOUTIEN-MATHS", "attended": 3.0, "rate": 0.5})  # type: ignore[arg-type]
    name, _, profile, group, *_ = _cells(row)
    assert profile == "Contents"
    assert name == "Da Silva Marie-E…" and len(name) == WIDTHS[0]
    assert group == "GT-SOUTIEN-…" and len(group) == WIDTHS[3]


async def test_an_empty_school_says_how_to_add_students_and_groups_and_a_filter_how_to_clear(
        tmp_path: Path, mini_school: Path) -> None:
    from datetime import date

    from aptui.cli.main import main

    assert main(["init", str(tmp_path / "ecole"), "--year", "2025-2026", "--zone", "B", "--no-git"]) == 0
    async with running(tmp_path / "ecole", today=date(2025, 11, 20)) as pilot:
        screen = await open_students(pilot)
        assert names(screen) == []
        assert "« A » en ajoute un" in detail(screen) and "aptui import siecle" in detail(screen)
        await press(pilot, "4")  # the appel of a school with no group yet says where groups are made
        text = screen_text(pilot.app)
        assert "Groupe (choisir)" in text and "créez-les sur l'écran Groupes (3)" in text, text
    async with running(mini_school) as pilot:
        screen = await open_students(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "personne ici")
        assert names(screen) == []
        assert detail(screen) == "Aucun élève ne correspond au filtre « personne ici » (Échap l'efface)."
