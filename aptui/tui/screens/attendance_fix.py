"""Correcting the session shown on the screen Appel (mixed into ``AttendanceScreen``): « m » corrects its date,
time, length and activity, « D » deletes it with its attendance (asked first, Non focused).  Marks not saved
yet are asked about first (save / discard / stay)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.binding import Binding

from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui.dialogs.records import SessionDialog, delete_session_command, delete_session_text

if TYPE_CHECKING:
    from aptui.model.entities import Year
    from aptui.tui.data.attendance import SessionPlan
    from aptui.tui.screens.base import AptScreen

    _Base = AptScreen
else:
    _Base = object

SESSION_FIX_BINDINGS = [
    Binding("m", "edit_session", L.KEY_SESSION_EDIT, id="attendance.edit-session"),
    Binding("D", "delete_session", L.KEY_SESSION_DELETE, id="attendance.delete-session"),
]
SESSION_FIX_IDS = ("attendance.edit-session", "attendance.delete-session")


class SessionFixActions(_Base):
    if TYPE_CHECKING:
        plan: SessionPlan | None

        @property
        def year(self) -> Year | None: ...

        def _then(self, then: Callable[[], None]) -> None: ...

    def _recorded(self, then: Callable[[], None]) -> None:
        """Run ``then`` on the recorded session, once unsaved marks are saved or discarded."""
        if self.plan is None or self.plan.existing is None:
            self.notify(L.SESSION_NOT_RECORDED, severity="warning")
            return
        self._then(then)

    def action_edit_session(self) -> None:
        """Correct the session's date, time, length or activity (its marks follow it)."""
        def edit() -> None:
            plan, year = self.plan, self.year
            if plan is None or plan.existing is None or year is None:
                return
            dialog = SessionDialog(self.ctx.analysis, year, plan.existing, f"{plan.group.id} — {plan.group.title}")
            self.app.push_screen(dialog, self.request_edit_if_any)

        self._recorded(edit)

    def action_delete_session(self) -> None:
        """Delete a session entered wrongly; the question says which marks are lost."""
        def delete() -> None:
            plan = self.plan
            if plan is None or plan.existing is None:
                return
            session = plan.existing
            self.confirm_edit(L.SESSION_DELETE_QUESTION.format(fmt.day(session.day), plan.group.id),
                              delete_session_command(session), L.EDIT_REFUSED, text=delete_session_text(session))

        self._recorded(delete)
