"""Numbers of the Tableau de bord: budgets per division, pace, students needing attention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from aptui.model.analysis import Analysis
from aptui.model.attention import LOW_RATE
from aptui.model.entities import Division, Year
from aptui.model.levels import division_order
from aptui.tui import format as fmt

LOW_ATTENDANCE = LOW_RATE / 100
"""Below this attendance rate over the year a student needs attention: the same threshold as the period
review's « présence en baisse » (model/attention.py), which also asks for a fall since the
previous period; the board says « présence faible », what it measures."""


@dataclass(frozen=True, slots=True)
class Budget:
    """Hours of one scope (a year or a cycle): done so far, planned in the files, allowed."""

    done: float
    planned: float
    budget: float | None


@dataclass(frozen=True, slots=True)
class DivisionBudget:
    """One line of the dashboard: a division and its two budgets."""

    division: str
    level: str
    students: int
    year: Budget
    cycle: Budget
    cycle_path: tuple[str, ...]
    placements: tuple[tuple[date, date], ...] = ()
    """The division's PFMP (first and last day), in date order."""


@dataclass(frozen=True, slots=True)
class PacePoint:
    """One week of school: hours consumed so far against the pace line."""

    monday: date
    cumulative: float | None
    """Hours charged up to this week; None for weeks after today."""
    pace: float


@dataclass(frozen=True, slots=True)
class Attention:
    """A student who needs attention, and why (a key of labels.ATTENTION)."""

    student: str
    reason: str
    detail: str


def _done(analysis: Analysis, division: Division) -> float:
    """Teacher hours of the division's sessions whose attendance was taken."""
    return analysis.ledger.division_done.get((division.year, division.id), 0.0)


def division_budgets(analysis: Analysis, year: Year) -> list[DivisionBudget]:
    """Year and cycle hours (done = appel taken, planned = every recorded session) per division."""
    info = analysis.school.info
    rows = []
    for division in sorted(year.divisions.values(), key=division_order):  # 2nde, 1re, Tle
        planned = analysis.ledger.division_year(year.id, division.id)
        chain = analysis.cycle_chain(division)
        cycle_planned = sum(analysis.ledger.division_year(d.year, d.id) for d in chain)
        cycle_done = sum(_done(analysis, d) for d in chain)
        rows.append(DivisionBudget(
            division.id, division.level, len(division.students),
            Budget(_done(analysis, division), planned, analysis.year_budget(division)),
            Budget(cycle_done, cycle_planned, info.hours.cycle if info else None),
            tuple(f"{d.id} ({d.year})" for d in chain),
            tuple(sorted((p.start, p.end) for p in division.work_placements)),
        ))
    return rows


def pace_series(analysis: Analysis, year: Year, division: Division, today: date) -> list[PacePoint]:
    """Week by week, the cumulative hours of a division (up to today) and the even pace of its budget
    (over the division's weeks of school: its PFMP weeks are not in the chart)."""
    calendar = analysis.division_calendar(year.id, division.id)
    days = calendar.school_days(year.first_day, year.last_day)
    mondays = sorted({d - timedelta(days=d.weekday()) for d in days})
    budget = analysis.year_budget(division) or 0.0
    weeks = analysis.ledger.division_week.get((year.id, division.id), {})
    points = []
    total = 0.0
    for index, monday in enumerate(mondays, start=1):
        total += weeks.get(monday, 0.0)
        pace = budget * index / len(mondays)
        points.append(PacePoint(monday, total if monday <= today else None, pace))
    return points


def students_needing_attention(analysis: Analysis, year: Year, today: date) -> list[Attention]:
    """Low attendance, missing bilan of a finished period, Malgré eux without contract, no group."""
    found: list[Attention] = []
    students = analysis.school.students
    in_year = sorted(analysis.student_divisions.get(year.id, {}), key=lambda s: _sort(analysis, s))
    for student_id in in_year:
        student = students.get(student_id)
        if student is None or (student.left_on is not None and student.left_on <= today):
            continue
        rate = analysis.ledger.attendance_rate(year.id, student_id)
        if rate is not None and rate < LOW_ATTENDANCE:
            found.append(Attention(student_id, "attendance", fmt.percent(rate)))
        missing = _missing_bilans(analysis, year, student_id, today)
        if missing:
            found.append(Attention(student_id, "bilan", ", ".join(missing)))
        if student.profiles.get(year.id) == "malgre-eux" and not student.objectives:
            found.append(Attention(student_id, "contract", ""))
    found.extend(_without_group(analysis, year, today))
    return found


def _sort(analysis: Analysis, student_id: str) -> str:
    student = analysis.school.students.get(student_id)
    return student.sort_name if student else student_id


def _missing_bilans(analysis: Analysis, year: Year, student_id: str, today: date) -> list[str]:
    missing = []
    for period in year.sorted_periods():
        if period.end >= today or (year.id, period.id) not in analysis.memberships:
            continue
        membership = analysis.membership(year.id, period.id)
        if student_id in membership.end_groups and student_id not in year.bilans.get(period.id, {}):
            missing.append(period.id)
    return missing


def _without_group(analysis: Analysis, year: Year, today: date) -> list[Attention]:
    from aptui.tui.data.board import unassigned
    from aptui.tui.data.context import current_period

    period = current_period(year, today)
    if period is None:
        return []
    found = []
    for barrette in sorted(year.barrettes):
        for student_id in unassigned(analysis, year, period.id, barrette, today):
            found.append(Attention(student_id, "no_group", f"{barrette} ({period.id})"))
    return found
