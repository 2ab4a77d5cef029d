"""The forms of the screen Année: team, divisions, barrettes, periods, PFMP; each returns an edit command.

Every form is checked against the files before it closes (``CheckedDialog``): an edit the
command refuses (a period of three weeks, a division in two barrettes at once, a PFMP out of
the year) says why inside the form, whose values stay there to be corrected.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from aptui import vocab as v
from aptui.edit.base import EditRefused
from aptui.model.entities import Division, School, Teacher, Year
from aptui.tui import labels as L
from aptui.tui.data.context import SchoolContext
from aptui.tui.dialogs.base import Field
from aptui.tui.dialogs.forms import CommandDialog
from aptui.tui.dialogs.simple import YesNoDialog

WEEKDAYS = tuple((day, day) for day in v.WEEKDAYS[:6])


class CheckedDialog(CommandDialog):
    """A form whose command is planned against the school's files before the form closes."""

    def __init__(self, ctx: SchoolContext, title: str, fields: list[Field], build: Callable[[dict[str, Any]], Any],
                 text: str = "", check: Callable[[dict[str, Any]], str | None] | None = None) -> None:
        super().__init__(title, fields, build, text, check)
        self.ctx = ctx
        """The open school (its root, for the check)."""

    def accept(self, result: Any) -> bool:
        try:
            result.plan(self.ctx.root)
        except EditRefused as exc:
            self.show_error(exc.message)
            return False
        return True


class SummaryDialog(YesNoDialog):
    """A yes/no question over a long text (a summary that scrolls); Non is focused."""

    def __init__(self, question: str, text: str) -> None:
        super().__init__(question, text, default=False)

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="summary-box"):
            yield Static(self.text, classes="dialog-text", markup=False)


def _subjects(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in text.split(",") if s.strip())


def _hhmm(values: dict[str, Any]) -> str | None:
    text = str(values.get("start") or "").strip()
    if len(text) == 4 and text[1] == ":":
        text = "0" + text  # « 9:30 » is 09:30
    parts = text.split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    return text


def _minutes(values: dict[str, Any]) -> int | None:
    text = str(values.get("duration") or "").strip()
    return int(text) if text.isdigit() else None


def _barrette_check(values: dict[str, Any]) -> str | None:
    if _hhmm(values) is None:
        return L.BAD_TIME.format(values.get("start", ""))
    if _minutes(values) is None:
        return L.BAD_MINUTES.format(values.get("duration", ""))
    return None


# --- the team ------------------------------------------------------------------------------

def add_teacher_dialog(ctx: SchoolContext) -> CheckedDialog:
    from aptui.edit.commands_setup_staff import AddTeacher

    fields = [Field("last", L.FIELD_LAST_NAME, required=True), Field("first", L.FIELD_FIRST_NAME, required=True),
              Field("subjects", L.FIELD_SUBJECTS), Field("ident", L.FIELD_TEACHER_ID, "id")]
    return CheckedDialog(ctx, L.TEACHER_ADD_TITLE, fields, lambda values: AddTeacher(
        values["last"], values["first"], _subjects(values["subjects"]), values["ident"] or None))


def edit_teacher_dialog(ctx: SchoolContext, teacher: Teacher) -> CheckedDialog:
    from aptui.edit.commands_setup_staff import EditTeacher

    fields = [Field("last", L.FIELD_LAST_NAME, value=teacher.last_name, required=True),
              Field("first", L.FIELD_FIRST_NAME, value=teacher.first_name, required=True),
              Field("subjects", L.FIELD_SUBJECTS, value=", ".join(teacher.subjects))]
    return CheckedDialog(ctx, L.TEACHER_EDIT_TITLE.format(teacher.display), fields, lambda values: EditTeacher(
        teacher.id, values["last"], values["first"], _subjects(values["subjects"])))


# --- divisions ----------------------------------------------------------------------------------

def _previous_choices(school: School, year: Year) -> tuple[tuple[str, str], ...]:
    start = int(year.id[:4])
    before = school.years.get(f"{start - 1}-{start}")
    return tuple((d, d) for d in sorted(before.divisions)) if before else ()


def _previous_field(school: School, year: Year, value: str | None) -> Field:
    choices = _previous_choices(school, year)
    if choices:
        return Field("previous", L.FIELD_PREVIOUS, "select", value, choices)
    return Field("previous", L.FIELD_PREVIOUS, "id", value or "")


def add_division_dialog(ctx: SchoolContext, year: Year) -> CheckedDialog:
    from aptui.edit.commands_setup_year import CreateDivision

    levels = tuple((label, level) for level, label in v.LEVELS.items())
    fields = [Field("ident", L.FIELD_DIVISION_ID, "id", required=True),
              Field("level", L.FIELD_LEVEL, "select", "2nde", levels, required=True),
              Field("formation", L.FIELD_FORMATION, required=True), _previous_field(ctx.school, year, None)]
    return CheckedDialog(ctx, L.DIVISION_ADD_TITLE.format(year.id), fields, lambda values: CreateDivision(
        year.id, values["ident"], values["level"], values["formation"], values["previous"] or None))


def edit_division_dialog(ctx: SchoolContext, year: Year, division: Division) -> CheckedDialog:
    from aptui.edit.commands_setup_year import EditDivision

    levels = tuple((label, level) for level, label in v.LEVELS.items())
    fields = [Field("level", L.FIELD_LEVEL, "select", division.level, levels, required=True),
              Field("formation", L.FIELD_FORMATION, value=division.formation, required=True),
              _previous_field(ctx.school, year, division.previous)]
    return CheckedDialog(ctx, L.DIVISION_EDIT_TITLE.format(division.id), fields, lambda values: EditDivision(
        year.id, division.id, values["level"], values["formation"], values["previous"] or ""))


def division_students_dialog(ctx: SchoolContext, year: Year, division: Division) -> CheckedDialog:
    """Put students in the division (those of the school not in it this year; each leaves their old one)."""
    from aptui.edit.commands_setup_students import ChangeDivision
    from aptui.edit.together import Together

    others = sorted((s for s in ctx.school.students.values() if s.divisions.get(year.id) != division.id
                     and s.left_on is None), key=lambda s: s.sort_name)
    choices = tuple((f"{s.last_name} {s.first_name} ({s.divisions.get(year.id) or '—'})", s.id) for s in others)
    fields = [Field("students", L.FIELD_STUDENTS, "multi", [], choices, required=True)]
    return CheckedDialog(ctx, L.DIVISION_STUDENTS_TITLE.format(division.id, year.id), fields, lambda values: Together(
        tuple(ChangeDivision(s, year.id, division.id) for s in values["students"]),
        f"{division.id} ({year.id}) : {len(values['students'])} élève(s) affecté(s)"))


# --- barrettes ----------------------------------------------------------------------------------

def _barrette_fields(year: Year, weekday: str | None, start: str, duration: str,
                     divisions: list[str]) -> list[Field]:
    return [Field("weekday", L.FIELD_WEEKDAY, "select", weekday, WEEKDAYS, required=True),
            Field("start", L.FIELD_START_TIME, value=start, required=True),
            Field("duration", L.FIELD_DURATION, value=duration, required=True),
            Field("divisions", L.FIELD_DIVISIONS, "multi", divisions,
                  tuple((d, d) for d in sorted(year.divisions)), required=True)]


def add_barrette_dialog(ctx: SchoolContext, year: Year) -> CheckedDialog:
    from aptui.edit.commands_setup_year import CreateBarrette

    # the divisions no barrette holds yet are the ones a new barrette is for
    placed = {d for barrette in year.barrettes.values() for d in barrette.divisions}
    fields = [Field("ident", L.FIELD_BARRETTE_ID, "id", "B-", required=True),
              *_barrette_fields(year, "mardi", "14:00", "120", sorted(set(year.divisions) - placed))]
    return CheckedDialog(ctx, L.BARRETTE_ADD_TITLE.format(year.id), fields, lambda values: CreateBarrette(
        year.id, values["ident"], values["weekday"], _hhmm(values) or "", _minutes(values) or 0,
        tuple(values["divisions"])), check=_barrette_check)


def edit_barrette_dialog(ctx: SchoolContext, year: Year, ident: str) -> CheckedDialog:
    from aptui.edit.commands_setup_year import EditBarrette

    b = year.barrettes[ident]
    fields = _barrette_fields(year, v.WEEKDAYS[b.weekday], f"{b.start_minute // 60:02d}:{b.start_minute % 60:02d}",
                              str(b.duration), list(b.divisions))
    return CheckedDialog(ctx, L.BARRETTE_EDIT_TITLE.format(ident), fields, lambda values: EditBarrette(
        year.id, ident, values["weekday"], _hhmm(values), _minutes(values), tuple(values["divisions"])),
        check=_barrette_check)


# --- periods -------------------------------------------------------------------------------------

def add_period_dialog(ctx: SchoolContext, year: Year) -> CheckedDialog:
    from aptui.edit.commands_setup_periods import CreatePeriod

    fields = [Field("start", L.FIELD_START_DAY, "date", required=True),
              Field("end", L.FIELD_END_DAY, "date", required=True), Field("ident", L.FIELD_PERIOD_ID, "id")]
    dialog = CheckedDialog(ctx, L.PERIOD_ADD_TITLE.format(year.id), fields, lambda values: CreatePeriod(
        year.id, values["start"], values["end"], values["ident"] or None), text=L.PERIOD_HELP)
    dialog.framed(ctx.date_frame(year))
    return dialog


def move_period_dialog(ctx: SchoolContext, year: Year, ident: str) -> CheckedDialog:
    from aptui.edit.commands_setup_periods import MovePeriod

    period = year.period(ident)
    assert period is not None
    fields = [Field("start", L.FIELD_START_DAY, "date", period.start, required=True),
              Field("end", L.FIELD_END_DAY, "date", period.end, required=True)]
    dialog = CheckedDialog(ctx, L.PERIOD_MOVE_TITLE.format(ident), fields, lambda values: MovePeriod(
        year.id, ident, values["start"], values["end"]), text=L.PERIOD_HELP)
    dialog.framed(ctx.date_frame(year))
    return dialog


def split_period_dialog(ctx: SchoolContext, year: Year, ident: str) -> CheckedDialog:
    from aptui.edit.commands_setup_periods import SplitPeriod

    fields = [Field("at", L.FIELD_CUT_DAY, "date", required=True), Field("ident", L.FIELD_PERIOD_ID, "id")]
    dialog = CheckedDialog(ctx, L.PERIOD_SPLIT_TITLE.format(ident), fields, lambda values: SplitPeriod(
        year.id, ident, values["at"], values["ident"] or None), text=L.PERIOD_HELP)
    dialog.framed(ctx.date_frame(year))
    return dialog


# --- PFMP -----------------------------------------------------------------------------------------

def add_pfmp_dialog(ctx: SchoolContext, year: Year, division: str | None) -> CheckedDialog:
    from aptui.edit.commands_pfmp import AddWorkPlacement

    fields = [Field("division", L.FIELD_DIVISION, "select", division, tuple((d, d) for d in sorted(year.divisions)),
                    required=True),
              Field("start", L.FIELD_START_DAY, "date", required=True),
              Field("end", L.FIELD_END_DAY, "date", required=True), Field("reason", L.FIELD_PFMP_REASON)]
    dialog = CheckedDialog(ctx, L.PFMP_ADD_TITLE.format(year.id), fields, lambda values: AddWorkPlacement(
        year.id, values["division"], values["start"], values["end"], values["reason"]))
    dialog.framed(ctx.date_frame(year))
    return dialog
