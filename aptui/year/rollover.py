"""The plan of a new year, computed from the files of the previous one (nothing is written here).

- Calendar: the rentrée and the summer of the new year, periods proposed between the zone's holidays.
- Divisions: each division goes one level up with its formation (2MELEC1 → 1MELEC1 → TMELEC1, the
  code's level prefix swapped), ``precedente`` naming the division it continues; each 2nde division
  starts again empty under the same code, for the next cohort (filled by the next import).
- Students: carried into the promoted division, unless their file says otherwise for the year that
  ends (``orientation``: ``redoublement`` keeps them at their level, in the division of the same code;
  ``depart`` ends their schooling here); Terminales leave; a student already gone (``sortie``) is not
  carried.  Profiles become « à confirmer » (``profils_a_confirmer``).
- Barrettes: the same slots, with the divisions of the new year that have the same codes (a proposal).
- Exemptions, closures and PFMP are not carried: they are decided again each year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import EditRefused, Snapshot, check_year
from aptui.edit.levels import LEVEL_ORDER, PREFIX, next_level, renamed_for_level
from aptui.edit.period_proposal import propose
from aptui.edit.setup_calendar import calendar_of
from aptui.edit.setup_common import as_date, division_ids, entries
from aptui.scaffold import year_bounds

PASSAGE, REPEAT, DEPARTURE = "passage", "redoublement", "depart"


@dataclass(frozen=True, slots=True)
class NewDivision:
    id: str
    level: str
    formation: str
    previous: str | None
    students: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Carried:
    student: str
    display: str
    old_division: str
    new_division: str
    repeat: bool
    profile: str | None  # last year's profile, to confirm


@dataclass(frozen=True, slots=True)
class Leaving:
    student: str
    display: str
    old_division: str
    reason: str


@dataclass(frozen=True, slots=True)
class RollPlan:
    old_year: str
    new_year: str
    first_day: date
    last_day: date
    periods: tuple[tuple[str, date, date], ...]
    divisions: tuple[NewDivision, ...]
    carried: tuple[Carried, ...]
    leaving: tuple[Leaving, ...]
    barrettes: tuple[Mapping[str, Any], ...]
    exemptions_left: tuple[str, ...]  # « e2025-044 (motif) », not carried


def next_year_id(year: str) -> str:
    start = int(year[:4]) + 1
    return f"{start}-{start + 1}"


@dataclass(frozen=True, slots=True)
class _OldDivision:
    id: str
    level: str
    formation: str
    students: tuple[str, ...]


def plan_rollover(snap: Snapshot, old_year: str) -> RollPlan:
    check_year(old_year)
    old = snap.year_data(old_year)
    new_year = next_year_id(old_year)
    if snap.exists(layout.year_path(new_year)):
        raise EditRefused(f"l'année {new_year} existe déjà ({layout.year_path(new_year)}) : rien à créer")
    olds = _old_divisions(snap, old_year)
    if not olds:
        raise EditRefused(f"aucune division en {old_year} : rien à reprendre")
    divisions, promoted = _new_divisions(olds)
    carried, leaving = _students(snap, old_year, olds, promoted, divisions)
    members: dict[str, list[str]] = {d.id: [] for d in divisions}
    for item in carried:
        members[item.new_division].append(item.student)
    divisions = [NewDivision(d.id, d.level, d.formation, d.previous, tuple(sorted(members[d.id]))) for d in divisions]
    first, last = year_bounds(new_year)
    zone = str((snap.read("school.yaml") or {}).get(v.ZONE, "A"))
    periods = propose(calendar_of(new_year, first, last, zone), first, last)
    known = {d.id for d in divisions}
    barrettes = tuple(
        {**{k: b.get(k) for k in (v.ID, v.WEEKDAY, v.START, v.DURATION)},
         v.DIVISIONS: [d for d in b.get(v.DIVISIONS) or () if d in known]}
        for b in entries(old, v.BARRETTES)
    )
    exemptions = tuple(f"{e.get(v.STUDENT)} ({e.get(v.REASON, '')})" for e in entries(old, v.EXEMPTIONS))
    return RollPlan(old_year, new_year, first, last, tuple(periods), tuple(divisions), tuple(carried),
                    tuple(leaving), barrettes, exemptions)


def _old_divisions(snap: Snapshot, year: str) -> list[_OldDivision]:
    result = []
    for ident in division_ids(snap, year):
        data = snap.read(layout.division_path(year, ident)) or {}
        level = data.get(v.LEVEL)
        if level not in LEVEL_ORDER:
            raise EditRefused(f"{layout.division_path(year, ident)} : niveau « {level} » illisible : corrigez-le d'abord")
        result.append(_OldDivision(ident, str(level), str(data.get(v.FORMATION) or ""),
                                   tuple(str(s) for s in data.get(v.STUDENTS) or ())))
    return sorted(result, key=lambda d: (LEVEL_ORDER.index(d.level), d.id))


def _new_divisions(olds: list[_OldDivision]) -> tuple[list[NewDivision], dict[str, str]]:
    """The new year's divisions, and old id -> the id of its promoted division."""
    created: dict[str, NewDivision] = {}
    promoted: dict[str, str] = {}

    def add(division: NewDivision) -> None:
        if division.id in created:
            raise EditRefused(f"deux divisions de la nouvelle année s'appelleraient {division.id} : renommez l'une "
                              "d'elles avant (« aptui division » dans l'année qui se termine)")
        created[division.id] = division

    for old in olds:
        if old.level == LEVEL_ORDER[0]:
            add(NewDivision(old.id, old.level, old.formation, None, ()))  # the next cohort's 2nde
        up = next_level(old.level)
        if up is None:
            continue
        ident = renamed_for_level(old.id, old.level, up) or f"{PREFIX[up]}{old.formation}-{old.id}"
        promoted[old.id] = ident
        add(NewDivision(ident, up, old.formation, old.id, ()))
    return sorted(created.values(), key=lambda d: (LEVEL_ORDER.index(d.level), d.id)), promoted


def _students(snap: Snapshot, year: str, olds: list[_OldDivision], promoted: Mapping[str, str],
              divisions: list[NewDivision]) -> tuple[list[Carried], list[Leaving]]:
    by_level_and_id = {(d.level, d.id): d.id for d in divisions}
    same_level = {(d.level, d.formation): d.id for d in reversed(divisions)}  # first by id
    carried: list[Carried] = []
    leaving: list[Leaving] = []
    for old in olds:
        for student in old.students:
            data = snap.read(layout.student_path(student)) or {}
            display = f"{data.get(v.FIRST_NAME, '')} {data.get(v.NAME, '')}".strip() or student
            decision = _decision(data, year)
            left_on = as_date(data.get(v.LEFT_ON))
            if left_on is not None:
                leaving.append(Leaving(student, display, old.id, f"sorti(e) le {left_on:%d/%m/%Y}"))
            elif decision == DEPARTURE:
                leaving.append(Leaving(student, display, old.id, "départ décidé en fin d'année"))
            elif decision == REPEAT:
                target = by_level_and_id.get((old.level, old.id)) or same_level.get((old.level, old.formation))
                if target is None:
                    raise EditRefused(f"{display} ({student}) redouble mais aucune division de {old.level} "
                                      f"{old.formation} n'existe l'année suivante")
                carried.append(Carried(student, display, old.id, target, True, _profile(data, year)))
            elif old.id in promoted:
                carried.append(Carried(student, display, old.id, promoted[old.id], False, _profile(data, year)))
            else:
                leaving.append(Leaving(student, display, old.id, "fin de Terminale"))
    return carried, leaving


def _decision(data: Mapping[str, Any], year: str) -> str:
    orientation = data.get(v.ORIENTATION)
    value = orientation.get(year) if isinstance(orientation, Mapping) else None
    return str(value) if value in (PASSAGE, REPEAT, DEPARTURE) else PASSAGE


def _profile(data: Mapping[str, Any], year: str) -> str | None:
    profiles = data.get(v.PROFILES)
    value = profiles.get(year) if isinstance(profiles, Mapping) else None
    return str(value) if isinstance(value, str) and value in v.PROFILE_LABELS else None
