"""The app's link to git: every edit becomes a commit, or edits wait for one batch commit.

The choice is kept in the repository (``git config aptui.commit each|batch``,
default each).  An edit is always written to disk first; committing it is a
second step that may fail without losing anything: with no author
configured, or when the commit would add errors to the school (the "no new
errors" rule, :mod:`aptui.gitsync.guard`), the edit stays pending and the
user is told why; in a folder that is not a git repository, edits simply
stay on disk.

The pending edits are one list, kept in the repository
(:mod:`aptui.gitsync.pending`): what the Git screen lists after a restart is
what ``C`` commits.  An edit's commit holds only the lines the edit changed
(an outside change to the same file stays uncommitted, or the commit is
refused with an explanation when both touch the same lines); ``C`` then
commits the other changes of the school too, as their own commit.

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

    from aptui.diagnostics import Diagnostic
    from aptui.edit.apply import AppliedEdit
    from aptui.gitsync.commit import CommitResult
    from aptui.gitsync.guard import Guard
    from aptui.gitsync.pending import PendingEdit
    from aptui.gitsync.runner import Git
    from aptui.gitsync.sync import SyncReport
    from aptui.workspace import Workspace

EACH = "each"
"""The default commit mode (``aptui.tui.data.git.EACH``), known without importing gitsync."""


@dataclass(frozen=True, slots=True)
class CommitOutcome:
    """What happened to the pending edits after an edit or a commit request."""

    kind: str
    """committed | pending | refused | none | no_repo | author | busy | error"""
    message: str = ""
    result: CommitResult | None = None


def batch_message(root: Path, edits: Sequence[AppliedEdit | PendingEdit], git: Git) -> str:
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
        self._restored: list[PendingEdit] | None = None
        """Edits left pending by an earlier run of the app (read once from the repository)."""
        self._guard: Guard | None = None

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

    # --- pending edits --------------------------------------------------------
    def pending(self, workspace: Workspace) -> list[PendingEdit]:
        """Every edit made in aptui and not committed yet: those of earlier runs, then this run's."""
        from aptui.gitsync.pending import PendingEdit, load_pending

        if not self.is_repo:
            return []
        if self._restored is None:
            try:
                self._restored = load_pending(self.git)
            except Exception:  # noqa: BLE001 - an unreadable list must not stop the app
                self._restored = []
        return [*self._restored, *(PendingEdit.of(e) for e in workspace.pending_edits)]

    def _keep_pending(self, workspace: Workspace) -> None:
        from aptui.gitsync.pending import save_pending

        save_pending(self.git, self.pending(workspace))

    def _forget_pending(self, workspace: Workspace) -> None:
        from aptui.gitsync.pending import save_pending

        workspace.clear_pending()
        self._restored = []
        save_pending(self.git, [])

    @property
    def guard(self) -> Guard:
        if self._guard is None:
            from aptui.gitsync.guard import Guard

            self._guard = Guard(self.git)
        return self._guard

    def prime(self, diagnostics: list[Diagnostic]) -> None:
        """Remember HEAD's problems when the working tree is HEAD (the school as opened): the first
        commit of an edit then loads nothing to compare with.  Safe to call from a worker thread."""
        try:
            if self.is_repo and self.git.has_commits():
                tree = self.guard.tree("HEAD")
                if tree is not None and self.guard.worktree_is(tree):
                    self.guard.remember(tree, diagnostics)
        except Exception:  # noqa: BLE001 - only a shortcut: the first commit loads HEAD instead
            return

    # --- commits -----------------------------------------------------------
    def after_edit(self, workspace: Workspace) -> CommitOutcome:
        """Called after each edit or undo: commit now (each) or keep it for the batch."""
        if not self.is_repo:
            return CommitOutcome("no_repo")
        from aptui.gitsync.runner import GitError
        from aptui.load.guard import french_os_error
        from aptui.tui.data.git import BATCH

        try:
            self._keep_pending(workspace)  # for the next run, if this one ends before the commit
            kept = None
        except (OSError, GitError) as exc:  # .git not writable: the edit is on disk, the commit may still work
            kept = exc.message if isinstance(exc, GitError) else french_os_error(exc)
        pending = self.pending(workspace)
        if not pending:
            return CommitOutcome("none")
        if self.mode == BATCH:
            if kept is not None:
                return CommitOutcome("error", L.GIT_PENDING_NOT_KEPT.format(len(pending), kept))
            return CommitOutcome("pending", L.GIT_PENDING_BATCH.format(len(pending)))
        return self.commit_pending(workspace)

    def commit_pending(self, workspace: Workspace, everything: bool = False) -> CommitOutcome:
        """Commit every pending edit in one commit whose message lists them (only their own lines);
        ``everything`` (the C key): then the school's other uncommitted changes, as their own commit."""
        if not self.is_repo:
            return CommitOutcome("no_repo", L.GIT_NOT_REPO.format(self.root))
        if self.busy:
            return CommitOutcome("busy", L.GIT_BUSY_LATER)
        from aptui.gitsync.appcommit import commit_own
        from aptui.gitsync.runner import AuthorMissing, GitError
        from aptui.load.guard import french_os_error

        edits = self.pending(workspace)
        result = None
        try:
            if edits:
                done = commit_own(self.git, edits, batch_message(self.root, edits, self.git), self.guard,
                                  lambda: workspace.result.diagnostics)
                if done.refused:
                    return CommitOutcome("refused", L.GIT_COMMIT_REFUSED.format(done.refused))
                self._forget_pending(workspace)
                result = done.result
            if everything:
                outside = self._commit_outside(workspace)
                if outside.kind != "none" and (outside.kind != "committed" or result is None):
                    return outside
        except AuthorMissing as exc:
            return CommitOutcome("author", exc.message)
        except GitError as exc:
            return CommitOutcome("error", L.GIT_COMMIT_FAILED.format(exc.message))
        except OSError as exc:  # the pending list in .git (written or removed around the commit)
            return CommitOutcome("error", L.GIT_COMMIT_FAILED.format(french_os_error(exc)))
        if result is None:
            return CommitOutcome("none", L.GIT_NOTHING_TO_COMMIT)
        return CommitOutcome("committed", L.GIT_COMMITTED.format(result.commit[:7], result.subject), result)

    def _commit_outside(self, workspace: Workspace) -> CommitOutcome:
        """The school's uncommitted changes made outside the app (a text editor, a comment), guarded."""
        from aptui.gitsync.commit import commit_all, pending_paths

        if not pending_paths(self.git):
            return CommitOutcome("none")
        if self.git.has_commits():
            check = self.guard.check(None, ["HEAD"], list(workspace.result.diagnostics))
            if check.blocked:
                from aptui.gitsync.appcommit import refusal

                return CommitOutcome("refused", L.GIT_COMMIT_REFUSED.format(refusal(check.new_errors)))
        result = commit_all(self.root, git=self.git)
        if result is None:
            return CommitOutcome("none")
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
        elif outcome.kind == "refused":
            app.notify(outcome.message, severity="warning", timeout=12)
        elif outcome.kind in ("pending", "busy") or (not quiet and outcome.message):
            app.notify(outcome.message, timeout=4)
