"""Edits of a student's file: interviews, diagnostics, contracted objectives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import (
    DIAGNOSTIC_KEYS,
    INTERVIEW_KEYS,
    OBJECTIVE_KEYS,
    STUDENT_KEYS,
    Command,
    EditRefused,
    Snapshot,
    check_choice,
    day_text,
    insert_dated,
    optional_text,
    quoted,
)
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import child_map, child_seq, insert_item, new_map, set_key, text_value


def _student(snap: Snapshot, student: str) -> CommentedMap:
    snap.require_student(student)
    return snap.edit(layout.student_path(student), f"élève inconnu : {student}")


def _required(text: str, what: str) -> str:
    if not text.strip():
        raise EditRefused(f"{what} obligatoire")
    return text_value(text.strip())


def _objectives(data: CommentedMap) -> tuple[CommentedMap, CommentedSeq]:
    """The contract mapping (created if needed) and its list of objectives."""
    contract = child_map(data, v.CONTRACT, STUDENT_KEYS)
    return contract, child_seq(contract, v.OBJECTIVES, (v.OBJECTIVES,))


@dataclass(frozen=True)
class AddInterview(Command):
    """An individual interview (entretien individuel), kept in date order."""

    student: str
    day: date
    teacher: str
    notes: str = ""

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = _student(snap, self.student)
        snap.require_teachers([self.teacher])
        self._remember(student=snap.student_name(self.student), teacher=snap.teacher_name(self.teacher))
        entry = new_map(zip(INTERVIEW_KEYS, (self.day, self.teacher, optional_text(self.notes))))
        insert_dated(data, v.INTERVIEWS, entry, STUDENT_KEYS)
        return snap.changes()

    def describe(self) -> str:
        return (f"Entretien du {day_text(self.day)} avec {self._name('student', self.student)}, "
                f"par {self._name('teacher', self.teacher)}")


@dataclass(frozen=True)
class AddDiagnostic(Command):
    """A diagnostic or positioning test taken by the student."""

    student: str
    day: date
    tool: str
    result: str

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = _student(snap, self.student)
        values = (self.day, _required(self.tool, "outil du diagnostic"), _required(self.result, "résultat"))
        self._remember(student=snap.student_name(self.student))
        insert_dated(data, v.DIAGNOSTICS, new_map(zip(DIAGNOSTIC_KEYS, values)), STUDENT_KEYS)
        return snap.changes()

    def describe(self) -> str:
        return (f"Diagnostic {quoted(self.tool.strip())} du {day_text(self.day)}, "
                f"{self._name('student', self.student)} : {self.result.strip()}")


@dataclass(frozen=True)
class AddObjective(Command):
    """A limited objective added to the student's contract."""

    student: str
    label: str
    status: str = "en-cours"

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = _student(snap, self.student)
        check_choice(self.status, v.OBJECTIVE_STATUS_LABELS, "statut d'objectif")
        entry = new_map(zip(OBJECTIVE_KEYS, (_required(self.label, "libellé de l'objectif"), self.status)))
        self._remember(student=snap.student_name(self.student))
        contract, objectives = _objectives(data)
        insert_item(objectives, len(objectives), entry, owner=(contract, v.OBJECTIVES))
        return snap.changes()

    def describe(self) -> str:
        return f"Contrat, {self._name('student', self.student)} : nouvel objectif {quoted(self.label.strip())}"


@dataclass(frozen=True)
class SetObjectiveStatus(Command):
    """The status of one objective of the contract (index from 0, in file order)."""

    student: str
    index: int
    status: str

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = _student(snap, self.student)
        check_choice(self.status, v.OBJECTIVE_STATUS_LABELS, "statut d'objectif")
        contract = data.get(v.CONTRACT)
        objectives = (contract.get(v.OBJECTIVES) if isinstance(contract, CommentedMap) else None) or ()
        if not 0 <= self.index < len(objectives) or not isinstance(objectives[self.index], CommentedMap):
            raise EditRefused(f"objectif n° {self.index + 1} introuvable dans le contrat de {self.student}")
        objective = objectives[self.index]
        self._remember(student=snap.student_name(self.student), label=str(objective.get(v.LABEL, "")))
        set_key(objective, v.STATUS, self.status, OBJECTIVE_KEYS)
        return snap.changes()

    def describe(self) -> str:
        label = v.OBJECTIVE_STATUS_LABELS.get(self.status, self.status)
        return (f"Contrat, {self._name('student', self.student)} : objectif "
                f"{quoted(self._name('label', str(self.index + 1)))} : {label.lower()}")
