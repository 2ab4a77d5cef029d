"""Tableau de bord: hour budgets per division, the pace chart, students needing attention."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import DataTable, Input, Label, Static

from aptui.diagnostics import count
from aptui.layout import division_path, student_path
from aptui.model.analysis import Analysis
from aptui.model.attention import LOW_RATE
from aptui.model.entities import Year
from aptui.model.levels import division_order
from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui import labels_export as LX
from aptui.tui.data import dashboard as data
from aptui.tui.data.missing import year_over
from aptui.tui.data.pfmp import away_today
from aptui.tui.data.targets import DASHBOARD, STUDENTS, Target
from aptui.tui.messages import GoTo
from aptui.tui.screens.base import AptScreen
from aptui.tui.widgets.budget_bar import BudgetBars
from aptui.tui.widgets.field_input import FormInput
from aptui.tui.widgets.setup_steps import SetupSteps

if TYPE_CHECKING:
    from aptui.tui.app import AptuiApp
    from aptui.tui.widgets.pace_chart import PaceChart


class DashboardScreen(AptScreen):
    """Where the hour budget stands and who needs attention."""

    MODE = DASHBOARD
    FOOTER_KEYS = ("next_division", "filter", "open_editor", "new_year")
    BINDINGS = [
        Binding("d", "next_division", L.DASH_NEXT_DIVISION),
        Binding("slash", "filter", L.KEY_FILTER),
        Binding("enter", "jump", L.KEY_JUMP, show=False),
        Binding("e", "open_editor", L.KEY_EDITOR),
        Binding("E", "export", LX.KEY_EXPORT, show=False),
        Binding("Y", "new_year", L.KEY_NEW_YEAR, id="dashboard.new-year"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.chart_division = 0
        """Index of the division drawn in the pace chart."""
        self.attention: list[data.Attention] = []
        """The rows of the attention table (those the filter keeps)."""
        self.all_attention: list[data.Attention] = []
        """Every student needing attention (before the filter)."""
        self.chart_pending = False
        """True once the chart's mounting has been scheduled."""
        self.computed_revision = -1
        """The context revision whose numbers are shown (-1: none yet)."""

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="dash-body"):
            yield Static(id="dash-head")
            yield SetupSteps(id="dash-setup")
            with Horizontal(id="dash-top"):
                with VerticalScroll(id="dash-budgets", can_focus=False):  # scrolls, so the pace chart stays in view
                    yield Label(L.DASH_BUDGETS, classes="section-title")
                    yield BudgetBars(id="budget-list")
                with Vertical(id="dash-attention"):
                    yield Label(L.DASH_ATTENTION.format(f"{LOW_RATE:g}"), classes="section-title")
                    yield FormInput(placeholder=L.FILTER_STUDENTS, classes="filter on-demand", id="dash-filter",
                                compact=True)
                    yield DataTable(id="attention-table", cursor_type="row", zebra_stripes=True)
            yield Vertical(id="pace")  # the chart (plotext) is mounted after the first frame

    def on_mount(self) -> None:
        try:
            table = self.query_one("#attention-table", DataTable)
        except NoMatches:  # the app quit while the school opened: the screen is being taken down
            return
        for label in L.ATTENTION_COLUMNS:
            table.add_column(label, key=label)

    def focus_main(self) -> None:
        self.query_one("#attention-table").focus()

    def refresh_data(self) -> None:
        ctx = self.ctx
        year = ctx.year
        head = self.query_one("#dash-head", Static)
        merging = self._merge_line()
        if not ctx.loaded or year is None:
            head.update(merging + (L.NOT_LOADED if not ctx.loaded else L.NO_YEAR))
            self.query_one(SetupSteps).show(ctx.school, None, shown=ctx.loaded)
            self.query_one(BudgetBars).show([])
            self.query_one("#attention-table", DataTable).clear()
            self.query_one("#pace").display = False
            return
        head.update(merging + self._head_text())
        self.query_one(SetupSteps).show(ctx.school, year)
        analysis, today, revision = ctx.analysis, ctx.today, ctx.revision
        if analysis.hours_known():
            # The usual case: the rules (or the saved state) computed the hours; the numbers take
            # milliseconds and show with the first frame, without a loading indicator.
            self._computed(revision, data.division_budgets(analysis, year),
                           data.students_needing_attention(analysis, year, today))
            return
        # The hour ledger can take a second on a large school: computed in a thread, the screen
        # (tabs, header, keys) shows at once and the numbers follow.
        self.query_one("#dash-top").loading = self.computed_revision < 0
        self.run_worker(lambda: self._compute(analysis, year, today, revision), thread=True, exclusive=True,
                        group="dashboard", exit_on_error=True)

    def _compute(self, analysis: Analysis, year: Year, today: date, revision: int) -> None:
        """In a worker thread: the budgets and the attention list; shown by the app's thread."""
        budgets = data.division_budgets(analysis, year)
        attention = data.students_needing_attention(analysis, year, today)
        self.app.call_from_thread(self._computed, revision, budgets, attention)

    def _computed(self, revision: int, budgets: list[data.DivisionBudget], attention: list[data.Attention]) -> None:
        if revision != self.ctx.revision or not self.ctx.loaded or self.ctx.year is None:
            return  # the school changed meanwhile: a newer computation is on its way
        self.computed_revision = revision
        self.query_one("#dash-top").loading = False
        self._show_budgets(budgets)
        self._show_attention(attention)
        self._show_chart()

    @property
    def is_ready(self) -> bool:
        return self.computed_revision == self.ctx.revision or not self.ctx.loaded

    def _head_text(self) -> str:
        ctx = self.ctx
        year, period = ctx.year, ctx.period
        name = ctx.school.info.name if ctx.school.info else ""
        assert year is not None
        if period is None:
            line = L.DASH_NO_PERIOD.format(name=name, year=year.id)
        else:
            line = L.DASH_SCHOOL.format(name=name, year=year.id, period=period.id,
                                        start=fmt.day(period.start), end=fmt.day(period.end))
        over = year_over(ctx.school, ctx.today)
        if over is not None:  # the last period is not « current »: the year ended, the next one is to prepare
            line += "\n" + L.YEAR_OVER.format(over.id, fmt.day(over.last_day)) + " " + L.YEAR_OVER_KEY
        errors, warnings = count(ctx.diagnostics)
        problems = L.DASH_PROBLEMS.format(errors, warnings) if errors or warnings else L.DASH_NO_PROBLEM
        away = away_today(ctx.analysis, year, ctx.today)
        if away:
            names = ", ".join(L.DASH_AWAY_UNTIL.format(p.division, fmt.short_day(p.end)) for p in away)
            problems += "\n" + L.DASH_AWAY_TODAY.format(names)
        waiting = [path for key, path in ctx.school.unreadable.items() if key[:2] == ("sessions", year.id)]
        if waiting:  # their hours are missing from the budgets below: say so rather than show fewer hours
            shown = ", ".join(sorted(waiting)[:2]) + (", …" if len(waiting) > 2 else "")
            problems += "\n" + L.DASH_HOURS_WAIT.format(len(waiting), shown)
        return f"{line}\n{problems}"

    def _merge_line(self) -> str:
        """« Fusion en cours : 2 conflit(s) à trancher — écran Git (7), touche x » and a newline, or ""."""
        from aptui.tui.data.merge_state import merge_state

        state = merge_state(self.ctx.root, cast("AptuiApp", self.app).gitlink.git)
        if state is None:
            return ""
        return (L.DASH_MERGING.format(state.waiting) if state.waiting else L.DASH_MERGE_READY) + "\n"

    def _show_budgets(self, budgets: list[data.DivisionBudget]) -> None:
        self.query_one(BudgetBars).show(budgets)

    def _show_attention(self, rows: list[data.Attention]) -> None:
        self.all_attention = rows
        self._fill_attention()

    def _fill_attention(self) -> None:
        """The attention rows the filter keeps (students by name or id)."""
        table = self.query_one("#attention-table", DataTable)
        keep = table.cursor_row
        table.clear()
        needle = self.filter_text()
        rows = [r for r in self.all_attention if self.ctx.student_matches(r.student, needle)]
        self.attention = rows
        for index, row in enumerate(rows):
            table.add_row(self.ctx.student_label(row.student), self.ctx.division_of(row.student),
                          L.ATTENTION[row.reason].format(row.detail), key=str(index))
        if not rows:
            table.add_row(L.DASH_NOBODY if not needle else L.FILTER_NO_MATCH.format(needle), "", "")
        elif keep > 0:
            table.move_cursor(row=min(keep, len(rows) - 1))

    @on(Input.Changed, "#dash-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self.computed_revision >= 0:
            self._fill_attention()

    @on(Input.Submitted, "#dash-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.filter_done()

    def _show_chart(self) -> None:
        year = self.ctx.year
        assert year is not None
        divisions = sorted(year.divisions.values(), key=division_order)  # as the budget table: 2nde, 1re, Tle
        self.query_one("#pace").display = bool(divisions)
        chart = self._chart()
        if not divisions or chart is None:
            return
        division = divisions[self.chart_division % len(divisions)]
        points = data.pace_series(self.ctx.analysis, year, division, self.ctx.today)
        chart.show(L.DASH_PACE.format(division.id), points)

    def _chart(self) -> PaceChart | None:
        """The chart, once mounted; the first call schedules its mounting after the first frame."""
        found = self.query("#pace-chart")
        if found:
            return found.first()  # type: ignore[return-value]
        if not self.chart_pending:
            self.chart_pending = True
            self.call_after_refresh(self._mount_chart)
        return None

    async def _mount_chart(self) -> None:
        from aptui.tui.widgets.pace_chart import PaceChart

        await self.query_one("#pace").mount(PaceChart(id="pace-chart"))
        if self.ctx.loaded and self.ctx.year is not None:
            self._show_chart()

    def action_next_division(self) -> None:
        self.chart_division += 1
        if self.ctx.loaded and self.ctx.year is not None:
            self._show_chart()

    def _selected(self) -> data.Attention | None:
        table = self.query_one("#attention-table", DataTable)
        if not self.attention or not 0 <= table.cursor_row < len(self.attention):
            return None
        return self.attention[table.cursor_row]

    @on(DataTable.RowSelected, "#attention-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        row = self._selected()
        if row is not None:
            self.post_message(GoTo(Target(STUDENTS, student=row.student)))

    def editor_location(self) -> tuple[str, int] | None:
        row = self._selected()
        if row is not None:
            return student_path(row.student), 1
        year = self.ctx.year
        if year and year.divisions:
            division = sorted(year.divisions.values(), key=division_order)[self.chart_division % len(year.divisions)]
            return division_path(year.id, division.id), 1
        return None

    def action_export(self) -> None:
        from aptui.reports.sources import dispositif_document
        from aptui.tui.exporting import ExportSubject, safe_stem, start_export

        year, analysis = self.ctx.year if self.ctx.loaded else None, self.ctx.analysis
        if year is None:
            start_export(self, None)
            return
        start_export(self, ExportSubject(f"évaluation du dispositif {year.id}", safe_stem("dispositif", year.id),
                                         lambda: dispositif_document(analysis, year)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """« Y » (the next year) is offered only once the last year is over."""
        if action == "new_year":
            return year_over(self.ctx.school, self.ctx.today) is not None
        return super().check_action(action, parameters)

    async def action_new_year(self) -> None:
        """The year-setup flow: the screen Année, on the last year, asking to create the next one."""
        over = year_over(self.ctx.school, self.ctx.today)
        if over is None:
            return
        app = cast("AptuiApp", self.app)
        await app.switch_mode("annee")
        screen = app.main_screen
        if screen is not None:
            screen.sync()
            screen.show_target(Target("annee", year=over.id))
            action = getattr(screen, "action_new_year", None)
            if callable(action):
                action()
