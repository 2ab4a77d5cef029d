"""The app's link to git: every edit becomes a commit, or edits wait for one batch commit.

The choice is kept in the repository (``git config aptui.commit each|batch``,
default each).  An edit is always written to disk first; committing it is a
second step that may fail without losing anything: with no author
configured, the edit stays pending (``Workspace.pending_edits``) and the
user is told how to set the author; in a folder that is not a git
repository, edits simply stay on disk.

Undo after a commit writes the old bytes back and commits
« Annulation : … » (the workspace queues the reverted edit as pending);
undoing an edit not yet committed just drops it from the batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aptui.tui import labels as L

if TYPE_CHECKING:  # gitsync (~0.1 s of imports) is loaded on first use, not at start-up
    from textual.app import App

    from aptui.edit.apply import AppliedEdit
    from aptui.gitsync.commit import CommitResult
    from aptui.gitsync.runner import Git
    from aptui.gitsync.sync import SyncReport
    from aptui.workspace import Workspace

EACH = "each"
"""The default commit mode (``aptui.tui.data.git.EACH``), known without importing gitsync."""


@dataclass(frozen=True, slots=True)
class CommitOutcome:
    """What happened to the pending edits after an edit or a commit request."""

    kind: str
    """committed | pending | none | no_repo | author | busy | error"""
    message: str = ""
    result: CommitResult | None = None


def batch_message(root: Path, edits: Sequence[AppliedEdit], git: Git) -> str:
    """The message of a commit of several edits: a summary line, then one bullet per edit."""
    from aptui.gitsync.commit import edits_message

    descriptions = [edit.description for edit in edits]
    if len(set(descriptions)) <= 1:
        return edits_message(descriptions)
    summary = None
    paths = sorted({path for edit in edits for path in edit.paths})
    try:
        from aptui.gitsync.semantic import semantic_diff, summary_line

        report = semantic_diff(root, None, paths, budget=False, git=git)
        summary = summary_line(report.changes) if report.changes else None
    except Exception:  # noqa: BLE001 - the bullets alone still say everything
        summary = None
    head = L.GIT_BATCH_TITLE.format(len(set(descriptions)))
    return edits_message(descriptions, f"{head} : {summary[:1].lower()}{summary[1:]}" if summary else head)


class GitLink:
    """Commits the app's edits; remembers the last sync; says when a sync is running."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._git: Git | None = None
        self.busy = False
        """A sync runs in a worker thread: no commit, no reload until it ends."""
        self.last_report: SyncReport | None = None
        """The outcome of the last sync, shown by the Git screen."""
        self._problem: str | None = ""
        self._author_told = False

    # --- state ---------------------------------------------------------------
    @property
    def git(self) -> Git:
        """The school's git runner, created (and gitsync imported) on first use."""
        if self._git is None:
            from aptui.gitsync.runner import Git

            self._git = Git(self.root)
        return self._git

    def problem(self, refresh: bool = False) -> str | None:
        """None when the school is a git repository of its own (see data.git.school_repo_problem)."""
        if refresh or self._problem == "":
            from aptui.tui.data.git import school_repo_problem

            self._problem = school_repo_problem(self.git)
        return self._problem

    @property
    def is_repo(self) -> bool:
        return self.problem() is None

    @property
    def mode(self) -> str:
        from aptui.tui.data.git import commit_mode

        return commit_mode(self.git) if self.is_repo else EACH

    def set_mode(self, mode: str) -> None:
        from aptui.tui.data.git import BATCH, COMMIT_MODE_KEY

        self.git.run("config", COMMIT_MODE_KEY, BATCH if mode == BATCH else EACH)

    # --- commits -----------------------------------------------------------
    def after_edit(self, workspace: Workspace) -> CommitOutcome:
        """Called after each edit or undo: commit now (each) or keep it for the batch."""
        if not workspace.pending_edits or not self.is_repo:
            return CommitOutcome("no_repo" if not self.is_repo else "none")
        from aptui.tui.data.git import BATCH

        if self.mode == BATCH:
            return CommitOutcome("pending", L.GIT_PENDING_BATCH.format(len(workspace.pending_edits)))
        return self.commit_pending(workspace)

    def commit_pending(self, workspace: Workspace) -> CommitOutcome:
        """Commit every pending edit in one commit whose message lists them."""
        if not self.is_repo:
            return CommitOutcome("no_repo", L.GIT_NOT_REPO.format(self.root))
        edits = list(workspace.pending_edits)
        if not edits:
            return CommitOutcome("none", L.GIT_NOTHING_TO_COMMIT)
        if self.busy:
            return CommitOutcome("busy", L.GIT_BUSY_LATER)
        from aptui.gitsync.commit import commit_edits
        from aptui.gitsync.runner import AuthorMissing, GitError

        try:
            result = commit_edits(self.root, edits, message=batch_message(self.root, edits, self.git), git=self.git)
        except AuthorMissing as exc:
            return CommitOutcome("author", exc.message)
        except GitError as exc:
            return CommitOutcome("error", L.GIT_COMMIT_FAILED.format(exc.message))
        workspace.clear_pending()
        if result is None:
            return CommitOutcome("none", L.GIT_NOTHING_TO_COMMIT)
        return CommitOutcome("committed", L.GIT_COMMITTED.format(result.commit[:7], result.subject), result)

    def show(self, app: App[Any], outcome: CommitOutcome, quiet: bool = True) -> None:
        """Tell the user what matters: a missing author (once as a dialog), a failure, a batch waiting."""
        from aptui.tui.dialogs import ErrorDialog

        if outcome.kind == "author":
            if not self._author_told:
                self._author_told = True
                app.push_screen(ErrorDialog(f"{outcome.message}\n\n{L.GIT_AUTHOR_KEPT}", L.GIT_AUTHOR_TITLE))
            else:
                app.notify(outcome.message, severity="warning", timeout=10)
        elif outcome.kind == "error":
            app.notify(outcome.message, severity="error", timeout=10)
        elif outcome.kind in ("pending", "busy") or (not quiet and outcome.message):
            app.notify(outcome.message, timeout=4)
