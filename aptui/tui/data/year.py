"""What the screen Année shows: the organisation of a year, section by section, as rows.

Sections: the team (staff.yaml), the divisions (level, formation, ``precedente``, students,
PFMP), the barrettes, the periods (with their weeks of school) and the PFMP of each division.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aptui import vocab as v
from aptui.model.analysis import Analysis
from aptui.model.entities import School, Year
from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui.data.pfmp import span_weeks

TEAM, DIVISIONS, BARRETTES, PERIODS, PFMP = "equipe", "divisions", "barrettes", "periodes", "pfmp"
SECTIONS: tuple[str, ...] = (TEAM, DIVISIONS, BARRETTES, PERIODS, PFMP)


@dataclass(frozen=True, slots=True)
class SetupRow:
    """One row of a section; ``key`` names the object (a teacher, a division, ``division@start`` for a PFMP)."""

    key: str
    cells: tuple[str, ...]


def section_rows(analysis: Analysis, school: School, year: Year | None, section: str, today: date) -> list[SetupRow]:
    if section == TEAM:
        return team_rows(school, year, today)
    if year is None:
        return []
    return {DIVISIONS: division_rows, BARRETTES: barrette_rows, PERIODS: lambda y: period_rows(analysis, y),
            PFMP: pfmp_rows}[section](year)


def current_groups(year: Year | None, teacher: str, today: date) -> list[str]:
    """« G-METHODO (P2) » for the groups a teacher leads in periods not over yet (said before deactivating)."""
    if year is None:
        return []
    ongoing = {p.id for p in year.periods if p.end >= today}
    return sorted(f"{g.id} ({g.period})" for g in year.groups.values() if g.period in ongoing and teacher in g.teachers)


def team_rows(school: School, year: Year | None, today: date) -> list[SetupRow]:
    rows = []
    for teacher in sorted(school.teachers.values(), key=lambda t: (not t.active, t.last_name, t.first_name)):
        groups = current_groups(year, teacher.id, today)
        state = L.SETUP_ACTIVE if teacher.active else L.SETUP_INACTIVE
        pilote = L.SETUP_PILOTE if school.info and school.info.pilote == teacher.id else ""
        rows.append(SetupRow(teacher.id, (teacher.id, f"{teacher.last_name} {teacher.first_name}",
                                          ", ".join(teacher.subjects), state + pilote, ", ".join(groups))))
    return rows


def division_rows(year: Year) -> list[SetupRow]:
    rows = []
    barrettes = {d: b.id for b in year.barrettes.values() for d in b.divisions}
    for division in sorted(year.divisions.values(), key=lambda d: (list(v.LEVELS).index(d.level)
                                                                  if d.level in v.LEVELS else 9, d.id)):
        weeks = span_weeks((s.start, s.end) for s in division.work_placements)
        rows.append(SetupRow(division.id, (
            division.id, division.level, division.formation, division.previous or "—", str(len(division.students)),
            barrettes.get(division.id, "—"), L.SETUP_WEEKS.format(weeks) if weeks else "—")))
    return rows


def barrette_rows(year: Year) -> list[SetupRow]:
    rows = []
    for barrette in year.barrettes.values():
        start = f"{barrette.start_minute // 60:02d}:{barrette.start_minute % 60:02d}"
        rows.append(SetupRow(barrette.id, (barrette.id, v.WEEKDAYS[barrette.weekday], start,
                                           f"{barrette.duration} min", ", ".join(barrette.divisions))))
    return rows


def period_rows(analysis: Analysis, year: Year) -> list[SetupRow]:
    calendar = analysis.calendar(year.id)
    held = {g.period for g in year.groups.values()}
    rows = []
    for period in year.sorted_periods():
        weeks = calendar.school_weeks(period.start, period.end)
        rows.append(SetupRow(period.id, (period.id, fmt.day(period.start), fmt.day(period.end),
                                         L.SETUP_WEEKS.format(weeks), L.SETUP_HAS_GROUPS if period.id in held else "")))
    return rows


def pfmp_rows(year: Year) -> list[SetupRow]:
    rows = []
    for division in sorted(year.divisions.values(), key=lambda d: d.id):
        for span in sorted(division.work_placements, key=lambda s: s.start):
            rows.append(SetupRow(f"{division.id}@{span.start.isoformat()}", (
                division.id, fmt.day(span.start), fmt.day(span.end),
                L.SETUP_WEEKS.format(span_weeks([(span.start, span.end)])), span.reason)))
    return rows


def pfmp_key(key: str) -> tuple[str, date] | None:
    """(division, start) of a PFMP row's key."""
    division, sep, start = key.partition("@")
    try:
        return (division, date.fromisoformat(start)) if sep else None
    except ValueError:
        return None
