"""Unsaved marks of the screen Appel that nothing may lose (mixed into ``AttendanceScreen``):

- carried onto the session when its file changed on disk under them (a plain ``git pull``, a colleague's
  sync, ``$EDITOR``): only the user's own changes move (data/appel_rebase.py), a mark both changed is said;
- kept on disk at each change (data/appel_draft.py) and shown again at the next open after a crash, a closed
  terminal or a power cut, carried onto the session as it is then.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from textual.widgets import Input

from aptui import vocab as v
from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui.data.appel_draft import AppelDraft, clear_draft, draft_for, save_draft
from aptui.tui.data.appel_rebase import rebase_marks, rebase_text

if TYPE_CHECKING:
    from aptui.model.entities import Year
    from aptui.tui.data.attendance import SessionPlan
    from aptui.tui.screens.base import AptScreen

    _Base = AptScreen
else:
    _Base = object

TEXT_FIELDS = ("#appel-activity", "#appel-notes")


class AppelDraftActions(_Base):
    if TYPE_CHECKING:
        plan: SessionPlan | None
        choice: tuple[str, str] | None
        marks: dict[str, str]

        @property
        def year(self) -> Year | None: ...

        def _text(self, selector: str) -> str: ...

    _draft_kept: AppelDraft | None = None
    """The draft this screen last wrote (or showed again): cleared once the appel is saved or discarded."""
    _draft_failed = False
    _restoring: AppelDraft | None = None

    # --- a session changed on disk under unsaved marks -------------------------
    def _carry_over(self, before: SessionPlan, now: SessionPlan) -> None:
        """Keep only the user's own changes over the session as it is now on disk: a mark received meanwhile is
        never written back over by a stale one; a mark both changed is said."""
        base = {s: m for s, m in before.marks.items() if s in before.members}
        arrived = now.marks != before.marks or (now.activity, now.notes) != (before.activity, before.notes)
        self._carry(base, (before.activity, before.notes), now, L.APPEL_RECEIVED_MEANWHILE, arrived)

    def _carry(self, base: dict[str, str], base_texts: tuple[str, str], now: SessionPlan, title: str,
               always: bool) -> None:
        rebased = rebase_marks(base, self.marks, now.marks, now.members)
        self.marks = rebased.marks
        clashes = []
        for selector, old, new in zip(TEXT_FIELDS, base_texts, (now.activity, now.notes)):
            text, clash = rebase_text(old, self._text(selector), new)
            self.query_one(selector, Input).value = text
            if clash:
                clashes.append(new)
        said = [L.APPEL_CONFLICT_MARK.format(self.ctx.student_label(student), v.ATTENDANCE_LABELS.get(got, got),
                                             v.ATTENDANCE_LABELS.get(kept, kept))
                for student, got, kept in rebased.conflicts]
        said += [L.APPEL_CONFLICT_TEXT.format(text) for text in clashes]
        said += [L.APPEL_DROPPED_MARK.format(self.ctx.student_label(student)) for student in rebased.dropped]
        if said or always:
            self.notify("\n".join([title, *said]), severity="warning", timeout=20)

    # --- the draft on disk ---------------------------------------------------------
    def draft_to_restore(self, year: Year) -> AppelDraft | None:
        """The draft a previous run left for a session of this year that still exists (read once)."""
        if self._restoring is not None or self._draft_kept is not None:
            return None
        draft = draft_for(self.ctx.root, year)
        if draft is None:
            return None
        self._restoring = draft
        return draft

    def restore_draft(self, now: SessionPlan) -> bool:
        """Show the marks of the draft being restored, carried onto the session as it is now; False (nothing
        shown) when the session loaded is not the draft's."""
        draft, self._restoring = self._restoring, None
        if draft is None or self.choice != (draft.period, draft.group) or now.day != draft.day:
            return False
        self.marks = dict(draft.marks)
        for selector, text in zip(TEXT_FIELDS, (draft.activity, draft.notes)):
            self.query_one(selector, Input).value = text
        self._draft_kept = draft
        title = L.APPEL_DRAFT_FOUND.format(group=draft.group, day=fmt.day(draft.day), when=draft.written_at)
        self._carry(draft.base, (draft.base_activity, draft.base_notes), now, title, always=True)
        return True

    def keep_draft(self, dirty: bool) -> None:
        """Write the appel as it is on screen while it is unsaved; remove it once saved or discarded."""
        plan, year = self.plan, self.year
        if not dirty or plan is None or year is None or self.choice is None:
            if self._draft_kept is not None:
                clear_draft(self.ctx.root)
                self._draft_kept = None
            return
        draft = AppelDraft(
            year=year.id, period=self.choice[0], group=self.choice[1], day=plan.day,
            base={s: m for s, m in plan.marks.items() if s in plan.members}, marks=dict(self.marks),
            base_activity=plan.activity, activity=self._text(TEXT_FIELDS[0]),
            base_notes=plan.notes, notes=self._text(TEXT_FIELDS[1]),
            written_at=datetime.now().strftime("%d/%m/%Y %H:%M"))
        kept = self._draft_kept
        if kept is not None and _same(kept, draft):
            return
        try:
            save_draft(self.ctx.root, draft)
        except OSError as exc:
            if not self._draft_failed:  # said once: the appel itself still saves with ctrl+s
                self._draft_failed = True
                self.notify(L.APPEL_DRAFT_FAILED.format(exc.strerror or exc), severity="warning", timeout=8)
            return
        self._draft_kept = draft


def _same(a: AppelDraft, b: AppelDraft) -> bool:
    """The same appel, whenever written."""
    return replace(a, written_at=b.written_at) == b
