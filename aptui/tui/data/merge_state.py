"""Whether a merge (or a rebase) waits for choices, and how many: the dashboard's first line.

The count is the one the conflict screen works through: the entries of the records not decided
yet, plus the unmerged files no record describes (a plain ``git pull`` without the driver).
The usual answer (no merge) costs a few file checks, no git process and no gitsync import: the
dashboard asks at every reload.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aptui.gitsync.conflicts import ConflictRecord
    from aptui.gitsync.runner import Git

OPERATION_FILES = ("MERGE_HEAD", "rebase-merge", "rebase-apply")


@dataclass(frozen=True, slots=True)
class MergeState:
    """A merge in progress: the conflicts still to decide (0: all decided, the merge can be concluded)."""

    waiting: int


def waiting_conflicts(git: Git, records: list[ConflictRecord] | None = None) -> int:
    """The entries still to decide, plus the unmerged files without a record."""
    from aptui.gitsync import conflicts as cf
    from aptui.gitsync import entries as ce

    records = cf.list_records(git) if records is None else records
    described = {path for record in records for path in record.paths}
    bare = [path for path in cf.unmerged_paths(git) if path not in described]
    return len(ce.undecided(records)) + len(bare)


def operation_open(root: Path, git: Git) -> bool:
    """A merge or a rebase is in progress in the school's repository."""
    dot_git = root / ".git"
    if dot_git.is_dir():  # the usual clone: no git process needed
        return any((dot_git / name).exists() for name in OPERATION_FILES)
    if not dot_git.exists():
        return False
    from aptui.gitsync import conflicts as cf

    return git.rev("MERGE_HEAD") is not None or cf.rebase_in_progress(git)


def merge_state(root: Path, git: Git) -> MergeState | None:
    """None when no merge nor rebase is in progress (or the folder is no repository of its own)."""
    from aptui.gitsync.runner import GitError

    try:
        if not operation_open(root, git):
            return None
        return MergeState(waiting_conflicts(git))
    except (GitError, OSError):
        return None
