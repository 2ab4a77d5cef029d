"""Where a problem points: which screen, which object, which file line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, Loc
from aptui.layout import Kind, classify
from aptui.model.entities import School

DASHBOARD = "dashboard"
STUDENTS = "students"
GROUPS = "groups"
ATTENDANCE = "attendance"
BILANS = "bilans"
PROBLEMS = "problems"
GIT = "git"


@dataclass(frozen=True, slots=True)
class Target:
    """An object to show: the screen (a mode name) and what to select on it."""

    screen: str
    year: str | None = None
    period: str | None = None
    group: str | None = None
    student: str | None = None
    day: date | None = None


def _student_at(ids: tuple[str, ...], locs: tuple[Loc, ...], line: int) -> str | None:
    return next((s for s, loc in zip(ids, locs) if loc.line == line), None)


def _line_owner(entries: list[tuple[int, str]], line: int) -> str | None:
    """The entry that starts at or last before a line."""
    owner = None
    for start, key in sorted(entries):
        if start <= line:
            owner = key
    return owner


def target_of(diagnostic: Diagnostic, school: School) -> Target:
    """The screen and object a diagnostic is about (the Problèmes screen when nothing fits)."""
    role = classify(diagnostic.loc.path)
    line = diagnostic.loc.line
    if role is None:
        return Target(PROBLEMS)
    year = school.years.get(role.year) if role.year else None
    if role.kind is Kind.STUDENT:
        return Target(STUDENTS, student=role.ident)
    if role.kind is Kind.GROUP and year is not None:
        group = year.groups.get((role.period or "", role.ident or ""))
        student = None
        if group is not None:
            student = _student_at(group.students, group.student_locs, line) or next(
                (a.student for a in group.arrivals if a.src.loc.line <= line), None)
        return Target(GROUPS, year.id, role.period, role.ident, student)
    if role.kind is Kind.SESSIONS and year is not None:
        sessions = year.sessions.get((role.period or "", role.ident or ""), ())
        day = _line_owner([(s.src.loc.line, s.day.isoformat()) for s in sessions], line)
        return Target(ATTENDANCE, year.id, role.period, role.ident, None,
                      date.fromisoformat(day) if day else None)
    if role.kind is Kind.BILANS and year is not None:
        bilans = year.bilans.get(role.period or "", {})
        student = _line_owner([(b.src.loc.line, s) for s, b in bilans.items()], line)
        return Target(BILANS, year.id, role.period, None, student)
    if role.kind is Kind.DIVISION and year is not None:
        division = year.divisions.get(role.ident or "")
        student = _student_at(division.students, division.student_locs, line) if division else None
        return Target(STUDENTS, year.id, student=student) if student else Target(DASHBOARD, year.id)
    if role.kind is Kind.YEAR and year is not None:
        period = next((p.id for p in year.periods if p.src.loc.line <= line <= p.src.of(v.END).line), None)
        return Target(GROUPS, year.id, period) if period else Target(DASHBOARD, year.id)
    return Target(PROBLEMS)
