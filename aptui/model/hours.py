"""The hour ledger: every session's teacher hours charged to divisions, and
every student's scheduled and attended hours, computed in one pass.

A session's teacher hours are its duration times the number of the group's
teachers (each co-animating teacher counts).  They are charged to divisions in
proportion to the group's members from each division on that day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from aptui import vocab as v
from aptui.model.entities import School
from aptui.model.membership import PeriodMembership


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


def build_ledger(
    school: School, memberships: dict[tuple[str, str], PeriodMembership]
) -> HoursLedger:
    ledger = HoursLedger()
    division_period: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    division_week: dict[tuple[str, str], dict[date, float]] = defaultdict(lambda: defaultdict(float))
    scheduled: dict[tuple[str, str], float] = defaultdict(float)
    attended: dict[tuple[str, str], float] = defaultdict(float)
    marked: dict[tuple[str, str], float] = defaultdict(float)
    done: dict[tuple[str, str], float] = defaultdict(float)
    for year_id, year in school.years.items():
        divisions_of = student_divisions(school, year_id)
        for (period, group_id), sessions in year.sessions.items():
            group = year.groups.get((period, group_id))
            membership = memberships[(year_id, period)]
            teachers = max(1, len(group.teachers)) if group else 1
            total = 0.0
            for session in sessions:
                members = membership.members_on(group_id, session.day)
                hours = session.hours
                total += hours
                shares = _charge(division_period, division_week, year_id, period, session.day,
                                 hours * teachers, [divisions_of.get(s) for s in members])
                if session.attendance:
                    for division, share in shares:
                        done[(year_id, division)] += share
                for student in members:
                    scheduled[(year_id, student)] += hours
                    status = session.attendance.get(student)
                    if status is not None:
                        marked[(year_id, student)] += hours
                        if status in v.ATTENDED_STATUSES:
                            attended[(year_id, student)] += hours
            ledger.group_hours[(year_id, period, group_id)] = total
    ledger.division_period = {k: dict(d) for k, d in division_period.items()}
    ledger.division_week = {k: dict(d) for k, d in division_week.items()}
    ledger.division_done = dict(done)
    ledger.student_scheduled = dict(scheduled)
    ledger.student_attended = dict(attended)
    ledger.student_marked = dict(marked)
    return ledger


def _charge(
    division_period: dict[tuple[str, str], dict[str, float]],
    division_week: dict[tuple[str, str], dict[date, float]],
    year: str,
    period: str,
    day: date,
    teacher_hours: float,
    divisions: list[str | None],
) -> list[tuple[str, float]]:
    """Charge one session to the divisions of its members; return each division's share."""
    known = [d for d in divisions if d is not None]
    if not known:
        return []
    share = teacher_hours / len(known)
    monday = day - timedelta(days=day.weekday())
    for division in known:
        division_period[(year, division)][period] += share
        division_week[(year, division)][monday] += share
    return [(division, share) for division in known]
