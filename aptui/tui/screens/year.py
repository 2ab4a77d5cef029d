"""Année: the set-up of a school year in the app — team, divisions, barrettes, periods, PFMP, a new year.

One table per section (``[`` / ``]`` or the toolbar's choice), the year chosen in the toolbar
(the latest by default: set-up is about the year being prepared).  Every change is a form
(``dialogs/setup_forms.py``) that returns an edit command, checked against the files before the
form closes, then applied by the app (one commit, undone by ctrl+z).  Destructive changes ask
first, with Non focused, and are refused before asking when the files forbid them.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Label, Select, Static

from aptui.layout import division_path, year_path
from aptui.model.entities import Year
from aptui.tui import labels as L
from aptui.tui.data.targets import Target
from aptui.tui.data.year import (
    BARRETTES,
    DIVISIONS,
    PERIODS,
    PFMP,
    SECTIONS,
    TEAM,
    SetupRow,
    current_groups,
    pfmp_key,
    section_rows,
)
from aptui.tui.dialogs import setup_forms as forms
from aptui.tui.screens.base import AptScreen, chosen, fill_select

YEAR_MODE = "annee"


class YearScreen(AptScreen):
    """Set up a year without writing YAML: each form is one edit command, one commit."""

    MODE = YEAR_MODE
    FOOTER_KEYS = ("section(1)", "add", "edit", "delete", "section(-1)")
    BINDINGS = [
        Binding("left_square_bracket", "section(-1)", L.KEY_SETUP_PREV, id="annee.previous-section"),
        Binding("right_square_bracket", "section(1)", L.KEY_SETUP_NEXT, id="annee.next-section"),
        Binding("a", "add", L.KEY_SETUP_ADD, id="annee.add"),
        Binding("m", "edit", L.KEY_SETUP_EDIT, id="annee.edit"),
        Binding("x", "delete", L.KEY_SETUP_DELETE, id="annee.delete"),
        Binding("c", "split", L.KEY_SETUP_SPLIT, id="annee.split"),
        Binding("r", "propose_periods", L.KEY_SETUP_PROPOSE_PERIODS, id="annee.propose-periods"),
        Binding("p", "pfmp", L.KEY_SETUP_PFMP, id="annee.pfmp"),
        Binding("s", "students", L.KEY_SETUP_STUDENTS, id="annee.students"),
        Binding("Y", "new_year", L.KEY_SETUP_NEW_YEAR, id="annee.new-year"),
        Binding("e", "open_editor", L.KEY_EDITOR, id="annee.editor"),
    ]
    KEY_GROUPS = dict.fromkeys(("annee.add", "annee.edit", "annee.delete", "annee.split", "annee.propose-periods",
                                "annee.pfmp", "annee.students", "annee.new-year"), L.HELP_GROUP_SETUP)

    def __init__(self) -> None:
        super().__init__()
        self.section = TEAM
        """The section shown."""
        self.year_id: str | None = None
        """The year shown (None: the latest)."""
        self.rows: list[SetupRow] = []
        """The rows of the table, in order."""
        self.shown_section = ""
        """The section whose columns the table has."""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="setup-bar", classes="toolbar"):
            yield Label(L.SETUP_YEAR)
            yield Select[str]([], id="setup-year", allow_blank=True, prompt=L.SETUP_YEAR, compact=True)
            yield Label(L.SETUP_SECTION)
            yield Select[str]([(L.SETUP_SECTIONS[s], s) for s in SECTIONS], value=TEAM, allow_blank=False,
                              id="setup-section", compact=True)
        yield Static("", id="setup-info")
        yield DataTable(id="setup-table", cursor_type="row", zebra_stripes=True)

    def focus_main(self) -> None:
        self.query_one("#setup-table", DataTable).focus()

    # --- data -------------------------------------------------------------------
    @property
    def year(self) -> Year | None:
        if not self.ctx.loaded:
            return None
        years = self.ctx.school.years
        if self.year_id is not None and self.year_id in years:
            return years[self.year_id]
        return self.ctx.school.latest_year()

    def refresh_data(self) -> None:
        year = self.year
        self.year_id = year.id if year else None
        ids = self.ctx.school.year_ids() if self.ctx.loaded else []
        fill_select(self.query_one("#setup-year", Select), [(y, y) for y in reversed(ids)], self.year_id)
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#setup-table", DataTable)
        selected = self.selected
        keep = selected.key if selected else None
        year = self.year
        self.rows = section_rows(self.ctx.analysis, self.ctx.school, year, self.section, self.ctx.today) \
            if self.ctx.loaded else []
        if self.shown_section != self.section:
            table.clear(columns=True)
            for label in L.SETUP_COLUMNS[self.section]:
                table.add_column(label)
            self.shown_section = self.section
        else:
            table.clear()
        for row in self.rows:
            table.add_row(*row.cells, key=row.key)
        index = next((i for i, r in enumerate(self.rows) if r.key == keep), 0)
        if self.rows:
            table.move_cursor(row=index)
        info = L.NOT_LOADED if not self.ctx.loaded else (L.SETUP_NO_YEAR if year is None and self.section != TEAM
                                                         else (L.SETUP_EMPTY[self.section] if not self.rows
                                                               else L.SETUP_HINT))
        self.query_one("#setup-info", Static).update(info)

    @property
    def selected(self) -> SetupRow | None:
        table = self.query_one("#setup-table", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def show_section(self, section: str) -> None:
        self.section = section
        fill_select(self.query_one("#setup-section", Select), [(L.SETUP_SECTIONS[s], s) for s in SECTIONS], section)
        self._fill()

    def action_section(self, step: int) -> None:
        self.show_section(SECTIONS[(SECTIONS.index(self.section) + step) % len(SECTIONS)])

    @on(Select.Changed, "#setup-section")
    def _section_chosen(self, event: Select.Changed) -> None:
        value = chosen(event)
        if value is not None and value != self.section:
            self.show_section(value)

    @on(Select.Changed, "#setup-year")
    def _year_chosen(self, event: Select.Changed) -> None:
        value = chosen(event)
        if value is not None and value != self.year_id:
            self.year_id = value
            self._fill()

    def show_target(self, target: Target) -> None:
        if target.year:
            self.year_id = target.year
        self.refresh_data()

    def editor_location(self) -> tuple[str, int] | None:
        year, row = self.year, self.selected
        if self.section == TEAM:
            return ("staff.yaml", 1)
        if year is None:
            return None
        if self.section in (DIVISIONS, PFMP) and row is not None:
            return division_path(year.id, row.key.split("@")[0]), 1
        return year_path(year.id), 1

    # --- helpers ------------------------------------------------------------------
    def _need_row(self) -> SetupRow | None:
        row = self.selected
        if row is None:
            self.notify(L.SETUP_NOTHING_SELECTED, severity="warning")
        return row

    def _need_year(self) -> Year | None:
        year = self.year
        if year is None:
            self.notify(L.SETUP_NO_YEAR, severity="warning")
        return year

    def _form(self, dialog: Any) -> None:
        self.app.push_screen(dialog, self.request_edit_if_any)

    # --- actions ------------------------------------------------------------------
    def action_add(self) -> None:
        if self.section == TEAM:
            self._form(forms.add_teacher_dialog(self.ctx))
            return
        year = self._need_year()
        if year is None:
            return
        row = self.selected
        dialog = {
            DIVISIONS: lambda: forms.add_division_dialog(self.ctx, year),
            BARRETTES: lambda: forms.add_barrette_dialog(self.ctx, year),
            PERIODS: lambda: forms.add_period_dialog(self.ctx, year),
            PFMP: lambda: forms.add_pfmp_dialog(self.ctx, year, row.key.split("@")[0] if row else None),
        }[self.section]()
        self._form(dialog)

    def action_edit(self) -> None:
        row = self._need_row()
        if row is None:
            return
        if self.section == TEAM:
            self._form(forms.edit_teacher_dialog(self.ctx, self.ctx.school.teachers[row.key]))
            return
        year = self._need_year()
        if year is None:
            return
        if self.section == DIVISIONS:
            self._form(forms.edit_division_dialog(self.ctx, year, year.divisions[row.key]))
        elif self.section == BARRETTES:
            self._form(forms.edit_barrette_dialog(self.ctx, year, row.key))
        elif self.section == PERIODS:
            self._form(forms.move_period_dialog(self.ctx, year, row.key))
        else:
            self.notify(L.SETUP_NOT_HERE, severity="warning")

    def action_delete(self) -> None:
        row = self._need_row()
        year = self.year
        if row is None:
            return
        if self.section == TEAM:
            self._toggle_teacher(row.key)
            return
        if year is None:
            return
        if self.section == BARRETTES:
            from aptui.edit.commands_setup_year import DeleteBarrette

            self.confirm_edit(L.BARRETTE_DELETE.format(row.key), DeleteBarrette(year.id, row.key), L.EDIT_REFUSED)
        elif self.section == PERIODS:
            from aptui.edit.commands_setup_periods import DeletePeriod

            self.confirm_edit(L.PERIOD_DELETE.format(row.key), DeletePeriod(year.id, row.key), L.EDIT_REFUSED)
        elif self.section == PFMP and (found := pfmp_key(row.key)) is not None:
            from aptui.edit.commands_pfmp import RemoveWorkPlacement

            division, start = found
            question = L.PFMP_DELETE.format(division, row.cells[1], row.cells[2])
            self.confirm_edit(question, RemoveWorkPlacement(year.id, division, start), L.EDIT_REFUSED)
        else:
            self.notify(L.SETUP_NOT_HERE, severity="warning")

    def _toggle_teacher(self, ident: str) -> None:
        from aptui.edit.commands_setup_staff import EditTeacher

        teacher = self.ctx.school.teachers[ident]
        if not teacher.active:
            self.confirm_edit(L.TEACHER_REACTIVATE.format(teacher.display), EditTeacher(ident, active=True),
                              L.EDIT_REFUSED)
            return
        groups = current_groups(self.year, ident, self.ctx.today)
        question = L.TEACHER_DEACTIVATE.format(teacher.display)
        if groups:
            question += "\n" + L.TEACHER_DEACTIVATE_GROUPS.format(", ".join(groups))
        self.confirm_edit(question, EditTeacher(ident, active=False), L.EDIT_REFUSED)

    def action_split(self) -> None:
        row, year = self._need_row(), self.year
        if row is None or year is None:
            return
        if self.section != PERIODS:
            self.notify(L.SETUP_NOT_HERE, severity="warning")
            return
        self._form(forms.split_period_dialog(self.ctx, year, row.key))

    def action_propose_periods(self) -> None:
        from aptui.edit.commands_setup_periods import ProposePeriods

        year = self._need_year()
        if year is not None:
            self.confirm_edit(L.PERIOD_PROPOSE.format(year.id), ProposePeriods(year.id), L.EDIT_REFUSED)

    def action_pfmp(self) -> None:
        year = self._need_year()
        if year is None:
            return
        row = self.selected
        division = row.key.split("@")[0] if row and self.section in (DIVISIONS, PFMP) else None
        self._form(forms.add_pfmp_dialog(self.ctx, year, division))

    def action_students(self) -> None:
        row, year = self._need_row(), self.year
        if row is None or year is None:
            return
        if self.section != DIVISIONS:
            self.notify(L.SETUP_NOT_HERE, severity="warning")
            return
        self._form(forms.division_students_dialog(self.ctx, year, year.divisions[row.key]))

    def action_new_year(self) -> None:
        """The next year from the latest one: its summary first, Non focused; then one edit, one commit."""
        from aptui.edit.base import EditRefused
        from aptui.year.command import NewYear

        command = NewYear()
        try:
            command.plan(self.ctx.root)
        except EditRefused as exc:
            from aptui.tui.dialogs.simple import ErrorDialog

            self.app.push_screen(ErrorDialog(exc.message, L.EDIT_REFUSED))
            return
        new_year = command.rollover.new_year

        def answered(yes: bool | None) -> None:
            if yes:
                self.year_id = new_year  # shown once created (the app says what was done, or why not)
                self.request_edit(NewYear())

        self.app.push_screen(forms.SummaryDialog(L.NEW_YEAR_TITLE, command.describe()), answered)
