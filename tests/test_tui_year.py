"""The screen Année and the Élèves set-up forms through the real app, checking the files on disk.

A school from `aptui init` is set up in the app (team, division, barrette, a period refused then
moved, a PFMP): one commit per form, validated with no problem.  On the mini school: a new year
(summary first, Non focused), a student added mid-year, profile, need, tutor, an exemption, and
a leaving that lists what it changes before it is confirmed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from import_support import commits, new_school
from textual.widgets import Checkbox, DataTable, Input, Select, SelectionList
from tui_support import NARROW, WIDE, press, running, school_errors, screen_text, settle, snapshot_files

from aptui.tui.dialogs.base import FormDialog
from aptui.tui.dialogs.setup_forms import SummaryDialog
from aptui.tui.dialogs.simple import ErrorDialog, YesNoDialog
from aptui.tui.screens.students import StudentsScreen
from aptui.tui.screens.year import YearScreen

YEAR = "2025-2026"
TODAY = date(2025, 9, 8)


async def fill(pilot, **values: object) -> None:  # type: ignore[no-untyped-def]
    """Set the fields of the form on top (text, choice, several choices, checkbox), then ctrl+s."""
    form = pilot.app.screen
    assert isinstance(form, FormDialog), form
    for name, value in values.items():
        widget = form.query_one(f"#field-{name}")
        if isinstance(widget, SelectionList):
            widget.deselect_all()
            for item in value:  # type: ignore[attr-defined]
                widget.select(item)
        elif isinstance(widget, (Input, Select, Checkbox)):
            widget.value = value  # type: ignore[assignment]
    await settle(pilot)
    await press(pilot, "ctrl+s")


def read(root: Path, path: str) -> dict[str, object]:
    data = yaml.safe_load((root / path).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


async def section(pilot, name: str) -> YearScreen:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, YearScreen)
    screen.show_section(name)
    await settle(pilot)
    return screen


def select_row(screen: YearScreen, key: str) -> None:
    screen.query_one("#setup-table", DataTable).move_cursor(row=[r.key for r in screen.rows].index(key))


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
async def test_a_new_school_set_up_in_the_app(tmp_path: Path, size: tuple[int, int]) -> None:
    root = new_school(tmp_path)
    start = commits(root)
    async with running(root, today=TODAY, size=size) as pilot:
        await press(pilot, "8")
        assert "Année" in screen_text(pilot.app)
        await press(pilot, "a")
        await fill(pilot, last="Roux", first="Karim", subjects="mathematiques, physique-chimie")
        await section(pilot, "divisions")
        await press(pilot, "a")
        await fill(pilot, ident="2MELEC1", level="2nde", formation="MELEC")
        await section(pilot, "barrettes")
        await press(pilot, "a")
        await fill(pilot, ident="B-2NDE", weekday="mardi", start="14:00", duration="120", divisions=["2MELEC1"])
        screen = await section(pilot, "periodes")
        select_row(screen, "P1")
        await press(pilot, "m")
        await fill(pilot, start="2025-09-22", end="2025-10-03")  # two weeks: refused inside the form
        assert isinstance(pilot.app.screen, FormDialog) and "APT303" in screen_text(pilot.app)
        await fill(pilot, start="2025-09-22", end="2025-10-17")
        assert isinstance(pilot.app.screen, YearScreen)
        await section(pilot, "pfmp")
        await press(pilot, "a")
        await fill(pilot, division="2MELEC1", start="2026-01-12", end="2026-02-06", reason="PFMP 1")
        assert "PFMP 1" in screen_text(pilot.app)
    assert commits(root) == start + 5, "one commit per form"
    staff = read(root, "staff.yaml")["enseignants"]
    assert {"id": "kroux", "nom": "Roux", "prenom": "Karim",
            "disciplines": ["mathematiques", "physique-chimie"]} in staff  # type: ignore[operator]
    year = read(root, f"years/{YEAR}/year.yaml")
    assert year["barrettes"] == [{"id": "B-2NDE", "jour": "mardi", "debut": "14:00", "duree_min": 120,
                                  "divisions": ["2MELEC1"]}]
    assert year["periodes"][0] == {"id": "P1", "debut": date(2025, 9, 22), "fin": date(2025, 10, 17)}  # type: ignore[index]
    division = read(root, f"years/{YEAR}/divisions/2MELEC1.yaml")
    assert division["pfmp"] == [{"du": date(2026, 1, 12), "au": date(2026, 2, 6), "motif": "PFMP 1"}]
    assert school_errors(root) == []


async def test_deleting_a_period_with_groups_is_refused_before_any_question(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await press(pilot, "8")
        screen = await section(pilot, "periodes")
        select_row(screen, "P1")
        await press(pilot, "x")
        assert isinstance(pilot.app.screen, ErrorDialog)
        assert "ne peut pas être supprimée" in screen_text(pilot.app)
    assert snapshot_files(mini_school) == before


async def test_a_new_year_from_the_app(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "8", "Y")
        dialog = pilot.app.screen
        assert isinstance(dialog, SummaryDialog)
        assert "2026-2027" in screen_text(pilot.app)
        await press(pilot, "enter")  # Non is focused: nothing is written
        assert not (mini_school / "years/2026-2027").exists()
        await press(pilot, "Y", "o")
        screen = pilot.app.screen
        assert isinstance(screen, YearScreen) and screen.year_id == "2026-2027"
    promoted = read(mini_school, "years/2026-2027/divisions/1MELEC1.yaml")
    assert promoted["precedente"] == "2MELEC1" and promoted["eleves"] == ["e01", "e02", "e03", "e04"]


async def open_student(pilot, student: str) -> StudentsScreen:  # type: ignore[no-untyped-def]
    await press(pilot, "2")
    screen = pilot.app.screen
    assert isinstance(screen, StudentsScreen)
    table = screen.query_one("#students-table", DataTable)
    table.move_cursor(row=table.get_row_index(student))
    await settle(pilot)
    return screen


async def test_student_forms_write_the_student_file(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await open_student(pilot, "e03")
        await press(pilot, "p")
        await fill(pilot, profile="pourquoi-pas")
        await press(pilot, "b")
        await fill(pilot, type="soutien-disciplinaire", detail="Fractions")
        await press(pilot, "u")
        await fill(pilot, tutor="bpetit", project="BTS Électrotechnique", passerelle=True)
        await press(pilot, "x")
        await fill(pilot, reason="Stage de remise à niveau", periods=["P2"])
        await press(pilot, "A")
        await fill(pilot, last="Rivière", first="Nathan", division="2MSPC1", arrival="2025-11-17")
    student = read(mini_school, "students/e03.yaml")
    assert student["profils"] == {YEAR: "pourquoi-pas"}
    assert student["besoins"][-1] == {"type": "soutien-disciplinaire", "detail": "Fractions"}  # type: ignore[index]
    assert student["tuteur"] == "bpetit" and student["projet_poursuite"] == "BTS Électrotechnique"
    assert student["passerelle"] is True
    exemptions = read(mini_school, f"years/{YEAR}/year.yaml")["dispenses"]
    assert {"eleve": "e03", "periodes": ["P2"], "motif": "Stage de remise à niveau"} in exemptions  # type: ignore[operator]
    arrived = read(mini_school, "students/e2025-001.yaml")
    assert arrived["nom"] == "Rivière" and arrived["arrivee"] == date(2025, 11, 17)
    assert "e2025-001" in read(mini_school, f"years/{YEAR}/divisions/2MSPC1.yaml")["eleves"]  # type: ignore[operator]


async def test_leaving_lists_what_changes_and_defaults_to_no(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await open_student(pilot, "e06")
        await press(pilot, "S")
        await fill(pilot, day="2025-10-17")
        question = pilot.app.screen
        assert isinstance(question, YesNoDialog)
        text = screen_text(pilot.app)
        assert "Sortie de" in text and "retiré(e) de G-METHODO (P2)" in text
        await press(pilot, "enter")  # Non
        assert snapshot_files(mini_school) == before
        await press(pilot, "S")
        await fill(pilot, day="2025-10-17")
        await press(pilot, "o")
    student = read(mini_school, "students/e06.yaml")
    assert student["sortie"] == date(2025, 10, 17)
    assert "e06" not in read(mini_school, f"years/{YEAR}/groups/P2/G-METHODO.yaml")["eleves"]  # type: ignore[operator]
    assert school_errors(mini_school) == []


async def test_students_put_in_a_division_from_the_screen(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "8")
        screen = await section(pilot, "divisions")
        select_row(screen, "2MSPC1")
        await press(pilot, "s")
        await fill(pilot, students=["e01", "e02"])
        assert isinstance(pilot.app.screen, YearScreen)
        assert "6" in next(r for r in screen.rows if r.key == "2MSPC1").cells[4]
    assert read(mini_school, f"years/{YEAR}/divisions/2MELEC1.yaml")["eleves"] == ["e03", "e04"]
    assert read(mini_school, "students/e01.yaml")["divisions"] == {YEAR: "2MSPC1"}


async def test_a_new_barrette_is_offered_the_divisions_no_barrette_holds_yet(tmp_path: Path) -> None:
    root = new_school(tmp_path)
    async with running(root, today=TODAY, size=WIDE) as pilot:
        await press(pilot, "8")
        await section(pilot, "divisions")
        for ident in ("2MELEC1", "2MSPC1"):
            await press(pilot, "a")
            await fill(pilot, ident=ident, level="2nde", formation=ident[1:-1])
        await section(pilot, "barrettes")
        await press(pilot, "a")
        form = pilot.app.screen
        assert isinstance(form, FormDialog)
        assert list(form.query_one("#field-divisions", SelectionList).selected) == ["2MELEC1", "2MSPC1"]
        await fill(pilot, ident="B-ELEC", divisions=["2MELEC1"])
        await press(pilot, "a")
        form = pilot.app.screen
        assert isinstance(form, FormDialog)
        assert list(form.query_one("#field-divisions", SelectionList).selected) == ["2MSPC1"]
        await fill(pilot, ident="B-SPC")
    year = read(root, f"years/{YEAR}/year.yaml")
    assert [(b["id"], b["divisions"]) for b in year["barrettes"]] == [  # type: ignore[attr-defined]
        ("B-ELEC", ["2MELEC1"]), ("B-SPC", ["2MSPC1"])]
