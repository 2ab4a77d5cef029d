"""The sessions of a period planned ahead: every day the barrette meets, for each of its groups.

The hour budget counts every recorded session, past and planned (docs/rules.md): a first appel
alone would leave the period far below its pace (APT403).  Planning the period writes one
session (date, start, duration, no appel) on each school day of the barrette's weekday, for each
group that has none that day and has someone expected (not every member in PFMP: APT311); the
appel is then taken on each of them as the weeks go by.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import SESSION_KEYS, Command, EditRefused, Snapshot, day_text, insert_dated
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import child_seq, new_map, new_seq, time_value
from aptui.model.analysis import Analysis
from aptui.model.entities import Year


@dataclass(frozen=True, slots=True)
class PlannedSession:
    group: str
    day: date
    start: str
    """« 14:00 »."""
    duration: int


def sessions_to_plan(analysis: Analysis, year: Year, period_id: str, barrette_id: str) -> list[PlannedSession]:
    """The sessions missing in the period for the barrette's groups: one each school day of its weekday."""
    period, barrette = year.period(period_id), year.barrettes.get(barrette_id)
    if period is None or barrette is None:
        return []
    calendar = analysis.calendar(year.id)
    days = [d for d in calendar.school_days(period.start, period.end) if d.weekday() == barrette.weekday]
    start = f"{barrette.start_minute // 60:02d}:{barrette.start_minute % 60:02d}"
    planned = []
    for group in sorted((g for g in year.groups_of(period_id) if g.barrette == barrette_id), key=lambda g: g.id):
        held = {s.day for s in year.sessions.get((period_id, group.id), ())}
        planned += [PlannedSession(group.id, day, start, barrette.duration) for day in days if day not in held
                    and not all(analysis.away_on(year.id, s, day) for s in group.students)]  # all in PFMP: APT311
    return planned


@dataclass(frozen=True)
class PlanSessions(Command):
    """Write the planned sessions of a period (one edit, one commit); a day already recorded is refused."""

    year: str
    period: str
    sessions: Sequence[PlannedSession]

    def paths(self) -> list[str]:
        return sorted({layout.sessions_path(self.year, self.period, s.group) for s in self.sessions})

    def plan(self, root: Path) -> list[FileChange]:
        if not self.sessions:
            raise EditRefused(f"aucune séance à planifier en {self.period} : chaque jour de barrette en a déjà une")
        snap = Snapshot(root)
        for session in self.sessions:
            snap.require_group(self.year, self.period, session.group)
            path = layout.sessions_path(self.year, self.period, session.group)
            data = snap.edit_or_create(path, layout.Kind.SESSIONS, new_map([(v.SESSIONS, new_seq())]))
            items = child_seq(data, v.SESSIONS)
            if any(item.get(v.DATE) == session.day for item in items if hasattr(item, "get")):
                raise EditRefused(f"{session.group} a déjà une séance le {day_text(session.day)} : relancez")
            entry = new_map([(v.DATE, session.day), (v.START, time_value(session.start)),
                             (v.DURATION, session.duration)])
            insert_dated(data, v.SESSIONS, entry, SESSION_KEYS)
        return snap.changes()

    def describe(self) -> str:
        groups = len({s.group for s in self.sessions})
        return (f"{self.period} : {len(self.sessions)} séance(s) planifiée(s) pour {groups} groupe(s), "
                f"du {day_text(min(s.day for s in self.sessions))} au {day_text(max(s.day for s in self.sessions))}")
