"""The dialog of a move: to which group, from which day, and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from aptui.model.entities import Period
from aptui.tui import labels as L
from aptui.tui.data.context import clamp
from aptui.tui.dialogs.base import Field, FormDialog


@dataclass(frozen=True, slots=True)
class MoveChoice:
    """The answer of a ReasonDialog; ``day`` is None for a correction of the group's composition."""

    to_group: str
    day: date | None
    reason: str
    carry_marks: bool = True
    """A dated move takes the student's later marks to the new group's sessions."""


class ReasonDialog(FormDialog):
    """Asks the target group, the reason and the date of a move inside a period.

    The date defaults to today moved into the period; a move not dated (the
    period's composition, before it starts) leaves no arrival entry.
    """

    def __init__(self, title: str, groups: list[tuple[str, str]], period: Period, today: date,
                 dated: bool = True) -> None:
        fields = [
            Field("to_group", L.FIELD_TO_GROUP, "select", groups[0][1] if len(groups) == 1 else None,
                  tuple(groups), required=True),
            Field("dated", L.FIELD_DATED, "check", dated),
            Field("day", L.FIELD_DATE, "date", clamp(today, period)),
            Field("carry", L.FIELD_CARRY_MARKS, "check", True),
            Field("reason", L.FIELD_REASON, required=True),
        ]
        super().__init__(title, fields, check=self._check_day)
        self.period = period
        """The period the move happens in (the date must fall inside it)."""

    def _check_day(self, values: dict[str, Any]) -> str | None:
        if not values["dated"]:
            return None
        day = values["day"]
        if day is None:
            return L.REQUIRED.format(L.FIELD_DATE)
        if not self.period.contains(day):
            return L.DATE_OUTSIDE.format(self.period.id, f"{self.period.start:%d/%m/%Y}",
                                         f"{self.period.end:%d/%m/%Y}")
        return None

    def make_result(self, values: dict[str, Any]) -> MoveChoice:
        return MoveChoice(values["to_group"], values["day"] if values["dated"] else None, values["reason"],
                          bool(values["carry"]))
