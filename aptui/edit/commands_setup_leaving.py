"""A student who leaves the school, and exemptions (dispenses) from AP.

Leaving sets ``sortie`` and takes the student out of what comes after that
day: the groups of every period that starts later, and the attendance of
every later session.  What stays is the past (earlier groups, marks, bilans)
and the period under way, whose membership ends on the ``sortie`` date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import Command, EditRefused, Snapshot, check_id, day_text, update_entry
from aptui.edit.comments import remove_entry
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import child_seq, delete_key, insert_item, new_map, new_seq, remove_item
from aptui.edit.setup_common import (
    EXEMPTION_KEYS,
    STUDENT_SETUP_KEYS,
    YEAR_KEYS,
    as_date,
    entries,
    require_text,
    student_file,
    year_file,
    year_ids,
)
from aptui.french import of

MOTIFS = "motifs"  # the group's reasons of undated placements (the app engineer's key)


def take_out_after(snap: Snapshot, student: str, day: date) -> tuple[list[str], int]:
    """Remove a student who leaves on ``day`` from the groups of later periods and later attendance.

    Returns the groups left (« G-METHODO (P2) ») and the number of marks removed.
    """
    groups: list[str] = []
    marks = 0
    for year in year_ids(snap):
        for period in _later_periods(snap, year, day):
            groups += [f"{gid} ({period})" for gid in _leave_groups(snap, year, period, student)]
        marks += _leave_sessions(snap, year, student, day)
    return groups, marks


def _later_periods(snap: Snapshot, year: str, day: date) -> list[str]:
    periods = (snap.read(layout.year_path(year)) or {}).get(v.PERIODS) or ()
    return [str(p.get(v.ID)) for p in periods if isinstance(p, Mapping)
            and (start := as_date(p.get(v.START))) is not None and start > day]


def _leave_groups(snap: Snapshot, year: str, period: str, student: str) -> list[str]:
    left = []
    for gid in snap.group_ids(year, period):
        path = layout.group_path(year, period, gid)
        if student not in ((snap.read(path) or {}).get(v.STUDENTS) or ()):
            continue
        group = snap.edit(path, f"{path} a disparu")
        remove_item(group[v.STUDENTS], student, owner=(group, v.STUDENTS))
        motifs = group.get(MOTIFS)
        if isinstance(motifs, CommentedMap) and student in motifs:
            delete_key(motifs, student, owner=(group, MOTIFS))
        left.append(gid)
    return left


def _leave_sessions(snap: Snapshot, year: str, student: str, day: date) -> int:
    removed = 0
    folder = snap.root / "years" / year / "sessions"
    for file in sorted(folder.glob("*/*.yaml")) if folder.is_dir() else ():
        path = layout.sessions_path(year, file.parent.name, file.stem)
        sessions = (snap.read(path) or {}).get(v.SESSIONS) or ()
        if not any(_marked_after(s, student, day) for s in sessions):
            continue
        data = snap.edit(path, f"{path} a disparu")
        for session in data.get(v.SESSIONS) or ():
            if _marked_after(session, student, day):
                delete_key(session[v.ATTENDANCE], student, owner=(session, v.ATTENDANCE))
                removed += 1
    return removed


def _marked_after(session: object, student: str, day: date) -> bool:
    if not isinstance(session, Mapping):
        return False
    when, marks = as_date(session.get(v.DATE)), session.get(v.ATTENDANCE)
    return when is not None and when > day and isinstance(marks, Mapping) and student in marks


@dataclass(frozen=True)
class LeaveSchool(Command):
    """The student leaves on ``day``: removed from later groups and later sessions' attendance."""

    student: str
    day: date

    def paths(self) -> list[str]:
        planned = self._name("paths", "")
        return planned.split("\n") if planned else [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = student_file(snap, self.student)
        self._remember(student=snap.student_name(self.student))
        update_entry(data, [(v.LEFT_ON, self.day)], STUDENT_SETUP_KEYS)
        groups, marks = take_out_after(snap, self.student, self.day)
        changes = snap.changes()
        self._remember(paths="\n".join(c.path for c in changes), groups=", ".join(groups), marks=str(marks))
        return changes

    def describe(self) -> str:
        text = f"Sortie {of(self._name('student', self.student))} le {day_text(self.day)}"
        groups, marks = self._name("groups", ""), int(self._name("marks", "0"))
        said = ([f"retiré(e) de {groups}"] if groups else []) + (
            [f"{marks} marque(s) d'appel postérieure(s) retirée(s)"] if marks else [])
        return text + (" : " + " ; ".join(said) if said else "")


@dataclass(frozen=True)
class SetExemption(Command):
    """An exemption from AP for a year (``periods`` empty: the whole year), with its reason."""

    year: str
    student: str
    reason: str
    periods: tuple[str, ...] = ()

    def paths(self) -> list[str]:
        return [layout.year_path(self.year)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        snap.require_student(self.student)
        data = year_file(snap, self.year)
        reason = require_text(self.reason, "motif de la dispense")
        if len(reason) < 3:
            raise EditRefused("motif de la dispense trop court : dites en quelques mots pourquoi")
        for period in self.periods:
            check_id(period, "période")
            snap.period_bounds(self.year, period)
        self._remember(student=snap.student_name(self.student))
        periods = new_seq(self.periods)
        periods.fa.set_flow_style()
        fields = [(v.STUDENT, self.student), (v.PERIODS, periods if self.periods else None), (v.REASON, reason)]
        existing = [e for e in entries(data, v.EXEMPTIONS) if e.get(v.STUDENT) == self.student]
        if existing:
            entry = existing[0]
            if entry.get(v.PERIODS) is not None and self.periods and list(entry[v.PERIODS]) == list(self.periods):
                fields = [f for f in fields if f[0] != v.PERIODS]  # same periods: the line stays as written
            update_entry(entry, fields, EXEMPTION_KEYS)
        else:
            items = child_seq(data, v.EXEMPTIONS, YEAR_KEYS)
            if items.fa.flow_style():
                items.fa.set_block_style()
            insert_item(items, len(items), new_map(fields), owner=(data, v.EXEMPTIONS))
        return snap.changes()

    def describe(self) -> str:
        when = f" en {', '.join(self.periods)}" if self.periods else " pour toute l'année"
        return f"Dispense {of(self._name('student', self.student))}{when} ({self.year}) : {self.reason.strip()}"


@dataclass(frozen=True)
class RemoveExemption(Command):
    year: str
    student: str

    def paths(self) -> list[str]:
        return [layout.year_path(self.year)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = year_file(snap, self.year)
        items = data.get(v.EXEMPTIONS)
        found = [i for i, e in enumerate(items or ()) if isinstance(e, Mapping) and e.get(v.STUDENT) == self.student]
        if not found or not isinstance(items, CommentedSeq):
            raise EditRefused(f"{self.student} n'a pas de dispense en {self.year}")
        self._remember(student=snap.student_name(self.student))
        for index in reversed(found):
            remove_entry(items, index, (data, v.EXEMPTIONS))
        return snap.changes()

    def describe(self) -> str:
        return f"Dispense levée : {self._name('student', self.student)} ({self.year})"

