"""The hour ledger: every session's teacher hours charged to divisions, and
every student's scheduled and attended hours, computed in one pass.

A session's teacher hours are its duration times the number of the group's
teachers (each co-animating teacher counts).  They are charged to divisions in
proportion to the group's members from each division on that day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from aptui import vocab as v
from aptui.model.entities import School, Year
from aptui.model.membership import PeriodMembership

Week = tuple[float, float, float]
"""A student's (scheduled, attended, marked) hours of one week."""


def _add_week(into: dict[date, Week], monday: date, week: Week) -> None:
    old = into.get(monday)
    into[monday] = week if old is None else (old[0] + week[0], old[1] + week[1], old[2] + week[2])


@dataclass(slots=True)
class HoursLedger:
    """Totals keyed by (year, ...); floats are hours."""

    division_period: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)
    division_week: dict[tuple[str, str], dict[date, float]] = field(default_factory=dict)
    student_scheduled: dict[tuple[str, str], float] = field(default_factory=dict)
    student_attended: dict[tuple[str, str], float] = field(default_factory=dict)
    student_marked: dict[tuple[str, str], float] = field(default_factory=dict)
    group_hours: dict[tuple[str, str, str], float] = field(default_factory=dict)
    # teacher hours of the sessions whose attendance was taken ("done")
    division_done: dict[tuple[str, str], float] = field(default_factory=dict)
    # (year, student) -> monday -> (scheduled, attended, marked) hours of that week (model/student_hours.py)
    student_week: dict[tuple[str, str], dict[date, Week]] = field(default_factory=dict)

    def division_year(self, year: str, division: str) -> float:
        return sum(self.division_period.get((year, division), {}).values())

    def attendance_rate(self, year: str, student: str) -> float | None:
        """Share of marked hours attended (present or late), None before any mark."""
        marked = self.student_marked.get((year, student), 0.0)
        return None if marked == 0 else self.student_attended.get((year, student), 0.0) / marked


def student_divisions(school: School, year: str) -> dict[str, str]:
    """Student -> division for one year, from the division files."""
    result: dict[str, str] = {}
    for division in school.years[year].divisions.values():
        for student in division.students:
            result.setdefault(student, division.id)
    return result


@dataclass(slots=True)
class PeriodHours:
    """The hours of one period of one year (its part of the ledger, kept while its inputs are the same)."""

    division: dict[str, float] = field(default_factory=dict)  # division -> teacher hours
    division_week: dict[str, dict[date, float]] = field(default_factory=dict)  # division -> monday -> hours
    scheduled: dict[str, float] = field(default_factory=dict)  # student -> hours
    attended: dict[str, float] = field(default_factory=dict)
    marked: dict[str, float] = field(default_factory=dict)
    done: dict[str, float] = field(default_factory=dict)  # division -> hours of sessions with an appel
    group_hours: dict[str, float] = field(default_factory=dict)
    student_week: dict[str, dict[date, Week]] = field(default_factory=dict)  # student -> monday -> hours


def period_hours(
    year: Year, keys: list[tuple[str, str]], membership: PeriodMembership, divisions_of: dict[str, str],
    away: Mapping[str, frozenset[date]] | None = None, away_by_day: Mapping[date, frozenset[str]] | None = None,
) -> PeriodHours:
    """The hours of the sessions of ``keys`` ((period, group) of one period, in file order).

    ``away``: division -> days its students are away (PFMP...): on those days they are not
    counted among the members (not charged, nothing scheduled, a mark not counted);
    ``away_by_day``: the same turned around (day -> divisions away), made from ``away`` if not given."""
    if away and away_by_day is None:
        by_day: dict[date, set[str]] = {}
        for name, days in away.items():
            for away_day in days:
                by_day.setdefault(away_day, set()).add(name)
        away_by_day = {d: frozenset(names) for d, names in by_day.items()}
    part = PeriodHours()
    division: dict[str, float] = defaultdict(float)
    division_week: dict[str, dict[date, float]] = defaultdict(lambda: defaultdict(float))
    scheduled: dict[str, float] = defaultdict(float)
    attended: dict[str, float] = defaultdict(float)
    marked: dict[str, float] = defaultdict(float)
    done: dict[str, float] = defaultdict(float)
    student_week: dict[str, dict[date, Week]] = defaultdict(dict)
    for key in keys:
        group_id = key[1]
        group = year.groups.get(key)
        teachers = len(group.teachers) if group else 0  # no teacher, no hour (APT405 says so)
        total = 0.0
        for session in year.sessions[key]:
            members = membership.frozen_members_on(group_id, session.day)
            out = away_by_day.get(session.day) if away_by_day else None
            if out:  # the members whose division is away that day are not counted
                members = frozenset(s for s in members if divisions_of.get(s, "") not in out)
            hours = session.hours
            total += hours
            known = [d for s in members if (d := divisions_of.get(s)) is not None]
            monday = session.day - timedelta(days=session.day.weekday())
            if known:
                share = hours * teachers / len(known)
                for name in known:
                    division[name] += share
                    division_week[name][monday] += share
                if session.attendance:
                    for name in known:
                        done[name] += share
            attendance = session.attendance
            for student in members:
                scheduled[student] += hours
                status = attendance.get(student)
                was_marked = hours if status is not None else 0.0
                was_there = hours if status in v.ATTENDED_STATUSES else 0.0
                marked[student] += was_marked
                attended[student] += was_there
                _add_week(student_week[student], monday, (hours, was_there, was_marked))
        part.group_hours[group_id] = total
    part.division = dict(division)
    part.division_week = {d: dict(weeks) for d, weeks in division_week.items()}
    part.scheduled, part.attended, part.marked, part.done = dict(scheduled), dict(attended), dict(marked), dict(done)
    part.student_week = dict(student_week)
    return part


def year_ledger(year_id: str, parts: list[tuple[str, PeriodHours]]) -> HoursLedger:
    """The ledger of one year: its periods' hours summed, periods in file order."""
    ledger = HoursLedger()
    division_period: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    division_week: dict[tuple[str, str], dict[date, float]] = defaultdict(lambda: defaultdict(float))
    scheduled: dict[tuple[str, str], float] = defaultdict(float)
    attended: dict[tuple[str, str], float] = defaultdict(float)
    marked: dict[tuple[str, str], float] = defaultdict(float)
    done: dict[tuple[str, str], float] = defaultdict(float)
    student_week: dict[tuple[str, str], dict[date, Week]] = defaultdict(dict)
    for period, part in parts:
        for name, value in part.division.items():
            division_period[(year_id, name)][period] = value
        for name, weeks in part.division_week.items():
            into = division_week[(year_id, name)]
            for monday, value in weeks.items():
                into[monday] += value
        for totals, values in ((scheduled, part.scheduled), (attended, part.attended),
                               (marked, part.marked), (done, part.done)):
            for name, value in values.items():
                totals[(year_id, name)] += value
        for group_id, value in part.group_hours.items():
            ledger.group_hours[(year_id, period, group_id)] = value
        for student, student_weeks in part.student_week.items():
            student_into = student_week[(year_id, student)]
            for monday, week in student_weeks.items():
                _add_week(student_into, monday, week)
    ledger.division_period = dict(division_period)
    ledger.division_week = {k: dict(d) for k, d in division_week.items()}
    ledger.division_done = dict(done)
    ledger.student_scheduled = dict(scheduled)
    ledger.student_attended = dict(attended)
    ledger.student_marked = dict(marked)
    ledger.student_week = dict(student_week)
    return ledger


def merged_ledger(years: list[HoursLedger]) -> HoursLedger:
    """The ledgers of several years in one (their keys start with the year: no sums)."""
    if len(years) == 1:
        return years[0]
    ledger = HoursLedger()
    for part in years:
        ledger.division_period.update(part.division_period)
        ledger.division_week.update(part.division_week)
        ledger.student_scheduled.update(part.student_scheduled)
        ledger.student_attended.update(part.student_attended)
        ledger.student_marked.update(part.student_marked)
        ledger.group_hours.update(part.group_hours)
        ledger.division_done.update(part.division_done)
        ledger.student_week.update(part.student_week)
    return ledger


def sessions_by_period(year: Year) -> dict[str, list[tuple[str, str]]]:
    """The (period, group) keys of the year's sessions, by period, periods in file order."""
    result: dict[str, list[tuple[str, str]]] = {}
    for key in year.sessions:
        result.setdefault(key[0], []).append(key)
    return result
