"""The edit dialogs: each one asks what an edit command needs and returns that command.

The screens push these dialogs and forward the command they return to the
app (``EditRequested``); building commands here keeps the screens free of
the edit layer's details.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.widgets import Checkbox, Input, Select

from aptui import edit
from aptui import vocab as v
from aptui.french import of
from aptui.model.entities import Group, Period, Student, Year
from aptui.tui import labels as L
from aptui.tui.data.bilans import target_choices
from aptui.tui.data.context import SchoolContext, clamp
from aptui.tui.dialogs.base import Field, FormDialog
from aptui.tui.dialogs.reason import MoveChoice, ReasonDialog
from aptui.tui.dialogs.simple import YesNoDialog


class CommandDialog(FormDialog):
    """A form whose result is an edit command built from its values."""

    def __init__(self, title: str, fields: list[Field], build: Callable[[dict[str, Any]], Any],
                 text: str = "", check: Callable[[dict[str, Any]], str | None] | None = None) -> None:
        super().__init__(title, fields, text, check)
        self.build = build
        """values -> edit command."""

    def make_result(self, values: dict[str, Any]) -> Any:
        return self.build(values)


class AppCheckedDialog(CommandDialog):
    """A command form that stays open when the app would refuse its edit (the refusal shown in it)."""

    def accept(self, result: Any) -> bool:
        refusal = self.app.refusal(result) if hasattr(self.app, "refusal") else None
        if refusal:
            self.show_error(refusal)
            return False
        return True


def _choices(labels: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((label, value) for value, label in labels.items())


def _teachers(ctx: SchoolContext) -> tuple[tuple[str, str], ...]:
    return tuple((t.display, t.id) for t in sorted(ctx.school.teachers.values(), key=lambda t: t.last_name))


def _me(ctx: SchoolContext) -> str | None:
    """The default author: the person using the app (the clone's staff id), never the pilote on their behalf."""
    return ctx.staff


# --- students ---------------------------------------------------------------

def interview_dialog(ctx: SchoolContext, student: Student) -> CommandDialog:
    fields = [
        Field("day", L.FIELD_DATE, "date", ctx.default_day(), required=True),
        Field("teacher", L.FIELD_TEACHER, "select", _me(ctx) or student.tutor, _teachers(ctx), required=True),
        Field("notes", L.FIELD_NOTES, required=True),
    ]
    return CommandDialog(L.INTERVIEW_TITLE.format(student.display), fields, lambda values: edit.AddInterview(
        student=student.id, day=values["day"], teacher=values["teacher"], notes=values["notes"]))


def diagnostic_dialog(ctx: SchoolContext, student: Student) -> CommandDialog:
    fields = [
        Field("day", L.FIELD_DATE, "date", ctx.default_day(), required=True),
        Field("tool", L.FIELD_TOOL, required=True),
        Field("result", L.FIELD_RESULT, required=True),
    ]
    return CommandDialog(L.DIAGNOSTIC_TITLE.format(student.display), fields, lambda values: edit.AddDiagnostic(
        student=student.id, day=values["day"], tool=values["tool"], result=values["result"]))


def objective_dialog(student: Student) -> CommandDialog:
    fields = [
        Field("label", L.FIELD_OBJECTIVE, required=True),
        Field("status", L.FIELD_STATUS, "select", "en-cours", _choices(v.OBJECTIVE_STATUS_LABELS), required=True),
    ]
    return CommandDialog(L.OBJECTIVE_TITLE.format(student.display), fields, lambda values: edit.AddObjective(
        student=student.id, label=values["label"], status=values["status"]))


def objective_status_dialog(student: Student) -> CommandDialog:
    """The status of one objective; the status shown is the chosen objective's current one."""
    objectives = tuple((f"{n}. {o.label}", str(n - 1)) for n, o in enumerate(student.objectives, start=1))
    current = student.objectives[0].status if student.objectives else None
    fields = [
        Field("index", L.FIELD_WHICH_OBJECTIVE, "select", "0", objectives, required=True),
        Field("status", L.FIELD_STATUS, "select", current, _choices(v.OBJECTIVE_STATUS_LABELS), required=True),
    ]
    return _ObjectiveStatusDialog(student, L.OBJECTIVE_STATUS_TITLE.format(student.display), fields,
                                  lambda values: edit.SetObjectiveStatus(
                                      student=student.id, index=int(values["index"]), status=values["status"]))


class _ObjectiveStatusDialog(CommandDialog):
    """Choosing another objective shows that objective's status (the one to change from)."""

    def __init__(self, student: Student, title: str, fields: list[Field],
                 build: Callable[[dict[str, Any]], Any]) -> None:
        super().__init__(title, fields, build)
        self.student = student
        """Whose objectives."""

    @on(Select.Changed, "#field-index")
    def _objective_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value.isdigit() and int(event.value) < len(self.student.objectives):
            status = self.student.objectives[int(event.value)].status
            if status in v.OBJECTIVE_STATUS_LABELS:
                self.query_one("#field-status", Select).value = status


# --- groups -----------------------------------------------------------------

def move_dialog(ctx: SchoolContext, year: Year, period: Period, student: str, group: Group | None,
                targets: list[Group]) -> FormDialog:
    """Move between groups (a ReasonDialog), or place an unassigned student into one."""
    choices = [(f"{g.id} — {g.title}", g.id) for g in targets]
    name = ctx.student_name(student)
    if group is None:
        fields = [Field("to_group", L.FIELD_TO_GROUP, "select", choices[0][1] if len(choices) == 1 else None,
                        tuple(choices), required=True),
                  Field("reason", L.FIELD_REASON_OPTIONAL)]
        return CommandDialog(L.ADD_TITLE.format(name), fields, lambda values: edit.AddStudentToGroup(
            year=year.id, period=period.id, student=student, group=values["to_group"], reason=values["reason"]))
    started = ctx.today > period.start
    return _MoveDialog(L.MOVE_TITLE.format(name, group.id), choices, period, ctx, started, year.id, student,
                       group.id).framed(ctx.date_frame(year))


class _MoveDialog(ReasonDialog):
    """A ReasonDialog whose result is a MoveStudent command, checked against the files before it closes.

    An undated move the command refuses (the period runs, appels are taken) is
    offered as a dated move from today (moved into the period).
    """

    def __init__(self, title: str, groups: list[tuple[str, str]], period: Period, ctx: SchoolContext, dated: bool,
                 year: str, student: str, from_group: str) -> None:
        super().__init__(title, groups, period, ctx.today, dated)
        self.ctx = ctx
        """The open school (its root, for the check; its today, for the default date)."""
        self.move = (year, student, from_group)
        """(year, student, from group) of the move."""

    def make_result(self, values: dict[str, Any]) -> Any:
        choice: MoveChoice = super().make_result(values)
        year, student, from_group = self.move
        return edit.MoveStudent(year=year, period=self.period.id, student=student, from_group=from_group,
                                to_group=choice.to_group, reason=choice.reason, day=choice.day,
                                carry_marks=choice.carry_marks, today=self.ctx.today)

    def accept(self, result: Any) -> bool:
        try:
            result.plan(self.ctx.root)
        except edit.EditRefused as exc:
            if result.day is None:
                self._offer_dated(exc.message)
            else:
                self.show_error(exc.message)
            return False
        return True

    def _offer_dated(self, reason: str) -> None:
        day = clamp(self.ctx.today, self.period)

        def answered(yes: bool | None) -> None:
            if yes:
                self.query_one("#field-dated", Checkbox).value = True
                self.query_one("#field-day", Input).value = day.isoformat()
                self.action_submit()
            else:
                self.show_error(reason)

        question = L.MOVE_MAKE_DATED.format(f"{day:%d/%m/%Y}")
        self.app.push_screen(YesNoDialog(L.MOVE_UNDATED_TITLE, f"{reason}\n\n{question}"), answered)


def remove_command(year: Year, group: Group, student: str) -> Any:
    return edit.RemoveStudentFromGroup(year=year.id, period=group.period, student=student, group=group.id)


def delete_group_command(group: Group) -> Any:
    return edit.DeleteGroup(year=group.year, period=group.period, group=group.id)


def create_group_dialog(ctx: SchoolContext, year: Year, period: Period, barrette: str) -> CommandDialog:
    fields = [
        Field("group", L.FIELD_GROUP_ID, "id", "G-", required=True),
        Field("title", L.FIELD_TITLE, required=True),
        Field("content_type", L.FIELD_CONTENT_TYPE, "select", None, _choices(v.CONTENT_TYPE_LABELS), required=True),
        # a group without a teacher counts no hour (APT405): one is asked for before anything is written
        Field("teachers", L.FIELD_TEACHERS, "multi", [], _teachers(ctx), required=True),
    ]

    def check(values: dict[str, Any]) -> str | None:
        if (period.id, values["group"]) in year.groups:
            return f"{values['group']} : {L.BAD_ID}"
        return None

    return CommandDialog(L.CREATE_GROUP_TITLE.format(period.id, barrette), fields, lambda values: edit.CreateGroup(
        year=year.id, period=period.id, group=values["group"], title=values["title"],
        content_type=values["content_type"], barrette=barrette, teachers=tuple(values["teachers"])), check=check)


def rename_group_dialog(group: Group) -> CommandDialog:
    fields = [Field("title", L.FIELD_TITLE, value=group.title, required=True)]
    return CommandDialog(L.RENAME_GROUP_TITLE.format(group.id), fields, lambda values: edit.RenameGroup(
        year=group.year, period=group.period, group=group.id, title=values["title"]))


def content_type_dialog(group: Group) -> CommandDialog:
    fields = [Field("content_type", L.FIELD_CONTENT_TYPE, "select", group.content_type,
                    _choices(v.CONTENT_TYPE_LABELS), required=True)]
    return CommandDialog(L.CONTENT_TYPE_TITLE.format(group.id), fields, lambda values: edit.SetGroupContentType(
        year=group.year, period=group.period, group=group.id, content_type=values["content_type"]))


def teachers_dialog(ctx: SchoolContext, group: Group) -> CommandDialog:
    fields = [Field("teachers", L.FIELD_TEACHERS, "multi", list(group.teachers), _teachers(ctx), required=True)]
    return CommandDialog(L.TEACHERS_TITLE.format(group.id), fields, lambda values: edit.SetGroupTeachers(
        year=group.year, period=group.period, group=group.id, teachers=tuple(values["teachers"])))


def start_period_dialog(year: Year, period_id: str) -> CommandDialog | None:
    """A period without groups built from the groups of one that has some (None if there is none to build).

    Shown on a period with groups: the next period without groups, from this
    one.  Shown on the period without groups (the board's hint): this one,
    from the last earlier period with groups.
    """
    ordered = year.sorted_periods()
    with_groups = {p for p, _ in year.groups}
    empty = [p for p in ordered if p.id not in with_groups]
    sources = [p for p in ordered if p.id in with_groups]
    shown = next((p for p in ordered if p.id == period_id), None)
    if not empty or not sources or shown is None:
        return None
    if period_id in with_groups:
        later = [p for p in empty if p.start > shown.start]
        if not later:
            return None
        new, source = later[0].id, period_id
    else:
        earlier = [p for p in sources if p.start < shown.start]
        new, source = period_id, (earlier[-1] if earlier else sources[-1]).id
    fields = [
        Field("new_period", L.START_PERIOD_TITLE.format(""), "select", new, tuple((p.id, p.id) for p in empty),
              required=True),
        Field("from_period", L.FIELD_FROM_PERIOD, "select", source, tuple((p.id, p.id) for p in sources),
              required=True),
    ]
    return CommandDialog(L.NEW_PERIOD_FROM.format(new, source), fields, lambda values: edit.StartPeriod(
        year=year.id, new_period=values["new_period"], from_period=values["from_period"]),
        text=L.START_PERIOD_HELP)


# --- bilans -----------------------------------------------------------------

def bilan_dialog(ctx: SchoolContext, year: Year, period: Period, student: str) -> CommandDialog:
    """Write (or rewrite) a student's bilan of a period."""
    old = year.bilans.get(period.id, {}).get(student)
    # the groups the rule allows (model/targets.py), not every group of the next period
    targets = target_choices(ctx.analysis, year, period, student, old.to_group if old else None)
    group_choices = tuple((g, g) for g in targets.groups)
    fields = [
        Field("author", L.FIELD_AUTHOR, "select", old.author if old else _me(ctx), _teachers(ctx), required=True),
        Field("day", L.FIELD_DATE, "date", old.day if old else clamp(ctx.today, period), required=True),
        Field("outcome", L.FIELD_OUTCOME, "select", old.outcome if old else None, _choices(v.OUTCOME_LABELS),
              required=True),
        Field("comment", L.FIELD_COMMENT, value=old.comment if old else ""),
        Field("decision", L.FIELD_DECISION, "select", old.decision if old else "maintien",
              _choices(v.DECISION_LABELS), required=True),
        Field("to_group", L.FIELD_TO_GROUP, "select", old.to_group if old else None, group_choices),
        Field("to_type", L.FIELD_TO_TYPE, "select", old.to_type if old else None, _choices(v.CONTENT_TYPE_LABELS)),
        Field("reason", L.FIELD_REASON, value=old.reason if old else ""),
    ]

    def check(values: dict[str, Any]) -> str | None:
        if values["decision"] == "changement":
            if not values["to_group"] and not values["to_type"]:
                return L.REQUIRED.format(L.FIELD_TO_GROUP)
            if not values["reason"]:
                return L.REQUIRED.format(L.FIELD_REASON)
        return None

    def build(values: dict[str, Any]) -> Any:
        changing = values["decision"] == "changement"
        return edit.WriteBilan(
            year=year.id, period=period.id, student=student, author=values["author"], day=values["day"],
            outcome=values["outcome"], comment=values["comment"], decision=values["decision"],
            to_group=values["to_group"] if changing else None, to_type=values["to_type"] if changing else None,
            reason=values["reason"])

    dialog = CommandDialog(L.BILAN_TITLE.format(of(ctx.student_name(student)), period.id), fields, build,
                           text=targets.note, check=check)
    dialog.framed(ctx.date_frame(year))
    return dialog
