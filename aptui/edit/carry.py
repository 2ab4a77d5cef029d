"""A student's attendance marks when they change group: carried along a dated move, guarded for an undated one.

A dated move makes the student a member of the new group from its date on
(docs/format.md): their marks in the old group's later sessions would be
marks of a non-member (APT601), and the new group's appels would miss them.
``carry_marks`` moves each such mark to the new group's session of the same
day, with the same status, in the same edit.  A mark whose day has no session
in the new group stays where it is (nothing is dropped): the remaining
diagnostic says what to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import SESSION_KEYS, Snapshot


@dataclass(frozen=True)
class Carried:
    """Which days' marks moved to the new group, which stayed (no session that day there)."""

    moved: list[date] = field(default_factory=list)
    kept: list[date] = field(default_factory=list)


def _as_day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _sessions(data: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    entries = (data or {}).get(v.SESSIONS) or ()
    return [entry for entry in entries if isinstance(entry, Mapping)]


def marked_days(snap: Snapshot, year: str, period: str, group: str, student: str,
                since: date | None = None) -> list[date]:
    """The days (from ``since`` on) of the group's sessions where the student has a mark."""
    data = snap.read(layout.sessions_path(year, period, group))
    days = []
    for entry in _sessions(data):
        day, sheet = _as_day(entry.get(v.DATE)), entry.get(v.ATTENDANCE)
        if day is not None and isinstance(sheet, Mapping) and student in sheet and (since is None or day >= since):
            days.append(day)
    return sorted(days)


def appel_days(snap: Snapshot, year: str, period: str, group: str) -> list[date]:
    """The days of the group's sessions whose appel has been taken (at least one mark)."""
    data = snap.read(layout.sessions_path(year, period, group))
    days = [_as_day(entry.get(v.DATE)) for entry in _sessions(data) if entry.get(v.ATTENDANCE)]
    return sorted(d for d in days if d is not None)


def carry_marks(snap: Snapshot, year: str, period: str, student: str, from_group: str, to_group: str,
                since: date) -> Carried:
    """Move the student's marks of ``from_group``'s sessions on or after ``since`` to ``to_group``'s."""
    from ruamel.yaml.comments import CommentedMap

    from aptui.edit.roundtrip import child_map, delete_key, set_key_sorted

    days = marked_days(snap, year, period, from_group, student, since)
    if not days:
        return Carried()
    source = snap.edit(layout.sessions_path(year, period, from_group), "")
    target_path = layout.sessions_path(year, period, to_group)
    target = snap.edit(target_path, "") if snap.exists(target_path) else CommentedMap()
    targets = {entry.get(v.DATE): entry for entry in target.get(v.SESSIONS) or ()
               if isinstance(entry, CommentedMap)}
    carried = Carried()
    for entry in source.get(v.SESSIONS) or ():
        if not isinstance(entry, CommentedMap) or entry.get(v.DATE) not in days:
            continue
        day = entry[v.DATE]
        arrival = targets.get(day)
        if arrival is None:
            carried.kept.append(day)
            continue
        sheet = entry[v.ATTENDANCE]
        status = sheet[student]
        delete_key(sheet, student, owner=(entry, v.ATTENDANCE))
        if not sheet:
            delete_key(entry, v.ATTENDANCE)
        set_key_sorted(child_map(arrival, v.ATTENDANCE, SESSION_KEYS), student, status,
                       owner=(arrival, v.ATTENDANCE))
        carried.moved.append(day)
    return carried
