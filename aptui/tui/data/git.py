"""What the Git screen and the history views show, read from the repository.

Pure functions of a school root (no Textual): they run git and may take a
few hundred milliseconds, so the screens call them from a worker thread.
Each call uses its own :class:`Git` and closes its ``cat-file`` process.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from aptui.gitsync import conflicts as cf
from aptui.gitsync.catfile import BlobReader
from aptui.gitsync.changes import Change
from aptui.gitsync.commit import pending_paths
from aptui.gitsync.history import CommitDescriber, log_commits, recent_changes, student_history
from aptui.gitsync.runner import Git, GitError
from aptui.gitsync.semantic import semantic_diff
from aptui.gitsync.syncstate import Remote, ahead_behind, find_remote
from aptui.layout import group_path, sessions_path
from aptui.tui import labels as L

COMMIT_MODE_KEY = "aptui.commit"
EACH, BATCH = "each", "batch"


class ReadingGit(Git):
    """A Git that never takes the index lock for its reads (``GIT_OPTIONAL_LOCKS=0``).

    ``git status`` and ``git diff`` refresh the index when they can; run in a
    thread beside a sync, that refresh could make the merge fail on
    ``index.lock``.
    """

    def env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        env = super().env(extra)
        env["GIT_OPTIONAL_LOCKS"] = "0"
        return env


def school_repo_problem(git: Git) -> str | None:
    """None when the school root is the top of a git work tree; else why not ("none" or the top)."""
    result = git.run("rev-parse", "--show-toplevel", check=False)
    if not result.ok:
        return "none"
    top = Path(result.text.strip())
    try:
        same = top.resolve() == git.root.resolve()
    except OSError:
        same = False
    return None if same else str(top)


def commit_mode(git: Git) -> str:
    """``git config aptui.commit``: each (default) or batch."""
    return BATCH if git.config(COMMIT_MODE_KEY) == BATCH else EACH


@dataclass(frozen=True, slots=True)
class GitStatus:
    """The state of the school's repository, for the Git screen."""

    repo: bool
    problem: str = ""
    """Why there is no repository to work with ("none", or the enclosing repository's top)."""
    branch: str | None = None
    remote: Remote | None = None
    tracking: bool = False
    """The remote-tracking branch exists (the branch was pushed or fetched once)."""
    ahead: int = 0
    behind: int = 0
    changes: tuple[str, ...] = ()
    """Uncommitted changes of the school in domain words."""
    other_files: tuple[str, ...] = ()
    merging: bool = False
    conflicts: tuple[str, ...] = ()
    """Titles of the conflicts waiting for a choice."""
    author: tuple[str, str] | None = None
    mode: str = EACH
    driver: str | None = None
    """What is wrong with the clone's merge driver (None: git merges school files with aptui)."""
    waiting: int = 0
    """The conflicting entries still to decide (and unmerged files without a record), as on the dashboard."""
    changed_paths: tuple[str, ...] = ()
    """Every changed or new school file of the working tree (to tell aptui's pending edits from the rest)."""


def read_status(root: Path) -> GitStatus:
    """Branch, remote, ahead/behind, uncommitted changes in domain words, merge state."""
    git = ReadingGit(root)
    problem = school_repo_problem(git)
    if problem is not None:
        return GitStatus(False, problem)
    branch = git.current_branch()
    try:
        remote = find_remote(git) if branch else None
    except GitError:
        remote = None
    ahead = behind = 0
    tracking = bool(remote and git.rev(remote.tracking))
    if remote is not None and tracking:
        ahead, behind = ahead_behind(git, remote.tracking)
    changes, others = pending_changes(git)
    changed = tuple(pending_paths(git)) if changes or others else ()
    merging = git.rev("MERGE_HEAD") is not None or cf.rebase_in_progress(git)
    records = cf.list_records(git) if merging else []
    titles = tuple(record.title for record in records)
    from aptui.gitsync.launcher import driver_problem
    from aptui.tui.data.merge_state import waiting_conflicts

    return GitStatus(True, "", branch, remote, tracking, ahead, behind, changes, others, merging, titles,
                     git.author(), commit_mode(git), driver_problem(git),
                     waiting_conflicts(git, records) if merging else 0, changed)


def pending_changes(git: Git) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(changes in domain words, other changed files) between HEAD and the working tree."""
    paths = pending_paths(git)
    if not paths:
        return (), ()
    if not git.has_commits():
        return (), tuple(paths)
    try:
        report = semantic_diff(git.root, None, budget=False, git=git)
    except Exception:  # noqa: BLE001 - a half-written file must not hide the rest of the screen
        return (), tuple(paths)
    texts = [change.text for change in report.changes]
    texts += [L.GIT_PENDING_FORMAT.format(path) for path in format_only(git, paths)]
    return tuple(texts), tuple(report.other_files)



def format_only(git: Git, paths: Sequence[str]) -> list[str]:
    """The changed school files whose values are those of HEAD (a comment, spaces, quotes): a change
    git sees and a commit records, that the semantic summary does not mention."""
    from aptui.gitsync.pending import head_bytes
    from aptui.layout import classify
    from aptui.load.guard import read_or_none
    from aptui.load.source import parse_source

    found = []
    for path in paths:
        if classify(path) is None:
            continue
        now = read_or_none(git.root, path)  # a regular school file within the limits (load/guard.py)
        if now is None:
            continue
        old = head_bytes(git, path)
        if old is None or old == now:
            continue
        values = [parse_source(raw, path)[0] for raw in (old, now)]
        if all(v is not None for v in values) and values[0].data == values[1].data:  # type: ignore[union-attr]
            found.append(path)
    return found


@dataclass(frozen=True, slots=True)
class CommitRow:
    """One commit of the log: who, when, and what it changed in domain words."""

    commit: str
    author: str
    date: datetime
    subject: str
    summary: str
    changes: tuple[str, ...] = ()
    merge: bool = False

    @property
    def short(self) -> str:
        return self.commit[:7]


def recent_commits(root: Path, limit: int = 30) -> list[CommitRow]:
    """The latest commits, newest first, with their semantic summaries."""
    git = ReadingGit(root)
    if school_repo_problem(git) is not None:
        return []
    rows = []
    for summary in recent_changes(root, limit=limit, git=git):
        info = summary.info
        rows.append(CommitRow(info.commit, info.author, info.date, info.subject, summary.summary,
                              tuple(c.text for c in summary.changes), len(info.parents) > 1))
    return rows


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One commit in the history of a student or a group."""

    commit: str
    author: str
    date: datetime
    description: str
    subject: str = ""

    @property
    def short(self) -> str:
        return self.commit[:7]


def student_rows(root: Path, student_id: str) -> list[HistoryRow]:
    """Who changed what about a student, and when (newest first)."""
    git = ReadingGit(root)
    if school_repo_problem(git) is not None:
        return []
    return [HistoryRow(e.commit, e.author, e.date, e.description, e.subject)
            for e in student_history(root, student_id, git=git)]


def concerns_group(change: Change, year: str, period: str, group: str) -> bool:
    """Whether a change is about a group (its members, teachers, sessions, attendance...)."""
    fields = change.fields
    if str(fields.get("year", "")) != year or str(fields.get("period", "")) != period:
        return False
    return group in (fields.get("group"), fields.get("from_group"), fields.get("to_group"))


def group_rows(root: Path, year: str, period: str, group: str, limit: int = 200) -> list[HistoryRow]:
    """Who changed what in a group (file and sessions), and when (newest first)."""
    git = ReadingGit(root)
    if school_repo_problem(git) is not None or not git.has_commits():
        return []
    paths = (group_path(year, period, group), sessions_path(year, period, group))
    hashes = git.run("log", f"-n{limit}", "--format=%H", "--", *paths).text.split()
    if not hashes:
        return []
    commits = log_commits(git, ["--no-walk=unsorted", *hashes])
    rows: list[HistoryRow] = []
    with BlobReader(git) as reader:
        describer = CommitDescriber(git, reader)
        for info, deltas in commits:
            summary = describer.describe(info, deltas)
            texts = [c.text for c in summary.changes if concerns_group(c, year, period, group)]
            if not texts and any(path in paths for path, _, _ in deltas):
                texts = [info.subject]
            if texts:
                rows.append(HistoryRow(info.commit, info.author, info.date, " ; ".join(texts), info.subject))
    return rows


def side_text(value: object, limit: int = 12) -> str:
    """One side of a conflicting item, short enough for a screen."""
    if value is None:
        return "(absent)"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "(aucun)"
    if isinstance(value, dict):
        return ", ".join(f"{k} : {side_text(v)}" for k, v in value.items())
    text = str(value)
    lines = text.splitlines()
    if len(lines) > limit:
        return "\n".join(lines[:limit] + [f"… ({len(lines) - limit} ligne(s) de plus)"])
    return text
