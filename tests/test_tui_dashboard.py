"""The Tableau de bord with the real app: budgets, pace chart, students needing attention, and acting on them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input
from tui_support import (
    changed_paths,
    line_diff,
    press,
    running,
    school_errors,
    screen_text,
    settle,
    snapshot_files,
    type_text,
)

from aptui.tui.screens.dashboard import DashboardScreen
from aptui.tui.screens.students import StudentsScreen
from aptui.tui.widgets.budget_bar import BudgetBars


def attention(screen: DashboardScreen) -> list[list[str]]:
    table = screen.query_one("#attention-table", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_budgets_period_problems_and_chart(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        text = screen_text(pilot.app)
        assert "Lycée professionnel des Essais — 2025-2026, période P2 (03/11/2025 → 19/12/2025)" in text
        assert "Aucun problème" in text
        rows = screen.query_one(BudgetBars).rows
        assert [r.division for r in rows] == ["2MELEC1", "2MSPC1"]
        assert rows[0].year.budget == 70.0 and rows[0].cycle.budget == 210.0
        assert round(rows[0].year.done, 1) == round(rows[0].year.planned, 1) == 21.9  # its share of P1 and P2
        assert "21,9 · 21,9 · 70,0 h" in text
        assert "2MELEC1 (2nde, 4)" in text and "2MSPC1 (2nde, 4)" in text
        assert "Heures de 2MELEC1 semaine par semaine" in text
        await press(pilot, "d")
        assert "Heures de 2MSPC1 semaine par semaine" in screen_text(pilot.app)


async def test_attention_to_student_then_objective_clears_it(mini_school: Path) -> None:
    path = "students/e07.yaml"
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        assert attention(screen) == [["Giraud Maëlle", "2MSPC1", "« Malgré eux » sans objectifs"]]
        await press(pilot, "enter")
        students = pilot.app.screen
        assert isinstance(students, StudentsScreen) and students.selected_id == "e07"
        await press(pilot, "o")
        pilot.app.screen.query_one("#field-label", Input).value = "Arriver à l'heure"
        await press(pilot, "ctrl+s")
        await press(pilot, "escape")
        assert pilot.app.screen is screen
        assert attention(screen) == [["Aucun élève à signaler.", "", ""]]
    after = snapshot_files(mini_school)
    assert changed_paths(before, after) == [path]
    assert line_diff(before[path], after[path]) == (
        [], ["contrat:", "  objectifs:", "    - libelle: Arriver à l'heure", "      statut: en-cours"])
    assert school_errors(mini_school) == []


async def test_attention_lists_students_without_group_and_low_attendance(mini_school: Path) -> None:
    group = mini_school / "years/2025-2026/groups/P2/G-APPRO.yaml"
    group.write_text(group.read_text(encoding="utf-8").replace("  - e08\n", ""), encoding="utf-8")
    sessions = mini_school / "years/2025-2026/sessions/P2/G-METHODO.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace("e03: present", "e03: absent"),
                        encoding="utf-8")
    async with running(mini_school) as pilot:
        rows = attention(pilot.app.screen)  # type: ignore[arg-type]
        assert ["Huet Rayan", "2MSPC1", "sans groupe B-2NDE (P2)"] in rows
        assert any(r[0] == "Caron Inès" and r[2].startswith("présence faible : ") and r[2].endswith(" % (année)")
                   for r in rows), rows  # « 43 % », a space before the sign as everywhere in the app
        assert "erreur(s)" in screen_text(pilot.app)


async def test_slash_filters_the_students_needing_attention(mini_school: Path) -> None:
    group = mini_school / "years/2025-2026/groups/P2/G-APPRO.yaml"
    group.write_text(group.read_text(encoding="utf-8").replace("  - e08\n", ""), encoding="utf-8")
    async with running(mini_school) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        box = screen.query_one("#dash-filter", Input)
        assert not box.display  # shown only while in use
        assert {r[0] for r in attention(screen)} == {"Huet Rayan", "Giraud Maëlle"}
        await press(pilot, "slash")
        assert box.display and box.has_focus
        await type_text(pilot, "huet")  # by name, case-insensitive
        assert [r[0] for r in attention(screen)] == ["Huet Rayan"]
        await press(pilot, "enter")  # back to the table, filter kept
        assert screen.query_one("#attention-table", DataTable).has_focus and box.display
        assert screen.editor_location() == ("students/e08.yaml", 1)
        box.value = "e07"  # by id
        await settle(pilot)
        assert [r[0] for r in attention(screen)] == ["Giraud Maëlle"]
        box.value = "personne"
        await settle(pilot)
        assert attention(screen) == [["Aucun élève ne correspond à « personne »", "", ""]]
        await press(pilot, "escape")  # clears and hides the filter
        assert box.value == "" and not box.display
        assert {r[0] for r in attention(screen)} == {"Huet Rayan", "Giraud Maëlle"}
        assert pilot.app.screen is screen


async def test_an_unreadable_sessions_file_says_the_hours_are_incomplete(mini_school: Path) -> None:
    """A sessions file left with conflict markers counts no hour: the board says so, not fewer hours silently."""
    sessions = mini_school / "years/2025-2026/sessions/P2/G-APPRO.yaml"
    sessions.write_text("<<<<<<< HEAD\n" + sessions.read_text(encoding="utf-8") + "=======\n>>>>>>> autre\n",
                        encoding="utf-8")
    async with running(mini_school) as pilot:
        text = screen_text(pilot.app)
        assert "Heures incomplètes : 1 illisible(s)" in text
        assert "years/2025-2026/sessions/P2/G-APPRO.yaml" in text


async def test_a_readable_school_has_no_incomplete_hours_line(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        assert "Heures incomplètes" not in screen_text(pilot.app)
