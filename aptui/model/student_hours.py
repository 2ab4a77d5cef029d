"""Each student's AP hours so far against what the preset promises for the year.

What inspectors check is the hours each *student* receives, not only each
division's budget.  A student of a level is promised that level's yearly
volume (``referentiel``, maybe overridden in school.yaml).  "So far" runs to
a horizon (by default the week of the year's last appel: the files say how
far the year has gone, not the clock) and the promise is taken pro rata of
the school weeks up to it: ``promised × weeks due / weeks of the year``,
where the weeks due start at the student's ``arrivee`` (joined during the
year), leave out the periods they are exempted from and stop at the week
they left the school.

Student hours are session hours (a co-animated session is still 2 h for the
student); scheduled = sessions of the student's groups while a member,
attended = those marked present or late.  Weeks are counted Monday to Sunday,
like the hours: a session later in the horizon's week is within it.

The weeks come from each division's calendar (``calendar_of``: the
Analysis's ``division_calendar``), so a division's PFMP weeks are neither
due nor counted in its year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from aptui.model.entities import Exemption, Year
from aptui.model.hours import HoursLedger


class WeekCounter(Protocol):
    """A calendar of school days (model/calendar.py: a division's, or the school's)."""

    def school_weeks(self, start: date, end: date) -> int: ...


@dataclass(frozen=True, slots=True)
class StudentHours:
    """One student's hours in one year, up to ``until``."""

    student: str
    division: str
    level: str
    promised: float
    """The yearly volume of the student's level (preset or local override)."""
    weeks_year: int
    """School weeks of the year (in the division's calendar)."""
    weeks_due: int
    """School weeks up to the horizon during which the student was owed AP."""
    scheduled: float
    attended: float
    marked: float
    until: date
    """The last day counted (the Sunday of the horizon's week, or the student's departure)."""

    @property
    def due(self) -> float:
        """The promised hours pro rata of the weeks due."""
        return self.promised * self.weeks_due / self.weeks_year if self.weeks_year else 0.0

    @property
    def scheduled_share(self) -> float | None:
        """Scheduled hours over the hours due (None when nothing is due yet)."""
        due = self.due
        return self.scheduled / due if due > 0 else None

    @property
    def attended_share(self) -> float | None:
        due = self.due
        return self.attended / due if due > 0 else None

    @property
    def attendance_rate(self) -> float | None:
        """Share of marked hours attended (present or late); None before any mark."""
        return self.attended / self.marked if self.marked else None


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def last_appel(year: Year) -> date | None:
    """The day of the year's last session with an appel: how far the year has gone, by its files."""
    days = [s.day for sessions in year.sessions.values() for s in sessions if s.attendance]
    return max(days) if days else None


def _exempt_weeks(calendar: WeekCounter, year: Year, exemptions: list[Exemption], until: date) -> int | None:
    """School weeks up to ``until`` covered by the student's dispenses; None for a whole-year dispense."""
    if any(e.periods is None for e in exemptions):
        return None
    weeks = 0
    covered = {p for e in exemptions for p in e.periods or ()}
    for period in year.periods:
        if period.id in covered and period.start <= until:
            weeks += calendar.school_weeks(period.start, min(period.end, until))
    return weeks


def student_hours(
    year: Year, calendar_of: Callable[[str], WeekCounter], ledger: HoursLedger, promised: dict[str, float],
    divisions_of: dict[str, str], departures: dict[str, date], as_of: date | None = None,
    arrivals: dict[str, date] | None = None,
) -> dict[str, StudentHours]:
    """The hours of every student of the year's divisions who is owed any (``promised``: level -> hours).

    ``as_of``: the horizon (default: the last appel of the year); nothing before any appel.
    A student with a whole-year dispense, or whose division's level has no volume, is left out.
    """
    horizon = as_of if as_of is not None else last_appel(year)
    if horizon is None:
        return {}
    horizon = min(max(horizon, year.first_day), year.last_day)
    result: dict[str, StudentHours] = {}
    for student, division_id in divisions_of.items():
        division = year.divisions.get(division_id)
        if division is None or division.level not in promised:
            continue
        calendar = calendar_of(division.id)  # the division's school days (its PFMP weeks out)
        left = departures.get(student)
        until = min(monday_of(horizon) + timedelta(days=6), year.last_day)
        if left is not None:
            until = min(until, left)
        start = max(year.first_day, (arrivals or {}).get(student, year.first_day))
        if until < start:
            continue  # left before the year began, or not arrived yet
        exempt = _exempt_weeks(calendar, year, [e for e in year.exemptions if e.student == student], until)
        if exempt is None:
            continue
        weeks = ledger.student_week.get((year.id, student), {})
        last_monday = monday_of(until)
        counted = [w for monday, w in weeks.items() if monday <= last_monday]
        result[student] = StudentHours(
            student, division.id, division.level, promised[division.level],
            calendar.school_weeks(year.first_day, year.last_day),
            max(0, calendar.school_weeks(start, until) - exempt),
            sum(w[0] for w in counted), sum(w[1] for w in counted), sum(w[2] for w in counted), until,
        )
    return result
