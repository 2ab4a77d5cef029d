"""Derived facts about a school, computed once and shared.

Rules, reports and the TUI all need calendars, memberships and hour totals;
an Analysis computes each lazily, once, for one immutable School.

An Analysis made with the ``previous`` one of the same school (the Workspace
after an edit) takes over every part whose inputs are the same objects
(model/memo.py): a year's calendar while its year.yaml is unchanged, a
period's memberships and hours while its groups and sessions are, and the
rules' results likewise (rules/__init__.py).  The parts are split by year and
period, so an edit in one period recomputes that period (and its
neighbours), not the school.
"""

from __future__ import annotations

import sys
from collections.abc import Hashable
from datetime import date
from functools import cached_property, partial
from typing import Any

from aptui.model.calendar import DivisionCalendar, SchoolCalendar
from aptui.model.entities import Division, School, Year
from aptui.model.holiday_law import region_of
from aptui.model.hours import (
    HoursLedger,
    PeriodHours,
    merged_ledger,
    period_hours,
    sessions_by_period,
    student_divisions,
    year_ledger,
)
from aptui.model.membership import PeriodMembership
from aptui.model.memo import Memo
from aptui.model.student_hours import StudentHours, student_hours


class YearInputs:
    """Tokens (model/memo.py) of the entities of one year, for the inputs of its parts."""

    def __init__(self, memo: Memo, year: Year) -> None:
        yid = year.id
        self.header = memo.token(("header", yid), (
            year.first_day, year.last_day, year.closures, year.openings, year.periods, year.barrettes,
            year.exemptions, year.src,
        ))
        self.divisions = memo.token(("divisions", yid), tuple(year.divisions.values()))
        groups: dict[str, list[Any]] = {}
        for group in year.groups.values():
            groups.setdefault(group.period, []).append(group)
        sessions: dict[str, list[Any]] = {}
        for key, located in year.sessions_src.items():
            sessions.setdefault(key[0], []).extend((key, located, year.sessions.get(key)))
        for key, items in year.sessions.items():
            if key not in year.sessions_src:
                sessions.setdefault(key[0], []).extend((key, None, items))
        self.groups = {p: memo.token(("groups", yid, p), tuple(g)) for p, g in groups.items()}
        self.sessions = {p: memo.token(("sessions", yid, p), tuple(s)) for p, s in sessions.items()}
        self.bilans = {
            p: memo.token(("bilans", yid, p), (bilans, year.bilans_src.get(p))) for p, bilans in year.bilans.items()
        }

    def of_groups(self, period: str | None) -> tuple[Any, ...]:
        return self.groups.get(period, ()) if period is not None else ()

    def of_sessions(self, period: str) -> tuple[Any, ...]:
        return self.sessions.get(period, ())

    def of_bilans(self, period: str) -> tuple[Any, ...]:
        return self.bilans.get(period, ())


class Analysis:
    """Lazy, memoised views of one School (parts taken over from ``previous`` while their inputs are the same)."""

    def __init__(self, school: School, previous: Analysis | None = None, memo: Memo | None = None) -> None:
        """``memo``: the parts of a check of this very School (saved with it), taken as this check's own."""
        self.school = school
        self.memo: Memo = memo if memo is not None else Memo(previous.memo if previous is not None else None)
        self._calendars: dict[str, SchoolCalendar] = {}
        self._division_calendars: dict[tuple[str, str], DivisionCalendar] = {}
        self._inputs: dict[str, YearInputs] = {}
        self._away: dict[str, tuple[dict[str, str], dict[str, frozenset[date]]]] = {}

    # --- inputs of the parts -------------------------------------------------

    @cached_property
    def students_token(self) -> tuple[Any, ...]:
        return self.memo.token("students", tuple(self.school.students.values()))

    @cached_property
    def departures_token(self) -> tuple[Any, ...]:
        """The students who left the school (a ``sortie``): memberships depend on them only."""
        return self.memo.token("departures", tuple(s for s in self.school.students.values() if s.left_on is not None))

    @cached_property
    def departures(self) -> dict[str, date]:
        """Student -> their ``sortie`` date, for every student who left."""
        return {s.id: s.left_on for s in self.departures_token if s.left_on is not None}

    @cached_property
    def arrivals_token(self) -> tuple[Any, ...]:
        """The students who joined during a year (an ``arrivee``): memberships depend on them too."""
        return self.memo.token("arrivals", tuple(s for s in self.school.students.values() if s.arrived_on is not None))

    @cached_property
    def arrivals(self) -> dict[str, date]:
        """Student -> their ``arrivee`` date, for every student who joined late."""
        return {s.id: s.arrived_on for s in self.arrivals_token if s.arrived_on is not None}

    @cached_property
    def teachers_token(self) -> tuple[Any, ...]:
        return self.memo.token("teachers", tuple(self.school.teachers.values()))

    @cached_property
    def school_token(self) -> tuple[Any, ...]:
        """Everything outside the years: school.yaml, staff.yaml, the students, the years present."""
        return self.memo.token("school", (
            self.school.info, self.teachers_token, self.students_token, *map(sys.intern, self.school.years),
        ))

    def inputs(self, year_id: str) -> YearInputs:
        known = self._inputs.get(year_id)
        if known is None:
            known = self._inputs[year_id] = YearInputs(self.memo, self.school.years[year_id])
        return known

    def part(self, name: Hashable, inputs: tuple[Any, ...], compute: Any) -> Any:
        """A part of the analysis or of the rules, taken over while its inputs are the same objects."""
        return self.memo.get(name, inputs, compute)

    def settle(self) -> None:
        """The check is done: forget the previous analysis's parts."""
        self.memo.settle()

    # --- derived facts -----------------------------------------------------

    def calendar(self, year_id: str) -> SchoolCalendar:
        known = self._calendars.get(year_id)
        if known is None:
            info = self.school.info
            year = self.school.years[year_id]
            # Not ("calendar", year): the calendar rule's part has that name (rules/calendar.py).
            known = self._calendars[year_id] = self.memo.get(
                ("school_calendar", year_id), (info, self.inputs(year_id).header),
                lambda: SchoolCalendar(year, region_of(info)),
            )
        return known

    def division_calendar(self, year_id: str, division_id: str) -> DivisionCalendar:
        """The school days of one division: the school's minus its PFMP weeks and its own closures."""
        key = (year_id, division_id)
        known = self._division_calendars.get(key)
        if known is None:
            school = self.calendar(year_id)
            division = self.school.years[year_id].divisions[division_id]
            known = self._division_calendars[key] = self.memo.get(
                ("division_calendar", year_id, division_id), (school, division),
                lambda: DivisionCalendar(school, division),
            )
        return known

    def away_days(self, year_id: str) -> dict[str, frozenset[date]]:
        """Division -> the days its students are away (PFMP, closures of the division), for divisions with any."""
        year = self.school.years[year_id]
        inputs = self.inputs(year_id)
        return self.memo.get(
            ("away_days", year_id), (self.calendar(year_id), inputs.divisions),
            lambda: {d: c.away for d in sorted(year.divisions) if (c := self.division_calendar(year_id, d)).away},
        )

    def away_by_day(self, year_id: str) -> dict[date, frozenset[str]]:
        """Day -> the divisions away that day (``away_days`` turned around), for days with any."""
        away = self.away_days(year_id)
        return self.memo.get(("away_by_day", year_id), (away,), lambda: _by_day(away))

    def away_on(self, year_id: str, student: str, day: date) -> bool:
        """Whether a student's division is away on a day (PFMP...): no mark is expected from them."""
        known = self._away.get(year_id)
        if known is None:  # asked once per expected mark: two memo look-ups each time cost more than the answer
            known = self._away[year_id] = (self._student_divisions(year_id), self.away_days(year_id))
        division = known[0].get(student)
        return division is not None and day in known[1].get(division, ())

    @cached_property
    def memberships(self) -> dict[tuple[str, str], PeriodMembership]:
        """(year, period) -> membership, for every period that has groups or sessions."""
        result = {}
        for year_id, year in self.school.years.items():
            periods = {p.id for p in year.periods} | {p for p, _ in year.groups} | {p for p, _ in year.sessions}
            for period in sorted(periods):
                result[(year_id, period)] = self.memo.get(
                    ("membership", year_id, period), self._membership_inputs(year, period),
                    partial(PeriodMembership, year, period, self.departures, self.arrivals),
                )
        return result

    def _membership_inputs(self, year: Year, period: str) -> tuple[Any, ...]:
        """A period's groups and the departures; its sessions too when a student left during it
        (their marks then tell their group, model/membership.py)."""
        inputs = self.inputs(year.id)
        span = year.period(period)
        left_during = span is not None and any(span.contains(day) for day in self.departures.values())
        return (inputs.of_groups(period), self.departures_token, self.arrivals_token, inputs.header,
                inputs.of_sessions(period) if left_during else None)

    def membership(self, year_id: str, period: str) -> PeriodMembership:
        return self.memberships[(year_id, period)]

    @cached_property
    def student_divisions(self) -> dict[str, dict[str, str]]:
        """year -> student -> division (from the division files)."""
        return {year_id: self._student_divisions(year_id) for year_id in self.school.years}

    def _student_divisions(self, year_id: str) -> dict[str, str]:
        return self.memo.get(
            ("student_divisions", year_id), (self.inputs(year_id).divisions,),
            lambda: student_divisions(self.school, year_id),
        )

    def year_ledger(self, year_id: str) -> HoursLedger:
        """The hours of one year (its keys start with the year id)."""
        year = self.school.years[year_id]
        inputs = self.inputs(year_id)
        divisions_of = self._student_divisions(year_id)
        away = self.away_days(year_id)
        by_day = self.away_by_day(year_id)
        parts: list[tuple[str, PeriodHours]] = []
        for period, keys in sessions_by_period(year).items():
            membership = self.membership(year_id, period)
            parts.append((period, self.memo.get(
                ("period_hours", year_id, period),
                (inputs.of_sessions(period), inputs.of_groups(period), membership, divisions_of, away),
                partial(period_hours, year, keys, membership, divisions_of, away, by_day),
            )))
        return self.memo.get(
            ("year_ledger", year_id), tuple(part for _, part in parts),
            lambda: year_ledger(year_id, parts),
        )

    def student_hours(self, year_id: str, as_of: date | None = None) -> dict[str, StudentHours]:
        """Each student's hours so far against the preset's promise (model/student_hours.py).

        ``as_of``: the horizon (default: the week of the year's last appel, memoised)."""
        year = self.school.years[year_id]
        info = self.school.info
        promised = dict(info.hours.per_level) if info else {}

        def compute() -> dict[str, StudentHours]:
            arrivals = {s.id: s.arrived_on for s in self.school.students.values() if s.arrived_on is not None}
            return student_hours(year, partial(self.division_calendar, year_id), self.year_ledger(year_id), promised,
                                 self._student_divisions(year_id), self.departures, as_of, arrivals)

        if as_of is not None:
            return compute()
        inputs = self.inputs(year_id)
        return self.memo.get(
            ("student_hours", year_id),
            (info, inputs.header, inputs.divisions, self.students_token, self.year_ledger(year_id)), compute,
        )

    def hours_known(self) -> bool:
        """Whether the hours of every year are already computed (by the rules of this check, or saved
        with the model): ``ledger`` then costs a few milliseconds, not a second on a large school."""
        return "ledger" in self.__dict__ or all(self.memo.has(("year_ledger", y)) for y in self.school.years)

    @cached_property
    def ledger(self) -> HoursLedger:
        years = [self.year_ledger(year_id) for year_id in self.school.years]
        return merged_ledger(years) if years else HoursLedger()

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
        return {p.id: calendar.school_weeks(p.start, p.end) for p in year.periods}  # memoised by the calendar


def _by_day(away: dict[str, frozenset[date]]) -> dict[date, frozenset[str]]:
    days: dict[date, set[str]] = {}
    for division, away_days in away.items():
        for day in away_days:
            days.setdefault(day, set()).add(division)
    return {day: frozenset(divisions) for day, divisions in days.items()}


def _previous_year_id(year_id: str) -> str:
    start = int(year_id[:4])
    return f"{start - 1}-{start}"
