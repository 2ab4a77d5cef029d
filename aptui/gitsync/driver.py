"""Merging one school file by meaning, as the merge driver and aptui's own merge both do.

Clean: the merged text.  A true conflict: the merged text with standard
conflict markers around just the conflicting entries (every git tool shows
it, committing it is refused: APT003), and a record in domain words for the
conflict screen and ``aptui sync --resolve``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from aptui.gitsync import conflicts as cf
from aptui.gitsync.hostile import fallback_message
from aptui.gitsync.markers import MARKER_SIZE, conflict_text
from aptui.gitsync.merge3 import merge_texts
from aptui.gitsync.runner import Git


def side_label(side: cf.Side) -> str:
    """« local 1a2b3c4 » / « distant 9f8e7d6 »: what a conflict block's marker line says."""
    return f"{side.role} {side.commit[:7]}" if side.commit else side.role


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def merge_path(git: Git, path: str, base: str, ours: str, theirs: str, size: int = MARKER_SIZE,
               say: Callable[[str], None] | None = None) -> tuple[str, cf.ConflictRecord | None]:
    """(text to leave in the file, the conflict record or None when clean).

    A version the bounded reader refuses is merged by git's line merge (gitsync/hostile.py), and
    ``say`` is told why in French (the merge driver prints it on stderr, sync adds it to its notes)."""
    names = cf.student_names(git.root)
    result = merge_texts(base, ours, theirs, path, student_name=names)
    if result.fallback is not None and say is not None:
        say(fallback_message(path, result.fallback))
    if result.clean:
        return result.text or "", None
    ours_side, theirs_side = cf.sides(git, [path])
    labels = (side_label(ours_side), "ancêtre commun", side_label(theirs_side))
    text = conflict_text(base, ours, theirs, path, result, labels, size)
    items = [c.as_json() for c in result.conflicts]
    record = cf.ConflictRecord(path, "file", cf.file_title(path, names), [path], ours_side, theirs_side, items,
                               {"base": base, "ours": ours, "theirs": theirs}, written={path: text_digest(text)})
    return text, record
