"""Small helpers shared by the reports built as a ``Document`` (fiche, bilan, dispositif, hours)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from aptui import vocab as v
from aptui.model.analysis import Analysis
from aptui.model.entities import School, Student, Year
from aptui.model.levels import division_order


def r1(value: float) -> float:
    """Hours as tables show them: one decimal."""
    return round(value + 0.0, 1)


def rate(part: float, whole: float) -> float | None:
    """A share in percent, one decimal (None when the whole is zero)."""
    return round(100 * part / whole, 1) if whole else None


def school_name(school: School) -> str:
    return school.info.name if school.info else ""


def teacher_name(school: School, teacher_id: str) -> str:
    teacher = school.teachers.get(teacher_id)
    return teacher.display if teacher else teacher_id


def content_label(content_type: str | None) -> str:
    if not content_type:
        return "—"
    return v.CONTENT_TYPE_LABELS.get(content_type, content_type)


def profile_label(profile: str | None) -> str:
    if not profile:
        return "—"
    return v.PROFILE_LABELS.get(profile, profile)


def ordered_divisions(year: Year) -> list[str]:
    return [d.id for d in sorted(year.divisions.values(), key=division_order)]


def students_of_year(analysis: Analysis, year: Year) -> list[Student]:
    """The year's students (from the division files), by name."""
    school = analysis.school
    ids = analysis.student_divisions.get(year.id, {})
    return sorted((school.students[s] for s in ids if s in school.students), key=lambda s: (s.sort_name, s.id))


@dataclass(frozen=True, slots=True)
class Marks:
    """Attendance marks counted: present, late, absent, excused."""

    present: int = 0
    late: int = 0
    absent: int = 0
    excused: int = 0

    @property
    def total(self) -> int:
        return self.present + self.late + self.absent + self.excused

    @property
    def rate(self) -> float | None:
        """Present or late over the marks, in percent."""
        return rate(self.present + self.late, self.total)

    def plus(self, statuses: Iterable[str]) -> Marks:
        counts = {"present": self.present, "retard": self.late, "absent": self.absent, "excuse": self.excused}
        for status in statuses:
            if status in counts:
                counts[status] += 1
        return Marks(counts["present"], counts["retard"], counts["absent"], counts["excuse"])


def group_marks(year: Year, period: str, group: str) -> Marks:
    marks = Marks()
    for session in year.sessions.get((period, group), ()):
        marks = marks.plus(session.attendance.values())
    return marks


def find_students(school: School, query: str) -> list[Student]:
    """The student with that id, or those whose name contains ``query`` (case and order ignored)."""
    if query in school.students:
        return [school.students[query]]
    words = query.casefold().split()
    exact = [s for s in school.students.values()
             if " ".join(words) in (f"{s.first_name} {s.last_name}".casefold(), f"{s.last_name} {s.first_name}".casefold())]
    if exact:  # « Léa Martin » is not also « Léa Martinez »
        return sorted(exact, key=lambda s: (s.sort_name, s.id))
    return sorted((s for s in school.students.values()
                   if words and all(w in f"{s.first_name} {s.last_name}".casefold() for w in words)),
                  key=lambda s: (s.sort_name, s.id))


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """One student's hours and marks in one period."""

    scheduled: float
    attended: float
    marked: float
    marks: Marks

    @property
    def rate(self) -> float | None:
        return rate(self.attended, self.marked)


FiguresKey = tuple[str, str, frozenset[str] | None]
_FIGURES: WeakKeyDictionary[Analysis, dict[FiguresKey, dict[str, PeriodFigures]]] = WeakKeyDictionary()


def period_figures(analysis: Analysis, year: Year, period: str,
                   only: frozenset[str] | None = None) -> dict[str, PeriodFigures]:
    """Each student's hours of one period: sessions of their groups while a member, PFMP days out
    (the hour ledger's rule, model/hours.py).  ``only``: just these students (the groups they were
    never in are skipped).  Computed once per analysis (the sheets of a whole division)."""
    known = _FIGURES.setdefault(analysis, {})
    key = (year.id, period, only)
    if key not in known:
        known[key] = _period_figures(analysis, year, period, only)
    return known[key]


def _period_figures(analysis: Analysis, year: Year, period: str,
                    only: frozenset[str] | None) -> dict[str, PeriodFigures]:
    totals: dict[str, list[float]] = {}
    marks: dict[str, Marks] = {}
    membership = analysis.membership(year.id, period) if (year.id, period) in analysis.memberships else None
    if membership is None:
        return {}
    away = analysis.away_days(year.id)
    divisions_of = analysis.student_divisions.get(year.id, {})
    for (period_id, group_id), sessions in year.sessions.items():
        if period_id != period or (only is not None and not only & membership.everyone_ever(group_id)):
            continue
        for session in sessions:
            for student in membership.members_on(group_id, session.day):
                if (only is not None and student not in only) or session.day in away.get(divisions_of.get(student, ""), ()):
                    continue
                line = totals.setdefault(student, [0.0, 0.0, 0.0])
                line[0] += session.hours
                status = session.attendance.get(student)
                if status is not None:
                    line[2] += session.hours
                    marks[student] = marks.get(student, Marks()).plus((status,))
                    if status in v.ATTENDED_STATUSES:
                        line[1] += session.hours
    return {s: PeriodFigures(t[0], t[1], t[2], marks.get(s, Marks())) for s, t in totals.items()}
