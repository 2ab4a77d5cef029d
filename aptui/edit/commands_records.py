"""Corrections of a student's records: edit or delete an interview, a diagnostic, a contract objective.

An entry is named by what it says (``InterviewRef``: its date, teacher and notes as the app
showed them), not by its position: if the file changed meanwhile (a colleague's pull, an
editor), the entry is found where it now is, or the edit is refused instead of changing
another one.  Identical entries are interchangeable: the first one is taken.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

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
    update_entry,
)
from aptui.edit.comments import remove_entry
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import delete_key, text_value


@dataclass(frozen=True, slots=True)
class InterviewRef:
    """An interview as shown: its date, teacher id and notes."""

    day: date
    teacher: str
    notes: str = ""


@dataclass(frozen=True, slots=True)
class DiagnosticRef:
    """A diagnostic as shown: its date, tool and result."""

    day: date
    tool: str
    result: str


@dataclass(frozen=True, slots=True)
class ObjectiveRef:
    """A contract objective as shown: its label and status."""

    label: str
    status: str


# --- finding and changing entries -----------------------------------------------


def _same(value: Any, wanted: Any) -> bool:
    if isinstance(wanted, date):
        return value == wanted
    return str(value if value is not None else "").strip() == str(wanted or "").strip()


def _find(items: Any, wanted: Mapping[str, Any], what: str) -> int:
    """The index of the first entry whose fields equal ``wanted``; refuses when none does."""
    if isinstance(items, CommentedSeq):
        for index, item in enumerate(items):
            if isinstance(item, CommentedMap) and all(_same(item.get(k), w) for k, w in wanted.items()):
                return index
    raise EditRefused(f"{what} introuvable : le fichier a changé depuis, rechargez (g) et recommencez")


def _student(snap: Snapshot, student: str) -> CommentedMap:
    snap.require_student(student)
    return snap.edit(layout.student_path(student), f"élève inconnu : {student}")


def _required(text: str, what: str) -> str:
    if not text.strip():
        raise EditRefused(f"{what} obligatoire")
    return text_value(text.strip())


def _remove(parent: CommentedMap, key: str, index: int) -> None:
    """Remove one entry of the list under key; the key goes with its last entry."""
    items = parent[key]
    if len(items) == 1:
        delete_key(parent, key)
    else:
        remove_entry(items, index, (parent, key))


def redate(parent: CommentedMap, key: str, index: int, day: date, order: Sequence[str],
           parent_order: Sequence[str]) -> CommentedMap:
    """The entry at index of the list under key, dated ``day``: moved only if the list would leave date order."""
    items = parent[key]
    entry: CommentedMap = items[index]
    before = items[index - 1].get(v.DATE) if index > 0 and isinstance(items[index - 1], CommentedMap) else None
    after = items[index + 1].get(v.DATE) if index + 1 < len(items) and isinstance(items[index + 1], CommentedMap) \
        else None
    in_order = (not isinstance(before, date) or before <= day) and (not isinstance(after, date) or day <= after)
    if in_order:
        update_entry(entry, [(v.DATE, day)], order)  # one line changes
        return entry
    remove_entry(items, index, (parent, key))
    entry[v.DATE] = day
    insert_dated(parent, key, entry, parent_order)
    return entry


def _changes(pairs: Iterable[tuple[str, Any, Any]]) -> str:
    """« date 23/09/2025 → 24/09/2025, notes »: what a correction changed, in French."""
    parts = []
    for label, old, new in pairs:
        if _same(old, new):
            continue
        if isinstance(new, date) and isinstance(old, date):
            parts.append(f"{label} {day_text(old)} → {day_text(new)}")
        else:
            parts.append(label)
    return ", ".join(parts) or "rien"


# --- interviews ------------------------------------------------------------------


def _interview_fields(ref: InterviewRef) -> dict[str, Any]:
    return {v.DATE: ref.day, v.TEACHER: ref.teacher, v.NOTES: ref.notes}


@dataclass(frozen=True)
class EditInterview(Command):
    """Correct an interview: its date (kept in date order), teacher and notes."""

    student: str
    old: InterviewRef
    day: date
    teacher: str
    notes: str = ""

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = _student(snap, self.student)
        snap.require_teachers([self.teacher])
        index = _find(data.get(v.INTERVIEWS), _interview_fields(self.old),
                      f"entretien du {day_text(self.old.day)}")
        self._remember(student=snap.student_name(self.student), teacher=snap.teacher_name(self.teacher))
        entry = redate(data, v.INTERVIEWS, index, self.day, INTERVIEW_KEYS, STUDENT_KEYS)
        update_entry(entry, [(v.TEACHER, self.teacher), (v.NOTES, optional_text(self.notes))], INTERVIEW_KEYS)
        return snap.changes()

    def describe(self) -> str:
        changed = _changes([("date", self.old.day, self.day), ("enseignant", self.old.teacher, self.teacher),
                            ("notes", self.old.notes, self.notes)])
        return (f"Entretien du {day_text(self.old.day)} avec {self._name('student', self.student)} "
                f"corrigé : {changed}")


@dataclass(frozen=True)
class DeleteInterview(Command):
    """Delete an interview entered by mistake."""

    student: str
    old: InterviewRef

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = _student(snap, self.student)
        index = _find(data.get(v.INTERVIEWS), _interview_fields(self.old),
                      f"entretien du {day_text(self.old.day)}")
        self._remember(student=snap.student_name(self.student), teacher=snap.teacher_name(self.old.teacher))
        _remove(data, v.INTERVIEWS, index)
        return snap.changes()

    def describe(self) -> str:
        return (f"Entretien du {day_text(self.old.day)} avec {self._name('student', self.student)}, "
                f"par {self._name('teacher', self.old.teacher)}, supprimé")


# --- diagnostics -----------------------------------------------------------------


def _diagnostic_fields(ref: DiagnosticRef) -> dict[str, Any]:
    return {v.DATE: ref.day, v.TOOL: ref.tool, v.RESULT: ref.result}


@dataclass(frozen=True)
class EditDiagnostic(Command):
    """Correct a diagnostic: its date (kept in date order), tool and result."""

    student: str
    old: DiagnosticRef
    day: date
    tool: str
    result: str

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = _student(snap, self.student)
        values = [(v.TOOL, _required(self.tool, "outil du diagnostic")), (v.RESULT, _required(self.result, "résultat"))]
        index = _find(data.get(v.DIAGNOSTICS), _diagnostic_fields(self.old),
                      f"diagnostic {quoted(self.old.tool)} du {day_text(self.old.day)}")
        self._remember(student=snap.student_name(self.student))
        entry = redate(data, v.DIAGNOSTICS, index, self.day, DIAGNOSTIC_KEYS, STUDENT_KEYS)
        update_entry(entry, values, DIAGNOSTIC_KEYS)
        return snap.changes()

    def describe(self) -> str:
        changed = _changes([("date", self.old.day, self.day), ("outil", self.old.tool, self.tool),
                            ("résultat", self.old.result, self.result)])
        return (f"Diagnostic {quoted(self.old.tool.strip())} du {day_text(self.old.day)}, "
                f"{self._name('student', self.student)}, corrigé : {changed}")


@dataclass(frozen=True)
class DeleteDiagnostic(Command):
    """Delete a diagnostic entered by mistake."""

    student: str
    old: DiagnosticRef

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = _student(snap, self.student)
        index = _find(data.get(v.DIAGNOSTICS), _diagnostic_fields(self.old),
                      f"diagnostic {quoted(self.old.tool)} du {day_text(self.old.day)}")
        self._remember(student=snap.student_name(self.student))
        _remove(data, v.DIAGNOSTICS, index)
        return snap.changes()

    def describe(self) -> str:
        return (f"Diagnostic {quoted(self.old.tool.strip())} du {day_text(self.old.day)}, "
                f"{self._name('student', self.student)}, supprimé")


# --- contract objectives ---------------------------------------------------------


def _objectives(data: CommentedMap) -> tuple[CommentedMap, Any]:
    contract = data.get(v.CONTRACT)
    if not isinstance(contract, CommentedMap):
        raise EditRefused("pas de contrat dans ce fichier : le fichier a changé depuis, rechargez (g)")
    return contract, contract.get(v.OBJECTIVES)


def _objective_fields(ref: ObjectiveRef) -> dict[str, Any]:
    return {v.LABEL: ref.label, v.STATUS: ref.status}


@dataclass(frozen=True)
class EditObjective(Command):
    """Correct a contract objective: its label and status."""

    student: str
    old: ObjectiveRef
    label: str
    status: str

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = _student(snap, self.student)
        check_choice(self.status, v.OBJECTIVE_STATUS_LABELS, "statut d'objectif")
        label = _required(self.label, "libellé de l'objectif")
        contract, objectives = _objectives(data)
        index = _find(objectives, _objective_fields(self.old), f"objectif {quoted(self.old.label)}")
        self._remember(student=snap.student_name(self.student))
        update_entry(objectives[index], [(v.LABEL, label), (v.STATUS, self.status)], OBJECTIVE_KEYS)
        return snap.changes()

    def describe(self) -> str:
        old_status = v.OBJECTIVE_STATUS_LABELS.get(self.old.status, self.old.status).lower()
        new_status = v.OBJECTIVE_STATUS_LABELS.get(self.status, self.status).lower()
        parts = []
        if self.label.strip() != self.old.label.strip():
            parts.append(f"libellé {quoted(self.label.strip())}")
        if self.status != self.old.status:
            parts.append(f"statut {old_status} → {new_status}")
        return (f"Contrat, {self._name('student', self.student)} : objectif {quoted(self.old.label.strip())} "
                f"corrigé : {', '.join(parts) or 'rien'}")


@dataclass(frozen=True)
class DeleteObjective(Command):
    """Delete a contract objective (the contract goes with its last objective)."""

    student: str
    old: ObjectiveRef

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = _student(snap, self.student)
        contract, objectives = _objectives(data)
        index = _find(objectives, _objective_fields(self.old), f"objectif {quoted(self.old.label)}")
        self._remember(student=snap.student_name(self.student))
        if len(objectives) == 1 and len(contract) == 1:
            delete_key(data, v.CONTRACT)
        else:
            _remove(contract, v.OBJECTIVES, index)
        return snap.changes()

    def describe(self) -> str:
        return (f"Contrat, {self._name('student', self.student)} : objectif "
                f"{quoted(self.old.label.strip())} supprimé")
