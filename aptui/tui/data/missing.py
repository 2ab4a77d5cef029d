"""What a school still lacks before its groups can be built, in set-up order; and a year that is over."""

from __future__ import annotations

from datetime import date

from aptui.model.entities import School, Year
from aptui.tui import labels as L


def missing_setup(school: School, year: Year | None) -> str | None:
    """The first thing to declare (team, divisions, barrettes, periods, students), said in French; None if none."""
    if year is None:
        return L.MISSING_YEAR
    if not school.teachers:
        return L.MISSING_TEAM
    if not year.divisions:
        return L.MISSING_DIVISIONS.format(year.id)
    if not year.barrettes:
        return L.MISSING_BARRETTES.format(year.id)
    if not year.periods:
        return L.MISSING_PERIODS.format(year.id)
    if not any(year.id in s.divisions for s in school.students.values()):
        return L.MISSING_STUDENTS.format(year.id)
    return None


def year_over(school: School, today: date) -> Year | None:
    """The last school year when today is past its last day (time for the next one), else None."""
    ids = school.year_ids()
    if not ids:
        return None
    last = school.years[ids[-1]]
    return last if today > last.last_day else None
