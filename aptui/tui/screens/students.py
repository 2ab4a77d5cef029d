"""Élèves: a filterable, sortable table of the year's students and the detail of the selected one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input

from aptui.french import of
from aptui.layout import student_path
from aptui.model.entities import Student
from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui import labels_export as LX
from aptui.tui.data.students import StudentRow, student_rows
from aptui.tui.data.targets import STUDENTS, Target
from aptui.tui.dialogs import forms
from aptui.tui.screens.base import AptScreen
from aptui.tui.screens.students_records import RECORD_BINDINGS, RECORD_GROUPS, StudentRecordActions
from aptui.tui.screens.students_setup import SETUP_ACTIONS, SETUP_BINDINGS, StudentSetupActions
from aptui.tui.widgets.field_input import FormInput
from aptui.tui.widgets.student_detail import StudentDetail

COLUMNS = ("name", "division", "profile", "group", "attended", "rate")
WIDTHS = (17, 8, 12, 12, 7, 8)
"""Cells per column: hours and rate (sortable) stay on screen beside the detail pane at 120 columns, and at 80."""
SORT_KEYS = {
    "name": lambda r: (r.sort_name, r.id),
    "division": lambda r: (r.division, r.sort_name),
    "profile": lambda r: (r.profile_label, r.sort_name),
    "group": lambda r: (r.group, r.sort_name),
    "attended": lambda r: (r.attended, r.sort_name),
    "rate": lambda r: (r.rate if r.rate is not None else 2.0, r.sort_name),
}


def _cells(row: StudentRow) -> tuple[str, ...]:
    profile = L.PROFILE_SHORT.get(row.profile, row.profile_label)
    name, _, short, group = (fmt.fit(text, width) for text, width in zip((row.name, "", profile, row.group), WIDTHS))
    return (name, row.division, short, group, fmt.hours(row.attended), fmt.percent(row.rate))


class StudentsScreen(StudentRecordActions, StudentSetupActions, AptScreen):
    """The students of the current year; add interviews, diagnostics and contract objectives."""

    MODE = STUDENTS
    FOOTER_KEYS = (
        "filter", "sort", "add_interview", "add_diagnostic", "add_objective", "objective_status", "edit_record",
    )
    BINDINGS = [
        Binding("slash", "filter", L.KEY_FILTER),
        Binding("s", "sort", L.KEY_SORT),
        Binding("i", "add_interview", L.KEY_INTERVIEW),
        Binding("d", "add_diagnostic", L.KEY_DIAGNOSTIC),
        Binding("o", "add_objective", L.KEY_OBJECTIVE),
        Binding("t", "objective_status", L.KEY_OBJECTIVE_STATUS),
        *RECORD_BINDINGS,
        Binding("e", "open_editor", L.KEY_EDITOR),
        Binding("h", "history", L.KEY_HISTORY),
        Binding("E", "export", LX.KEY_EXPORT, show=False),
        *SETUP_BINDINGS,
    ]
    KEY_GROUPS = {f"students.{action.replace('_', '-')}": L.HELP_GROUP_STUDENT_SETUP for action in SETUP_ACTIONS}
    KEY_GROUPS.update(RECORD_GROUPS)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[StudentRow] = []
        """Every student row (before the filter)."""
        self.shown: list[StudentRow] = []
        """The rows shown, in order."""
        self.sort_column = "name"
        """The column the table is sorted by."""
        self.sort_reverse = False
        """Descending sort."""

    def compose_body(self) -> ComposeResult:
        yield FormInput(placeholder=L.FILTER_PLACEHOLDER, classes="filter", id="students-filter", compact=True)
        with Horizontal(id="students-main", classes="master-detail"):
            yield DataTable(id="students-table", cursor_type="row", zebra_stripes=True)
            yield StudentDetail(id="student-detail")

    def on_mount(self) -> None:
        table = self.query_one("#students-table", DataTable)
        for key, label, width in zip(COLUMNS, L.STUDENT_COLUMNS, WIDTHS):
            table.add_column(label, key=key, width=width)  # every sortable column fits in 78 cells (80 and 120)
        table.focus()

    def focus_main(self) -> None:
        self.query_one("#students-table").focus()

    @property
    def selected_id(self) -> str | None:
        table = self.query_one("#students-table", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row].id

    @property
    def selected_student(self) -> Student | None:
        student_id = self.selected_id
        return self.ctx.school.students.get(student_id) if student_id else None

    def refresh_data(self) -> None:
        ctx = self.ctx
        self.rows = student_rows(ctx.analysis, ctx.year, ctx.period, ctx.today) if ctx.loaded else []
        self._fill(keep=self.selected_id)

    def _fill(self, keep: str | None) -> None:
        """Show the filtered, sorted rows; keep the cursor on the same student."""
        table = self.query_one("#students-table", DataTable)
        needle = self.query_one("#students-filter", Input).value.strip()
        rows = [r for r in self.rows if r.matches(needle)] if needle else list(self.rows)
        rows.sort(key=SORT_KEYS[self.sort_column], reverse=self.sort_reverse)
        if [r.id for r in rows] == [r.id for r in self.shown] and len(table.rows) == len(rows):
            self._update_cells(table, rows)
        else:
            table.clear()
            for row in rows:
                table.add_row(*_cells(row), key=row.id)
        self.shown = rows
        if keep is not None and any(r.id == keep for r in rows):
            table.move_cursor(row=table.get_row_index(keep))
        self._show_detail()

    def _update_cells(self, table: DataTable, rows: list[StudentRow]) -> None:
        old = {r.id: r for r in self.shown}
        for row in rows:
            if old.get(row.id) == row:
                continue
            for column, value in zip(COLUMNS, _cells(row)):
                table.update_cell(row.id, column, value)

    def _show_detail(self) -> None:
        student = self.selected_student
        problems = [d for d in self.ctx.diagnostics if student and d.loc.path == student_path(student.id)]
        self.query_one(StudentDetail).show(student, self.ctx.analysis, self.ctx.year, problems, self._empty_text())

    def _empty_text(self) -> str:
        """What the detail pane says with no student selected: how to add the first one, or the filter to clear."""
        if not self.rows and self.ctx.loaded and self.ctx.year is not None:
            return L.DETAIL_NO_STUDENT
        if self.rows and not self.shown:
            return L.DETAIL_NO_MATCH.format(self.query_one("#students-filter", Input).value.strip())
        return L.DETAIL_EMPTY

    @on(DataTable.RowHighlighted, "#students-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    @on(Input.Changed, "#students-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(keep=self.selected_id)

    @on(Input.Submitted, "#students-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.focus_main()

    @on(DataTable.HeaderSelected, "#students-table")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        self.sort_reverse = not self.sort_reverse if column == self.sort_column else False
        self.sort_column = column
        self._fill(keep=self.selected_id)

    def action_sort(self) -> None:
        """Sort by the next column."""
        index = (COLUMNS.index(self.sort_column) + 1) % len(COLUMNS)
        self.sort_column, self.sort_reverse = COLUMNS[index], False
        self._fill(keep=self.selected_id)
        self.notify(f"{L.KEY_SORT} : {L.STUDENT_COLUMNS[index]}", timeout=2)

    def show_target(self, target: Target) -> None:
        if target.student is None:
            return
        self.query_one("#students-filter", Input).value = ""
        self._fill(keep=target.student)
        self.focus_main()

    def editor_location(self) -> tuple[str, int] | None:
        student = self.selected_student
        return (student_path(student.id), 1) if student else None

    def _with_student(self) -> Student | None:
        student = self.selected_student
        if student is None:
            self.notify(L.NO_SELECTION, severity="warning")
        return student

    def action_add_interview(self) -> None:
        student = self._with_student()
        if student:
            self.app.push_screen(forms.interview_dialog(self.ctx, student), self.request_edit_if_any)

    def action_add_diagnostic(self) -> None:
        student = self._with_student()
        if student:
            self.app.push_screen(forms.diagnostic_dialog(self.ctx, student), self.request_edit_if_any)

    def action_add_objective(self) -> None:
        student = self._with_student()
        if student:
            self.app.push_screen(forms.objective_dialog(student), self.request_edit_if_any)

    def action_objective_status(self) -> None:
        student = self._with_student()
        if student and student.objectives:
            self.app.push_screen(forms.objective_status_dialog(student), self.request_edit_if_any)
        elif student:
            self.notify(f"{L.DETAIL_CONTRACT} : {L.DETAIL_NONE}", severity="warning")

    def action_history(self) -> None:
        """Who changed what about the selected student, and when (from git)."""
        from aptui.tui.dialogs.history import student_history_dialog

        student = self._with_student()
        if student:
            self.app.push_screen(student_history_dialog(self.ctx.root, student.id, student.display))

    def action_export(self) -> None:
        from aptui.reports.sources import fiche_document
        from aptui.tui.exporting import ExportSubject, safe_stem, start_export

        student_id, year, analysis = self.selected_id, self.ctx.year, self.ctx.analysis
        if student_id is None or year is None or student_id not in self.ctx.school.students:
            start_export(self, None)
            return
        label = f"fiche {of(self.ctx.student_name(student_id))}"
        start_export(self, ExportSubject(label, safe_stem("fiche", student_id, year.id),
                                         lambda: fiche_document(analysis, year, student_id)))
