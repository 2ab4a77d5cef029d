"""One bilan for several students of a period: one result and one decision written for each, in ONE edit
(``Together``: one commit, one ctrl+z); each bilan stays a student's own, editable afterwards with « b ».

A change « vers » a group is written only for the students whose barrette that group belongs to in
the following period (``model/targets.py``, what the rule APT508/APT509 checks): the others are
left out and named, in the dialog before it closes and in the commit message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aptui import vocab as v
from aptui.edit.commands_periods import WriteBilan
from aptui.edit.together import Together
from aptui.model.entities import Period, Year
from aptui.tui import labels as L
from aptui.tui.data.bilans import target_choices
from aptui.tui.data.context import SchoolContext, clamp
from aptui.tui.dialogs.base import Field
from aptui.tui.dialogs.forms import AppCheckedDialog, _choices, _me, _teachers

CHANGE = "changement"


def allowed(offered: dict[str, set[str]], students: Sequence[str], group: str) -> tuple[list[str], list[str]]:
    """(students a change to ``group`` may be written for, students it may not)."""
    fits: list[str] = []
    not_fit: list[str] = []
    for student in students:
        (fits if group in offered.get(student, set()) else not_fit).append(student)
    return fits, not_fit


class GroupBilanDialog(AppCheckedDialog):
    """The bilan form once for the selected students; its result is one Together of WriteBilan."""

    def __init__(self, ctx: SchoolContext, year: Year, period: Period, students: Sequence[str],
                 author: str | None) -> None:
        self.ctx, self.year, self.period, self.students = ctx, year, period, list(students)
        # each student's groups as the one-student dialog offers them (data/bilans.py: none after the last period)
        self.offered = {s: set(target_choices(ctx.analysis, year, period, s).groups) for s in self.students}
        offered = sorted(set().union(*self.offered.values()))
        known = {t.id for t in ctx.school.teachers.values()}
        fields = [
            Field("author", L.FIELD_AUTHOR, "select", author if author in known else _me(ctx), _teachers(ctx),
                  required=True),
            Field("day", L.FIELD_DATE, "date", clamp(ctx.today, period), required=True),
            Field("outcome", L.FIELD_OUTCOME, "select", None, _choices(v.OUTCOME_LABELS), required=True),
            Field("comment", L.FIELD_COMMENT),
            Field("decision", L.FIELD_DECISION, "select", "maintien", _choices(v.DECISION_LABELS), required=True),
            Field("to_group", L.FIELD_TO_GROUP, "select", None, tuple((g, g) for g in offered)),
            Field("to_type", L.FIELD_TO_TYPE, "select", None, _choices(v.CONTENT_TYPE_LABELS)),
            Field("reason", L.FIELD_REASON),
        ]
        names = ", ".join(ctx.student_name(s) for s in self.students[:4]) + (
            f" (+{len(self.students) - 4})" if len(self.students) > 4 else "")
        super().__init__(L.GROUP_BILAN_TITLE.format(len(self.students), period.id), fields, self._build,
                         text=L.GROUP_BILAN_TEXT.format(names), check=self._check)

    def _written(self, values: dict[str, Any]) -> tuple[list[str], list[str]]:
        if values["decision"] == CHANGE and values["to_group"]:
            return allowed(self.offered, self.students, values["to_group"])
        return list(self.students), []

    def _check(self, values: dict[str, Any]) -> str | None:
        if values["decision"] == CHANGE:
            if not values["to_group"] and not values["to_type"]:
                return L.REQUIRED.format(L.FIELD_TO_GROUP)
            if not values["reason"]:
                return L.REQUIRED.format(L.FIELD_REASON)
        written, left = self._written(values)
        if not written:
            return L.GROUP_BILAN_NOBODY.format(values["to_group"])
        return None

    def _build(self, values: dict[str, Any]) -> Together:
        written, left = self._written(values)
        changing = values["decision"] == CHANGE
        commands = [WriteBilan(
            year=self.year.id, period=self.period.id, student=student, author=values["author"], day=values["day"],
            outcome=values["outcome"], comment=values["comment"] or "", decision=values["decision"],
            to_group=values["to_group"] if changing else None, to_type=values["to_type"] if changing else None,
            reason=values["reason"] or "") for student in written]
        decision = v.DECISION_LABELS.get(values["decision"], values["decision"]).lower()
        if changing and values["to_group"]:
            decision = f"changement vers « {values['to_group']} »"
        summary = L.GROUP_BILAN_SUMMARY.format(period=self.period.id, count=len(written),
                                               outcome=v.OUTCOME_LABELS.get(values["outcome"], "").lower(),
                                               decision=decision)
        summary += " : " + ", ".join(written)
        if left:
            summary += L.GROUP_BILAN_LEFT_OUT.format(values["to_group"], ", ".join(left))
        return Together(commands, summary)
