"""PFMP weeks as the screens show them: per division on the dashboard, per student in the detail pane."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from aptui.model.analysis import Analysis
from aptui.model.entities import Year


@dataclass(frozen=True, slots=True)
class Placement:
    """One PFMP of a division."""

    year: str
    division: str
    start: date
    end: date
    reason: str


@dataclass(frozen=True, slots=True)
class StudentPlacements:
    """The PFMP of one student's division in one year."""

    year: str
    division: str
    weeks: int
    spans: tuple[Placement, ...]


def span_weeks(spans: Iterable[tuple[date, date]]) -> int:
    """Monday-to-Sunday weeks with a weekday in one of the spans."""
    days = {a + timedelta(days=n) for a, b in spans for n in range((b - a).days + 1)}
    return len({d - timedelta(days=d.weekday()) for d in days if d.weekday() < 5})


def division_placements(analysis: Analysis, year: Year, division: str) -> tuple[Placement, ...]:
    """The PFMP of a division, in date order."""
    found = year.divisions.get(division)
    if found is None:
        return ()
    spans = sorted(found.work_placements, key=lambda s: s.start)
    return tuple(Placement(year.id, division, s.start, s.end, s.reason) for s in spans)


def away_today(analysis: Analysis, year: Year, today: date) -> list[Placement]:
    """The divisions in PFMP today (their students are not expected in AP)."""
    return [p for d in sorted(year.divisions) for p in division_placements(analysis, year, d)
            if p.start <= today <= p.end]


def student_placements(analysis: Analysis, student_id: str) -> list[StudentPlacements]:
    """Year by year, the PFMP of the student's division (years whose division has some)."""
    student = analysis.school.students.get(student_id)
    if student is None:
        return []
    found = []
    for year_id, division in sorted(student.divisions.items()):
        year = analysis.school.years.get(year_id)
        if year is None or division not in year.divisions:
            continue
        spans = division_placements(analysis, year, division)
        if spans:
            weeks = analysis.division_calendar(year_id, division).placement_weeks()
            found.append(StudentPlacements(year_id, division, weeks, spans))
    return found
