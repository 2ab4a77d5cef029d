"""Rows of the Élèves table and the facts of one student's detail pane."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aptui import vocab as v
from aptui.model.analysis import Analysis
from aptui.model.entities import Period, Student, Year
from aptui.tui.data.context import clamp
from aptui.tui.search import matches


@dataclass(frozen=True, slots=True)
class StudentRow:
    """One line of the students table."""

    id: str
    name: str
    sort_name: str
    division: str
    profile: str
    profile_label: str
    group: str
    attended: float
    rate: float | None
    titles: str = ""
    """The titles of the student's groups (found by the filter too)."""

    def matches(self, text: str) -> bool:
        """Every word in a shown column or a group title, accents, case and order free."""
        return matches(text, (self.id, self.name, self.division, self.profile_label, self.group, self.titles))


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """A student's groups in one period: start group, dated moves, end group."""

    year: str
    period: str
    barrette: str
    groups: tuple[str, ...]
    moves: tuple[tuple[date, str, str, str], ...]  # day, from, to, reason


@dataclass(frozen=True, slots=True)
class Mark:
    """One attendance mark that is not 'present'."""

    day: date
    group: str
    status: str


def current_groups(analysis: Analysis, year: Year, period: Period | None, student_id: str, today: date) -> str:
    """The student's group(s) on today's date (clamped into the period), joined by ', '."""
    if period is None or (year.id, period.id) not in analysis.memberships:
        return ""
    membership = analysis.membership(year.id, period.id)
    day = clamp(today, period)
    groups = [membership.group_on(student_id, b, day) for b in sorted(membership.barrettes_of(student_id))]
    return ", ".join(g for g in groups if g)


def group_titles(year: Year | None, period_id: str | None, groups: list[str]) -> str:
    """The titles of a period's groups named by id (unknown ids left out)."""
    if year is None or period_id is None:
        return ""
    found = (year.groups.get((period_id, g)) for g in groups)
    return ", ".join(g.title for g in found if g is not None)


def student_rows(analysis: Analysis, year: Year | None, period: Period | None, today: date) -> list[StudentRow]:
    """Every student of the year (from the division files), or every known student without a year."""
    school = analysis.school
    divisions = analysis.student_divisions.get(year.id, {}) if year else {}
    ids = list(divisions) if year else list(school.students)
    rows = []
    for student_id in ids:
        student = school.students.get(student_id)
        profile = student.profiles.get(year.id, "") if student and year else ""
        groups = current_groups(analysis, year, period, student_id, today) if year else ""
        rows.append(StudentRow(
            student_id,
            f"{student.last_name} {student.first_name}" if student else student_id,
            student.sort_name if student else student_id,
            divisions.get(student_id, ""),
            profile,
            v.PROFILE_LABELS.get(profile, profile),
            groups,
            analysis.ledger.student_attended.get((year.id, student_id), 0.0) if year else 0.0,
            analysis.ledger.attendance_rate(year.id, student_id) if year else None,
            group_titles(year, period.id if period else None, groups.split(", ")),
        ))
    return sorted(rows, key=lambda r: (r.sort_name, r.id))


def timeline(analysis: Analysis, student_id: str) -> list[TimelineStep]:
    """The student's groups across every period of every year, oldest first."""
    steps = []
    for year_id in analysis.school.year_ids():
        year = analysis.school.years[year_id]
        for period in year.sorted_periods():
            membership = analysis.memberships.get((year_id, period.id))
            if membership is None:
                continue
            for barrette in sorted(membership.barrettes_of(student_id)):
                path = membership.steps.get(student_id, {}).get(barrette, [])
                moves = tuple((s.arrival.day, s.arrival.from_group, s.to_group, s.arrival.reason) for s in path)
                start = membership.start_group(student_id, barrette)
                groups = [g for g in [start] + [m[2] for m in moves] if g]
                steps.append(TimelineStep(year_id, period.id, barrette, tuple(groups), moves))
    return steps


def marks(analysis: Analysis, year: Year, student_id: str) -> list[Mark]:
    """Absences, excuses and lateness of a student in a year, by date."""
    found = []
    for session in year.all_sessions():
        status = session.attendance.get(student_id)
        if status is not None and status != "present":
            found.append(Mark(session.day, session.group, status))
    return sorted(found, key=lambda m: (m.day, m.group))


def student_file_line(student: Student, key: str) -> int:
    """The line of a field in the student's file (the file's first line when unknown)."""
    return max(1, student.src.of(key).line)
