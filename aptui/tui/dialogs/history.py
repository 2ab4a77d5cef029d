"""Historique: who changed what about a student or a group, and when, read from git in a thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from aptui.french import of
from aptui.tui import labels as L
from aptui.tui.data.git import HistoryRow, ReadingGit, group_rows, school_repo_problem, student_rows


class HistoryDialog(ModalScreen[None]):
    """A table of commits (date, author, commit, what changed); Échap closes."""

    BINDINGS = [Binding("escape,q,h", "close", L.KEY_BACK)]

    def __init__(self, title: str, root: Path, loader: Callable[[], list[HistoryRow]]) -> None:
        super().__init__()
        self.dialog_title = title
        """What the history is about."""
        self.root = root
        """The school root (to say when it is not a git repository)."""
        self.loader = loader
        """Reads the rows (runs in a worker thread)."""
        self.rows: list[HistoryRow] | None = None
        """The rows once read (None while loading)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog history-dialog"):
            yield Label(self.dialog_title, classes="dialog-title")
            yield Static(L.HISTORY_LOADING, id="history-info")
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="history-detail")

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        for label in L.HISTORY_COLUMNS:
            table.add_column(label)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        problem = school_repo_problem(ReadingGit(self.root))
        rows = [] if problem is not None else self.loader()
        message = "" if problem is None else (
            L.GIT_NOT_REPO.format(self.root) if problem == "none" else L.GIT_SUBFOLDER.format(self.root, problem))
        try:
            self.app.call_from_thread(self._show, rows, message)
        except RuntimeError:
            pass

    def _show(self, rows: list[HistoryRow], message: str) -> None:
        if not self.is_mounted:
            return
        self.rows = rows
        info = self.query_one("#history-info", Static)
        info.update(Text(message, style="yellow") if message else
                    (L.HISTORY_COUNT.format(len(rows)) if rows else L.HISTORY_EMPTY))
        table = self.query_one("#history-table", DataTable)
        table.clear()
        for row in rows:
            table.add_row(row.date.strftime("%d/%m/%Y %H:%M"), row.author, row.short, row.description,
                          key=row.commit)

    @on(DataTable.RowHighlighted, "#history-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        rows, index = self.rows or [], event.cursor_row
        if 0 <= index < len(rows):
            row = rows[index]
            text = Text(f"{row.short} · {row.author} · {row.date:%d/%m/%Y %H:%M}\n", style="bold")
            text.append(row.description + "\n")
            if row.subject and row.subject != row.description:
                text.append(row.subject, style="dim")
            self.query_one("#history-detail", Static).update(text)

    def action_close(self) -> None:
        self.dismiss(None)


def student_history_dialog(root: Path, student_id: str, name: str) -> HistoryDialog:
    return HistoryDialog(L.HISTORY_STUDENT.format(of(name)), root, lambda: student_rows(root, student_id))


def group_history_dialog(root: Path, year: str, period: str, group: str, title: str) -> HistoryDialog:
    return HistoryDialog(L.HISTORY_GROUP.format(title, group, period), root,
                         lambda: group_rows(root, year, period, group))
