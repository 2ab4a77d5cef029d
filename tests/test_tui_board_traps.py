"""The board's traps, through the real app: moves carry their marks, undated changes in a running period are
offered as dated ones, a new period from the period shown without groups, deleting refuses before asking."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Checkbox, Input, Select
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

from aptui.tui.dialogs import ErrorDialog, FormDialog, YesNoDialog
from aptui.tui.dialogs.proposal import ProposalDialog
from aptui.tui.screens.groups import GroupsScreen
from aptui.tui.widgets.group_column import GroupColumn

YEAR = "years/2025-2026"
APPRO = f"{YEAR}/groups/P2/G-APPRO.yaml"
METHODO = f"{YEAR}/groups/P2/G-METHODO.yaml"
APPRO_SESSIONS = f"{YEAR}/sessions/P2/G-APPRO.yaml"
METHODO_SESSIONS = f"{YEAR}/sessions/P2/G-METHODO.yaml"


async def focus_student(pilot, group: str | None, student: str) -> None:  # type: ignore[no-untyped-def]
    column = next(c for c in pilot.app.screen.query(GroupColumn) if c.group_id == group)
    column.students.focus()
    await settle(pilot)
    assert column.select(student)
    await settle(pilot)


async def move_dialog(pilot, group: str, student: str) -> FormDialog:  # type: ignore[no-untyped-def]
    await press(pilot, "3")
    await focus_student(pilot, group, student)
    await press(pilot, "m")
    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog)
    return dialog


async def test_a_dated_move_carries_the_later_marks_by_default(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        dialog = await move_dialog(pilot, "G-APPRO", "e05")
        assert dialog.query_one("#field-carry", Checkbox).value  # offered, default yes
        dialog.query_one("#field-day", Input).value = "2025-12-02"
        dialog.query_one("#field-reason", Input).focus()
        await type_text(pilot, "Besoin de méthode")
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, GroupsScreen)
        assert any("3 appel(s) reporté(s)" in n for n in notifications(pilot.app))
        assert "0 err. 0 av." in screen_text(pilot.app).splitlines()[0]  # eight tabs: short counts at 120
    after = snapshot_files(mini_school)
    assert changed_paths(before, after) == [APPRO, METHODO, APPRO_SESSIONS, METHODO_SESSIONS]
    assert line_diff(before[APPRO_SESSIONS], after[APPRO_SESSIONS]) == (["      e05: present"] * 3, [])
    assert line_diff(before[METHODO_SESSIONS], after[METHODO_SESSIONS]) == ([], ["      e05: present"] * 3)
    assert school_errors(mini_school) == []  # aptui validate: clean


async def test_an_undated_change_in_the_running_period_is_offered_as_a_dated_move(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:  # today: 20/11/2025, inside P2
        dialog = await move_dialog(pilot, "G-APPRO", "e05")
        dialog.query_one("#field-dated", Checkbox).value = False
        dialog.query_one("#field-reason", Input).focus()
        await type_text(pilot, "Besoin de méthode")
        await press(pilot, "enter")
        offer = pilot.app.screen
        assert isinstance(offer, YesNoDialog)
        text = screen_text(pilot.app)
        assert "la période P2 a commencé le 03/11/2025" in text
        assert "En faire un changement daté à partir du 20/11/2025 ?" in text
        assert snapshot_files(mini_school) == before
        await press(pilot, "n")  # no: back in the move dialog, the reason said there
        assert pilot.app.screen is dialog and "a commencé" in screen_text(pilot.app)
        await press(pilot, "ctrl+s", "o")  # yes: a dated move from today, marks carried
        assert isinstance(pilot.app.screen, GroupsScreen)
    after = snapshot_files(mini_school)
    removed, added = line_diff(before[METHODO], after[METHODO])
    assert added == ["  - e05", "  - date: 2025-11-20", "    eleve: e05", "    depuis: G-APPRO",
                     "    motif: Besoin de méthode"]
    # the sessions of 25/11, 02/12, 09/12, 16/12 are after 20/11: four marks carried
    assert line_diff(before[METHODO_SESSIONS], after[METHODO_SESSIONS]) == (
        [], ["      e05: absent", "      e05: present", "      e05: present", "      e05: present"])
    assert school_errors(mini_school) == []


async def test_new_period_from_the_period_shown_without_groups(mini_school: Path) -> None:
    year_file = mini_school / YEAR / "year.yaml"
    year_file.write_text(year_file.read_text(encoding="utf-8").replace(
        "    fin: 2025-12-19\n", "    fin: 2025-12-19\n  - id: P3\n    debut: 2026-01-05\n    fin: 2026-02-13\n"),
        encoding="utf-8")
    student = mini_school / "students/e07.yaml"
    student.write_text(student.read_text(encoding="utf-8") + "sortie: 2025-12-19\n", encoding="utf-8")
    async with running(mini_school) as pilot:
        await press(pilot, "3")
        screen = pilot.app.screen
        assert isinstance(screen, GroupsScreen)
        screen.query_one("#board-period", Select).value = "P3"
        await settle(pilot)
        assert "« N » démarre la période" in screen_text(pilot.app)
        await press(pilot, "N")  # the hint works on the very period where it is shown
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert "Nouvelle période P3 à partir des groupes de P2" in screen_text(pilot.app)
        assert dialog.query_one("#field-new_period", Select).value == "P3"
        assert dialog.query_one("#field-from_period", Select).value == "P2"
        await press(pilot, "ctrl+s")  # the periods chosen: the bilans' placement is proposed, accepted as it is
        assert isinstance(pilot.app.screen, ProposalDialog)
        assert "parti(e) de l'établissement le 19/12/2025" in screen_text(pilot.app)
        await press(pilot, "ctrl+s")
        assert screen.period_id == "P3"
        assert any("1 sortie(s) dont 1 élève(s) parti(s) de l'établissement" in n for n in notifications(pilot.app))
    methodo = (mini_school / YEAR / "groups/P3/G-METHODO.yaml").read_text(encoding="utf-8")
    assert "e07" not in methodo and "  - e06\n" in methodo
    assert not [e for e in school_errors(mini_school) if e.startswith("APT505")]


async def test_deleting_a_group_with_students_is_refused_before_any_question(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await press(pilot, "3")
        await focus_student(pilot, "G-APPRO", "e01")
        await press(pilot, "D")
        assert isinstance(pilot.app.screen, ErrorDialog)  # no Oui/Non first
        assert "a encore 4 élèves : déplacez-les d'abord" in screen_text(pilot.app)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, GroupsScreen)
    assert snapshot_files(mini_school) == before


async def test_destructive_questions_default_to_no(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await press(pilot, "3")
        await focus_student(pilot, "G-APPRO", "e08")
        await press(pilot, "x")
        assert isinstance(pilot.app.screen, YesNoDialog)
        assert [(str(b.label), b.has_focus) for b in pilot.app.screen.query(Button)] == [("Oui", False), ("Non", True)]
        await press(pilot, "enter")  # a hurried Entrée: Non
        assert isinstance(pilot.app.screen, GroupsScreen)
    assert snapshot_files(mini_school) == before
