"""Edits of a division's PFMP weeks (``pfmp`` in its division file), so no YAML is typed by hand.

A PFMP is a span of days (``du``, ``au``, optional ``motif``); the list is kept in
date order, spans never overlap, and every span lies inside the school year
(``premier_jour`` .. ``dernier_jour`` of year.yaml).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import Command, EditRefused, Snapshot, _as_date, check_id, check_year, day_text, optional_text
from aptui.edit.files import FileChange
from aptui.edit.setup_common import DIVISION_KEYS

# Canonical key order of a division file and of one PFMP entry (docs/format.md).
PLACEMENT_KEYS = (v.FROM, v.TO, v.REASON)


def weeks_touched(start: date, end: date) -> int:
    """Monday-to-Sunday weeks a span has weekdays in (for messages)."""
    mondays = {start + timedelta(days=n) for n in range((end - start).days + 1)}
    return len({d - timedelta(days=d.weekday()) for d in mondays if d.weekday() < 5})


def _division_file(snap: Snapshot, year: str, division: str) -> Any:
    check_year(year)
    check_id(division, "identifiant de division")
    path = layout.division_path(year, division)
    return snap.edit(path, f"division inconnue : {division} en {year} ({path} n'existe pas)")


def _placements(data: Any) -> list[tuple[Any, date, date]]:
    """(entry, start, end) of the PFMP entries that can be read."""
    found = []
    for entry in data.get(v.WORK_PLACEMENTS) or ():
        if isinstance(entry, Mapping):
            start = _as_date(entry.get(v.FROM))
            end = _as_date(entry.get(v.TO)) or start
            if start is not None and end is not None:
                found.append((entry, start, end))
    return found


@dataclass(frozen=True)
class AddWorkPlacement(Command):
    """Declare a PFMP of a division: its students are in companies, the barrette runs without them."""

    year: str
    division: str
    start: date
    end: date
    reason: str = ""

    def paths(self) -> list[str]:
        return [layout.division_path(self.year, self.division)]

    def plan(self, root: Path) -> list[FileChange]:
        from aptui.edit.roundtrip import child_seq, insert_item, new_map

        snap = Snapshot(root)
        data = _division_file(snap, self.year, self.division)
        self._inside_year(snap)
        for _, start, end in _placements(data):
            if start <= self.end and self.start <= end:
                raise EditRefused(
                    f"cette PFMP chevauche celle du {day_text(start)} au {day_text(end)} de {self.division} : "
                    f"retirez-la d'abord (aptui pfmp {self.division} --retirer --du {start.isoformat()})"
                )
        fields = [(v.FROM, self.start), (v.TO, self.end), (v.REASON, optional_text(self.reason))]
        entry = new_map([(key, value) for key, value in fields if value is not None])
        items = child_seq(data, v.WORK_PLACEMENTS, DIVISION_KEYS)
        position = sum(1 for _, start, _ in _placements(data) if start <= self.start)
        insert_item(items, position, entry, owner=(data, v.WORK_PLACEMENTS))
        return snap.changes()

    def _inside_year(self, snap: Snapshot) -> None:
        if self.end < self.start:
            raise EditRefused(
                f"PFMP du {day_text(self.start)} au {day_text(self.end)} : elle finit avant de commencer, "
                "échangez les dates"
            )
        year = snap.year_data(self.year)
        first, last = _as_date(year.get(v.FIRST_DAY)), _as_date(year.get(v.LAST_DAY))
        if first is not None and last is not None and not (first <= self.start and self.end <= last):
            raise EditRefused(
                f"PFMP du {day_text(self.start)} au {day_text(self.end)} hors de l'année {self.year} "
                f"({day_text(first)} – {day_text(last)}) : choisissez des dates de l'année, ou une autre année"
            )

    def describe(self) -> str:
        weeks = weeks_touched(self.start, self.end)
        text = (f"PFMP de {self.division} ({self.year}) : du {day_text(self.start)} au {day_text(self.end)}, "
                f"{weeks} semaine(s)")
        return text + (f" ({self.reason.strip()})" if self.reason.strip() else "")


@dataclass(frozen=True)
class RemoveWorkPlacement(Command):
    """Remove the PFMP of a division that starts on a given day."""

    year: str
    division: str
    start: date

    def paths(self) -> list[str]:
        return [layout.division_path(self.year, self.division)]

    def plan(self, root: Path) -> list[FileChange]:
        from aptui.edit.roundtrip import delete_key, remove_item

        snap = Snapshot(root)
        data = _division_file(snap, self.year, self.division)
        matches = [(entry, end) for entry, start, end in _placements(data) if start == self.start]
        if not matches:
            known = ", ".join(day_text(start) for _, start, _ in _placements(data)) or "aucune"
            raise EditRefused(
                f"aucune PFMP de {self.division} ne commence le {day_text(self.start)} "
                f"(PFMP déclarées, par date de début : {known})"
            )
        entry, end = matches[0]
        self._remember(end=day_text(end))
        items = data[v.WORK_PLACEMENTS]
        remove_item(items, entry, owner=(data, v.WORK_PLACEMENTS))
        if not items:
            delete_key(data, v.WORK_PLACEMENTS)
        return snap.changes()

    def describe(self) -> str:
        end = self._name("end", "")
        span = f"du {day_text(self.start)} au {end}" if end else f"commençant le {day_text(self.start)}"
        return f"PFMP de {self.division} ({self.year}) retirée : {span}"
