"""Who made each change of a range: the authors of the commits that made it.

Each commit of the range (merges left out: their authors merged, the
commits they bring made the changes) is described on its own, as ``aptui
log`` does; a change of the whole range is credited to every commit one of
whose own changes is about the same thing (:func:`same_subject`): the same
student's move in the same period, the same session's marks, the same bilan.
"""

from __future__ import annotations

from collections.abc import Sequence

from aptui.gitsync.catfile import BlobReader
from aptui.gitsync.changes import TYPE_ORDER, Change
from aptui.gitsync.runner import Git
from aptui.gitsync.snapshot import ParsedBlobs

MAX_COMMITS = 500
"""Past this many commits in a range, changes are not attributed (describing each would be slow)."""
IDENTITY_KEYS = ("group", "division", "teacher", "date", "key", "item", "label", "tool")


def same_subject(whole: Change, own: Change) -> bool:
    """Is ``own`` (a commit's change) a part of ``whole`` (a change of the whole range)?"""
    if TYPE_ORDER.get(whole.type) != TYPE_ORDER.get(own.type):
        return False
    a, b = whole.fields, own.fields
    if any(key in a and key in b and a[key] != b[key] for key in ("year", "period")):
        return False
    if whole.type == "period_built":
        return True  # every move made in that period is part of how it was built
    if whole.students or own.students:
        if not set(whole.students) & set(own.students):
            return False
        if whole.type != "attendance":
            return True
    return not any(key in a and key in b and a[key] != b[key] for key in IDENTITY_KEYS)


def attribute(git: Git, reader: BlobReader, parsed: ParsedBlobs, old: str, new: str | None,
              changes: Sequence[Change], pathspecs: Sequence[str] = ()) -> None:
    """Fill ``authors`` of each change with the authors (in commit order) of the commits that made it."""
    from aptui.gitsync.history import CommitDescriber, log_commits

    if not changes:
        return
    top = new or "HEAD"
    commits = log_commits(git, ["--no-merges", "--reverse", f"--max-count={MAX_COMMITS + 1}", f"{old}..{top}"], pathspecs)
    if not commits or len(commits) > MAX_COMMITS:
        return
    describer = CommitDescriber(git, reader, parsed)
    found: list[list[str]] = [[] for _ in changes]
    for info, deltas in commits:
        own = describer.describe(info, deltas).changes
        for index, change in enumerate(changes):
            if info.author not in found[index] and any(same_subject(change, mine) for mine in own):
                found[index].append(info.author)
    for change, authors in zip(changes, found):
        change.authors = tuple(authors)
