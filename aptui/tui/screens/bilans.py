"""Bilans: each student's outcome, decision and reason for a period; who still has none."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, DataTable, Input, Label, Select, Static

from aptui import vocab as v
from aptui.layout import bilans_path
from aptui.model.entities import Bilan, Year
from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui import labels_export as LX
from aptui.tui.data.bilans import BilanRow, bilan_rows, missing
from aptui.tui.data.targets import BILANS, Target
from aptui.tui.dialogs import forms
from aptui.tui.screens.base import AptScreen, chosen, fill_select
from aptui.tui.screens.bilans_group import GROUP_BILAN_BINDINGS, GROUP_BILAN_GROUPS, GroupBilanActions
from aptui.tui.widgets.field_input import FormInput

COLUMNS = ("name", "division", "group", "outcome", "decision", "to", "reason")


WIDE_WIDTHS = (20, 8, 14, 12, 10, 14, None)
NARROW_WIDTHS = (16, 7, 12, 12, 10, 9, None)
"""At 80 columns « Vers » stays on screen; a cut cell ends with « … », the line under the table says it whole."""


def _target(bilan: Bilan) -> str:
    return bilan.to_group or (v.CONTENT_TYPE_LABELS.get(bilan.to_type, bilan.to_type) if bilan.to_type else "")


def _cells(row: BilanRow, widths: tuple[int | None, ...]) -> tuple[str | Text, ...]:
    bilan = row.bilan
    if bilan is None:
        known = (row.name, row.division, row.groups)
        return (*(fmt.fit(t, w) for t, w in zip(known, widths)), Text(L.BILAN_MISSING, style="bold yellow"), "", "", "")
    texts = (row.name, row.division, row.groups, L.BILAN_SHORT_OUTCOMES.get(bilan.outcome, bilan.outcome),
             L.BILAN_SHORT_DECISIONS.get(bilan.decision, bilan.decision), _target(bilan), bilan.reason)
    return tuple(fmt.fit(t, w) for t, w in zip(texts, widths))


class BilansScreen(GroupBilanActions, AptScreen):
    """Write the end-of-period bilans."""

    MODE = BILANS
    FOOTER_KEYS = ("write", "filter", "toggle_missing", "group_bilan")
    BINDINGS = [
        Binding("b", "write", L.KEY_WRITE_BILAN),
        Binding("slash", "filter", L.KEY_FILTER),
        Binding("m", "toggle_missing", L.KEY_ONLY_MISSING),
        Binding("e", "open_editor", L.KEY_EDITOR),
        Binding("E", "export", LX.KEY_EXPORT, show=False),
        *GROUP_BILAN_BINDINGS,
    ]
    KEY_GROUPS = GROUP_BILAN_GROUPS

    def __init__(self) -> None:
        super().__init__()
        self.period_id: str | None = None
        """The period shown."""
        self.rows: list[BilanRow] = []
        """Every row of the period."""
        self.shown: list[BilanRow] = []
        """The rows shown (filtered)."""
        self.widths: tuple[int | None, ...] = WIDE_WIDTHS
        """The columns' widths as laid out (the cells are cut to them)."""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="bilan-bar", classes="toolbar"):
            yield Label(L.BOARD_PERIOD)
            yield Select[str]([], id="bilan-period", prompt=L.BOARD_PERIOD, compact=True)
            yield Checkbox(L.KEY_ONLY_MISSING, id="bilan-missing", compact=True)
            yield FormInput(placeholder=L.FILTER_PLACEHOLDER, classes="filter", id="bilan-filter", compact=True)
        yield Static("", id="bilan-count")
        yield DataTable(id="bilan-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="bilan-comment")

    def on_mount(self) -> None:
        self.fit_columns()

    def layout_columns(self, narrow: bool, refill: bool) -> None:
        table = self.query_one("#bilan-table", DataTable)
        table.clear(columns=True)
        self.widths = NARROW_WIDTHS if narrow else WIDE_WIDTHS
        for key, label, width in zip(COLUMNS, L.BILAN_COLUMNS_NARROW if narrow else L.BILAN_COLUMNS, self.widths):
            table.add_column(label, key=key, width=width)  # the target (« Vers ») stays visible at 80 and 120
        if refill:
            self._fill(keep=self.selected.student if self.selected else None)

    def focus_main(self) -> None:
        self.query_one("#bilan-table").focus()

    @property
    def year(self) -> Year | None:
        return self.ctx.year if self.ctx.loaded else None

    @property
    def selected(self) -> BilanRow | None:
        table = self.query_one("#bilan-table", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def refresh_data(self) -> None:
        year = self.year
        if year is None:
            self.query_one("#bilan-count", Static).update(L.NOT_LOADED if not self.ctx.loaded else L.NO_YEAR)
            return
        periods = [p.id for p in year.sorted_periods()]
        if self.period_id not in periods:
            current = self.ctx.period
            self.period_id = current.id if current else (periods[0] if periods else None)
        fill_select(self.query_one("#bilan-period", Select), [(p, p) for p in periods], self.period_id)
        self.rows = bilan_rows(self.ctx.analysis, year, self.period_id) if self.period_id else []
        self._fill(keep=self.selected.student if self.selected else None)

    def _fill(self, keep: str | None) -> None:
        needle = self.query_one("#bilan-filter", Input).value.strip()
        only_missing = self.query_one("#bilan-missing", Checkbox).value
        rows = [r for r in self.rows if (not needle or r.matches(needle)) and (r.bilan is None or not only_missing)]
        table = self.query_one("#bilan-table", DataTable)
        table.clear()
        for row in rows:
            table.add_row(self.ticked_name(row, self.widths[0]), *_cells(row, self.widths)[1:], key=row.student)
        self.shown = rows
        if keep is not None and any(r.student == keep for r in rows):
            table.move_cursor(row=table.get_row_index(keep))
        todo = len(missing(self.rows))
        done = len(self.rows) - todo
        template = L.BILAN_COUNT if todo else L.BILAN_ALL_DONE
        self.query_one("#bilan-count", Static).update(
            template.format(period=self.period_id, done=done, missing=todo) + self.ticked_count())
        self._show_comment()

    def _show_comment(self) -> None:
        row = self.selected
        text = ""
        if row is not None and row.bilan is not None:
            bilan = row.bilan
            target = _target(bilan)
            text = L.BILAN_LINE.format(
                day=fmt.day(bilan.day), author=self.ctx.teacher_name(bilan.author),
                outcome=v.OUTCOME_LABELS.get(bilan.outcome, bilan.outcome),
                decision=v.DECISION_LABELS.get(bilan.decision, bilan.decision),
                target=f" → {target}" if target else "", comment=bilan.comment or L.DETAIL_NONE)
        self.query_one("#bilan-comment", Static).update(text)

    @on(DataTable.RowHighlighted, "#bilan-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_comment()

    @on(DataTable.RowSelected, "#bilan-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_write()

    @on(Select.Changed, "#bilan-period")
    def _period_changed(self, event: Select.Changed) -> None:
        value = chosen(event)
        if value is None or value == self.period_id:
            return
        self.period_id = value
        self.ticked.clear()  # ticks belong to one period's bilans
        self.refresh_data()

    @on(Input.Changed, "#bilan-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(keep=self.selected.student if self.selected else None)

    @on(Input.Submitted, "#bilan-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.focus_main()

    @on(Checkbox.Changed, "#bilan-missing")
    def _missing_changed(self, event: Checkbox.Changed) -> None:
        self._fill(keep=self.selected.student if self.selected else None)

    def action_toggle_missing(self) -> None:
        box = self.query_one("#bilan-missing", Checkbox)
        box.value = not box.value

    def action_write(self) -> None:
        year, row = self.year, self.selected
        period = year.period(self.period_id) if year and self.period_id else None
        if year is None or period is None or row is None:
            self.notify(L.NO_SELECTION, severity="warning")
            return
        self.app.push_screen(forms.bilan_dialog(self.ctx, year, period, row.student), self.request_edit_if_any)

    def show_target(self, target: Target) -> None:
        if target.period:
            self.period_id = target.period
        self.query_one("#bilan-filter", Input).value = ""
        self.refresh_data()
        if target.student:
            self._fill(keep=target.student)
        self.focus_main()

    def editor_location(self) -> tuple[str, int] | None:
        year, row = self.year, self.selected
        if year is None or self.period_id is None:
            return None
        line = row.bilan.src.loc.line if row and row.bilan else 1
        return bilans_path(year.id, self.period_id), line

    def action_export(self) -> None:
        from aptui.reports.sources import bilan_document
        from aptui.tui.exporting import ExportSubject, safe_stem, start_export

        year, period, analysis = self.year, self.period_id, self.ctx.analysis
        if year is None or period is None:
            start_export(self, None)
            return
        start_export(self, ExportSubject(f"bilan de la période {period}", safe_stem("bilan", period, year.id),
                                         lambda: bilan_document(analysis, year, period)))
