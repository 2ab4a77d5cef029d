"""The Groupes board driven through the real app: moves, groups, a new period, undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Checkbox, Input, Select, SelectionList
from tui_support import (
    changed_paths,
    line_diff,
    notifications,
    press,
    running,
    school_errors,
    screen_text,
    settle,
    snapshot_files,
    type_text,
)

from aptui.tui.dialogs.base import FormDialog
from aptui.tui.dialogs.proposal import ProposalDialog
from aptui.tui.dialogs.simple import YesNoDialog
from aptui.tui.screens.groups import GroupsScreen
from aptui.tui.widgets.group_column import GroupColumn

YEAR = "years/2025-2026"
APPRO = f"{YEAR}/groups/P2/G-APPRO.yaml"
METHODO = f"{YEAR}/groups/P2/G-METHODO.yaml"


def board(app) -> GroupsScreen:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, GroupsScreen)
    return screen


def columns(app) -> dict[str | None, list[str]]:  # type: ignore[no-untyped-def]
    """group id (None: unassigned) -> student ids shown, in order."""
    return {c.group_id: [e.student for e in c.column.entries] for c in app.screen.query(GroupColumn)}


async def open_board(pilot) -> GroupsScreen:  # type: ignore[no-untyped-def]
    await press(pilot, "3")
    return board(pilot.app)


async def focus_student(pilot, group: str | None, student: str) -> None:  # type: ignore[no-untyped-def]
    column = next(c for c in pilot.app.screen.query(GroupColumn) if c.group_id == group)
    column.students.focus()
    await settle(pilot)
    assert column.select(student)
    await settle(pilot)


async def new_group_dialog(pilot) -> FormDialog:  # type: ignore[no-untyped-def]
    """« n » on the board, the dialog filled but for its teachers (G-PROJET, « Projet pro »)."""
    await press(pilot, "n")
    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog)
    dialog.query_one("#field-group", Input).value = "G-PROJET"
    dialog.query_one("#field-title", Input).value = "Projet pro"
    dialog.query_one("#field-content_type", Select).value = "projet-professionnel"
    return dialog


async def fill_reason(pilot, text: str, dated: bool = True) -> None:  # type: ignore[no-untyped-def]
    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog)
    dialog.query_one("#field-dated", Checkbox).value = dated
    dialog.query_one("#field-reason", Input).focus()
    await type_text(pilot, text)


async def test_board_shows_period_barrette_and_groups(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        screen = await open_board(pilot)
        assert (screen.period_id, screen.barrette) == ("P2", "B-2NDE")
        assert columns(pilot.app) == {
            None: [], "G-APPRO": ["e01", "e02", "e05", "e08"], "G-METHODO": ["e03", "e04", "e06", "e07"]}
        text = screen_text(pilot.app)
        assert "Sans groupe (0)" in text and "G-APPRO (4)" in text and "← G-APPRO le 18/11" in text
        assert "Anne Durand" in text and "Aide méthodologique" in text


async def test_dated_move_writes_arrival_and_undo_restores_bytes(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await open_board(pilot)
        await focus_student(pilot, "G-APPRO", "e05")
        await press(pilot, "m")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-to_group", Select).value == "G-METHODO"
        assert dialog.query_one("#field-day", Input).value == "2025-11-20"
        # after the last recorded session: no appel of the old group marks the student any more
        dialog.query_one("#field-day", Input).value = "2025-12-17"
        await fill_reason(pilot, "Besoin de méthode")
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, GroupsScreen)
        after = snapshot_files(mini_school)
        assert changed_paths(before, after) == [APPRO, METHODO]
        assert line_diff(before[APPRO], after[APPRO]) == (["  - e05"], [])
        removed, added = line_diff(before[METHODO], after[METHODO])
        assert removed == []
        assert added == ["  - e05", "  - date: 2025-12-17", "    eleve: e05", "    depuis: G-APPRO",
                         "    motif: Besoin de méthode"]
        assert school_errors(mini_school) == []
        # the board follows the student and the diagnostics are up to date at once
        assert "e05" in columns(pilot.app)["G-METHODO"]
        assert board(pilot.app).place == ("G-METHODO", "e05")
        assert "0 err." in screen_text(pilot.app).splitlines()[0]  # eight tabs: short counts at 120
        await press(pilot, "ctrl+z")
        assert snapshot_files(mini_school) == before
        assert "e05" in columns(pilot.app)["G-APPRO"]
        assert any(n.startswith("Annulé") for n in notifications(pilot.app))


async def test_undated_move_is_one_line_out_one_line_in(mini_school: Path) -> None:
    for sessions in (mini_school / YEAR / "sessions" / "P2").iterdir():
        sessions.unlink()  # a period whose groups are being prepared: no appel yet
    before = snapshot_files(mini_school)
    async with running(mini_school, today=date(2025, 10, 25)) as pilot:  # before P2 starts
        screen = await open_board(pilot)
        screen.query_one("#board-period", Select).value = "P2"
        await settle(pilot)
        assert screen.period_id == "P2"
        await focus_student(pilot, "G-METHODO", "e07")
        await press(pilot, "m")
        await fill_reason(pilot, "Composition corrigée", dated=False)
        await press(pilot, "ctrl+s")
        # the diagnostics follow at once: the P1 bilan said « maintien »
        assert "1 err." in screen_text(pilot.app).splitlines()[0]  # eight tabs: short counts at 120
    after = snapshot_files(mini_school)
    assert changed_paths(before, after) == [APPRO, METHODO]
    assert line_diff(before[METHODO], after[METHODO]) == (["  - e07"], [])
    # the reason of the undated placement is in the file, not only in the commit message
    assert line_diff(before[APPRO], after[APPRO]) == ([], ["  - e07", "motifs:", "  e07: Composition corrigée"])
    assert [e.split()[0] for e in school_errors(mini_school)] == ["APT503"]


async def test_move_date_outside_period_is_refused_in_the_dialog(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await open_board(pilot)
        await focus_student(pilot, "G-APPRO", "e01")
        await press(pilot, "m")
        dialog = pilot.app.screen
        dialog.query_one("#field-day", Input).value = "2026-01-15"
        await fill_reason(pilot, "Trop tard")
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is dialog
        assert "La date doit être dans la période P2" in screen_text(pilot.app)
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, GroupsScreen)
    assert snapshot_files(mini_school) == before


async def test_remove_shows_unassigned_then_place_back(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await open_board(pilot)
        await focus_student(pilot, "G-APPRO", "e08")
        await press(pilot, "x")
        assert isinstance(pilot.app.screen, YesNoDialog)
        await press(pilot, "o")
        assert columns(pilot.app)[None] == ["e08"]
        assert "Sans groupe (1)" in screen_text(pilot.app)
        assert line_diff(before[APPRO], (mini_school / APPRO).read_bytes()) == (["  - e08"], [])
        # the unassigned student is placed into a group with the same key
        await focus_student(pilot, None, "e08")
        await press(pilot, "m")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert "Sans groupe" not in str(dialog.query_one("#field-to_group", Select)._options)
        dialog.query_one("#field-to_group", Select).value = "G-APPRO"
        await press(pilot, "ctrl+s")
        assert columns(pilot.app)[None] == []
        assert columns(pilot.app)["G-APPRO"] == ["e01", "e02", "e05", "e08"]
    # back in its place: the file has its bytes again, and the school is valid
    assert snapshot_files(mini_school) == before
    assert school_errors(mini_school) == []


async def test_create_rename_type_teachers_delete_group(mini_school: Path) -> None:
    new = f"{YEAR}/groups/P2/G-PROJET.yaml"
    async with running(mini_school) as pilot:
        await open_board(pilot)
        dialog = await new_group_dialog(pilot)
        dialog.query_one("#field-teachers", SelectionList).select("bpetit")
        await press(pilot, "ctrl+s")
        text = (mini_school / new).read_text(encoding="utf-8")
        assert "titre: Projet pro" in text and "type: projet-professionnel" in text
        assert "barrette: B-2NDE" in text and "  - bpetit" in text
        assert "G-PROJET" in columns(pilot.app)
        assert board(pilot.app).place[0] == "G-PROJET"

        await focus_student(pilot, "G-APPRO", "e01")
        await press(pilot, "r")
        title = pilot.app.screen.query_one("#field-title", Input)
        title.value = "Approfondissement BTS"
        await press(pilot, "ctrl+s")
        assert line_diff((mini_school / APPRO).read_bytes(), None)[0][1] == "titre: Approfondissement BTS"

        await press(pilot, "t")
        pilot.app.screen.query_one("#field-content_type", Select).value = "developpement-personnel"
        await press(pilot, "ctrl+s")
        await press(pilot, "T")
        teachers = pilot.app.screen.query_one("#field-teachers", SelectionList)
        teachers.select("adurand")
        await press(pilot, "ctrl+s")
        text = (mini_school / APPRO).read_text(encoding="utf-8")
        assert "type: developpement-personnel" in text
        assert "  - bpetit\n  - adurand\n" in text or "  - adurand\n  - bpetit\n" in text
        assert "Anne Durand, Bruno Petit" in screen_text(pilot.app) or "Bruno Petit, Anne Durand" in screen_text(
            pilot.app)

        column = next(c for c in pilot.app.screen.query(GroupColumn) if c.group_id == "G-PROJET")
        column.students.focus()
        await settle(pilot)
        await press(pilot, "D")
        assert isinstance(pilot.app.screen, YesNoDialog)
        await press(pilot, "o")
        assert not (mini_school / new).exists()
        assert "G-PROJET" not in columns(pilot.app)
    assert school_errors(mini_school) == []


async def test_a_new_group_needs_a_teacher_before_anything_is_written(mini_school: Path) -> None:
    # a group without a teacher counts no hour (APT405): the dialog asks for one instead of writing it
    new = mini_school / YEAR / "groups" / "P2" / "G-PROJET.yaml"
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await open_board(pilot)
        dialog = await new_group_dialog(pilot)
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is dialog
        assert "« Enseignants » est obligatoire." in screen_text(pilot.app)  # the label's hint left out
        teachers = dialog.query_one("#field-teachers", SelectionList)
        assert pilot.app.focused is teachers
        assert snapshot_files(mini_school) == before
        teachers.select("bpetit")
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, GroupsScreen)
        assert "  - bpetit" in new.read_text(encoding="utf-8")
    assert school_errors(mini_school) == []


async def test_start_next_period_applies_bilan_decisions(mini_school: Path) -> None:
    year_file = mini_school / YEAR / "year.yaml"
    year_file.write_text(year_file.read_text(encoding="utf-8").replace(
        "    fin: 2025-12-19\n", "    fin: 2025-12-19\n  - id: P3\n    debut: 2026-01-05\n    fin: 2026-02-13\n"),
        encoding="utf-8")
    bilans = mini_school / YEAR / "bilans" / "P2.yaml"
    bilans.write_text(
        "bilans:\n  e03:\n    auteur: adurand\n    date: 2025-12-16\n    resultat: atteint\n"
        "    decision: changement\n    vers: G-APPRO\n    motif: Autonome\n", encoding="utf-8")
    async with running(mini_school) as pilot:
        await open_board(pilot)
        await press(pilot, "N")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-new_period", Select).value == "P3"
        assert dialog.query_one("#field-from_period", Select).value == "P2"
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, ProposalDialog)
        assert "bilan de P2 : changement vers G-APPRO (Autonome)" in screen_text(pilot.app)
        await press(pilot, "ctrl+s")
        screen = board(pilot.app)
        assert screen.period_id == "P3"
        shown = columns(pilot.app)
        assert "e03" in shown["G-APPRO"] and "e03" not in shown["G-METHODO"]
        assert shown[None] == []
    p3 = mini_school / YEAR / "groups" / "P3"
    assert sorted(p.name for p in p3.iterdir()) == ["G-APPRO.yaml", "G-METHODO.yaml"]
    assert "  - e03\n" in (p3 / "G-APPRO.yaml").read_text(encoding="utf-8")
    assert "arrivees" not in (p3 / "G-METHODO.yaml").read_text(encoding="utf-8")
    assert school_errors(mini_school) == []


async def test_editor_opens_group_file_at_student_line(mini_school: Path, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tui_support import editor_env

    log = editor_env(monkeypatch, tmp_path)
    async with running(mini_school) as pilot:
        await open_board(pilot)
        await focus_student(pilot, "G-METHODO", "e06")
        await press(pilot, "e")
        args = log.read_text(encoding="utf-8").splitlines()
        lines = (mini_school / METHODO).read_text(encoding="utf-8").splitlines()
        assert args == [f"+{lines.index('  - e06') + 1}", str(mini_school / METHODO)]
        # the editor appended a comment: the file was reloaded, the place kept
        assert board(pilot.app).place == ("G-METHODO", "e06")
        assert any("rechargés" in n for n in notifications(pilot.app))


async def test_slash_filters_the_students_of_every_column(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        screen = await open_board(pilot)
        box = screen.query_one("#board-filter", Input)
        assert not box.display

        def shown() -> dict[str | None, list[str]]:
            return {c.group_id: [str(c.students.get_option_at_index(i).id) for i in range(c.students.option_count)]
                    for c in screen.query(GroupColumn)}

        await press(pilot, "slash")
        assert box.display and box.has_focus
        await type_text(pilot, "eymard")  # by name: Lina Eymard (e05), in G-APPRO
        assert shown() == {None: [], "G-APPRO": ["e05"], "G-METHODO": []}
        await press(pilot, "enter")  # back to the board, on the student found
        assert screen._student() == "e05" and box.display
        box.value = "E0"  # by id, case-insensitive: everyone
        await settle(pilot)
        assert shown() == {None: [], "G-APPRO": ["e01", "e02", "e05", "e08"], "G-METHODO": ["e03", "e04", "e06", "e07"]}
        box.value = "faure"
        await settle(pilot)
        assert shown() == {None: [], "G-APPRO": [], "G-METHODO": ["e06"]}
        await press(pilot, "escape")  # clears and hides the filter, back on the board
        assert box.value == "" and not box.display
        assert shown()["G-APPRO"] == ["e01", "e02", "e05", "e08"]
        assert pilot.app.screen is screen
