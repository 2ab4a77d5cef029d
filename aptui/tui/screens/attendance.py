"""Appel: a group's session on a day, one key per status, the activity and a note; saved as a session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Select, Static

from aptui import vocab as v
from aptui.layout import sessions_path
from aptui.model.entities import Period, Year
from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui.data import attendance as data
from aptui.tui.data.targets import ATTENDANCE, Target
from aptui.tui.dates import DateError, DateFrame, parse_day, preview
from aptui.tui.screens.attendance_draft import AppelDraftActions
from aptui.tui.screens.attendance_fix import SESSION_FIX_BINDINGS, SESSION_FIX_IDS, SessionFixActions
from aptui.tui.screens.attendance_save import AppelSaveActions
from aptui.tui.screens.base import AptScreen, chosen, fill_select
from aptui.tui.widgets.field_input import FieldInput, FormInput

if TYPE_CHECKING:
    from aptui.tui.app import AptuiApp

STATUS_STYLE = {"present": "green", "absent": "bold red", "excuse": "yellow", "retard": "cyan"}


class AttendanceScreen(AppelDraftActions, AppelSaveActions, SessionFixActions, AptScreen):
    """Take the appel of a group: choose the group and the date, mark each member, save."""

    MODE = ATTENDANCE
    FOOTER_KEYS = ("mark('present')", "mark('absent')", "mark('excuse')", "mark('retard')", "save", "all_present",
                   "step_day(1)", "step_day(-1)")
    BINDINGS = [
        Binding("p", "mark('present')", L.KEY_PRESENT, id="attendance.present"),
        Binding("a", "mark('absent')", L.KEY_ABSENT, id="attendance.absent"),
        Binding("x", "mark('excuse')", L.KEY_EXCUSED, id="attendance.excused"),
        Binding("r", "mark('retard')", L.KEY_LATE, id="attendance.late"),
        Binding("P", "all_present", L.KEY_ALL_PRESENT, id="attendance.all-present"),
        Binding("ctrl+s", "save", L.KEY_SAVE, priority=True, id="attendance.save"),
        Binding("left_square_bracket", "step_day(-1)", L.KEY_PREV_DAY, id="attendance.previous"),
        Binding("right_square_bracket", "step_day(1)", L.KEY_NEXT_DAY, id="attendance.next"),
        Binding("d", "open_field('appel-date')", L.KEY_FIELD_DATE, show=False, id="attendance.date"),
        Binding("c", "open_field('appel-activity')", L.KEY_FIELD_ACTIVITY, show=False, id="attendance.activity"),
        Binding("n", "open_field('appel-notes')", L.KEY_FIELD_NOTES, show=False, id="attendance.notes"),
        Binding("e", "open_editor", L.KEY_EDITOR, id="attendance.editor"),
        Binding("slash", "filter", L.KEY_FILTER, id="attendance.filter"),
        *SESSION_FIX_BINDINGS,
    ]
    KEY_GROUPS = {
        **dict.fromkeys(("attendance.present", "attendance.absent", "attendance.excused", "attendance.late",
                         "attendance.all-present"), L.HELP_GROUP_MARKS),
        **dict.fromkeys(("attendance.save", "attendance.previous", "attendance.next", "attendance.date",
                         "attendance.activity", "attendance.notes", *SESSION_FIX_IDS), L.HELP_GROUP_SESSION),
        **dict.fromkeys(("attendance.editor", "attendance.filter"), L.HELP_GROUP_LIST),
    }

    def __init__(self) -> None:
        super().__init__()
        self.choice: tuple[str, str] | None = None
        """(period, group) shown."""
        self.day: date | None = None
        """The session's date."""
        self.plan: data.SessionPlan | None = None
        """The session as recorded (or to be created)."""
        self.marks: dict[str, str] = {}
        """Marks being taken (saved with ctrl+s)."""
        self.shown: list[str] = []
        """The members in the table, in order (those the filter keeps)."""
        self._filled_session: tuple[tuple[str, str] | None, date] | None = None
        """The (group, day) the table shows: the cursor stays on the same student only within one session."""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="appel-bar", classes="toolbar"):
            yield Label(L.APPEL_GROUP)
            yield Select[str]([], id="appel-group", prompt=L.APPEL_GROUP_PROMPT, compact=True)
            yield Label(L.APPEL_DATE)
            yield FieldInput(id="appel-date", placeholder=L.APPEL_DATE_PLACEHOLDER, compact=True)
            yield Static("", id="appel-date-hint")
        yield Static("", id="appel-head")
        yield FormInput(placeholder=L.FILTER_STUDENTS, classes="filter on-demand", id="appel-filter", compact=True)
        yield DataTable(id="appel-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="appel-texts", classes="toolbar"):
            yield FieldInput(id="appel-activity", placeholder=L.APPEL_ACTIVITY_PLACEHOLDER, compact=True)
            yield FieldInput(id="appel-notes", placeholder=L.APPEL_NOTES_PLACEHOLDER, compact=True)
        yield Static("", id="appel-summary")
        yield Static("", id="appel-state")

    def on_mount(self) -> None:
        table = self.query_one("#appel-table", DataTable)
        for key, label in zip(("name", "division", "status"), L.APPEL_COLUMNS):
            table.add_column(label, key=key)

    def focus_main(self) -> None:
        self.query_one("#appel-table").focus()

    @property
    def dirty(self) -> bool:
        """True when the marks, the activity or the note differ from the files."""
        plan = self.plan
        if plan is None or not self.is_mounted:
            return False
        saved = {s: m for s, m in plan.marks.items() if s in plan.members}
        return (self.marks != saved or self._text("#appel-activity") != plan.activity
                or self._text("#appel-notes") != plan.notes)

    def _text(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    # --- choosing the group and the day -------------------------------------
    @property
    def year(self) -> Year | None:
        return self.ctx.year if self.ctx.loaded else None

    def _period(self) -> Period | None:
        year = self.year
        return year.period(self.choice[0]) if year and self.choice else None

    def _group_options(self, year: Year) -> list[tuple[str, str]]:
        return data.group_options(year)

    def refresh_data(self) -> None:
        year = self.year
        if year is None:
            self.query_one("#appel-head", Static).update(L.NOT_LOADED if not self.ctx.loaded else L.NO_YEAR)
            return
        options = self._group_options(year)
        keys = {value for _, value in options}
        draft = self.draft_to_restore(year)  # an appel a crash or a closed terminal interrupted
        if draft is not None:
            self.choice, self.day, self.plan = (draft.period, draft.group), draft.day, None
        if self.choice is None or "/".join(self.choice) not in keys:
            self.choice = data.default_choice(year, self.ctx.period, self.ctx.staff)
            self.day = None
        fill_select(self.query_one("#appel-group", Select), options, "/".join(self.choice) if self.choice else None)
        self._load_session(keep_marks=self.dirty)

    def _load_session(self, keep_marks: bool = False) -> None:
        """Read the session of the chosen group and day (keeping unsaved marks if asked)."""
        year, period = self.year, self._period()
        if year is None or period is None or self.choice is None:
            self.plan = None
            self.query_one("#appel-head", Static).update(L.APPEL_NO_GROUP)
            self.query_one("#appel-table", DataTable).clear()
            return
        group = year.groups[self.choice]
        if self.day is None:
            self.day = data.default_day(self.ctx.analysis, year, period, group, self.ctx.today)
        before, self.plan = self.plan, data.plan(self.ctx.analysis, year, period.id, group, self.day)
        if self._restoring is not None and self.restore_draft(self.plan):
            self._set_inputs_date()
        elif keep_marks and before is not None and (before.group.id, before.day) == (group.id, self.day):
            self._carry_over(before, self.plan)  # the file changed on disk under unsaved marks
        elif not keep_marks:
            self.marks = {s: m for s, m in self.plan.marks.items() if s in self.plan.members}
            self._set_inputs(self.plan.activity, self.plan.notes)
        self._show()

    def _set_inputs(self, activity: str, notes: str) -> None:
        self.query_one("#appel-date", Input).value = self.day.isoformat() if self.day else ""
        self.query_one("#appel-activity", Input).value = activity
        self.query_one("#appel-notes", Input).value = notes

    def _show(self) -> None:
        plan, year = self.plan, self.year
        if plan is None or year is None:
            return
        state = L.APPEL_EXISTING if plan.existing else L.APPEL_NEW
        head = L.APPEL_HEADER.format(group=plan.group.id, title=plan.group.title, day=fmt.long_day(plan.day),
                                     start=data.clock(plan.start_minute), minutes=plan.duration, state=state)
        calendar = self.ctx.analysis.calendar(year.id)
        if not calendar.is_school_day(plan.day):
            head += "\n" + L.APPEL_NOT_SCHOOL_DAY.format(calendar.why_closed(plan.day))
        barrette = year.barrettes.get(plan.group.barrette)
        if barrette is not None and barrette.weekday != plan.day.weekday():
            head += "\n" + L.APPEL_NOT_BARRETTE_DAY.format(barrette.id, fmt.WEEKDAY_NAMES[barrette.weekday])
        strays = self._stray_marks()
        if strays:
            names = ", ".join(self.ctx.student_label(s) for s in sorted(strays))
            head += "\n" + L.APPEL_STRAY.format(len(strays), names)
        self.query_one("#appel-head", Static).update(head)
        self._fill_table()
        self._summary()

    def _fill_table(self) -> None:
        """The members the filter keeps (by name or id); marks are kept for every member."""
        plan, year = self.plan, self.year
        if plan is None or year is None:
            return
        table = self.query_one("#appel-table", DataTable)
        session = (self.choice, plan.day)
        same_session = session == self._filled_session
        self._filled_session = session
        row = table.cursor_row if same_session else 0  # another session: the appel starts at the top
        current = self._current_student() if same_session else None
        table.clear()
        needle = self.filter_text()
        self.shown = [s for s in plan.members if self.ctx.student_matches(s, needle)]
        for student in self.shown:
            table.add_row(self.ctx.student_label(student), self.ctx.division_of(student, year.id),
                          self._status_cell(student), key=student)
        if not plan.members:
            table.add_row(L.APPEL_NO_MEMBER, "", "")
        elif not self.shown:
            table.add_row(L.FILTER_NO_MATCH.format(needle), "", "")
        if current in self.shown:
            row = self.shown.index(current)
        table.move_cursor(row=min(max(row, 0), max(len(self.shown) - 1, 0)))

    def _current_student(self) -> str | None:
        """The member under the cursor (None on an empty table)."""
        row = self.query_one("#appel-table", DataTable).cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    @on(Input.Changed, "#appel-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill_table()

    @on(Input.Submitted, "#appel-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.filter_done()

    def _status_cell(self, student: str) -> Text:
        status = self.marks.get(student)
        if status is None:
            return Text(L.APPEL_UNMARKED, style="dim italic")
        return Text(v.ATTENDANCE_LABELS.get(status, status), style=STATUS_STYLE.get(status, ""))

    def _summary(self) -> None:
        plan = self.plan
        members = plan.members if plan else ()
        counts = {status: sum(1 for s in members if self.marks.get(s) == status) for status in v.ATTENDANCE_LABELS}
        text = L.APPEL_SUMMARY.format(present=counts["present"], absent=counts["absent"], excuse=counts["excuse"],
                                      late=counts["retard"], missing=sum(1 for s in members if s not in self.marks))
        self.query_one("#appel-summary", Static).update(text)
        state = self.query_one("#appel-state", Static)
        dirty = self.dirty
        self.keep_draft(dirty)
        state.set_class(dirty, "-dirty")
        focused = self.focused
        hint = f"  ·  {L.APPEL_FIELD_HINT}" if isinstance(focused, FieldInput) else ""
        state.update((L.APPEL_DIRTY if dirty else (L.APPEL_SAVED_STATE if plan and plan.existing else "")) + hint)

    def _stray_marks(self) -> dict[str, str]:
        """Marks of the session's file for students who are not members that day: kept as they are on save."""
        plan = self.plan
        return {s: m for s, m in plan.marks.items() if s not in plan.members} if plan else {}

    @on(Select.Changed, "#appel-group")
    def _group_changed(self, event: Select.Changed) -> None:
        value = chosen(event)
        if value is None:
            return
        period, group = value.split("/", 1)
        if (period, group) == self.choice:
            return
        if self.dirty and self.choice is not None:  # back to the shown session until the question is answered
            fill_select(self.query_one("#appel-group", Select), self._group_options(self.year) if self.year else [],
                        "/".join(self.choice))

        def switch() -> None:
            self.choice, self.day = (period, group), None
            fill_select(self.query_one("#appel-group", Select), self._group_options(self.year) if self.year else [],
                        value)
            self._load_session()

        self._then(switch)

    @on(Input.Changed, "#appel-date")
    def _date_typed(self, event: Input.Changed) -> None:
        hint = self.query_one("#appel-date-hint", Static)
        typed = event.value.strip()
        shown, good = ("", True) if self.day and typed == self.day.isoformat() else preview(typed, self._frame())
        hint.update(shown.split(" · ")[0] if good else shown)
        hint.set_class(not good, "-bad")

    @on(Input.Submitted, "#appel-date")
    def _date_submitted(self, event: Input.Submitted) -> None:
        try:
            day = parse_day(event.value, self._frame())
        except DateError as exc:
            self.notify(exc.message, severity="error")
            return
        self.focus_main()
        self._go_to_day(day)

    def _frame(self) -> DateFrame:
        return self.ctx.date_frame(self.year)

    @on(Input.Submitted, "#appel-activity, #appel-notes")
    def _text_submitted(self, event: Input.Submitted) -> None:
        self.focus_main()

    def _then(self, then: Callable[[], None]) -> None:
        """Change session once the marks taken here are saved or discarded (asked), or at once."""
        cast("AptuiApp", self.app).leave_screen_then(then)

    def _go_to_day(self, day: date) -> None:
        """Show another day; a day outside the period moves to the period containing it."""
        year = self.year
        if year is None or self.choice is None:
            return
        if day == self.day:
            return

        def switch() -> None:
            if year is None or self.choice is None:
                return
            period = next((p for p in year.periods if p.contains(day)), None)
            if period is not None and period.id != self.choice[0] and (period.id, self.choice[1]) in year.groups:
                self.choice = (period.id, self.choice[1])
            self.day = day
            self._load_session()

        if self.dirty:
            self._set_inputs_date()  # the date field shows the session still open
        self._then(switch)

    def _set_inputs_date(self) -> None:
        self.query_one("#appel-date", Input).value = self.day.isoformat() if self.day else ""

    def action_step_day(self, step: int) -> None:
        """Go to the previous or next meeting day of the group's barrette in the period."""
        year, period = self.year, self._period()
        if year is None or period is None or self.choice is None or self.day is None:
            return
        barrette = year.barrettes.get(year.groups[self.choice].barrette)
        weekday = barrette.weekday if barrette else self.day.weekday()
        days = self.ctx.analysis.calendar(year.id).weekly_dates(period.start, period.end, weekday)
        recorded = [s.day for s in data.sessions_of(year, period.id, self.choice[1])]
        ordered = sorted(set(days) | set(recorded))
        later = [d for d in ordered if (d > self.day if step > 0 else d < self.day)]
        if later:
            self._go_to_day(later[0] if step > 0 else later[-1])

    def action_open_field(self, widget_id: str) -> None:
        """Enter the date, the activity or the note on purpose (their keys: d, c, n)."""
        if self.plan is None:
            return
        self.query_one(f"#{widget_id}", FieldInput).open()
        self._summary()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._summary)

    # --- marking --------------------------------------------------------------
    def action_mark(self, status: str) -> None:
        table = self.query_one("#appel-table", DataTable)
        student = self._current_student() if self.plan is not None else None
        if student is None:
            return
        self.marks[student] = status
        table.update_cell(student, "status", self._status_cell(student))
        table.move_cursor(row=table.cursor_row + 1)
        self._summary()

    def action_all_present(self) -> None:
        if self.plan is None:
            return
        for student in self.plan.members:
            self.marks.setdefault(student, "present")
        self._show()

    @on(Input.Changed, "#appel-activity, #appel-notes")
    def _text_changed(self, event: Input.Changed) -> None:
        self._summary()

    # --- navigation -----------------------------------------------------------
    def show_target(self, target: Target) -> None:
        if target.period and target.group:
            self.choice = (target.period, target.group)
            self.day = target.day
            self.plan = None  # another session: unsaved marks are not kept
            self.refresh_data()

    def editor_location(self) -> tuple[str, int] | None:
        year, plan = self.year, self.plan
        if year is None or plan is None or self.choice is None:
            return None
        line = plan.existing.src.loc.line if plan.existing else 1
        student = self._current_student()
        if plan.existing and student is not None:
            mark = plan.existing.attendance_lines.get(student)
            line = mark.line if mark else line
        return sessions_path(year.id, self.choice[0], self.choice[1]), line
