"""The outcome of an import, decided before anything is written.

For each matched row: the fields the school's systems own (name, first name,
the year's division, the leaving date, and the INE and birth date when
``school.yaml`` keeps them) are compared with the file; nothing else is
read or changed (needs, notes, interviews, profiles, bilans stay as they are).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from aptui import vocab as v
from aptui.edit.levels import level_from_code
from aptui.imports.existing import KnownStudent
from aptui.imports.matching import Matched, match_rows
from aptui.imports.rows import ExportRead, RowProblem, StudentRow
from aptui.imports.text import name_key
from aptui.rules.common import french_date

NEW, UPDATED, LEFT, UNCHANGED = "nouveau", "mis à jour", "sorti", "inchangé"


@dataclass(frozen=True, slots=True)
class Keep:
    """Which identifiers the school keeps (``donnees_eleves`` in school.yaml; both off by default)."""

    ine: bool = False
    birth_date: bool = False

    @staticmethod
    def of(school: Mapping[str, Any] | None) -> Keep:
        setting = (school or {}).get(v.PERSONAL_DATA)
        setting = setting if isinstance(setting, Mapping) else {}
        return Keep(setting.get(v.KEEP_INE) is True, setting.get(v.KEEP_BIRTH_DATE) is True)


@dataclass(frozen=True, slots=True)
class StudentOutcome:
    """What the import does to one student: the fields to write (None removes) and, in French, why."""

    id: str
    display: str
    kind: str
    division: str | None
    fields: Mapping[str, Any] = field(default_factory=dict)
    old_division: str | None = None
    details: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class NewDivision:
    id: str
    level: str
    formation: str


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    year: str
    read: ExportRead
    students: tuple[StudentOutcome, ...]
    absent: tuple[StudentOutcome, ...]  # not in the export: marked left only when confirmed
    absent_marked: bool
    new_divisions: tuple[NewDivision, ...]
    problems: tuple[RowProblem, ...]

    def of_kind(self, kind: str) -> list[StudentOutcome]:
        return [s for s in self.students if s.kind == kind]

    @property
    def changes_anything(self) -> bool:
        return any(s.kind != UNCHANGED for s in self.students) or (self.absent_marked and bool(self.absent))


def decide(read: ExportRead, year: str, known: Mapping[str, KnownStudent], members: Mapping[str, frozenset[str]],
           keep: Keep, absent_day: date, mark_absent: bool) -> ImportOutcome:
    """``members``: the year's divisions that exist and their students; the others are created if their
    level can be read from the export."""
    problems = list(read.problems)
    new_divisions, bad = _new_divisions(read.rows, members)
    usable = []
    for row in read.rows:
        if row.division in bad:
            problems.append(RowProblem(row.line, bad[row.division]))
        else:
            usable.append(row)
    matches, unmatched = match_rows(usable, known, year)
    problems += unmatched
    ids = _new_ids(matches, known, year)
    students = tuple(_outcome(m, ids, year, keep, members) for m in matches)
    listed = {row.division for row in usable}
    matched = {m.student.id for m in matches if m.student is not None}
    absent = tuple(
        StudentOutcome(s.id, s.display, LEFT, s.divisions.get(year), {v.LEFT_ON: absent_day},
                       details=(f"absent de l'export : sortie le {french_date(absent_day)}",))
        for s in sorted(known.values(), key=lambda s: s.id)
        if s.divisions.get(year) in listed and s.id not in matched and s.left_on is None
    )
    return ImportOutcome(year, read, students, absent, mark_absent, tuple(new_divisions),
                         tuple(sorted(problems, key=lambda p: p.line)))


def _new_divisions(rows: tuple[StudentRow, ...],
                   existing: Mapping[str, frozenset[str]]) -> tuple[list[NewDivision], dict[str, str]]:
    from aptui.edit.base import ID_MAX, ID_PATTERN
    from aptui.edit.levels import formation_from_code

    created: dict[str, NewDivision] = {}
    bad: dict[str, str] = {}
    for row in rows:
        code = row.division
        if code in existing or code in created or code in bad:
            continue
        if not ID_PATTERN.match(code) or len(code) > ID_MAX:
            bad[code] = f"{row.display} : division « {code} » : code inutilisable comme nom de fichier"
            continue
        level = row.level_hint or level_from_code(code)
        if level is None:
            bad[code] = (f"{row.display} : division « {code} » inconnue et son niveau ne se lit pas dans le "
                         f"code : créez-la d'abord (« aptui division creer {code} --niveau 2nde »)")
            continue
        created[code] = NewDivision(code, level, formation_from_code(code))
    return sorted(created.values(), key=lambda d: d.id), bad


def _new_ids(matches: list[Matched], known: Mapping[str, KnownStudent], year: str) -> dict[int, str]:
    """Ids in the school's scheme, eAAAA-NNN (AAAA: the year of arrival), by division then name."""
    start = year[:4]
    pattern = re.compile(rf"^e{start}-(\d+)$")
    used = [int(match.group(1)) for ident in known if (match := pattern.match(ident))]
    counter = max(used, default=0)
    ids: dict[int, str] = {}
    fresh = [m.row for m in matches if m.student is None]
    for row in sorted(fresh, key=lambda r: (r.division, name_key(r.last_name), name_key(r.first_name), r.line)):
        counter += 1
        ids[row.line] = f"e{start}-{counter:03d}"
    return ids


def _outcome(match: Matched, ids: Mapping[int, str], year: str, keep: Keep,
             members: Mapping[str, frozenset[str]]) -> StudentOutcome:
    row, student = match.row, match.student
    wanted: dict[str, Any] = {
        v.INE: row.ine if keep.ine else None,
        v.BIRTH_DATE: row.birth_date if keep.birth_date else None,
    }
    if student is None:
        fields = {v.NAME: row.last_name, v.FIRST_NAME: row.first_name, **wanted, v.LEFT_ON: row.left_on}
        arrival = (f"→ {row.division}",) + ((f"sortie le {french_date(row.left_on)}",) if row.left_on else ())
        return StudentOutcome(ids[row.line], row.display, NEW, row.division,
                              {k: val for k, val in fields.items() if val is not None}, None, arrival, row.line)
    changes: dict[str, Any] = {}
    details: list[str] = []
    if name_key(student.last_name) != name_key(row.last_name):
        changes[v.NAME] = row.last_name
        details.append(f"nom {student.last_name} → {row.last_name}")
    if name_key(student.first_name) != name_key(row.first_name):
        changes[v.FIRST_NAME] = row.first_name
        details.append(f"prénom {student.first_name} → {row.first_name}")
    old = student.divisions.get(year)
    if old != row.division:
        details.append(f"division {old or 'aucune'} → {row.division}")
    elif student.id not in members.get(row.division, frozenset()):
        details.append(f"ajouté(e) à la liste de {row.division}")
    if row.left_on is not None and student.left_on != row.left_on:
        changes[v.LEFT_ON] = row.left_on
        details.append(f"sortie le {french_date(row.left_on)}")
    for key, now, new, kept, label in (
        (v.INE, student.ine, row.ine, keep.ine, "INE"),
        (v.BIRTH_DATE, student.birth_date, row.birth_date, keep.birth_date, "date de naissance"),
    ):
        if not kept and now is not None:
            changes[key] = None
            details.append(f"{label} effacé(e) (non conservé d'après school.yaml)")
        elif kept and new is not None and now != new:
            changes[key] = new
            details.append(f"{label} enregistré(e)")
    kind = (LEFT if v.LEFT_ON in changes else UPDATED) if details else UNCHANGED
    return StudentOutcome(student.id, student.display, kind, row.division, changes, old, tuple(details), row.line)
