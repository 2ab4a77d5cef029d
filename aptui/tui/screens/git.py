"""Git: the repository of the school — branch, remote, what is not committed yet, commit, pull, push.

Reading the repository (status, semantic summaries of the recent commits)
and syncing run in worker threads: the app stays usable while git talks to
the remote.  After a pull, the workspace reloads the changed files (the
user's place on every screen is kept) and the new diagnostics appear.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Label, Static

from aptui.gitsync.runner import Git, classify_remote_error
from aptui.gitsync.sync import SyncReport, sync
from aptui.gitsync.syncstate import ahead_behind, find_remote
from aptui.tui import labels as L
from aptui.tui.data import targets
from aptui.tui.data.git import BATCH, EACH, CommitRow, GitStatus, read_status, recent_commits
from aptui.tui.dialogs.base import TextDialog
from aptui.tui.screens.base import AptScreen

if TYPE_CHECKING:
    from aptui.tui.app import AptuiApp

GIT = targets.GIT
LOG_LIMIT = 40
SEVERITY = {"ok": "information", "up_to_date": "information", "no_remote": "warning", "conflicts": "warning",
            "errors": "warning"}


class ForceDialog(TextDialog):
    """Send with new errors? « Non » is the first button, the default; Échap says no too."""

    BINDINGS = [Binding("o,y", "answer(True)", L.YES), Binding("n", "answer(False)", L.NO)]

    def __init__(self, question: str, text: str) -> None:
        super().__init__(question, text, ((L.NO, "no"), (L.YES, "yes")))

    def on_button(self, button_id: str) -> None:
        self.dismiss(button_id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(False)


class GitScreen(AptScreen):
    """The school's repository: status in domain words, commits, sync with the team."""

    MODE = GIT
    FOOTER_KEYS = ("commit", "pull", "push", "fetch", "conflicts")
    BINDINGS = [
        Binding("c", "commit", L.KEY_COMMIT),
        Binding("p", "pull", L.KEY_GIT_PULL),
        Binding("P", "push", L.KEY_GIT_PUSH),
        Binding("f", "fetch", L.KEY_GIT_FETCH),
        Binding("m", "toggle_mode", L.KEY_GIT_MODE),
        Binding("x", "conflicts", L.KEY_GIT_CONFLICTS),
        Binding("r", "refresh_git", L.KEY_GIT_REFRESH),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.status: GitStatus | None = None
        """The last status read (None until the first read ends)."""
        self.commits: list[CommitRow] = []
        """The recent commits shown, newest first."""

    @property
    def aptui(self) -> AptuiApp:
        return cast("AptuiApp", self.app)

    def compose_body(self) -> ComposeResult:
        with Vertical(id="git-body"):
            yield Static(L.GIT_LOADING, id="git-head")
            yield Static("", id="git-sync")
            yield Label(L.GIT_PENDING_TITLE, classes="section-title")
            with VerticalScroll(id="git-pending-box"):
                yield Static("", id="git-pending")
            yield Label(L.GIT_LOG_TITLE, classes="section-title")
            yield DataTable(id="git-log", cursor_type="row", zebra_stripes=True)
            yield Static("", id="git-commit-detail")

    def on_mount(self) -> None:
        self.fit_columns()

    def layout_columns(self, narrow: bool, refill: bool) -> None:
        table = self.query_one("#git-log", DataTable)
        self.narrow_log = narrow
        """At 80 columns the log drops the commit id (in the detail below) and shortens date and author."""
        table.clear(columns=True)
        for index, label in enumerate(L.GIT_LOG_COLUMNS):
            if not (narrow and index == 2):
                table.add_column(label)
        if refill and self.status is not None:
            self._show(self.status, self.commits)

    def focus_main(self) -> None:
        self.query_one("#git-log").focus()

    # --- reading the repository ---------------------------------------------
    def refresh_data(self) -> None:
        self._show_sync()
        if not self.aptui.gitlink.busy:
            self.load()  # else: read again once the sync ends

    def action_refresh_git(self) -> None:
        self.aptui.gitlink.problem(refresh=True)
        self.load()

    @work(thread=True, exclusive=True, group="git-status")
    def load(self) -> None:
        """Read the status and the recent commits in a thread, then show them."""
        root = self.ctx.root
        status = read_status(root)
        commits = recent_commits(root, LOG_LIMIT) if status.repo else []
        self._from_thread(self._show, status, commits)

    def _from_thread(self, callback: object, *args: object) -> None:
        try:
            self.app.call_from_thread(callback, *args)  # type: ignore[arg-type]
        except RuntimeError:
            pass  # the app is closing

    def _show(self, status: GitStatus, commits: list[CommitRow]) -> None:
        if not self.is_mounted:
            return
        self.status, self.commits = status, commits
        self.query_one("#git-head", Static).update(self._head_text(status))
        self.query_one("#git-pending", Static).update(self._pending_text(status))
        table = self.query_one("#git-log", DataTable)
        row = table.cursor_row
        table.clear()
        for commit in commits:
            if getattr(self, "narrow_log", False):  # the changes keep the room: they are what the log is read for
                table.add_row(commit.date.strftime("%d/%m %H:%M"), short_author(commit.author), commit.summary,
                              key=commit.commit)
            else:
                table.add_row(commit.date.strftime("%d/%m/%y %H:%M"), commit.author, commit.short,
                              commit.summary, key=commit.commit)
        if commits:
            table.move_cursor(row=min(max(row, 0), len(commits) - 1))
        self._show_detail()

    def _head_text(self, status: GitStatus) -> Text:
        root = self.ctx.root
        if not status.repo:
            message = L.GIT_NOT_REPO.format(root) if status.problem == "none" else \
                L.GIT_SUBFOLDER.format(root, status.problem)
            return Text(message, style="bold yellow")
        lines = [Text(L.GIT_BRANCH.format(status.branch or L.GIT_DETACHED), style="bold")]
        remote = status.remote
        if remote is None:
            lines.append(Text(L.GIT_NO_REMOTE, style="yellow"))
        else:
            lines.append(Text(L.GIT_REMOTE.format(name=remote.name, url=remote.url, branch=remote.branch)))
            lines.append(Text(L.GIT_AHEAD_BEHIND.format(ahead=status.ahead, behind=status.behind)
                              if status.tracking else L.GIT_NOT_PUSHED_YET))
        lines.append(Text(L.GIT_AUTHOR.format(*status.author)) if status.author
                     else Text(L.GIT_NO_AUTHOR, style="bold red"))
        lines.append(Text(L.GIT_MODE_BATCH if status.mode == BATCH else L.GIT_MODE_EACH))
        if status.driver:
            lines.append(Text(L.GIT_DRIVER_PROBLEM.format(status.driver), style="yellow"))
        if status.merging:
            lines.append(Text(L.GIT_MERGING.format(status.waiting) if status.waiting
                              else L.GIT_MERGE_READY, style="bold red"))
        return Text("\n").join(lines)

    def _pending_text(self, status: GitStatus) -> Text:
        text = Text()
        pending = self.aptui.gitlink.pending(self.ctx.workspace) if status.repo else []
        if pending:
            text.append(L.GIT_PENDING_EDITS.format(len(pending)) + "\n", style="bold")
            for edit in pending:
                text.append(f"  • {edit.description}\n")
        if status.changes:
            if pending:
                text.append(L.GIT_PENDING_OUTSIDE + "\n", style="bold")
            for change in status.changes:
                text.append(f"• {change}\n")
        if status.other_files:
            text.append(L.GIT_PENDING_FILES.format(", ".join(status.other_files)) + "\n", style="dim")
        if not text.plain:
            text.append(L.GIT_PENDING_NONE if status.repo else "", style="dim")
        return text

    def _show_sync(self) -> None:
        link = self.aptui.gitlink
        widget = self.query_one("#git-sync", Static)
        if link.busy:
            widget.update(Text(L.GIT_SYNCING, style="bold"))
            return
        report = link.last_report
        if report is None:
            widget.update("")
            return
        style = "green" if report.ok else ("yellow" if report.status in SEVERITY else "red")
        widget.update(Text(L.GIT_LAST_SYNC + "\n" + "\n".join(report.messages) + "\n", style=style))

    @on(DataTable.RowHighlighted, "#git-log")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        table = self.query_one("#git-log", DataTable)
        detail = self.query_one("#git-commit-detail", Static)
        if not self.commits or not 0 <= table.cursor_row < len(self.commits):
            detail.update("")
            return
        commit = self.commits[table.cursor_row]
        text = Text(f"{commit.short} · {commit.author} · {commit.date:%d/%m/%Y %H:%M}\n", style="bold")
        text.append(commit.subject + "\n")
        for change in commit.changes[:12] if len(commit.changes) > 1 else ():
            text.append(f"  • {change}\n", style="dim")
        detail.update(text)

    # --- actions --------------------------------------------------------------
    def action_commit(self) -> None:
        self.aptui.action_commit()
        self.load()

    def action_toggle_mode(self) -> None:
        link = self.aptui.gitlink
        if not link.is_repo:
            self.notify(L.GIT_NOT_REPO.format(self.ctx.root), severity="warning")
            return
        batch = link.mode != BATCH
        link.set_mode(BATCH if batch else EACH)
        self.notify(L.GIT_MODE_SET_BATCH if batch else L.GIT_MODE_SET_EACH)
        if not batch and self.aptui.gitlink.pending(self.ctx.workspace):
            self.aptui.gitlink.show(self.aptui, self.aptui.gitlink.commit_pending(self.ctx.workspace), quiet=False)
            self.aptui.changed()
        self.load()

    def action_conflicts(self) -> None:
        from aptui.tui.screens.conflicts import ConflictsScreen

        self.app.push_screen(ConflictsScreen())

    def action_pull(self) -> None:
        self.start_sync(push=False)

    def action_push(self) -> None:
        self.start_sync(push=True)

    def start_sync(self, push: bool) -> None:
        """Commit what waits, then fetch, integrate (and push) in a thread."""
        link = self.aptui.gitlink
        if not link.is_repo:
            self.notify(L.GIT_NOT_REPO.format(self.ctx.root), severity="warning")
            return
        if link.busy:
            self.notify(L.GIT_BUSY, severity="warning")
            return
        if link.pending(self.ctx.workspace):
            self.aptui.action_commit()
        self.aptui.check_disk()  # edits made outside the app are seen before the merge
        self._start(push, False)

    def _start(self, push: bool, force: bool) -> None:
        self.aptui.gitlink.busy = True
        self._show_sync()
        self.run_sync(push, force)

    @work(thread=True, exclusive=True, group="git-sync")
    def run_sync(self, push: bool, force: bool = False) -> None:
        report = SyncReport()
        try:
            report = sync(self.ctx.root, push=push, force_errors=force)
        except Exception as exc:  # noqa: BLE001 - the UI must get its busy flag back
            report.fail("error", L.GIT_SYNC_CRASHED.format(exc))
        finally:
            self._from_thread(self.synced, report)

    def synced(self, report: SyncReport) -> None:
        """Back on the UI thread: reload the school, show the outcome, open the conflicts if any."""
        app = self.aptui
        link = app.gitlink
        link.busy = False
        link.last_report = report
        app.check_disk()
        if link.pending(app.ctx.workspace):
            link.show(app, link.after_edit(app.ctx.workspace))
        if report.status == "errors":
            self._ask_force(report)
        summary = report.messages[0] if report.messages else report.status
        app.notify(summary, severity=SEVERITY.get(report.status, "error"), timeout=8)  # type: ignore[arg-type]
        if report.new_errors:
            app.notify(L.GIT_NEW_ERRORS.format(len(report.new_errors)), severity="warning", timeout=10)
        if self.is_mounted:
            self._show_sync()
            self.load()
        if report.status == "conflicts":
            from aptui.tui.screens.conflicts import ConflictsScreen

            app.push_screen(ConflictsScreen())

    def _ask_force(self, report: SyncReport) -> None:
        """Nothing was sent because of new errors: offer to send anyway (No is the default)."""
        held = next((m for m in report.messages if not m.startswith("  ")), report.status)
        errors = [m.strip() for m in report.messages if m.startswith("  ")]
        shown = "\n".join([held.split(" Ils restent")[0], *(e if len(e) <= 90 else e[:89] + "…" for e in errors[:3])]
                          + ([f"… et {len(errors) - 3} autre(s) (écran Git)"] if len(errors) > 3 else []))

        def answered(send: bool | None) -> None:
            if send and not self.aptui.gitlink.busy:
                self._start(True, True)

        self.app.push_screen(ForceDialog(L.GIT_FORCE_TITLE, L.GIT_FORCE_TEXT.format(shown)), answered)

    def action_fetch(self) -> None:
        if not self.aptui.gitlink.is_repo:
            self.notify(L.GIT_NOT_REPO.format(self.ctx.root), severity="warning")
            return
        if self.aptui.gitlink.busy:
            self.notify(L.GIT_BUSY, severity="warning")
            return
        self.run_fetch()

    @work(thread=True, exclusive=True, group="git-fetch")
    def run_fetch(self) -> None:
        git = Git(self.ctx.root)
        remote = find_remote(git) if git.current_branch() else None
        if remote is None:
            self._from_thread(self.notify, L.GIT_NO_REMOTE)
            return
        result = git.run("fetch", "--prune", remote.name, check=False)
        if not result.ok:
            kind = classify_remote_error(result.stderr)
            template = L.GIT_FETCH_AUTH if kind == "auth" else L.GIT_FETCH_UNREACHABLE
            message = template.format(name=remote.name, url=remote.url)
            self._from_thread(self._notify_error, message)
            return
        ahead, behind = ahead_behind(git, remote.tracking) if git.rev(remote.tracking) else (0, 0)
        self._from_thread(self.notify, L.GIT_FETCHED.format(ahead=ahead, behind=behind))
        self._from_thread(self.load)

    def _notify_error(self, message: str) -> None:
        self.notify(message, severity="error", timeout=8)


def short_author(name: str) -> str:
    """« A. Pierre » for « Antoine Pierre » (a narrow log)."""
    first, _, rest = name.partition(" ")
    return f"{first[:1]}. {rest}" if rest and first else name
