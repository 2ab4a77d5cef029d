"""Groupes: the board of a period and a barrette, one column per group, moves with a reason."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, HorizontalScroll
from textual.widgets import Input, Label, OptionList, Select, Static

from aptui.layout import group_path, year_path
from aptui.model.entities import Group, Period, Year
from aptui.tui import labels as L
from aptui.tui.data.board import BoardColumn, barrettes_of_period, board, earlier_with_groups, groups_of
from aptui.tui.data.board_filter import column_keep, other_barrettes, shown_count
from aptui.tui.data.missing import missing_setup
from aptui.tui.data.targets import GROUPS, Target
from aptui.tui.dialogs import forms
from aptui.tui.screens.base import AptScreen, chosen, fill_select
from aptui.tui.widgets.field_input import FormInput
from aptui.tui.widgets.group_column import GroupColumn


class BoardScroll(HorizontalScroll, inherit_bindings=False):
    """The row of columns: ← → switch columns (the screen's keys), never scroll it (focus shows the column).

    A HorizontalScroll binds ← → to scrolling once its columns overflow (a group created): the
    arrows then stopped switching columns.
    """


class GroupsScreen(AptScreen):
    """Build the needs groups of a period and move students between them."""

    MODE = GROUPS
    FOOTER_KEYS = ("move", "remove", "new_group", "start_period", "propose", "rename", "content_type", "teachers")
    BINDINGS = [
        Binding("m", "move", L.KEY_MOVE, id="groups.move"),
        Binding("x", "remove", L.KEY_REMOVE, id="groups.remove"),
        Binding("n", "new_group", L.KEY_NEW_GROUP, id="groups.new-group"),
        Binding("r", "rename", L.KEY_RENAME, id="groups.rename"),
        Binding("t", "content_type", L.KEY_CONTENT_TYPE, id="groups.content-type"),
        Binding("T", "teachers", L.KEY_TEACHERS, id="groups.teachers"),
        Binding("D", "delete_group", L.KEY_DELETE_GROUP, id="groups.delete-group"),
        Binding("N", "start_period", L.KEY_START_PERIOD, id="groups.start-period"),
        Binding("P", "propose", L.KEY_PROPOSE, id="groups.propose"),
        Binding("S", "plan_sessions", L.KEY_PLAN_SESSIONS, id="groups.plan-sessions"),
        Binding("left", "column(-1)", L.KEY_LEFT, show=False, id="groups.left"),
        Binding("right", "column(1)", L.KEY_RIGHT, show=False, id="groups.right"),
        Binding("e", "open_editor", L.KEY_EDITOR, id="groups.editor"),
        Binding("h", "history", L.KEY_HISTORY, id="groups.history"),
        Binding("slash", "filter", L.KEY_FILTER, id="groups.filter"),
    ]
    KEY_GROUPS = {
        **dict.fromkeys(("groups.move", "groups.remove"), L.HELP_GROUP_MEMBERS),
        **dict.fromkeys(("groups.new-group", "groups.rename", "groups.content-type", "groups.teachers",
                         "groups.delete-group", "groups.start-period", "groups.propose", "groups.plan-sessions",
                         "groups.history"),
                         L.HELP_GROUP_GROUPS),
        **dict.fromkeys(("groups.left", "groups.right", "groups.editor", "groups.filter"), L.HELP_GROUP_LIST),
    }

    def __init__(self) -> None:
        super().__init__()
        self.period_id: str | None = None
        """The period shown."""
        self.barrette: str | None = None
        """The barrette shown."""
        self.place: tuple[str | None, str | None] = (None, None)
        """(group id or None for the unassigned column, student id) where the user is."""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="board-bar", classes="toolbar"):
            yield Label(L.BOARD_PERIOD)
            yield Select[str]([], id="board-period", allow_blank=True, prompt=L.BOARD_PERIOD, compact=True)
            yield Label(L.BOARD_BARRETTE)
            yield Select[str]([], id="board-barrette", allow_blank=True, prompt=L.BOARD_BARRETTE, compact=True)
        yield FormInput(placeholder=L.FILTER_BOARD, classes="filter on-demand", id="board-filter", compact=True)
        yield Static("", id="board-info")
        yield BoardScroll(id="board")

    # --- data ---------------------------------------------------------------
    @property
    def year(self) -> Year | None:
        return self.ctx.year if self.ctx.loaded else None

    @property
    def period(self) -> Period | None:
        year = self.year
        return year.period(self.period_id) if year and self.period_id else None

    def refresh_data(self) -> None:
        year = self.year
        if year is None:
            self.query_one("#board-info", Static).update(L.NOT_LOADED if not self.ctx.loaded else L.NO_YEAR)
            self.run_worker(self._rebuild([]), exclusive=True, group="board")
            return
        periods = [p.id for p in year.sorted_periods()]
        if self.period_id not in periods:
            current = self.ctx.period
            self.period_id = current.id if current else (periods[0] if periods else None)
        barrettes = barrettes_of_period(year, self.period_id) if self.period_id else []
        if self.barrette not in barrettes:
            self.barrette = barrettes[0] if barrettes else None
        self._set_selects(periods, barrettes)
        self._fill()

    def _set_selects(self, periods: list[str], barrettes: list[str]) -> None:
        fill_select(self.query_one("#board-period", Select), [(p, p) for p in periods], self.period_id)
        fill_select(self.query_one("#board-barrette", Select), [(b, b) for b in barrettes], self.barrette)

    def _fill(self) -> None:
        """Rebuild the columns, then put the user back where they were."""
        year, info = self.year, self.query_one("#board-info", Static)
        if year is None or self.period_id is None or self.barrette is None:
            info.update(missing_setup(self.ctx.school, year) or L.NO_PERIOD)  # what to declare first
            self.run_worker(self._rebuild([]), exclusive=True, group="board")
            return
        columns = board(self.ctx.analysis, year, self.period_id, self.barrette, self.ctx.today)
        period = self.period
        dates = f" ({period.start:%d/%m/%Y} → {period.end:%d/%m/%Y})" if period else ""
        info.update(f"{self.period_id}{dates} · {self.barrette}" if len(columns) > 1
                    else L.BOARD_NO_GROUPS.format(self.period_id))
        names = {t.id: t.display for t in self.ctx.school.teachers.values()}
        needle = self.filter_text()
        self.run_worker(self._rebuild([GroupColumn(c, names, keep=column_keep(self.ctx.school, c, needle))
                                       for c in columns]), exclusive=True, group="board")
        self._say_elsewhere(columns)

    @on(Input.Changed, "#board-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        needle = self.filter_text()
        for column in self._columns():
            column.filter(column_keep(self.ctx.school, column.column, needle))
        self._say_elsewhere([c.column for c in self._columns()])

    def _elsewhere(self, columns: list[BoardColumn]) -> list[str]:
        """The other barrettes where the filter finds someone, when it finds nobody here."""
        year, needle = self.year, self.filter_text()
        if year is None or self.period_id is None or self.barrette is None or not needle \
                or shown_count(self.ctx.school, columns, needle):
            return []
        return other_barrettes(self.ctx.analysis, year, self.period_id, self.barrette, needle, self.ctx.today)

    def _say_elsewhere(self, columns: list[BoardColumn]) -> None:
        others = self._elsewhere(columns)
        if others:
            self.query_one("#board-info", Static).update(L.FILTER_ELSEWHERE.format(
                self.filter_text(), self.barrette, ", ".join(others)))

    @on(Input.Submitted, "#board-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        others = self._elsewhere([c.column for c in self._columns()])
        if others:  # nobody here: the board goes to the barrette where the filter finds someone
            self.barrette = others[0]
            self.refresh_data()
        self.filter_done()

    async def _rebuild(self, columns: list[GroupColumn]) -> None:
        container = self.query_one("#board", HorizontalScroll)
        await container.remove_children()
        await container.mount_all(columns)
        self._restore_place()

    def focus_main(self) -> None:
        if self._columns():
            self._restore_place()
        else:
            self.focus_next()

    def _columns(self) -> list[GroupColumn]:
        return list(self.query(GroupColumn))

    def _restore_place(self) -> None:
        group, student = self.place
        columns = self._columns()
        target = next((c for c in columns if student and c.select(student)), None)
        if group is not None or student is not None:
            target = target or next((c for c in columns if c.group_id == group), None)
        target = target or next((c for c in columns if c.column.entries), columns[0] if columns else None)
        if target is not None:
            target.students.focus()

    # --- selection ----------------------------------------------------------
    def _current_column(self) -> GroupColumn | None:
        """The column holding the focus."""
        node = self.focused
        while node is not None and node is not self:
            if isinstance(node, GroupColumn):
                return node
            node = node.parent  # type: ignore[assignment]
        return None

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        column = self._current_column()
        if column is not None and event.option_list is column.students:
            self.place = (column.group_id, event.option.id)

    def on_descendant_focus(self) -> None:
        column = self._current_column()
        if column is not None:
            self.place = (column.group_id, column.selected_student)

    def action_column(self, step: int) -> None:
        columns = self._columns()
        current = self._current_column()
        if not columns:
            return
        index = columns.index(current) if current in columns else 0
        columns[(index + step) % len(columns)].students.focus()

    @on(Select.Changed, "#board-period")
    def _period_changed(self, event: Select.Changed) -> None:
        value = chosen(event)
        if value is None or value == self.period_id:
            return
        self.period_id = value
        self.refresh_data()

    @on(Select.Changed, "#board-barrette")
    def _barrette_changed(self, event: Select.Changed) -> None:
        value = chosen(event)
        if value is None or value == self.barrette:
            return
        self.barrette = value
        self._fill()

    def show_target(self, target: Target) -> None:
        year = self.year
        if year is None or target.period is None:
            return
        box = self.query_one("#board-filter", Input)
        if target.student is not None and not self.ctx.student_matches(target.student, box.value):
            with box.prevent(Input.Changed):
                box.value = ""  # the student to show must not be filtered out
            box.remove_class("-shown")
        self.period_id = target.period
        group = year.groups.get((target.period, target.group or ""))
        if group is not None:
            self.barrette = group.barrette
        self.place = (target.group, target.student)
        self.refresh_data()

    # --- the group under the cursor -----------------------------------------
    def _group(self) -> Group | None:
        column = self._current_column()
        return column.column.group if column else None

    def _student(self) -> str | None:
        column = self._current_column()
        return column.selected_student if column else None

    def _need_group(self) -> Group | None:
        group = self._group()
        if group is None:
            self.notify(L.NO_GROUP_SELECTED, severity="warning")
        return group

    def editor_location(self) -> tuple[str, int] | None:
        year, group, student = self.year, self._group(), self._student()
        if year is None:
            return None
        if group is None:
            return (year_path(year.id), 1) if self.period_id else None
        line = next((loc.line for s, loc in zip(group.students, group.student_locs) if s == student), 1)
        return group_path(year.id, group.period, group.id), line

    # --- actions ------------------------------------------------------------
    def action_move(self) -> None:
        year, period, student = self.year, self.period, self._student()
        if year is None or period is None or student is None or self.barrette is None:
            self.notify(L.NO_SELECTION, severity="warning")
            return
        group = self._group()
        others = [g for g in groups_of(year, period.id, self.barrette) if group is None or g.id != group.id]
        if not others:
            return
        dialog = forms.move_dialog(self.ctx, year, period, student, group, others)
        self.app.push_screen(dialog, self.request_edit_if_any)

    def action_remove(self) -> None:
        year, group, student = self.year, self._group(), self._student()
        if year is None or group is None or student is None:
            self.notify(L.NO_SELECTION, severity="warning")
            return
        question = L.REMOVE_QUESTION.format(self.ctx.student_name(student), group.id)
        self.confirm_edit(question, forms.remove_command(year, group, student), L.REMOVE_REFUSED_TITLE)

    def action_new_group(self) -> None:
        year, period = self.year, self.period
        if year is None or period is None or self.barrette is None:
            return
        self.app.push_screen(forms.create_group_dialog(self.ctx, year, period, self.barrette),
                             self._created)

    def _created(self, command: Any) -> None:
        if command is not None:
            self.place = (getattr(command, "group", None), None)
            self.request_edit(command)

    def action_rename(self) -> None:
        group = self._need_group()
        if group is not None:
            self.app.push_screen(forms.rename_group_dialog(group), self.request_edit_if_any)

    def action_content_type(self) -> None:
        group = self._need_group()
        if group is not None:
            self.app.push_screen(forms.content_type_dialog(group), self.request_edit_if_any)

    def action_teachers(self) -> None:
        group = self._need_group()
        if group is not None:
            self.app.push_screen(forms.teachers_dialog(self.ctx, group), self.request_edit_if_any)

    def action_delete_group(self) -> None:
        group = self._need_group()
        if group is None:
            return
        question = L.DELETE_GROUP_QUESTION.format(group.id, len(group.students))
        self.confirm_edit(question, forms.delete_group_command(group), L.DELETE_REFUSED_TITLE)

    def action_start_period(self) -> None:
        year = self.year
        if year is None or self.period_id is None:
            return
        dialog = forms.start_period_dialog(year, self.period_id)
        if dialog is None:
            self.notify(L.NO_NEXT_PERIOD.format(self.period_id) if year.groups else L.NO_GROUPS_TO_COPY,
                        severity="warning")
            return

        def chosen(command: Any) -> None:
            if command is not None:  # the bilans' placement goes through the proposal (capacities, pins)
                self._open_proposal(command.new_period, None, command.from_period)

        self.app.push_screen(dialog, chosen)

    def action_propose(self) -> None:
        """« Proposer les groupes » of the period and barrette shown, from needs, profiles and diagnostics."""
        year = self.year
        if year is None or self.period_id is None or self.barrette is None:
            self.notify(L.NO_PERIOD, severity="warning")
            return
        source = earlier_with_groups(year, self.period_id, self.barrette)
        if source is not None:  # students already had groups: their bilans decide (APT502), as « N » does
            self.notify(L.PROPOSAL_FROM_BILANS.format(source))
        self._open_proposal(self.period_id, None if source else self.barrette, source)

    def action_plan_sessions(self) -> None:
        """Record the period's sessions ahead (each day the barrette meets, each group): the pace holds."""
        from aptui.plan.sessions import PlanSessions, sessions_to_plan

        year = self.year
        if year is None or self.period_id is None or self.barrette is None:
            self.notify(L.NO_PERIOD, severity="warning")
            return
        planned = sessions_to_plan(self.ctx.analysis, year, self.period_id, self.barrette)
        if not planned:
            self.notify(L.PLAN_SESSIONS_NONE.format(self.period_id, self.barrette), severity="warning")
            return
        groups = len({s.group for s in planned})
        question = L.PLAN_SESSIONS_QUESTION.format(count=len(planned), groups=groups, period=self.period_id)
        self.confirm_edit(question, PlanSessions(year.id, self.period_id, tuple(planned)), L.EDIT_REFUSED,
                          default=True)

    def _open_proposal(self, period: str, barrette: str | None, from_period: str | None) -> None:
        from aptui.tui.dialogs.proposal import open_proposal

        year = self.year
        assert year is not None
        dialog = open_proposal(self.ctx, year.id, period, barrette, from_period)
        if isinstance(dialog, str):
            self.notify(dialog, severity="warning", timeout=8)
            return

        def answered(command: Any) -> None:
            if command is None:
                self.notify(L.PROPOSAL_REJECTED)
                return
            self.period_id = period
            self.request_edit(command)

        self.app.push_screen(dialog, answered)

    def action_history(self) -> None:
        """Who changed what in the selected group (members, teachers, sessions), and when (from git)."""
        from aptui.tui.dialogs.history import group_history_dialog

        year, group = self.year, self._need_group()
        if year is not None and group is not None:
            self.app.push_screen(group_history_dialog(self.ctx.root, year.id, group.period, group.id, group.title))
