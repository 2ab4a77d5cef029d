"""A table of diagnostics (problems): severity, code, file:line, message."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from aptui.diagnostics import Diagnostic
from aptui.tui import labels as L

MESSAGE_WIDTH = 200


class DiagnosticsTable(DataTable[str | Text]):
    """Shows diagnostics; the row key is the index in the list given to ``show``."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.shown: list[Diagnostic] = []
        """The diagnostics in the order of the rows."""

    def on_mount(self) -> None:
        for label in L.PROBLEM_COLUMNS:
            self.add_column(label, key=label or "severity")

    def show(self, diagnostics: list[Diagnostic], keep: Diagnostic | None = None) -> None:
        """Replace the rows, keeping the cursor on ``keep`` (or the same index) when possible."""
        index = self.cursor_row
        self.clear()
        self.shown = list(diagnostics)
        for number, diag in enumerate(self.shown):
            severity = Text(L.PROBLEM_ERROR, style="bold red") if diag.is_error else Text(L.PROBLEM_WARNING, style="yellow")
            where = f"{diag.loc.path}:{diag.loc.line}" if diag.loc.line else diag.loc.path
            message = diag.message if len(diag.message) <= MESSAGE_WIDTH else diag.message[:MESSAGE_WIDTH] + "…"
            self.add_row(severity, diag.code, where, message, key=str(number))
        if keep is not None and keep in self.shown:
            index = self.shown.index(keep)
        if self.shown:
            self.move_cursor(row=min(max(index, 0), len(self.shown) - 1))

    @property
    def selected(self) -> Diagnostic | None:
        """The diagnostic under the cursor."""
        if not self.shown or self.cursor_row < 0 or self.cursor_row >= len(self.shown):
            return None
        return self.shown[self.cursor_row]
