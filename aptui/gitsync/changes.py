"""One change to the school, in domain terms, and the words to say it.

A :class:`Change` has a stable ``type`` (listed in :mod:`aptui.gitsync.semantic`), JSON-able
``fields`` and one French sentence.  :class:`Names` turns ids into the names
a reader knows (students, teachers, group titles), looking first at the new
state of the school, then at the old one.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from aptui import vocab as v
from aptui.gitsync.snapshot import Snapshot
from aptui.layout import group_path, student_path

# type -> section, in the order sections are printed.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Déplacements d'élèves", ("period_built", "student_moved", "student_joined_group", "student_left_group")),
    ("Groupes", ("group_created", "group_deleted", "group_changed", "teachers_changed")),
    ("Divisions", ("division_arrival", "division_departure", "division_change", "division_created",
                   "division_deleted", "division_changed", "pfmp_changed")),
    ("Appel et séances", ("attendance", "session_added", "session_removed", "session_changed")),
    ("Bilans", ("bilan_written", "bilan_changed", "bilan_removed")),
    ("Suivi des élèves", ("student_created", "student_deleted", "student_left_school", "interview_added",
                          "diagnostic_added", "objective_added", "objective_changed", "profile_changed",
                          "student_changed")),
    ("Équipe, calendrier, établissement", ("teacher_added", "teacher_removed", "teacher_changed",
                                           "year_changed", "school_changed")),
    ("Autres fichiers", ("file_changed",)),
)
TYPE_ORDER: dict[str, int] = {t: i for i, (_, types) in enumerate(SECTIONS) for t in types}
"""type -> index of its section."""
TYPE_RANK: dict[str, int] = {t: i for i, t in enumerate(t for _, types in SECTIONS for t in types)}


@dataclass(slots=True)
class Change:
    """One fact about what changed, for people (text) and for programs (fields)."""

    type: str
    text: str
    fields: dict[str, Any]
    students: tuple[str, ...] = ()
    """The students this change concerns (for a student's history)."""
    marks: dict[str, str] = field(default_factory=dict)
    """Attendance only: student -> the mark now recorded (not in the JSON)."""
    authors: tuple[str, ...] | None = None
    """Who made it (git authors of the commits that did); None when not looked up (the working tree)."""

    def as_json(self) -> dict[str, Any]:
        data = {"type": self.type, **self.fields, "text": self.text}
        if self.authors is not None:
            data["authors"] = list(self.authors)
        return data

    def sort_key(self) -> tuple[Any, ...]:
        f = self.fields
        return (TYPE_RANK.get(self.type, 99), str(f.get("year", "")), str(f.get("period", "")),
                str(f.get("group", f.get("division", ""))), str(f.get("date", "")),
                str(f.get("student", f.get("teacher", ""))), self.text)


class Names:
    """Display names of students, teachers and groups, new state first."""

    def __init__(self, new: Snapshot, old: Snapshot, focus: frozenset[str] | None = None) -> None:
        self.new = new
        self.old = old
        self._teachers: dict[str, str] | None = None
        # Only these students' names are read (one student's history); others are shown by id.
        self.focus = focus

    def _both(self, path: str) -> list[Any]:
        return [d for d in (self.new.data(path), self.old.data(path)) if isinstance(d, dict)]

    def student(self, student_id: str) -> str:
        if self.focus is not None and student_id not in self.focus:
            return student_id
        for data in self._both(student_path(student_id)):
            first, last = data.get(v.FIRST_NAME), data.get(v.NAME)
            if isinstance(first, str) and isinstance(last, str):
                return f"{first} {last}"
        return student_id

    def teacher(self, teacher_id: str) -> str:
        if self._teachers is None:
            self._teachers = self._teacher_names()
        return self._teachers.get(teacher_id) or teacher_id

    def _teacher_names(self) -> dict[str, str]:
        """teacher id -> name, from staff.yaml; shared by every commit that has the same staff files."""
        both = tuple(self._both("staff.yaml"))
        derived = getattr(getattr(self.new, "parsed", None), "derived", None)
        key = ("teachers", *map(id, both))
        if derived is not None:
            known = derived.get(key)
            if known is not None and all(map(operator.is_, known[0], both)):
                return known[1]
        teachers: dict[str, str] = {}
        for data in reversed(both):
            for item in as_list(data.get(v.TEACHERS)):
                if isinstance(item, dict) and isinstance(item.get(v.ID), str):
                    teachers[item[v.ID]] = f"{item.get(v.FIRST_NAME, '')} {item.get(v.NAME, '')}".strip()
        if derived is not None:
            derived[key] = (both, teachers)  # the parsed values are kept: their ids stay theirs
        return teachers

    def teachers(self, ids: Iterable[str]) -> str:
        return ", ".join(self.teacher(t) for t in ids) or "aucun enseignant"

    def group(self, year: str, period: str, group_id: str) -> str:
        for data in self._both(group_path(year, period, group_id)):
            title = data.get(v.TITLE)
            if isinstance(title, str) and title:
                return title
        return group_id

    def prefetch_students(self, ids: Iterable[str]) -> None:
        paths = [student_path(s) for s in ids if self.focus is None or s in self.focus]
        self.new.prefetch(paths)
        self.old.prefetch(paths)


# --- small readers of parsed values ---------------------------------------------------------
def as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def as_dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def id_set(data: Any, key: str) -> set[str]:
    return {x for x in as_list(as_dict(data).get(key)) if isinstance(x, str)}


def plain(value: Any) -> Any:
    """A value with plain dict/list types (for comparisons and JSON)."""
    if isinstance(value, dict):
        return {str(k): plain(x) for k, x in value.items()}
    if isinstance(value, list):
        return [plain(x) for x in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def field_changes(old: Any, new: Any, keys: Iterable[str]) -> list[dict[str, Any]]:
    """[{field, before, after}] for the keys whose value differs."""
    old_map, new_map = as_dict(old), as_dict(new)
    return [
        {"field": key, "before": plain(old_map.get(key)), "after": plain(new_map.get(key))}
        for key in keys
        if plain(old_map.get(key)) != plain(new_map.get(key))
    ]


def changed_keys(old: Any, new: Any, skip: Iterable[str] = ()) -> list[str]:
    """Top-level keys whose value differs, in the new file's order then the old one's."""
    old_map, new_map = as_dict(old), as_dict(new)
    skipped = set(skip)
    keys = [k for k in list(new_map) + [k for k in old_map if k not in new_map] if k not in skipped]
    return [k for k in keys if plain(old_map.get(k)) != plain(new_map.get(k))]


# --- French words ---------------------------------------------------------------------------
def fr_date(text: Any) -> str:
    """2025-11-18 -> 18/11/2025 (anything else unchanged)."""
    value = str(text) if text is not None else ""
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:]}/{value[5:7]}/{value[:4]}"
    return value


def fr_hours(value: float, signed: bool = False) -> str:
    text = f"{abs(value):.1f}".replace(".", ",") + " h"
    if not signed:
        return text if value >= 0 else "-" + text
    return ("+" if value >= 0 else "−") + text


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text




def quoted(title: str) -> str:
    return f"« {title} »"


ATTENDANCE_WORDS: dict[str, tuple[str, str]] = {
    "present": ("présent", "présents"),
    "absent": ("absent", "absents"),
    "excuse": ("excusé", "excusés"),
    "retard": ("en retard", "en retard"),
}


def attendance_counts(marks: Mapping[str, Any]) -> dict[str, int]:
    counts = dict.fromkeys(ATTENDANCE_WORDS, 0)
    for status in marks.values():
        if isinstance(status, str):
            counts[status] = counts.get(status, 0) + 1
    return counts


def counts_text(counts: Mapping[str, int]) -> str:
    parts = []
    for status, count in counts.items():
        if count:
            one, many = ATTENDANCE_WORDS.get(status, (status, status))
            parts.append(f"{count} {one if count == 1 else many}")
    return ", ".join(parts) or "aucun élève marqué"


def mark_word(status: Any) -> str:
    return ATTENDANCE_WORDS.get(str(status), (str(status), ""))[0]


def bilan_reason(bilan: Mapping[str, Any]) -> str:
    """« bilan : objectifs atteints ; motif » for a bilan entry."""
    outcome = v.OUTCOME_LABELS.get(str(bilan.get(v.OUTCOME)), "")
    parts = [lower_first(outcome)] if outcome else []
    if not parts:
        decision = v.DECISION_LABELS.get(str(bilan.get(v.DECISION)), "")
        parts = [lower_first(decision)] if decision else []
    motif = bilan.get(v.REASON)
    text = "bilan : " + (", ".join(parts) or "rendu")
    return f"{text} ; {motif}" if isinstance(motif, str) and motif else text
