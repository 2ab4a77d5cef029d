"""« Mes séances »: a teacher's groups and their sessions of today and the days ahead, from the Analysis.

A group counts for every teacher it names (co-animation).  A day is a meeting day of the
group's barrette (a school day, outside the holidays and closures); a session already
recorded that day says how many marks it has.  Days of the current period before today
whose appel is missing are listed too (« à rattraper »): a teacher who forgot one sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from aptui.model.analysis import Analysis
from aptui.model.entities import Group, Period, Year
from aptui.tui.data.attendance import clock, members_on, session_on

AHEAD_DAYS = 14
"""How far ahead the list goes."""
BEHIND_DAYS = 21
"""How far back a missing appel is still listed."""


@dataclass(frozen=True, slots=True)
class SlotRow:
    """One session to take (or taken): a group on a day."""

    day: date
    start: str
    end: str
    period: str
    group: str
    title: str
    teachers: tuple[str, ...]
    members: int
    marked: int
    recorded: bool

    @property
    def done(self) -> bool:
        return self.recorded and self.marked > 0

    @property
    def key(self) -> str:
        return f"{self.period}/{self.group}/{self.day.isoformat()}"


def teacher_groups(year: Year, period: Period, staff: str | None) -> list[Group]:
    """The groups of the period the teacher takes (every group when ``staff`` is None), by id."""
    groups = sorted(year.groups_of(period.id), key=lambda g: g.id)
    return [g for g in groups if staff is None or staff in g.teachers]


def slots(analysis: Analysis, year: Year, period: Period, groups: list[Group], today: date) -> list[SlotRow]:
    """The meeting days of the groups from BEHIND_DAYS ago (only those without an appel) to AHEAD_DAYS ahead."""
    calendar = analysis.calendar(year.id)
    first, last = max(period.start, today - timedelta(days=BEHIND_DAYS)), min(period.end, today + timedelta(
        days=AHEAD_DAYS))
    rows = []
    for group in groups:
        barrette = year.barrettes.get(group.barrette)
        if barrette is None:
            continue
        for day in calendar.weekly_dates(first, last, barrette.weekday):
            session = session_on(year, period.id, group.id, day)
            members = members_on(analysis, year, period.id, group.id, day)
            if not members and session is None:
                continue  # everybody away (PFMP): no session to take
            marked = len(session.attendance) if session else 0
            if day < today and marked:
                continue  # a past appel already taken
            start = session.start_minute if session else barrette.start_minute
            duration = session.duration if session else barrette.duration
            rows.append(SlotRow(day, clock(start), clock(start + duration), period.id, group.id, group.title,
                                group.teachers, len(members), marked, session is not None))
    return sorted(rows, key=lambda r: (r.day, r.start, r.group))
