"""Correcting a student's records from the screen Élèves (mixed into ``StudentsScreen``): « c » corrects an
interview, a diagnostic or an objective, « D » deletes one (asked first, Non focused)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from aptui.model.entities import Student
from aptui.tui import labels as L
from aptui.tui.dialogs.records import PickDialog, delete_record_command, edit_record_dialog, record_choices

if TYPE_CHECKING:
    from aptui.tui.screens.base import AptScreen

    _Base = AptScreen
else:
    _Base = object

RECORD_BINDINGS = [
    Binding("c", "edit_record", L.KEY_RECORD_EDIT),
    Binding("D", "delete_record", L.KEY_RECORD_DELETE),
]
"""Their ids: ``students.edit-record``, ``students.delete-record``."""
RECORD_GROUPS = dict.fromkeys(("students.edit-record", "students.delete-record"), L.HELP_GROUP_RECORDS)


class StudentRecordActions(_Base):
    if TYPE_CHECKING:
        @property
        def selected_student(self) -> Student | None: ...

    def _pick(self, title: str, then: Any) -> None:
        student = self.selected_student
        if student is None:
            self.notify(L.NO_SELECTION, severity="warning")
            return
        choices = record_choices(self.ctx, student)
        if not choices:
            self.notify(L.RECORD_NONE.format(student.display), severity="warning")
            return

        def picked(key: str | None) -> None:
            if key is not None:
                then(student, key)

        self.app.push_screen(PickDialog(title.format(student.display), choices), picked)

    def action_edit_record(self) -> None:
        """Correct an interview, a diagnostic or an objective of the selected student."""
        def edit(student: Student, key: str) -> None:
            self.app.push_screen(edit_record_dialog(self.ctx, student, key), self.request_edit_if_any)

        self._pick(L.RECORD_PICK_EDIT, edit)

    def action_delete_record(self) -> None:
        """Delete a record entered by mistake (Non focused)."""
        def delete(student: Student, key: str) -> None:
            label = {k: text for text, k in record_choices(self.ctx, student)}[key]
            self.confirm_edit(L.RECORD_DELETE_QUESTION.format(student.display), delete_record_command(student, key),
                              L.EDIT_REFUSED, text=L.RECORD_DELETE_TEXT.format(label))

        self._pick(L.RECORD_PICK_DELETE, delete)
