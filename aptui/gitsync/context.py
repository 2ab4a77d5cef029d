"""What the change detectors may look up besides the changed files themselves:
names, the order of periods, the bilans that explain a move, the group a
student came from in the previous period."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aptui import vocab as v
from aptui.gitsync.changes import Names, as_dict, as_list, id_set
from aptui.gitsync.snapshot import Snapshot
from aptui.layout import bilans_path, year_path


class DiffContext:
    """Both states of the school, with lookups cached."""

    def __init__(self, old: Snapshot, new: Snapshot, focus: frozenset[str] | None = None) -> None:
        self.old = old
        self.new = new
        self.names = Names(new, old, focus)
        self._periods: dict[str, list[str]] = {}

    def periods(self, year: str) -> list[str]:
        """The period ids of a year, in calendar order (new state, else old)."""
        if year not in self._periods:
            data = self.new.data(year_path(year)) or self.old.data(year_path(year))
            items = [p for p in as_list(as_dict(data).get(v.PERIODS)) if isinstance(p, dict)]
            items.sort(key=lambda p: (str(p.get(v.START, "")), str(p.get(v.ID, ""))))
            self._periods[year] = [str(p.get(v.ID)) for p in items if p.get(v.ID)]
        return self._periods[year]

    def period_before(self, year: str, period: str) -> str | None:
        order = self.periods(year)
        if period in order and order.index(period) > 0:
            return order[order.index(period) - 1]
        return None

    def period_after(self, year: str, period: str) -> str | None:
        order = self.periods(year)
        if period in order and order.index(period) + 1 < len(order):
            return order[order.index(period) + 1]
        return None

    def bilan(self, year: str, period: str | None, student: str) -> Mapping[str, Any] | None:
        """The bilan of a student at the end of a period (new state)."""
        if period is None:
            return None
        entry = as_dict(as_dict(self.new.data(bilans_path(year, period))).get(v.BILANS)).get(student)
        return entry if isinstance(entry, dict) else None

    def groups(self, snapshot: Snapshot, year: str, period: str) -> dict[str, Any]:
        """group id -> parsed group file, for one period of a snapshot."""
        prefix = f"years/{year}/groups/{period}/"
        paths = snapshot.paths_in(prefix[:-1])
        snapshot.prefetch(paths)
        return {p[len(prefix):-len(".yaml")]: snapshot.data(p) for p in paths}

    def previous_group(self, year: str, period: str, student: str) -> tuple[str, str] | None:
        """(period, group) the student was in during the previous period (new state)."""
        before = self.period_before(year, period)
        if before is None:
            return None
        for group_id, data in sorted(self.groups(self.new, year, before).items()):
            if student in id_set(data, v.STUDENTS):
                return before, group_id
        return None
