"""What the set-up commands (students, staff, divisions, barrettes, periods) share."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import STUDENT_KEYS, EditRefused, Snapshot, check_id, check_year

# Where the set-up fields go in a student's file (docs/format.md order).
STUDENT_SETUP_KEYS = (
    v.ID, v.NAME, v.FIRST_NAME, v.INE, v.BIRTH_DATE, v.ARRIVED_ON, v.DIVISIONS, v.PROFILES,
    v.PROFILES_TO_CONFIRM, v.NEEDS, v.DIAGNOSTICS, v.INTERVIEWS, v.CONTRACT, v.TUTOR, v.STUDY_PROJECT,
    v.PASSERELLE, v.ORIENTATION, v.LEFT_ON,
)
assert set(STUDENT_KEYS) <= set(STUDENT_SETUP_KEYS)
DIVISION_KEYS = (v.LEVEL, v.FORMATION, v.PREVIOUS, v.STUDENTS, v.WORK_PLACEMENTS)
"""The keys of a division file, in docs/format.md order (a key added goes to its place among them)."""
TEACHER_KEYS = (v.ID, v.NAME, v.FIRST_NAME, v.SUBJECTS, v.ACTIVE)
BARRETTE_KEYS = (v.ID, v.WEEKDAY, v.START, v.DURATION, v.DIVISIONS)
PERIOD_KEYS = (v.ID, v.START, v.END)
EXEMPTION_KEYS = (v.STUDENT, v.PERIODS, v.REASON)
YEAR_KEYS = (v.YEAR, v.FIRST_DAY, v.LAST_DAY, v.CLOSURES, v.OPENINGS, v.PERIODS, v.BARRETTES, v.EXEMPTIONS)


def as_date(value: Any) -> date | None:
    """A date as read round-trip (date) or by the fast reader (ISO text); None otherwise."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def student_file(snap: Snapshot, student: str) -> CommentedMap:
    snap.require_student(student)
    return snap.edit(layout.student_path(student), f"élève inconnu : {student}")


def division_file(snap: Snapshot, year: str, division: str) -> CommentedMap:
    check_year(year)
    check_id(division, "identifiant de division")
    path = layout.division_path(year, division)
    return snap.edit(path, f"division inconnue : {division} en {year} ({path} n'existe pas) : "
                           f"créez-la avec « aptui division creer {division} »")


def year_file(snap: Snapshot, year: str) -> CommentedMap:
    check_year(year)
    path = layout.year_path(year)
    return snap.edit(path, f"année {year} inconnue : créez-la (« aptui new-year » ou « aptui init »)")


def division_ids(snap: Snapshot, year: str) -> list[str]:
    folder = snap.root / "years" / year / "divisions"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def year_ids(snap: Snapshot) -> list[str]:
    folder = snap.root / "years"
    return sorted(p.name for p in folder.iterdir() if layout.YEAR_ID.match(p.name)) if folder.is_dir() else []


def entries(data: Mapping[str, Any], key: str) -> list[Any]:
    """The mappings of a list (periods, barrettes...), ignoring anything else a person wrote there.

    Round-trip entries (to mutate) from a file being edited, plain mappings from a lookup.
    """
    items = data.get(key)
    return [item for item in items if isinstance(item, Mapping)] if isinstance(items, list) else []


def find_entry(data: Mapping[str, Any], key: str, ident: str, id_key: str = v.ID) -> Any:
    return next((item for item in entries(data, key) if item.get(id_key) == ident), None)


def require_text(text: str, what: str) -> str:
    if not text or not text.strip():
        raise EditRefused(f"{what} obligatoire")
    return " ".join(text.split())


def teacher_ids(snap: Snapshot) -> set[str]:
    staff = snap.read("staff.yaml") or {}
    return {str(item.get(v.ID)) for item in staff.get(v.TEACHERS) or () if isinstance(item, Mapping)}


def next_student_id(root: Path, year: str) -> str:
    """The next free id of the scheme eAAAA-NNN, AAAA the first calendar year of the school year."""
    start = year[:4]
    pattern = re.compile(rf"^e{start}-(\d+)$")
    folder = root / "students"
    used = [int(m.group(1)) for p in folder.glob("*.yaml") if (m := pattern.match(p.stem))] if folder.is_dir() else []
    return f"e{start}-{max(used, default=0) + 1:03d}"
