"""A merge commit in the log: « fusion de 3 commits de Bruno Petit : appel et séances (2) », then
only what the merge itself decided, not the whole incoming set again.

The merge's own changes are those of its first-parent diff that the merged
branch did not bring as they are (the same sentence in the branch's own diff,
from the merge base): a conflict resolved one way, an edit made while merging.
The decisions ``aptui sync`` writes in the merge message are shown too (its lines that are not the
subject of a commit brought).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from aptui.gitsync.catfile import EMPTY_TREE
from aptui.gitsync.history import CommitInfo, CommitSummary, Delta, MergeInfo, log_commits
from aptui.gitsync.semantic import describe_changes, summary_line
from aptui.gitsync.snapshot import TreeSnapshot

if TYPE_CHECKING:
    from aptui.gitsync.history import CommitDescriber


def describe_merge(describer: CommitDescriber, info: CommitInfo, deltas: Sequence[Delta]) -> CommitSummary:
    git = describer.git
    ours, theirs = info.parents[0], info.parents[1]
    base = git.run("merge-base", ours, theirs, check=False).text.strip() or EMPTY_TREE
    brought = log_commits(git, ["--no-merges", f"{ours}..{theirs}"])
    authors = tuple(dict.fromkeys(c.author for c, _ in brought))
    branch_paths = sorted({p for _, commit_deltas in brought for p, _, _ in commit_deltas})
    old = TreeSnapshot(git, describer.reader, base, describer.parsed)
    new = TreeSnapshot(git, describer.reader, theirs, describer.parsed)
    incoming, _, _ = describe_changes(old, new, branch_paths, budget=False)
    merged = describer.describe(info, deltas)
    known = {change.text for change in incoming}
    own = [change for change in merged.changes if change.text not in known]
    body = git.run("log", "-1", "--format=%b", info.commit, check=False).text
    subjects = {commit.subject for commit, _ in brought}  # a message may list what it brought: not decisions
    lines = (line.strip().removeprefix("- ").strip() for line in body.splitlines())
    decisions = tuple(line for line in lines if line and line not in subjects)
    incoming_text = summary_line(incoming).lower() if len(incoming) > 1 else (incoming[0].text if incoming else "")
    merge = MergeInfo(len(brought), authors, incoming_text[:1].lower() + incoming_text[1:], decisions)
    return CommitSummary(info, own, merged.other_files, merge)
