"""Edits of the sessions of a group: record a session with its attendance, one mark."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import (
    SESSION_KEYS,
    Command,
    EditRefused,
    Snapshot,
    check_choice,
    check_duration,
    check_id,
    check_time,
    day_text,
    insert_dated,
    optional_text,
    quoted,
    update_entry,
)
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import (
    child_map,
    child_seq,
    delete_key,
    new_map,
    new_seq,
    set_key_sorted,
    time_value,
)


def _session_on(sessions: CommentedSeq, day: date) -> CommentedMap | None:
    for entry in sessions:
        if isinstance(entry, CommentedMap) and entry.get(v.DATE) == day:
            return entry
    return None


def _set_attendance(entry: CommentedMap, marks: Mapping[str, str]) -> None:
    """The attendance becomes exactly ``marks``, sorted by student id; unchanged lines stay."""
    if not marks:
        delete_key(entry, v.ATTENDANCE)
        return
    sheet = child_map(entry, v.ATTENDANCE, SESSION_KEYS)
    for student in [s for s in sheet if s not in marks]:
        delete_key(sheet, student, owner=(entry, v.ATTENDANCE))
    for student in sorted(marks):
        set_key_sorted(sheet, student, marks[student], owner=(entry, v.ATTENDANCE))


def _count_text(marks: Mapping[str, str]) -> str:
    """« 3 présents, 1 absent »."""
    parts = []
    for status, label in v.ATTENDANCE_LABELS.items():
        count = sum(1 for mark in marks.values() if mark == status)
        if count:
            word = label.lower()
            plural = count > 1 and " " not in word
            parts.append(f"{count} {word}{'s' if plural else ''}")
    return ", ".join(parts)


def _check_marks(marks: Mapping[str, str]) -> None:
    for student, status in marks.items():
        check_id(student, "identifiant d'élève")
        check_choice(status, v.ATTENDANCE_LABELS, "statut d'appel")


def _sessions_of(snap: Snapshot, year: str, period: str, group: str) -> tuple[CommentedMap, CommentedSeq]:
    """The sessions file of an existing group (created empty if needed) and its list."""
    snap.require_group(year, period, group)
    path = layout.sessions_path(year, period, group)
    data = snap.edit_or_create(path, layout.Kind.SESSIONS, new_map([(v.SESSIONS, new_seq())]))
    return data, child_seq(data, v.SESSIONS)


@dataclass(frozen=True)
class RecordSession(Command):
    """Add a session (in date order) or update the session of that day in place."""

    year: str
    period: str
    group: str
    day: date
    start: str
    duration_min: int
    activity: str = ""
    notes: str = ""
    attendance: Mapping[str, str] = field(default_factory=dict)

    def paths(self) -> list[str]:
        return [layout.sessions_path(self.year, self.period, self.group)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        check_time(self.start)
        check_duration(self.duration_min)
        _check_marks(self.attendance)
        data, sessions = _sessions_of(snap, self.year, self.period, self.group)
        self._remember(title=snap.group_title(self.year, self.period, self.group))
        entry = _session_on(sessions, self.day)
        if entry is None:
            self._remember(action="new")
            entry = new_map([(v.DATE, self.day)])
            insert_dated(data, v.SESSIONS, entry, ())
        update_entry(entry, [
            (v.START, time_value(self.start)), (v.DURATION, self.duration_min),
            (v.ACTIVITY, optional_text(self.activity)), (v.NOTES, optional_text(self.notes)),
        ], SESSION_KEYS)
        _set_attendance(entry, self.attendance)
        return snap.changes()

    def describe(self) -> str:
        verb = "séance" if self._name("action", "") == "new" else "mise à jour de la séance"
        summary = f" (appel : {_count_text(self.attendance)})" if self.attendance else ""
        return (f"{self.period} : {verb} du {day_text(self.day)}, groupe "
                f"{quoted(self._name('title', self.group))}{summary}")


@dataclass(frozen=True)
class SetAttendance(Command):
    """One attendance mark in a recorded session."""

    year: str
    period: str
    group: str
    day: date
    student: str
    status: str

    def paths(self) -> list[str]:
        return [layout.sessions_path(self.year, self.period, self.group)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        _check_marks({self.student: self.status})
        snap.require_group(self.year, self.period, self.group)
        path = layout.sessions_path(self.year, self.period, self.group)
        missing = f"aucune séance du {day_text(self.day)} pour le groupe {self.group} : enregistrez-la d'abord"
        data = snap.edit(path, missing)
        entry = _session_on(child_seq(data, v.SESSIONS), self.day)
        if entry is None:
            raise EditRefused(missing)
        self._remember(title=snap.group_title(self.year, self.period, self.group),
                       student=snap.student_name(self.student))
        set_key_sorted(child_map(entry, v.ATTENDANCE, SESSION_KEYS), self.student, self.status,
                       owner=(entry, v.ATTENDANCE))
        return snap.changes()

    def describe(self) -> str:
        label = v.ATTENDANCE_LABELS.get(self.status, self.status).lower()
        return (f"{self.period} : appel du {day_text(self.day)}, groupe {quoted(self._name('title', self.group))} : "
                f"{self._name('student', self.student)}, {label}")
