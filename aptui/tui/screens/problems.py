"""Problèmes: the live diagnostics of the school; Enter goes to the object, `e` to the file's line."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from aptui.diagnostics import Diagnostic, count
from aptui.tui import labels as L
from aptui.tui.data.targets import PROBLEMS, Target, target_of
from aptui.tui.messages import GoTo
from aptui.tui.screens.base import AptScreen
from aptui.tui.widgets.diagnostics_table import DiagnosticsTable
from aptui.tui.widgets.field_input import FormInput


def _excerpt(root_text: list[str], diag: Diagnostic) -> str:
    if diag.loc.line <= 0 or diag.loc.line > len(root_text):
        return ""
    from aptui.load.guard import line_window  # a long line: only the part around the column

    line, column = line_window(root_text[diag.loc.line - 1], diag.loc.column)
    caret = " " * max(0, column - 1) + "^"
    return f"\n    {line}\n    {caret}"


class ProblemsScreen(AptScreen):
    """Every problem found in the files, updated after each edit and each reload."""

    MODE = PROBLEMS
    FOOTER_KEYS = ("jump", "open_editor", "filter", "errors_only")
    BINDINGS = [
        Binding("enter", "jump", L.KEY_JUMP),
        Binding("e", "open_editor", L.KEY_EDITOR),
        Binding("slash", "filter", L.KEY_FILTER),
        Binding("f", "errors_only", L.KEY_ERRORS_ONLY),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.errors_only = False
        """Hide the warnings."""

    def compose_body(self) -> ComposeResult:
        yield Static("", id="problems-count")
        yield FormInput(placeholder=L.FILTER_PLACEHOLDER, classes="filter", id="problems-filter", compact=True)
        yield DiagnosticsTable(id="problems-table")
        yield Static("", id="problem-detail")

    def focus_main(self) -> None:
        self.query_one(DiagnosticsTable).focus()

    def on_mount(self) -> None:
        self.focus_main()

    def refresh_data(self) -> None:
        diagnostics = self.ctx.diagnostics
        errors, warnings = count(diagnostics)
        self.query_one("#problems-count", Static).update(
            L.PROBLEMS_COUNT.format(errors, warnings) if diagnostics else L.PROBLEMS_NONE)
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DiagnosticsTable)
        needle = self.query_one("#problems-filter", Input).value.strip().casefold()
        shown = [d for d in self.ctx.diagnostics
                 if (d.is_error or not self.errors_only)
                 and (not needle or needle in f"{d.code} {d.loc.path} {d.message}".casefold())]
        table.show(shown, keep=table.selected)
        self._show_detail()

    def _show_detail(self) -> None:
        diag = self.query_one(DiagnosticsTable).selected
        detail = self.query_one("#problem-detail", Static)
        if diag is None:
            detail.update("")
            return
        text = Text(f"{diag.loc.path}:{diag.loc.line}:{diag.loc.column} {diag.code}\n", style="bold")
        text.append(diag.message)
        text.append(_excerpt(self._lines(diag.loc.path), diag), style="dim")
        detail.update(text)

    def _lines(self, path: str) -> list[str]:
        from aptui.load.guard import source_lines  # never a link out of the school, a FIFO, a device

        return source_lines(self.ctx.root, path)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_jump()

    @on(Input.Changed, "#problems-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill()

    @on(Input.Submitted, "#problems-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.focus_main()

    def action_errors_only(self) -> None:
        self.errors_only = not self.errors_only
        self._fill()

    def action_jump(self) -> None:
        """Go to the screen and object of the selected problem (or open the file when no screen fits)."""
        diag = self.query_one(DiagnosticsTable).selected
        if diag is None:
            return
        target = target_of(diag, self.ctx.school) if self.ctx.loaded else Target(PROBLEMS)
        if target.screen == PROBLEMS:
            self.action_open_editor()
        else:
            self.post_message(GoTo(target))

    def editor_location(self) -> tuple[str, int] | None:
        diag = self.query_one(DiagnosticsTable).selected
        return (diag.loc.path, diag.loc.line) if diag and diag.loc.path else None
