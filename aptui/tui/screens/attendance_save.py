"""Saving the appel of the screen Appel (mixed into ``AttendanceScreen``). ctrl+s writes the session; a day still
to come, a closure or a day outside the period asks first (Non focused), from ctrl+s and from « Enregistrer » in
the question before leaving or quitting (``save_question``, asked by app.leave_screen_then)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from aptui import edit
from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui.data import attendance as data
from aptui.tui.dialogs.simple import YesNoDialog
from aptui.tui.messages import EditRequested

if TYPE_CHECKING:
    from aptui.model.entities import Period, Year
    from aptui.tui.app import AptuiApp
    from aptui.tui.data.attendance import SessionPlan
    from aptui.tui.screens.base import AptScreen

    _Base = AptScreen
else:
    _Base = object


class AppelSaveActions(_Base):
    if TYPE_CHECKING:
        plan: SessionPlan | None
        choice: tuple[str, str] | None
        marks: dict[str, str]

        @property
        def year(self) -> Year | None: ...

        @property
        def dirty(self) -> bool: ...

        def _period(self) -> Period | None: ...

        def _text(self, selector: str) -> str: ...

        def _stray_marks(self) -> dict[str, str]: ...

        def _load_session(self, keep_marks: bool = False) -> None: ...

    # --- unsaved marks: asked about before leaving (app.leave_screen_then) ------
    def unsaved(self) -> str | None:
        plan = self.plan
        if plan is None or not self.dirty:
            return None
        return L.APPEL_UNSAVED.format(plan.group.id, fmt.day(plan.day))

    def save_unsaved(self) -> bool:
        self.action_save(now=True)
        return not self.dirty

    def discard_unsaved(self) -> None:
        self._load_session()

    def action_save(self, now: bool = False) -> None:
        """Write the session (created or updated) with its appel; marks of non-members in the file are kept.

        ``now``: applied before returning, unasked (the question before leaving needs to know it worked, and
        has asked ``save_question`` first).
        """
        command = self._command()
        if command is None:
            return
        if now:
            cast("AptuiApp", self.app).apply_edit(EditRequested(command))
            return
        question = self.save_question()
        if question is None:
            self.request_edit(command)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.request_edit(command)

        self.app.push_screen(YesNoDialog(*question, default=False), answered)

    def _command(self) -> edit.RecordSession | None:
        """The edit that writes the session as shown (None: no session chosen)."""
        year, plan = self.year, self.plan
        if year is None or plan is None or self.choice is None:
            return None
        attendance = {s: self.marks[s] for s in plan.members if s in self.marks}
        attendance.update(self._stray_marks())
        return edit.RecordSession(
            year=year.id, period=self.choice[0], group=self.choice[1], day=plan.day,
            start=data.clock(plan.start_minute), duration_min=plan.duration,
            activity=self._text("#appel-activity"), notes=self._text("#appel-notes"), attendance=attendance)

    def save_question(self) -> tuple[str, str] | None:
        """(title, text) of the question before writing marks on a day still to come, a closure or a day outside
        the period (answered Non by default), or None when the day is a plain school day of the past."""
        command, plan = self._command(), self.plan
        if command is None or plan is None:
            return None
        ahead = data.future_marks(plan.day, self.ctx.today, dict(command.attendance))
        doubt = self._day_doubt(plan.day)
        if ahead:  # marks on a day still to come; a closure or a day outside the period said too
            text = L.APPEL_FUTURE_TEXT.format(day=fmt.day(plan.day), today=fmt.day(self.ctx.today), marks=ahead)
            return L.APPEL_SAVE_FUTURE, f"{doubt}\n{text}" if doubt else text
        if doubt is not None:
            return L.APPEL_SAVE_ODD_DAY, doubt
        return None

    def _day_doubt(self, day: date) -> str | None:
        """Why an appel on that day is doubtful (a closure, a day outside the period), or None."""
        year, period = self.year, self._period()
        if year is None:
            return None
        calendar = self.ctx.analysis.calendar(year.id)
        said = []
        if period is not None and not period.contains(day):
            said.append(L.APPEL_OUTSIDE_PERIOD.format(fmt.day(day), period.id, fmt.day(period.start),
                                                      fmt.day(period.end)))
        if not calendar.is_school_day(day):
            said.append(L.APPEL_NOT_SCHOOL_DAY.format(calendar.why_closed(day)))
        return "\n".join(said) or None
