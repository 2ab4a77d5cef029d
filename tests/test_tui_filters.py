"""The one matching function of the filters (accents, case, word order free) and the filters of the real app."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import DataTable, Input, Select, Static
from tui_support import press, running, type_text

from aptui.tui.dialogs.base import FormDialog
from aptui.tui.screens.bilans import BilansScreen
from aptui.tui.screens.groups import GroupsScreen
from aptui.tui.screens.students import StudentsScreen
from aptui.tui.search import fold, matches
from aptui.tui.widgets.group_column import GroupColumn

SAMPLE = Path(__file__).parent.parent / "sample_school"
LETTERS = "abcdefghijklmnopqrstuvwxyzéèêëàâäîïôöùûüçñÉÈÀÇÖ"
NAMES = st.text(alphabet=LETTERS, min_size=2, max_size=10)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@given(NAMES, NAMES, st.booleans(), st.booleans())
def test_a_name_is_found_without_accents_in_any_case_and_order(first: str, last: str, upper: bool,
                                                                 swap: bool) -> None:
    shown = f"{last} {first}"
    typed = f"{first} {last}" if swap else shown
    typed = strip_accents(typed)
    typed = typed.upper() if upper else typed.lower()
    assert matches(typed, [shown])
    assert matches(typed[: max(1, len(typed) // 2)].strip() or typed, [shown])  # a prefix as it is typed


@given(NAMES, NAMES, NAMES)
def test_every_word_must_be_found(first: str, last: str, other: str) -> None:
    wanted = fold(other)
    if wanted in fold(f"{first} {last}") or " " in wanted:
        return
    assert not matches(f"{first} {other}", [f"{last} {first}"])


@given(st.text(max_size=30), st.lists(st.text(max_size=20), max_size=4))
def test_blank_matches_all_and_any_text_is_safe(needle: str, texts: list[str]) -> None:
    assert matches("  ", texts)
    matches(needle, texts)  # never raises
    assert fold(fold(needle)) == fold(needle)


def test_group_ids_and_punctuation() -> None:
    assert matches("g-methodo", ["G-MÉTHODO", "Méthodo"])
    assert matches("methodo", ["G-MÉTHODO"])
    assert matches("coeur", ["Cœur de métier"])
    assert matches("n'diaye", ["Aïssatou N’Diaye"])
    assert not matches("methode", ["G-MÉTHODO"])


def names(table: DataTable) -> list[str]:  # type: ignore[type-arg]
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_students_filter_names_in_both_orders_and_group_titles(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "2")
        screen = pilot.app.screen
        assert isinstance(screen, StudentsScreen)
        table = screen.query_one("#students-table", DataTable)
        await press(pilot, "slash")
        await type_text(pilot, "MAELLE giraud")
        assert names(table) == ["Giraud Maëlle"]
        screen.query_one("#students-filter", Input).value = ""
        await type_text(pilot, "giraud maelle")
        assert names(table) == ["Giraud Maëlle"]
        screen.query_one("#students-filter", Input).value = ""
        await type_text(pilot, "ines")
        assert names(table) == ["Caron Inès"]
        screen.query_one("#students-filter", Input).value = ""
        await type_text(pilot, "approfondissement")  # the title of G-APPRO: its members
        found = names(table)
        assert found and "Giraud Maëlle" not in found
        assert all(row.group == "G-APPRO" for row in screen.rows if row.name in found)


async def test_board_filter_finds_a_group_by_title_and_a_student_in_another_barrette(tmp_path: Path) -> None:
    school = tmp_path / "school"
    shutil.copytree(SAMPLE, school)
    async with running(school) as pilot:
        await press(pilot, "3")
        screen = pilot.app.screen
        assert isinstance(screen, GroupsScreen)
        start = screen.barrette
        await press(pilot, "slash")
        await type_text(pilot, "melissa guerin")
        info = str(screen.query_one("#board-info", Static).render())
        assert "personne dans" in info and "B-2NDE" in info, info
        await press(pilot, "enter")
        assert screen.barrette == "B-2NDE" != start
        shown = [(c.group_id, c.students.get_option_at_index(i).id)
                 for c in screen.query(GroupColumn) for i in range(c.students.option_count)]
        assert [s for _, s in shown] == ["e2025-006"]
        box = screen.query_one("#board-filter", Input)
        box.value = ""
        box.focus()
        await type_text(pilot, "soutien francais")  # a group's id, in B-1RE: the whole column, there
        await press(pilot, "enter")
        assert screen.barrette == "B-1RE"
        columns = {c.group_id: c.students.option_count for c in screen.query(GroupColumn)}
        full = {c.group_id: len(c.column.entries) for c in screen.query(GroupColumn)}
        kept = [g for g, n in columns.items() if n]
        assert kept and all(columns[g] == full[g] for g in kept)
        assert all("SOUTIEN-FRANCAIS" in (g or "") for g in kept)


async def test_bilans_filter_is_accent_free(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "5")
        screen = pilot.app.screen
        assert isinstance(screen, BilansScreen)
        await press(pilot, "slash")
        await type_text(pilot, "zoe ARNAUD")
        assert [r.name for r in screen.shown] == ["Arnaud Zoé"]


async def test_a_chooser_finds_a_teacher_by_name_in_any_order_without_accents(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "2", "i")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        teacher = dialog.query_one("#field-teacher", Select)
        for typed, found in (("petit", "bpetit"), ("ANNE dur", "adurand"), ("petit bruno", "bpetit"), ("bpet", "bpetit")):
            teacher.focus()
            await press(pilot)
            await type_text(pilot, typed)  # on the closed chooser: it opens and searches
            await press(pilot, "enter")
            assert teacher.value == found, typed
            assert not teacher.expanded
