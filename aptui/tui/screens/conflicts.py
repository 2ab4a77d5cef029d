"""Conflits: the conflicts a sync left, both sides with who and when; pick a side, then finish the merge.

The records live in ``.git/aptui-conflicts/`` (:mod:`aptui.gitsync.conflicts`);
the files show each conflict between standard markers (so plain git shows it
too).  Picking a side rewrites the file (``conflicts.resolve``; a record whose
file changed since is dropped, never replayed) and the school reloads;
finishing runs ``sync(push=False)``, which commits the merge (or continues
the rebase) and validates the school again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from aptui.gitsync import conflicts as cf
from aptui.gitsync.runner import Git, GitError
from aptui.gitsync.sync import SyncReport, sync
from aptui.tui import labels as L
from aptui.tui.data.git import ConflictView, conflict_views

if TYPE_CHECKING:
    from aptui.tui.app import AptuiApp


class ConflictsScreen(Screen[None]):
    """One line per conflict; the selected one in detail; l / d pick a side, f finishes the merge."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "pick('local')", L.KEY_KEEP_LOCAL),
        Binding("d", "pick('distant')", L.KEY_TAKE_DISTANT),
        Binding("f", "finish", L.KEY_FINISH_MERGE),
        Binding("escape", "close", L.KEY_BACK),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.views: list[ConflictView] = []
        """The conflicts waiting for a choice, in list order."""

    @property
    def aptui(self) -> AptuiApp:
        return cast("AptuiApp", self.app)

    @property
    def git(self) -> Git:
        return Git(self.aptui.ctx.root)

    def compose(self) -> ComposeResult:
        with Vertical(id="conflicts-body"):
            yield Label(L.CONFLICTS_TITLE, classes="section-title")
            yield Static(L.CONFLICTS_HELP, id="conflicts-help")
            yield OptionList(id="conflicts-list")
            with VerticalScroll(id="conflict-detail-box"):
                yield Static("", id="conflict-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#conflicts-list").focus()

    def reload(self) -> None:
        """Read the records again and redraw, keeping the cursor near where it was."""
        self.views = conflict_views(cf.list_records(self.git))
        options = self.query_one("#conflicts-list", OptionList)
        index = options.highlighted or 0
        options.clear_options()
        options.add_options([Option(view.record.title, id=view.record.id) for view in self.views])
        if self.views:
            options.highlighted = min(index, len(self.views) - 1)
        else:
            self.query_one("#conflict-detail", Static).update(
                L.CONFLICTS_ALL_DONE if self._operation_open() else L.CONFLICTS_NONE)
        self._show_detail()

    def _operation_open(self) -> bool:
        git = self.git
        return git.rev("MERGE_HEAD") is not None or cf.rebase_in_progress(git)

    @property
    def selected(self) -> ConflictView | None:
        index = self.query_one("#conflicts-list", OptionList).highlighted
        return self.views[index] if index is not None and 0 <= index < len(self.views) else None

    @on(OptionList.OptionHighlighted, "#conflicts-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        view = self.selected
        if view is None:
            return
        record = view.record
        local, distant = (record.ours, record.theirs) if record.ours.role == "local" else (record.theirs, record.ours)
        text = Text(record.title + "\n", style="bold")
        text.append(f"{L.KEY_KEEP_LOCAL} (l) : {local.describe}\n", style="cyan")
        text.append(f"{L.KEY_TAKE_DISTANT} (d) : {distant.describe}\n", style="magenta")
        for label, local_value, distant_value in view.items:
            text.append(f"\n{label}\n", style="bold")
            text.append("  local : ", style="cyan")
            text.append(local_value.replace("\n", "\n          ") + "\n")
            text.append("  reçue : ", style="magenta")
            text.append(distant_value.replace("\n", "\n          ") + "\n")
        self.query_one("#conflict-detail", Static).update(text)

    # --- choices ---------------------------------------------------------------
    def action_pick(self, role: str) -> None:
        """Resolve the selected conflict with the local or the distant side."""
        view = self.selected
        if view is None:
            self.notify(L.CONFLICTS_NONE, severity="warning")
            return
        record = view.record
        choice = "ours" if record.ours.role == role else "theirs"
        try:
            cf.resolve(self.git, record, choice)
        except cf.StaleConflict as exc:
            self.notify(L.CONFLICT_STALE.format(exc.message), severity="warning", timeout=12)
            self.aptui.check_disk()
            self.reload()
            return
        except GitError as exc:
            self.notify(exc.message, severity="error", timeout=8)
            return
        word = L.KEY_KEEP_LOCAL if role == "local" else L.KEY_TAKE_DISTANT
        self.notify(L.CONFLICT_RESOLVED.format(word.lower(), record.title))
        self.aptui.check_disk()
        self.reload()

    def action_finish(self) -> None:
        """Conclude the merge (commit) once every conflict has its side."""
        if self.views:
            self.notify(L.CONFLICT_REMAINING.format(len(self.views)), severity="warning")
            return
        if not self._operation_open():
            self.notify(L.CONFLICT_NO_MERGE, severity="warning")
            return
        link = self.aptui.gitlink
        if link.busy:
            self.notify(L.GIT_BUSY, severity="warning")
            return
        link.busy = True
        self.run_finish()

    @work(thread=True, exclusive=True, group="git-sync")
    def run_finish(self) -> None:
        report = SyncReport()
        try:
            report = sync(self.aptui.ctx.root, push=False)
        except Exception as exc:  # noqa: BLE001 - the UI must get its busy flag back
            report.fail("error", L.CONFLICT_FINISH_FAILED.format(exc))
        finally:
            try:
                self.app.call_from_thread(self.finished, report)
            except RuntimeError:
                pass

    def finished(self, report: SyncReport) -> None:
        app = self.aptui
        app.gitlink.busy = False
        app.gitlink.last_report = report
        app.check_disk()
        concluded = not self._operation_open()
        if concluded and app.gitlink.pending(app.ctx.workspace):
            app.gitlink.show(app, app.gitlink.after_edit(app.ctx.workspace))  # edits made during the merge
        app.changed()
        first = report.messages[0] if report.messages else report.status
        app.notify(L.CONFLICT_FINISHED if concluded and report.ok else first,
                   severity="information" if concluded else "warning", timeout=8)
        if report.new_errors:
            app.notify(L.GIT_NEW_ERRORS.format(len(report.new_errors)), severity="warning", timeout=10)
        if concluded and self.is_current:
            self.dismiss(None)
        elif self.is_mounted:
            self.reload()

    def action_close(self) -> None:
        self.dismiss(None)
