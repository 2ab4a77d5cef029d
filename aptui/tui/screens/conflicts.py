"""Conflits: the conflicts a sync left, entry by entry, both sides with who and when; pick a side per
entry (a mark, an interview, a group's composition), then finish the merge.

The records live in ``.git/aptui-conflicts/`` (:mod:`aptui.gitsync.conflicts`);
the files show each conflict between standard markers (so plain git shows it
too).  Picking a side rewrites the file (``conflicts.resolve``; a record whose
file changed since is dropped, never replayed) and the school reloads;
finishing runs ``sync(push=False)``, which commits the merge (or continues
the rebase) and validates the school again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from aptui.gitsync import conflicts as cf
from aptui.gitsync import entries as ce
from aptui.gitsync.runner import Git, GitError
from aptui.gitsync.sync import SyncReport, sync
from aptui.tui import labels as L
from aptui.tui.data.git import side_text
from aptui.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from aptui.tui.app import AptuiApp


class ConflictsScreen(Screen[None]):
    """One line per conflicting entry, under its file; the selected one in detail.

    l / d take a side for the selected entry (L / D for every entry of its file left); a file
    is rewritten once all its entries have a side; f finishes the merge.
    """

    FOOTER_KEYS = ("pick('local')", "pick('distant')", "finish")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "pick('local')", L.KEY_KEEP_LOCAL),
        Binding("d", "pick('distant')", L.KEY_TAKE_DISTANT),
        Binding("L", "pick_file('local')", L.KEY_KEEP_LOCAL_FILE),
        Binding("D", "pick_file('distant')", L.KEY_TAKE_DISTANT_FILE),
        Binding("f", "finish", L.KEY_FINISH_MERGE),
        Binding("escape", "close", L.KEY_BACK),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.records: list[cf.ConflictRecord] = []
        self.rows: list[ce.Entry | None] = []
        """What each line of the list is: an entry, or None for a file's title."""

    @property
    def aptui(self) -> AptuiApp:
        return cast("AptuiApp", self.app)

    @property
    def git(self) -> Git:
        return Git(self.aptui.ctx.root)

    @property
    def views(self) -> list[cf.ConflictRecord]:
        """The conflicts (files or moves) still waiting."""
        return self.records

    def compose(self) -> ComposeResult:
        with Vertical(id="conflicts-body"):
            yield Label(L.CONFLICTS_TITLE, classes="section-title")
            yield Static(L.CONFLICTS_HELP, id="conflicts-help")
            yield OptionList(id="conflicts-list")
            with VerticalScroll(id="conflict-detail-box"):
                yield Static("", id="conflict-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#conflicts-list").focus()

    def reload(self, after: ce.Entry | None = None) -> None:
        """Read the records again and redraw; the cursor goes to the next entry without a side."""
        order = [(e.record.id, e.key) for e in self.rows if e is not None]
        self.records = cf.list_records(self.git)
        listed = ce.entries(self.records)
        options: list[Option] = []
        self.rows = []
        for record in self.records:
            options.append(Option(Text(record.title, style="bold"), id=f"file:{record.id}", disabled=True))
            self.rows.append(None)
            for entry in (e for e in listed if e.record is record):
                options.append(Option(entry_prompt(entry), id=f"entry:{entry.number}"))
                self.rows.append(entry)
        widget = self.query_one("#conflicts-list", OptionList)
        widget.clear_options()
        widget.add_options(options)
        if listed:
            widget.highlighted = self._next_index(order, after)
        else:
            self.query_one("#conflict-detail", Static).update(
                L.CONFLICTS_ALL_DONE if self._operation_open() else L.CONFLICTS_NONE)
        self._show_detail()

    def _next_index(self, order: list[tuple[str, str]], after: ce.Entry | None) -> int:
        """The line of the next entry without a side after the one just decided (else the first)."""
        lines = [(i, e) for i, e in enumerate(self.rows) if e is not None]
        waiting = [(i, e) for i, e in lines if e.chosen is None]
        if after is not None and (after.record.id, after.key) in order:
            later = set(order[order.index((after.record.id, after.key)) + 1:])
            following = [(i, e) for i, e in waiting if (e.record.id, e.key) in later]
            waiting = following or waiting
        return (waiting or lines)[0][0]

    def _operation_open(self) -> bool:
        git = self.git
        return git.rev("MERGE_HEAD") is not None or cf.rebase_in_progress(git)

    @property
    def selected(self) -> ce.Entry | None:
        index = self.query_one("#conflicts-list", OptionList).highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    @on(OptionList.OptionHighlighted, "#conflicts-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        entry = self.selected
        if entry is None:
            return
        record = entry.record
        local, distant = (record.ours, record.theirs) if record.ours.role == "local" else (record.theirs, record.ours)
        text = Text(record.title + "\n", style="bold")
        text.append(f"{L.KEY_KEEP_LOCAL} (l) : {local.describe}\n", style="cyan")
        text.append(f"{L.KEY_TAKE_DISTANT} (d) : {distant.describe}\n", style="magenta")
        text.append(f"\n[{entry.number}] {entry.label}\n", style="bold")
        text.append("  local : ", style="cyan")
        text.append(side_text(entry.shown("local")).replace("\n", "\n          ") + "\n")
        text.append("  reçue : ", style="magenta")
        text.append(side_text(entry.shown("distant")).replace("\n", "\n          ") + "\n")
        text.append(f"  avant : {side_text(entry.shown('base'))}\n", style="dim")
        if entry.chosen:
            text.append(L.CONFLICT_ENTRY_CHOSEN_NOW.format(chosen_word(entry.chosen)) + "\n", style="green")
        if len(record.items) > 1:
            decided = len(record.chosen)
            text.append("\n" + L.CONFLICT_FILE_PROGRESS.format(decided, len(record.items)) + "\n", style="dim")
        self.query_one("#conflict-detail", Static).update(text)

    # --- choices ---------------------------------------------------------------
    def action_pick(self, role: str) -> None:
        """Take the local or the distant side for the selected entry."""
        entry = self.selected
        if entry is None:
            self.notify(L.CONFLICTS_NONE, severity="warning")
            return
        self._decide(entry, lambda: ce.choose(self.git, entry, role), role)

    def action_pick_file(self, role: str) -> None:
        """The same side for every entry of the selected entry's file not decided yet."""
        entry = self.selected
        if entry is None:
            self.notify(L.CONFLICTS_NONE, severity="warning")
            return
        self._decide(entry, lambda: ce.choose_all(self.git, entry.record, role), role)

    def _decide(self, entry: ce.Entry, apply: Callable[[], list[str] | None], role: str) -> None:
        record = entry.record
        try:
            decided = apply()
        except cf.StaleConflict as exc:
            self.notify(L.CONFLICT_STALE.format(exc.message), severity="warning", timeout=12)
            self.aptui.check_disk()
            self.reload()
            return
        except GitError as exc:
            self.notify(exc.message, severity="error", timeout=8)
            return
        word = chosen_word(role)
        if decided is None:
            left = len(record.items) - len(record.chosen)
            self.notify(L.CONFLICT_ENTRY_CHOSEN.format(word, entry.label, left))
        else:
            self.notify(L.CONFLICT_RESOLVED.format(word.lower(), record.title))
            self.aptui.check_disk()
        self.reload(after=entry)

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


def chosen_word(role: str) -> str:
    return L.KEY_KEEP_LOCAL if role == "local" else L.KEY_TAKE_DISTANT


def entry_prompt(entry: ce.Entry) -> Text:
    """« [2] appel du 09/12/2025 pour Maëlle Giraud (e07) : local « Excusé » / reçue « En retard » ✓ »."""
    text = Text(f"  [{entry.number}] {entry.label} : ")
    text.append(f"local « {entry.local} »", style="cyan")
    text.append(" / ")
    text.append(f"reçue « {entry.distant} »", style="magenta")
    if entry.chosen:
        text.append("  ✓ local" if entry.chosen == "local" else "  ✓ reçue", style="green")
    return text
