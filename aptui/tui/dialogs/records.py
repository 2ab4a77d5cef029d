"""Correcting records: pick a student's interview, diagnostic or objective, then edit it or delete it;
correct or delete a recorded session.  Each dialog returns an edit command (one commit, ctrl+z undoes it).
"""

from __future__ import annotations

from typing import Any

from aptui import vocab as v
from aptui.edit.base import Command
from aptui.edit.commands_records import (
    DeleteDiagnostic,
    DeleteInterview,
    DeleteObjective,
    DiagnosticRef,
    EditDiagnostic,
    EditInterview,
    EditObjective,
    InterviewRef,
    ObjectiveRef,
)
from aptui.edit.commands_session_fix import DeleteSession, EditSession
from aptui.model.analysis import Analysis
from aptui.model.entities import Session, Student, Year
from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui.data.attendance import clock, members_on
from aptui.tui.data.context import SchoolContext
from aptui.tui.dialogs.base import Field, FormDialog
from aptui.tui.dialogs.forms import AppCheckedDialog, CommandDialog, _choices, _teachers

SHORT = 48  # characters of a note shown in the list of records


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def record_choices(ctx: SchoolContext, student: Student) -> list[tuple[str, str]]:
    """(label, key) of every record of a student: « i0 », « d1 », « o0 » (kind and index in the model)."""
    choices = []
    for index, interview in enumerate(student.interviews):
        choices.append((L.RECORD_INTERVIEW.format(day=fmt.day(interview.day), teacher=ctx.teacher_name(
            interview.teacher), notes=_short(interview.notes)), f"i{index}"))
    for index, test in enumerate(student.diagnostics):
        choices.append((L.RECORD_DIAGNOSTIC.format(day=fmt.day(test.day), tool=test.tool, result=_short(test.result)),
                        f"d{index}"))
    for index, objective in enumerate(student.objectives):
        status = v.OBJECTIVE_STATUS_LABELS.get(objective.status, objective.status)
        choices.append((L.RECORD_OBJECTIVE.format(number=index + 1, label=_short(objective.label), status=status),
                        f"o{index}"))
    return choices


class PickDialog(FormDialog):
    """One choice among a list; dismisses with the chosen value."""

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        first = choices[0][1] if choices else None
        super().__init__(title, [Field("which", L.RECORD_WHICH, "select", first, tuple(choices), required=True)])

    def make_result(self, values: dict[str, Any]) -> Any:
        return values["which"]


def edit_record_dialog(ctx: SchoolContext, student: Student, key: str) -> CommandDialog:
    """The form of one record, filled with what it says now."""
    kind, index = key[0], int(key[1:])
    if kind == "i":
        interview = student.interviews[index]
        old = InterviewRef(interview.day, interview.teacher, interview.notes)
        fields = [
            Field("day", L.FIELD_DATE, "date", interview.day, required=True),
            Field("teacher", L.FIELD_TEACHER, "select", interview.teacher, _teachers(ctx), required=True),
            Field("notes", L.FIELD_NOTES, value=interview.notes.strip(), required=True),
        ]
        return CommandDialog(L.RECORD_EDIT_INTERVIEW.format(fmt.day(interview.day), student.display), fields,
                             lambda values: EditInterview(student.id, old, values["day"], values["teacher"],
                                                          values["notes"]))
    if kind == "d":
        test = student.diagnostics[index]
        ref = DiagnosticRef(test.day, test.tool, test.result)
        fields = [
            Field("day", L.FIELD_DATE, "date", test.day, required=True),
            Field("tool", L.FIELD_TOOL, value=test.tool, required=True),
            Field("result", L.FIELD_RESULT, value=test.result.strip(), required=True),
        ]
        return CommandDialog(L.RECORD_EDIT_DIAGNOSTIC.format(fmt.day(test.day), student.display), fields,
                             lambda values: EditDiagnostic(student.id, ref, values["day"], values["tool"],
                                                           values["result"]))
    objective = student.objectives[index]
    was = ObjectiveRef(objective.label, objective.status)
    fields = [
        Field("label", L.FIELD_OBJECTIVE, value=objective.label, required=True),
        Field("status", L.FIELD_STATUS, "select", objective.status, _choices(v.OBJECTIVE_STATUS_LABELS),
              required=True),
    ]
    return CommandDialog(L.RECORD_EDIT_OBJECTIVE.format(student.display), fields,
                         lambda values: EditObjective(student.id, was, values["label"], values["status"]))


def delete_record_command(student: Student, key: str) -> Command:
    kind, index = key[0], int(key[1:])
    if kind == "i":
        interview = student.interviews[index]
        return DeleteInterview(student.id, InterviewRef(interview.day, interview.teacher, interview.notes))
    if kind == "d":
        test = student.diagnostics[index]
        return DeleteDiagnostic(student.id, DiagnosticRef(test.day, test.tool, test.result))
    objective = student.objectives[index]
    return DeleteObjective(student.id, ObjectiveRef(objective.label, objective.status))


# --- sessions --------------------------------------------------------------------


class SessionDialog(AppCheckedDialog):
    """Correct a session; a new date where some marked students are no longer members is refused here."""

    def __init__(self, analysis: Analysis, year: Year, session: Session, title: str) -> None:
        fields = [
            Field("day", L.FIELD_DATE, "date", session.day, required=True),
            Field("start", L.FIELD_SESSION_START, value=clock(session.start_minute), required=True),
            Field("duration", L.FIELD_SESSION_DURATION, value=str(session.duration), required=True),
            Field("activity", L.FIELD_SESSION_ACTIVITY, value=session.activity),
        ]
        super().__init__(L.SESSION_EDIT_TITLE.format(fmt.day(session.day), title), fields, self._build,
                         check=self._check)
        self.analysis, self.year, self.session = analysis, year, session

    def _check(self, values: dict[str, Any]) -> str | None:
        if not str(values["duration"]).isdigit():
            return L.SESSION_BAD_DURATION.format(values["duration"])
        day = values["day"]
        if day == self.session.day:
            return None
        members = set(members_on(self.analysis, self.year, self.session.period, self.session.group, day))
        gone = sorted(s for s in self.session.attendance if s not in members)
        if gone:
            return L.SESSION_NOT_MEMBERS.format(fmt.day(day), ", ".join(gone))
        return None

    def _build(self, values: dict[str, Any]) -> Command:
        session = self.session
        return EditSession(session.year, session.period, session.group, session.day, values["day"],
                           values["start"], int(values["duration"]), values["activity"])


def delete_session_text(session: Session) -> str:
    """What deleting a session loses: its marks, counted."""
    if not session.attendance:
        return L.SESSION_DELETE_NO_MARK
    from aptui.edit.commands_sessions import _count_text

    return L.SESSION_DELETE_MARKS.format(_count_text(session.attendance))


def delete_session_command(session: Session) -> Command:
    return DeleteSession(session.year, session.period, session.group, session.day)
