"""The detail pane of one student: identity, profile, needs, follow-up, groups, attendance."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from aptui import vocab as v
from aptui.diagnostics import Diagnostic
from aptui.model.analysis import Analysis
from aptui.model.entities import Student, Year
from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui.data.pfmp import student_placements
from aptui.tui.data.students import marks, timeline


def _section(text: Text, title: str) -> None:
    text.append(f"\n{title}\n", style="bold underline")


def _line(text: Text, line: str, style: str = "") -> None:
    text.append(f"  {line}\n", style=style)


def _identity(text: Text, student: Student, analysis: Analysis) -> None:
    text.append(f"{student.display}", style="bold")
    text.append(f"  ({student.id})\n", style="dim")
    divisions = ", ".join(f"{d} ({y})" for y, d in sorted(student.divisions.items()))
    _line(text, f"{L.DETAIL_DIVISIONS} : {divisions or L.DETAIL_NONE}")
    profiles = ", ".join(f"{v.PROFILE_LABELS.get(p, p)} ({y})" for y, p in sorted(student.profiles.items()))
    _line(text, f"{L.DETAIL_PROFILES} : {profiles or L.DETAIL_NONE}")
    if student.tutor:
        teacher = analysis.school.teachers.get(student.tutor)
        _line(text, L.DETAIL_TUTOR.format(teacher.display if teacher else student.tutor))
    if student.study_project:
        _line(text, L.DETAIL_PROJECT.format(student.study_project))
    if student.passerelle:
        _line(text, L.DETAIL_PASSERELLE)
    if student.left_on:
        _line(text, L.DETAIL_LEFT.format(fmt.day(student.left_on)), "bold red")


def _follow_up(text: Text, student: Student, analysis: Analysis) -> None:
    _section(text, L.DETAIL_NEEDS)
    for need in student.needs:
        _line(text, f"{v.CONTENT_TYPE_LABELS.get(need.content_type, need.content_type)} : {need.detail}")
    if not student.needs:
        _line(text, L.DETAIL_NONE, "dim")
    _section(text, L.DETAIL_DIAGNOSTICS)
    for test in student.diagnostics:
        _line(text, f"{fmt.day(test.day)} {test.tool} : {test.result}")
    if not student.diagnostics:
        _line(text, L.DETAIL_NONE, "dim")
    _section(text, L.DETAIL_INTERVIEWS)
    for interview in student.interviews:
        teacher = analysis.school.teachers.get(interview.teacher)
        _line(text, f"{fmt.day(interview.day)} ({teacher.display if teacher else interview.teacher}) : "
              f"{interview.notes}")
    if not student.interviews:
        _line(text, L.DETAIL_NONE, "dim")
    _section(text, L.DETAIL_CONTRACT)
    for number, objective in enumerate(student.objectives, start=1):
        status = v.OBJECTIVE_STATUS_LABELS.get(objective.status, objective.status)
        _line(text, f"{number}. {objective.label} — {status}")
    if not student.objectives:
        _line(text, L.DETAIL_NONE, "dim")


def _groups(text: Text, student: Student, analysis: Analysis) -> None:
    _section(text, L.DETAIL_TIMELINE)
    steps = timeline(analysis, student.id)
    for step in steps:
        _line(text, f"{step.year} {step.period} [{step.barrette}] : {' → '.join(step.groups)}")
        for day, before, after, reason in step.moves:
            _line(text, "  " + L.DETAIL_MOVE.format(fmt.day(day), before, after, reason), "dim")
    if not steps:
        _line(text, L.DETAIL_NONE, "dim")


def _placements(text: Text, student: Student, analysis: Analysis) -> None:
    """The PFMP weeks of the student's divisions (no section when none was declared)."""
    years = student_placements(analysis, student.id)
    if years:
        _section(text, L.DETAIL_PFMP)
    for entry in years:
        _line(text, L.DETAIL_PFMP_YEAR.format(year=entry.year, division=entry.division, weeks=entry.weeks))
        for span in entry.spans:
            reason = f" — {span.reason}" if span.reason else ""
            _line(text, "  " + L.DETAIL_PFMP_SPAN.format(start=fmt.day(span.start), end=fmt.day(span.end)) + reason)


def _attendance(text: Text, student: Student, analysis: Analysis, year: Year | None) -> None:
    _section(text, L.DETAIL_ATTENDANCE)
    if year is None:
        _line(text, L.DETAIL_NO_MARK, "dim")
        return
    ledger = analysis.ledger
    marked = ledger.student_marked.get((year.id, student.id), 0.0)
    if not marked:
        _line(text, L.DETAIL_NO_MARK, "dim")
        return
    _line(text, L.DETAIL_RATE.format(
        attended=fmt.hours(ledger.student_attended.get((year.id, student.id), 0.0)),
        marked=fmt.hours(marked), rate=fmt.percent(ledger.attendance_rate(year.id, student.id))))
    for mark in marks(analysis, year, student.id):
        _line(text, f"{fmt.day(mark.day)} {mark.group} : {v.ATTENDANCE_LABELS.get(mark.status, mark.status)}",
              "yellow" if mark.status != "absent" else "red")


def detail_text(student: Student, analysis: Analysis, year: Year | None, problems: list[Diagnostic]) -> Text:
    """The whole pane as one Rich Text (no markup: names are never interpreted)."""
    text = Text()
    _identity(text, student, analysis)
    _follow_up(text, student, analysis)
    _groups(text, student, analysis)
    _placements(text, student, analysis)
    _attendance(text, student, analysis, year)
    if problems:
        _section(text, L.DETAIL_PROBLEMS)
        for diag in problems:
            _line(text, f"{diag.code} : {diag.message}", "red" if diag.is_error else "yellow")
    return text


class StudentDetail(VerticalScroll):
    """A scrollable pane showing one student."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(L.DETAIL_EMPTY, id="student-detail-text")

    def show(self, student: Student | None, analysis: Analysis, year: Year | None,
             problems: list[Diagnostic], empty: str = L.DETAIL_EMPTY) -> None:
        """Show a student, or ``empty`` (what to do when there is nobody to show)."""
        body = self.query_one("#student-detail-text", Static)
        body.update(detail_text(student, analysis, year, problems) if student else empty)
