"""The set-up actions of the screen Élèves (mixed into ``StudentsScreen``): each opens a form of
``dialogs/student_forms.py`` and sends its edit command to the app (one commit, ctrl+z undoes it).

Leaving asks twice: the day first, then a confirmation that lists what the edit changes (the
groups of later periods, later attendance marks), with Non focused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from aptui.french import of
from aptui.model.entities import Student, Year
from aptui.tui import labels as L
from aptui.tui.dialogs import student_forms as forms

if TYPE_CHECKING:
    from aptui.tui.screens.base import AptScreen

    _Base = AptScreen
else:
    _Base = object

SETUP_BINDINGS = [
    Binding("A", "add_student", L.KEY_STUDENT_ADD),
    Binding("I", "identity", L.KEY_STUDENT_IDENTITY),
    Binding("v", "change_division", L.KEY_STUDENT_DIVISION),
    Binding("p", "profile", L.KEY_STUDENT_PROFILE),
    Binding("b", "add_need", L.KEY_STUDENT_NEED),
    Binding("B", "remove_need", L.KEY_STUDENT_REMOVE_NEED),
    Binding("u", "follow_up", L.KEY_STUDENT_FOLLOW_UP),
    Binding("S", "leave", L.KEY_STUDENT_LEAVE),
    Binding("x", "exemption", L.KEY_STUDENT_EXEMPTION),
    Binding("X", "lift_exemption", L.KEY_STUDENT_LIFT_EXEMPTION),
    Binding("O", "orientation", L.KEY_STUDENT_ORIENTATION),
]
"""The screen's keys for these actions (their ids: ``students.<action>``)."""
SETUP_ACTIONS = ("add_student", "identity", "change_division", "profile", "add_need", "remove_need", "follow_up",
                 "leave", "exemption", "lift_exemption", "orientation")


class StudentSetupActions(_Base):
    """Actions that need the screen's ``selected_student`` and the context's current year."""

    if TYPE_CHECKING:
        @property
        def selected_student(self) -> Student | None: ...

    def _setup_year(self) -> Year | None:
        year = self.ctx.year if self.ctx.loaded else None
        if year is None:
            self.notify(L.SETUP_NO_YEAR, severity="warning")
        return year

    def _setup_student(self) -> tuple[Year, Student] | None:
        year, student = self._setup_year(), self.selected_student
        if student is None:
            self.notify(L.NO_SELECTION, severity="warning")
        return (year, student) if year is not None and student is not None else None

    def _setup_form(self, dialog: Any) -> None:
        self.app.push_screen(dialog, self.request_edit_if_any)

    def action_add_student(self) -> None:
        year, student = self._setup_year(), self.selected_student
        if year is not None:
            division = student.divisions.get(year.id) if student else None
            self._setup_form(forms.add_student_dialog(self.ctx, year, division))

    def action_identity(self) -> None:
        found = self._setup_student()
        if found:
            self._setup_form(forms.identity_dialog(self.ctx, found[1]))

    def action_change_division(self) -> None:
        found = self._setup_student()
        if found:
            self._setup_form(forms.division_dialog(self.ctx, *found))

    def action_profile(self) -> None:
        found = self._setup_student()
        if found:
            self._setup_form(forms.profile_dialog(self.ctx, *found))

    def action_add_need(self) -> None:
        found = self._setup_student()
        if found:
            self._setup_form(forms.add_need_dialog(self.ctx, found[1]))

    def action_remove_need(self) -> None:
        found = self._setup_student()
        if not found:
            return
        if not found[1].needs:
            self.notify(L.STUDENT_NO_NEED.format(found[1].display), severity="warning")
            return
        self._setup_form(forms.remove_need_dialog(self.ctx, found[1]))

    def action_follow_up(self) -> None:
        found = self._setup_student()
        if found:
            self._setup_form(forms.follow_up_dialog(self.ctx, found[1]))

    def action_orientation(self) -> None:
        found = self._setup_student()
        if found:
            self._setup_form(forms.orientation_dialog(self.ctx, *found))

    def action_exemption(self) -> None:
        found = self._setup_student()
        if found:
            self._setup_form(forms.exemption_dialog(self.ctx, *found))

    def action_lift_exemption(self) -> None:
        from aptui.edit.commands_setup_leaving import RemoveExemption

        found = self._setup_student()
        if found:
            year, student = found
            self.confirm_edit(L.STUDENT_LIFT_EXEMPTION.format(of(student.display), year.id),
                              RemoveExemption(year.id, student.id), L.EDIT_REFUSED)

    def action_leave(self) -> None:
        found = self._setup_student()
        if found:
            self.app.push_screen(forms.leave_dialog(self.ctx, found[1]), self._confirm_leave)

    def _confirm_leave(self, command: Any) -> None:
        """The leaving planned: what it changes, then Oui / Non (Non focused)."""
        if command is None:
            return
        from aptui.tui.dialogs.simple import YesNoDialog

        command.plan(self.ctx.root)  # the form planned it already: names, groups and marks are known
        text = command.describe()
        if " : " not in text:
            text += "\n\n" + L.STUDENT_LEAVE_NOTHING_ELSE

        def answered(yes: bool | None) -> None:
            if yes:
                self.request_edit(command)

        self.app.push_screen(YesNoDialog(L.STUDENT_LEAVE_CONFIRM, text, default=False), answered)
