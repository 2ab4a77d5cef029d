"""The school as the screens see it: the workspace, 'today', and the current year and period."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from aptui.diagnostics import Diagnostic
from aptui.gitsync.identity import set_staff_id, staff_id
from aptui.model.analysis import Analysis
from aptui.model.entities import Period, School, Year
from aptui.pipeline import LoadResult
from aptui.tui.dates import DateFrame
from aptui.tui.search import matches

if TYPE_CHECKING:
    from aptui.workspace import Workspace


class SchoolContext:
    """What every screen reads; owned by the app, replaced data after each edit or reload."""

    def __init__(self, workspace: Workspace, today: date) -> None:
        self.workspace = workspace
        """The open school repository (edits, undo, reload)."""
        self.today = today
        """The day the app considers as today (fixed in tests)."""
        self.revision = 0
        """Incremented whenever the school changed; screens compare it to refresh lazily."""
        self._staff: tuple[str] | None = None
        """The clone's staff id, read once from git config ("" when nobody said)."""

    @property
    def staff(self) -> str | None:
        """The staff id of the person using the app (``git config aptui.staff`` / APTUI_STAFF), if a known teacher.

        The default author of bilans and interviews, and whose groups the appel opens on.
        """
        ident = self.staff_ident
        return ident if ident and ident in self.school.teachers else None

    @property
    def staff_ident(self) -> str | None:
        """Who the clone says uses it (``git config aptui.staff`` / APTUI_STAFF), in staff.yaml or not; None when
        nobody said (or git cannot say: not installed)."""
        if self._staff is None:
            from aptui.gitsync.runner import GitError

            try:
                ident = staff_id(self.root)
            except GitError:
                ident = None
            self._staff = (ident or "",)
        return self._staff[0] or None

    def set_staff(self, ident: str) -> str | None:
        """Record who uses this clone (its git config, as ``aptui clone`` does): asked once, then known.
        A git that cannot write its config (locked, read-only): known for this run only, and why (French)."""
        from aptui.gitsync.runner import GitError

        self._staff = (ident,)
        try:
            set_staff_id(self.root, ident)
        except GitError as exc:
            return exc.message
        return None

    def touch(self) -> None:
        """Note that the school changed (after an edit, an undo or a reload)."""
        self.revision += 1

    @property
    def root(self) -> Path:
        return Path(self.workspace.root)

    @property
    def result(self) -> LoadResult:
        return self.workspace.result

    @property
    def school(self) -> School:
        return self.workspace.result.school

    @property
    def analysis(self) -> Analysis:
        return self.workspace.analysis

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.workspace.result.diagnostics

    @property
    def loaded(self) -> bool:
        """True when school.yaml is readable: the other screens have something to show."""
        return self.school.info is not None

    @property
    def year(self) -> Year | None:
        """The school year containing today, else the last one started, else the latest."""
        return current_year(self.school, self.today)

    @property
    def period(self) -> Period | None:
        """The current period of the current year (see current_period)."""
        year = self.year
        return current_period(year, self.today) if year else None

    def teacher_name(self, teacher_id: str) -> str:
        teacher = self.school.teachers.get(teacher_id)
        return teacher.display if teacher else teacher_id

    def student_name(self, student_id: str) -> str:
        student = self.school.students.get(student_id)
        return student.display if student else student_id

    def student_label(self, student_id: str) -> str:
        """« Martin Léa »: the name as sorted in the tables."""
        student = self.school.students.get(student_id)
        return f"{student.last_name} {student.first_name}" if student else student_id

    def student_matches(self, student_id: str, needle: str) -> bool:
        """Whether every word of ``needle`` is in the student's id, names or division (accents, case, order free)."""
        student = self.school.students.get(student_id)
        names = (student.last_name, student.first_name) if student else ()
        return matches(needle, (student_id, *names, self.division_of(student_id)))

    def date_frame(self, year: Year | None = None) -> DateFrame:
        """What the forms read typed dates against: today, and the school year ``year`` (else the current one)."""
        return frame_of(self.today, year or self.year)

    def default_day(self, period: Period | None = None) -> date:
        """A form's default date: today moved into ``period`` (else the current period)."""
        period = period or self.period
        return clamp(self.today, period) if period else self.today

    def division_of(self, student_id: str, year_id: str | None = None) -> str:
        year_id = year_id or (self.year.id if self.year else "")
        return self.analysis.student_divisions.get(year_id, {}).get(student_id, "")


def current_year(school: School, today: date) -> Year | None:
    """The year containing today, else the last one that started before today, else the latest."""
    years = [school.years[y] for y in school.year_ids()]
    for year in years:
        if year.first_day <= today <= year.last_day:
            return year
    started = [y for y in years if y.first_day <= today]
    if started:
        return started[-1]
    return years[0] if years else None


def current_period(year: Year, today: date) -> Period | None:
    """The period containing today, else the latest one started, else the first one."""
    ordered = year.sorted_periods()
    for period in ordered:
        if period.contains(today):
            return period
    started = [p for p in ordered if p.start <= today]
    if started:
        return started[-1]
    return ordered[0] if ordered else None


def clamp(day: date, period: Period) -> date:
    """A day moved inside a period."""
    return min(max(day, period.start), period.end)


def frame_of(today: date, year: Year | None) -> DateFrame:
    """The date frame of a school year (``JJ/MM`` falls inside it), or of the year around today."""
    return DateFrame(today, year.first_day, year.last_day) if year else DateFrame.around(today)
