"""Unsaved appel marks carried onto the session as it is on disk now (a ``git pull``, a colleague's sync or
an edit in ``$EDITOR`` changed the file while the marks were being taken).

Only what the user changed moves: a student the user did not touch takes the mark received, so saving never
writes back a stale mark over a colleague's.  A student both changed differently is a conflict: the user's
mark stays on screen (it is what they just typed, still unsaved) and the conflict is said, with the mark
received, so that they can choose before ctrl+s.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Rebased:
    marks: dict[str, str]
    """The marks to show: the received ones, with the user's changes on top."""
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)
    """(student, mark received, mark kept): both sides changed the mark, differently."""
    dropped: list[str] = field(default_factory=list)
    """Students the user marked who are no longer members of the session (moved meanwhile)."""


def rebase_marks(base: dict[str, str], mine: dict[str, str], received: dict[str, str],
                 members: tuple[str, ...]) -> Rebased:
    """``mine`` (the marks on screen, taken from ``base``) moved onto ``received`` (the members' marks now)."""
    changed = {student: mark for student, mark in mine.items() if base.get(student) != mark}
    marks = {student: mark for student, mark in received.items() if student in members}
    conflicts: list[tuple[str, str, str]] = []
    dropped: list[str] = []
    for student, mark in changed.items():
        if student not in members:
            dropped.append(student)
            continue
        got = received.get(student)
        if got is not None and got != base.get(student) and got != mark:
            conflicts.append((student, got, mark))
        marks[student] = mark
    return Rebased(marks, conflicts, dropped)


def rebase_text(base: str, mine: str, received: str) -> tuple[str, bool]:
    """(text to show, conflict): the user's text when they changed it, else the text received."""
    if mine == base:
        return received, False
    return mine, received != base and received != mine
