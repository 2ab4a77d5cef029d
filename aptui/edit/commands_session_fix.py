"""Corrections of a recorded session: its date, time, length and activity; deleting one entered wrongly.

The attendance of a session stays with it when its date changes (the same session, held
another day); deleting a session deletes its attendance, which the description says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import (
    SESSION_KEYS,
    TIME_PATTERN,
    Command,
    EditRefused,
    Snapshot,
    check_duration,
    check_time,
    day_text,
    optional_text,
    quoted,
    update_entry,
)
from aptui.edit.commands_records import redate
from aptui.edit.commands_sessions import _count_text
from aptui.edit.comments import remove_entry
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import time_value


def _sessions(snap: Snapshot, year: str, period: str, group: str, day: date) -> tuple[CommentedMap, CommentedSeq, int]:
    """The sessions file, its list and the index of the session of ``day``; refuses when there is none."""
    snap.require_group(year, period, group)
    path = layout.sessions_path(year, period, group)
    missing = f"aucune séance du {day_text(day)} pour le groupe {group} : rien à corriger (rechargez avec g)"
    data = snap.edit(path, missing)
    sessions = data.get(v.SESSIONS)
    if isinstance(sessions, CommentedSeq):
        for index, entry in enumerate(sessions):
            if isinstance(entry, CommentedMap) and entry.get(v.DATE) == day:
                return data, sessions, index
    raise EditRefused(missing)


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _check_barrette(barrette: Mapping[str, object], day: date, start: str, duration: int) -> None:
    weekday = str(barrette.get(v.WEEKDAY, ""))
    if weekday in v.WEEKDAYS and v.WEEKDAYS.index(weekday) != day.weekday():
        raise EditRefused(f"le {day_text(day)} est un {v.WEEKDAYS[day.weekday()]} : la barrette "
                          f"{barrette.get(v.ID)} a lieu le {weekday}")
    slot_start, slot_length = str(barrette.get(v.START, "")), barrette.get(v.DURATION)
    if TIME_PATTERN.match(slot_start) and isinstance(slot_length, int):
        first, last = _minutes(slot_start), _minutes(slot_start) + slot_length
        if _minutes(start) < first or _minutes(start) + duration > last:
            end = _minutes(start) + duration
            raise EditRefused(
                f"de {start} à {end // 60:02d}:{end % 60:02d} : hors du créneau de la barrette {barrette.get(v.ID)} "
                f"({first // 60:02d}:{first % 60:02d}–{last // 60:02d}:{last % 60:02d}), corrigez le début ou la durée")


def _clock(value: object) -> str:
    return str(value) if value is not None else ""


@dataclass(frozen=True)
class EditSession(Command):
    """Correct a session: another date in the same period (kept in date order), start, length, activity."""

    year: str
    period: str
    group: str
    day: date
    new_day: date
    start: str
    duration_min: int
    activity: str = ""

    def paths(self) -> list[str]:
        return [layout.sessions_path(self.year, self.period, self.group)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        check_time(self.start)
        check_duration(self.duration_min)
        data, sessions, index = _sessions(snap, self.year, self.period, self.group, self.day)
        start, end = snap.period_bounds(self.year, self.period)
        if not start <= self.new_day <= end:
            raise EditRefused(
                f"le {day_text(self.new_day)} est hors de la période {self.period} (du {day_text(start)} au "
                f"{day_text(end)}) : une séance d'une autre période s'enregistre dans le groupe de cette période")
        if self.new_day != self.day and any(
                isinstance(e, CommentedMap) and e.get(v.DATE) == self.new_day for e in sessions):
            raise EditRefused(
                f"le groupe {self.group} a déjà une séance le {day_text(self.new_day)} : corrigez ou supprimez "
                f"celle-là d'abord")
        self._check_slot(snap)
        entry: CommentedMap = sessions[index]
        self._remember(title=snap.group_title(self.year, self.period, self.group),
                       was_start=_clock(entry.get(v.START)), was_duration=str(entry.get(v.DURATION, "")),
                       was_activity=str(entry.get(v.ACTIVITY) or ""))
        if self.new_day != self.day:
            redate(data, v.SESSIONS, index, self.new_day, SESSION_KEYS, ())
        update_entry(entry, [(v.START, time_value(self.start)), (v.DURATION, self.duration_min),
                             (v.ACTIVITY, optional_text(self.activity))], SESSION_KEYS)
        return snap.changes()

    def _check_slot(self, snap: Snapshot) -> None:
        """A school day on which the group's barrette meets, within its hours (as ``aptui validate`` checks)."""
        from aptui.edit.setup_calendar import year_calendar

        group = snap.read(layout.group_path(self.year, self.period, self.group)) or {}
        for barrette in snap.year_data(self.year).get(v.BARRETTES) or ():
            if isinstance(barrette, Mapping) and barrette.get(v.ID) == group.get(v.BARRETTE):
                _check_barrette(barrette, self.new_day, self.start, self.duration_min)
        if self.new_day == self.day:
            return
        calendar, _first, _last = year_calendar(snap, self.year)
        if not calendar.is_school_day(self.new_day):
            raise EditRefused(f"le {day_text(self.new_day)} n'est pas un jour de cours ({calendar.why_closed(self.new_day)})")

    def describe(self) -> str:
        parts = []
        if self.new_day != self.day:
            parts.append(f"date → {day_text(self.new_day)}")
        if self._name("was_start", self.start) != self.start:
            parts.append(f"début {self._name('was_start', '')} → {self.start}")
        if self._name("was_duration", str(self.duration_min)) != str(self.duration_min):
            parts.append(f"durée {self._name('was_duration', '')} → {self.duration_min} min")
        if self._name("was_activity", self.activity.strip()) != self.activity.strip():
            parts.append(f"activité {quoted(self.activity.strip())}" if self.activity.strip() else "activité effacée")
        return (f"{self.period} : séance du {day_text(self.day)}, groupe {quoted(self._name('title', self.group))}, "
                f"corrigée : {', '.join(parts) or 'rien'}")


@dataclass(frozen=True)
class DeleteSession(Command):
    """Delete a session entered wrongly, with its attendance."""

    year: str
    period: str
    group: str
    day: date

    def paths(self) -> list[str]:
        return [layout.sessions_path(self.year, self.period, self.group)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data, sessions, index = _sessions(snap, self.year, self.period, self.group, self.day)
        marks = sessions[index].get(v.ATTENDANCE)
        counted = _count_text({str(k): str(m) for k, m in marks.items()}) if isinstance(marks, CommentedMap) else ""
        self._remember(title=snap.group_title(self.year, self.period, self.group), marks=counted)
        remove_entry(sessions, index, (data, v.SESSIONS))  # the last one leaves « seances: [] »
        return snap.changes()

    def describe(self) -> str:
        marks = self._name("marks", "")
        lost = f" (appel effacé : {marks})" if marks else " (sans appel)"
        return (f"{self.period} : séance du {day_text(self.day)} supprimée, groupe "
                f"{quoted(self._name('title', self.group))}{lost}")
