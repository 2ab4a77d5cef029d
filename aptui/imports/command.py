"""The edit command of an import: one plan, written through the edit layer, one commit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import Command, EditRefused, Snapshot, check_year, update_entry
from aptui.edit.commands_setup_leaving import take_out_after
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import child_map, child_seq, insert_sorted, new_map, new_seq, remove_item, set_key_sorted
from aptui.edit.setup_common import DIVISION_KEYS, STUDENT_SETUP_KEYS, division_ids
from aptui.imports.existing import known_students
from aptui.imports.plan import NEW, UNCHANGED, ImportOutcome, Keep, StudentOutcome, decide
from aptui.imports.rows import ExportRead
from aptui.imports.summary import summary_text


@dataclass(frozen=True)
class ImportStudents(Command):
    """Create or update the students and divisions of a year from an export.

    ``mark_absent``: the students of the export's divisions that it no longer
    lists are marked left on ``absent_day`` (only once the user confirmed).
    """

    year: str
    read: ExportRead
    absent_day: date
    mark_absent: bool = False
    _outcome: list[ImportOutcome] = field(default_factory=list, init=False, repr=False, compare=False)

    @property
    def outcome(self) -> ImportOutcome:
        """What the last plan() decided (plan first)."""
        if not self._outcome:
            raise RuntimeError("plan() d'abord")
        return self._outcome[0]

    def paths(self) -> list[str]:
        planned = self._name("paths", "")
        return planned.split("\n") if planned else []

    def describe(self) -> str:
        return summary_text(self.outcome) if self._outcome else f"Import d'élèves {self.year}"

    def plan(self, root: Path) -> list[FileChange]:
        check_year(self.year)
        snap = Snapshot(root)
        snap.year_data(self.year)  # refuses a year without year.yaml
        members = self._members(snap)
        outcome = decide(self.read, self.year, known_students(root), members, Keep.of(snap.read("school.yaml")),
                         self.absent_day, self.mark_absent)
        self._outcome[:] = [outcome]
        for division in outcome.new_divisions:
            path = layout.division_path(self.year, division.id)
            snap.create(path, layout.Kind.DIVISION, new_map(
                [(v.LEVEL, division.level), (v.FORMATION, division.formation), (v.STUDENTS, new_seq())]),
                f"{path} existe déjà")
        students = [self._write_student(snap, s) if s.kind != UNCHANGED else s for s in outcome.students]
        absent = [self._write_student(snap, s) for s in outcome.absent] if outcome.absent_marked else list(outcome.absent)
        self._outcome[:] = [replace(outcome, students=tuple(students), absent=tuple(absent))]
        changes = snap.changes()
        self._remember(paths="\n".join(change.path for change in changes))
        return changes

    def _members(self, snap: Snapshot) -> dict[str, frozenset[str]]:
        result = {}
        for division in division_ids(snap, self.year):
            data = snap.read(layout.division_path(self.year, division)) or {}
            students = data.get(v.STUDENTS)
            result[division] = frozenset(str(s) for s in students) if isinstance(students, list) else frozenset()
        return result

    def _write_student(self, snap: Snapshot, student: StudentOutcome) -> StudentOutcome:
        """Write one student's fields; a student who left is also taken out of what follows."""
        path = layout.student_path(student.id)
        if student.kind == NEW:
            data = new_map([(v.ID, student.id)])
            snap.create(path, layout.Kind.STUDENT, data, f"{path} existe déjà : relancez l'import")
        else:
            data = snap.edit(path, f"{path} a disparu pendant l'import : relancez-le")
        update_entry(data, _ordered(student.fields), STUDENT_SETUP_KEYS)
        left_on = student.fields.get(v.LEFT_ON)
        if isinstance(left_on, date):
            groups, marks = take_out_after(snap, student.id, left_on)
            said = ([f"retiré(e) de {', '.join(groups)}"] if groups else []) + (
                [f"{marks} marque(s) d'appel postérieure(s) retirée(s)"] if marks else [])
            student = replace(student, details=student.details + tuple(said))
        if student.division is None:
            return student
        divisions = child_map(data, v.DIVISIONS, STUDENT_SETUP_KEYS)
        set_key_sorted(divisions, self.year, student.division, owner=(data, v.DIVISIONS))
        if student.old_division and student.old_division != student.division:
            old = snap.read(layout.division_path(self.year, student.old_division))
            if old is not None:
                listing = self._division(snap, student.old_division)
                remove_item(child_seq(listing, v.STUDENTS, DIVISION_KEYS), student.id, owner=(listing, v.STUDENTS))
        listing = self._division(snap, student.division)
        insert_sorted(child_seq(listing, v.STUDENTS, DIVISION_KEYS), student.id, owner=(listing, v.STUDENTS))
        return student

    def _division(self, snap: Snapshot, division: str) -> CommentedMap:
        path = layout.division_path(self.year, division)
        return snap.edit(path, f"division {division} introuvable ({path})")


def _ordered(fields: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """Fields in the file's order, so that a new file reads as docs/format.md shows it."""
    rank = {key: index for index, key in enumerate(STUDENT_SETUP_KEYS)}
    return sorted(fields.items(), key=lambda item: rank.get(item[0], len(rank)))


def refuse_unknown_year(year: str | None, years: list[str]) -> str:
    """The year an import goes to: the one given, else the latest of the school."""
    if year:
        return year
    if not years:
        raise EditRefused("l'école n'a aucune année : créez-la d'abord (« aptui init » ou « aptui new-year »)")
    return years[-1]
