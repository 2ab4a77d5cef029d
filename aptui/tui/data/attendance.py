"""The Appel screen's facts: a group's session on a day and the members to mark."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aptui.model.analysis import Analysis
from aptui.model.entities import Group, Period, Session, Year


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """What the appel will write: the slot, the members and the marks already known."""

    group: Group
    day: date
    start_minute: int
    duration: int
    activity: str
    notes: str
    members: tuple[str, ...]
    marks: dict[str, str]
    existing: Session | None


def sessions_of(year: Year, period_id: str, group_id: str) -> tuple[Session, ...]:
    return year.sessions.get((period_id, group_id), ())


def session_on(year: Year, period_id: str, group_id: str, day: date) -> Session | None:
    return next((s for s in sessions_of(year, period_id, group_id) if s.day == day), None)


def default_day(analysis: Analysis, year: Year, period: Period, group: Group, today: date) -> date:
    """Today if the group meets today; else its last meeting day if its appel was not taken (a teacher
    often takes it the next day); else its next meeting day in the period; else its last session."""
    barrette = year.barrettes.get(group.barrette)
    if barrette is None:
        return min(max(today, period.start), period.end)
    calendar = analysis.calendar(year.id)
    days = calendar.weekly_dates(period.start, period.end, barrette.weekday)
    if today in days:
        return today
    past = [d for d in days if d < today]
    if past and session_on(year, period.id, group.id, past[-1]) is None:
        return past[-1]
    upcoming = [d for d in days if d > today]
    if upcoming:
        return upcoming[0]
    recorded = [s.day for s in sessions_of(year, period.id, group.id)]
    if recorded:
        return max(recorded)
    return days[-1] if days else period.end


def members_on(analysis: Analysis, year: Year, period_id: str, group_id: str, day: date,
               marked: frozenset[str] = frozenset()) -> list[str]:
    """The group's members expected on that day, sorted by name: not those whose division is in
    PFMP that day (no mark is expected from them), unless they were already ``marked``."""
    membership = analysis.membership(year.id, period_id)
    students = analysis.school.students

    def key(student_id: str) -> tuple[str, str]:
        student = students.get(student_id)
        return (student.sort_name if student else student_id, student_id)

    members = {s for s in membership.members_on(group_id, day)
               if s in marked or not analysis.away_on(year.id, s, day)}
    return sorted(members, key=key)


def plan(analysis: Analysis, year: Year, period_id: str, group: Group, day: date) -> SessionPlan:
    """The session of a group on a day: the recorded one, or a new one on the barrette's slot."""
    existing = session_on(year, period_id, group.id, day)
    barrette = year.barrettes.get(group.barrette)
    start = existing.start_minute if existing else (barrette.start_minute if barrette else 14 * 60)
    duration = existing.duration if existing else (barrette.duration if barrette else 120)
    marks = dict(existing.attendance) if existing else {}
    members = tuple(members_on(analysis, year, period_id, group.id, day, frozenset(marks)))
    return SessionPlan(
        group, day, start, duration,
        existing.activity if existing else "", existing.notes if existing else "",
        members, marks, existing,
    )


def group_options(year: Year) -> list[tuple[str, str]]:
    """The Appel's list of groups: « P2 · G-APPRO — Approfondissement » -> « P2/G-APPRO », period by period."""
    options = []
    for period in year.sorted_periods():
        for group in sorted(year.groups_of(period.id), key=lambda g: g.id):
            options.append((f"{period.id} · {group.id} — {group.title}", f"{period.id}/{group.id}"))
    return options


def default_choice(year: Year, current: Period | None, teacher: str | None = None) -> tuple[str, str] | None:
    """The first group of the current period (the first one ``teacher`` teaches, if any), else of the last
    period with groups."""
    groups = sorted(year.groups_of(current.id), key=lambda g: g.id) if current else []
    period = current
    if not groups:
        with_groups = [p for p in year.sorted_periods() if year.groups_of(p.id)]
        if not with_groups:
            return None
        period = with_groups[-1]
        groups = sorted(year.groups_of(period.id), key=lambda g: g.id)
    assert period is not None
    mine = [g for g in groups if teacher is not None and teacher in g.teachers]
    return period.id, (mine or groups)[0].id


def clock(minute: int) -> str:
    """« 14:00 » from minutes after midnight."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def future_marks(day: date, today: date, attendance: dict[str, str]) -> int:
    """How many marks an appel would record on a day still to come (0: nothing to ask).

    A session planned ahead (its activity, no mark) is normal; marks for a day after today are
    most often a wrong date, so saving them asks first."""
    return len(attendance) if day > today else 0
