"""Derived facts about a school, computed once and shared.

Rules, reports and the TUI all need calendars, memberships and hour totals;
an Analysis computes each lazily, once, for one immutable School.
"""

from __future__ import annotations

from functools import cached_property

from aptui.model.calendar import SchoolCalendar
from aptui.model.entities import Division, School, Year
from aptui.model.hours import HoursLedger, build_ledger, student_divisions
from aptui.model.membership import PeriodMembership


class Analysis:
    """Lazy, memoised views of one School."""

    def __init__(self, school: School) -> None:
        self.school = school
        self._calendars: dict[str, SchoolCalendar] = {}

    def calendar(self, year_id: str) -> SchoolCalendar:
        if year_id not in self._calendars:
            zone = self.school.info.zone if self.school.info else "A"
            self._calendars[year_id] = SchoolCalendar(self.school.years[year_id], zone)
        return self._calendars[year_id]

    @cached_property
    def memberships(self) -> dict[tuple[str, str], PeriodMembership]:
        """(year, period) -> membership, for every period that has groups or sessions."""
        result = {}
        for year_id, year in self.school.years.items():
            periods = {p.id for p in year.periods} | {p for p, _ in year.groups} | {p for p, _ in year.sessions}
            for period in periods:
                result[(year_id, period)] = PeriodMembership(year, period)
        return result

    def membership(self, year_id: str, period: str) -> PeriodMembership:
        return self.memberships[(year_id, period)]

    @cached_property
    def student_divisions(self) -> dict[str, dict[str, str]]:
        """year -> student -> division (from the division files)."""
        return {year_id: student_divisions(self.school, year_id) for year_id in self.school.years}

    @cached_property
    def ledger(self) -> HoursLedger:
        return build_ledger(self.school, self.memberships)

    def year_budget(self, division: Division) -> float | None:
        info = self.school.info
        return info.hours.per_level.get(division.level) if info else None

    def cycle_chain(self, division: Division) -> list[Division]:
        """The division and its predecessors (same cohort), oldest first, at most 3."""
        chain = [division]
        current = division
        while current.previous and len(chain) < 3:
            previous_year = _previous_year_id(current.year)
            year = self.school.years.get(previous_year)
            if year is None or current.previous not in year.divisions:
                break
            current = year.divisions[current.previous]
            chain.append(current)
        return list(reversed(chain))

    def period_weeks(self, year: Year) -> dict[str, int]:
        calendar = self.calendar(year.id)
        return {p.id: calendar.school_weeks(p.start, p.end) for p in year.periods}


def _previous_year_id(year_id: str) -> str:
    start = int(year_id[:4])
    return f"{start - 1}-{start}"
