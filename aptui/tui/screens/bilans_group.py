"""Bilans for several students at once (mixed into ``BilansScreen``): espace ticks the selected student,
« T » ticks every student shown (a filter on a group id shows that group) or none, « G » writes one bilan
for the ticked ones (``dialogs/group_bilans.py``: one edit, one commit, one ctrl+z)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui.dialogs.group_bilans import GroupBilanDialog

if TYPE_CHECKING:
    from aptui.model.entities import Year
    from aptui.tui.data.bilans import BilanRow
    from aptui.tui.screens.base import AptScreen

    _Base = AptScreen
else:
    _Base = object

GROUP_BILAN_BINDINGS = [
    Binding("space", "tick", L.KEY_BILAN_MARK, show=False, id="bilans.tick"),
    Binding("T", "tick_all", L.KEY_BILAN_MARK_ALL, show=False, id="bilans.tick-all"),
    Binding("G", "group_bilan", L.KEY_GROUP_BILAN, id="bilans.group-bilan"),
]
GROUP_BILAN_GROUPS = dict.fromkeys(("bilans.tick", "bilans.tick-all", "bilans.group-bilan"), L.HELP_GROUP_GROUP_BILAN)


class GroupBilanActions(_Base):
    if TYPE_CHECKING:
        shown: list[BilanRow]
        period_id: str | None

        @property
        def year(self) -> Year | None: ...

        @property
        def selected(self) -> BilanRow | None: ...

        def _fill(self, keep: str | None) -> None: ...

    @property
    def ticked(self) -> set[str]:
        """The students ticked for a bilan together (kept across filters, cleared with the period)."""
        found: set[str] | None = getattr(self, "_ticked", None)
        if found is None:
            found = set()
            self._ticked = found
        return found

    def ticked_name(self, row: BilanRow, width: int | None = None) -> str | Text:
        """The name cell, cut to ``width``: a tick before a ticked student."""
        if row.student in self.ticked:
            return Text(fmt.fit(L.GROUP_BILAN_MARK + row.name, width), style="bold")
        return fmt.fit(row.name, width)

    def ticked_count(self) -> str:
        return L.GROUP_BILAN_MARKED.format(len(self.ticked)) if self.ticked else ""

    def action_tick(self) -> None:
        """Tick or untick the selected student, then the next one is selected."""
        row = self.selected
        if row is None:
            return
        self.ticked.symmetric_difference_update({row.student})
        table = self.query_one("#bilan-table", DataTable)
        next_row = min(table.cursor_row + 1, len(self.shown) - 1)
        self._fill(keep=row.student)
        table.move_cursor(row=next_row)

    def action_tick_all(self) -> None:
        """Tick every student shown, or none when they all are."""
        shown = {r.student for r in self.shown}
        if shown and shown <= self.ticked:
            self.ticked.difference_update(shown)
        else:
            self.ticked.update(shown)
        self._fill(keep=self.selected.student if self.selected else None)

    def action_group_bilan(self) -> None:
        """One result and decision for every ticked student."""
        year = self.year
        period = year.period(self.period_id) if year and self.period_id else None
        students = sorted(s for s in self.ticked if any(r.student == s for r in getattr(self, "rows", [])))
        if year is None or period is None or not students:
            self.notify(L.GROUP_BILAN_NONE_MARKED, severity="warning")
            return
        from aptui.gitsync.identity import staff_id

        try:
            author = staff_id(self.ctx.root)
        except Exception:  # noqa: BLE001 - no git: the pilote is offered
            author = None

        def written(command: object | None) -> None:
            if command is not None:
                self.ticked.clear()
                self.request_edit(command)

        self.app.push_screen(GroupBilanDialog(self.ctx, year, period, students, author), written)
