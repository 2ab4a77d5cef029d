"""The set-up forms of a student (screen Élèves): arrival, identity, division, profile, needs, follow-up,
leaving, exemptions, end-of-year decision.  Each returns an edit command of ``edit/commands_setup_*``,
checked against the files before the form closes."""

from __future__ import annotations

from typing import Any

from aptui import vocab as v
from aptui.french import of
from aptui.model.entities import Student, Year
from aptui.tui import labels as L
from aptui.tui.data.context import SchoolContext
from aptui.tui.dialogs.base import Field
from aptui.tui.dialogs.setup_forms import CheckedDialog

NO_TUTOR = "-"
"""The tutor choice that removes the tutor."""


def _choices(labels: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((label, value) for value, label in labels.items())


def _divisions(year: Year) -> tuple[tuple[str, str], ...]:
    return tuple((f"{d.id} ({d.level} {d.formation})", d.id) for d in sorted(year.divisions.values(),
                                                                           key=lambda d: d.id))


def add_student_dialog(ctx: SchoolContext, year: Year, division: str | None = None) -> CheckedDialog:
    """``division``: the one offered first (the selected student's: students are often typed class by class)."""
    from aptui.edit.commands_setup_students import AddStudent

    choices = _divisions(year)
    offered = division if division in year.divisions else (choices[0][1] if len(choices) == 1 else None)
    fields = [Field("last", L.FIELD_LAST_NAME, required=True), Field("first", L.FIELD_FIRST_NAME, required=True),
              Field("division", L.FIELD_DIVISION, "select", offered, choices, required=True),
              Field("arrival", L.FIELD_ARRIVAL, "date")]
    dialog = CheckedDialog(ctx, L.STUDENT_ADD_TITLE.format(year.id), fields, lambda values: AddStudent(
        year.id, values["division"], values["last"], values["first"], values["arrival"]), text=L.STUDENT_ADD_HELP)
    dialog.framed(ctx.date_frame(year))
    return dialog


def identity_dialog(ctx: SchoolContext, student: Student) -> CheckedDialog:
    from aptui.edit.commands_setup_students import EditStudent

    fields = [Field("last", L.FIELD_LAST_NAME, value=student.last_name, required=True),
              Field("first", L.FIELD_FIRST_NAME, value=student.first_name, required=True)]
    return CheckedDialog(ctx, L.STUDENT_IDENTITY_TITLE.format(of(student.display)), fields, lambda values: EditStudent(
        student.id, last_name=values["last"], first_name=values["first"]))


def division_dialog(ctx: SchoolContext, year: Year, student: Student) -> CheckedDialog:
    from aptui.edit.commands_setup_students import ChangeDivision

    fields = [Field("division", L.FIELD_DIVISION, "select", student.divisions.get(year.id), _divisions(year),
                    required=True)]
    return CheckedDialog(ctx, L.STUDENT_DIVISION_TITLE.format(of(student.display), year.id), fields,
                         lambda values: ChangeDivision(student.id, year.id, values["division"]))


def profile_dialog(ctx: SchoolContext, year: Year, student: Student) -> CheckedDialog:
    from aptui.edit.commands_setup_students import SetProfile

    fields = [Field("profile", L.FIELD_PROFILE, "select", student.profiles.get(year.id), _choices(v.PROFILE_LABELS),
                    required=True)]
    return CheckedDialog(ctx, L.STUDENT_PROFILE_TITLE.format(of(student.display), year.id), fields,
                         lambda values: SetProfile(student.id, year.id, values["profile"]))


def add_need_dialog(ctx: SchoolContext, student: Student) -> CheckedDialog:
    from aptui.edit.commands_setup_students import AddNeed

    fields = [Field("type", L.FIELD_NEED_TYPE, "select", None, _choices(v.CONTENT_TYPE_LABELS), required=True),
              Field("detail", L.FIELD_NEED_DETAIL)]
    return CheckedDialog(ctx, L.STUDENT_NEED_TITLE.format(of(student.display)), fields,
                         lambda values: AddNeed(student.id, values["type"], values["detail"]))


def remove_need_dialog(ctx: SchoolContext, student: Student) -> CheckedDialog:
    from aptui.edit.commands_setup_students import RemoveNeed

    needs = tuple((f"{v.CONTENT_TYPE_LABELS.get(n.content_type, n.content_type)}"
                   + (f" — {n.detail}" if n.detail else ""), str(i)) for i, n in enumerate(student.needs))
    fields = [Field("need", L.FIELD_WHICH_NEED, "select", "0" if len(needs) == 1 else None, needs, required=True)]

    def build(values: dict[str, Any]) -> Any:
        need = student.needs[int(values["need"])]
        return RemoveNeed(student.id, need.content_type, need.detail)

    return CheckedDialog(ctx, L.STUDENT_REMOVE_NEED_TITLE.format(of(student.display)), fields, build)


def follow_up_dialog(ctx: SchoolContext, student: Student) -> CheckedDialog:
    """Tutor, project of further study, passerelle: one form, one edit."""
    from aptui.edit.commands_setup_students import EditStudent

    teachers = ((L.NO_TUTOR_CHOICE, NO_TUTOR),) + tuple(
        (t.display, t.id) for t in sorted(ctx.school.teachers.values(), key=lambda t: t.last_name) if t.active
        or t.id == student.tutor)
    fields = [Field("tutor", L.FIELD_TUTOR, "select", student.tutor or NO_TUTOR, teachers, required=True),
              Field("project", L.FIELD_PROJECT, value=student.study_project or ""),
              Field("passerelle", L.FIELD_PASSERELLE, "check", student.passerelle)]

    def build(values: dict[str, Any]) -> Any:
        tutor = "" if values["tutor"] == NO_TUTOR else values["tutor"]
        return EditStudent(student.id, tutor=tutor if tutor != (student.tutor or "") else None,
                           project=values["project"] if values["project"] != (student.study_project or "") else None,
                           passerelle=values["passerelle"] if values["passerelle"] != student.passerelle else None)

    return CheckedDialog(ctx, L.STUDENT_FOLLOW_UP_TITLE.format(of(student.display)), fields, build)


def leave_dialog(ctx: SchoolContext, student: Student) -> CheckedDialog:
    """The day a student leaves; what it changes is asked about next (``confirm_leave``)."""
    from aptui.edit.commands_setup_leaving import LeaveSchool

    fields = [Field("day", L.FIELD_LEAVE_DAY, "date", ctx.default_day(), required=True)]
    return CheckedDialog(ctx, L.STUDENT_LEAVE_TITLE.format(of(student.display)), fields,
                         lambda values: LeaveSchool(student.id, values["day"]), text=L.STUDENT_LEAVE_HELP)


def exemption_dialog(ctx: SchoolContext, year: Year, student: Student) -> CheckedDialog:
    from aptui.edit.commands_setup_leaving import SetExemption

    old = next((e for e in year.exemptions if e.student == student.id), None)
    periods = tuple((p.id, p.id) for p in year.sorted_periods())
    fields = [Field("reason", L.FIELD_EXEMPTION_REASON, value=old.reason if old else "", required=True),
              Field("periods", L.FIELD_EXEMPTION_PERIODS, "multi", list(old.periods or ()) if old else [], periods)]
    return CheckedDialog(ctx, L.STUDENT_EXEMPTION_TITLE.format(of(student.display), year.id), fields,
                         lambda values: SetExemption(year.id, student.id, values["reason"], tuple(values["periods"])),
                         text=L.STUDENT_EXEMPTION_HELP)


def orientation_dialog(ctx: SchoolContext, year: Year, student: Student) -> CheckedDialog:
    from aptui.edit.commands_setup_students import SetOrientation

    fields = [Field("decision", L.FIELD_ORIENTATION, "select", "passage", _choices(v.ORIENTATION_LABELS),
                    required=True)]
    return CheckedDialog(ctx, L.STUDENT_ORIENTATION_TITLE.format(of(student.display), year.id), fields,
                         lambda values: SetOrientation(student.id, year.id, values["decision"]))
