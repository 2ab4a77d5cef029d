"""The periods of a year: create, move, split, delete, or take the proposal between holidays.

Each change is checked before it is written, with the validator's own
calendar rules (APT301 inside the year, APT302 no overlap, APT303 4 to 7
weeks of school): a change that would add such a problem is refused with
the problem's message.  A period that holds groups, sessions or bilans is
never deleted, and a change never leaves a session outside its period.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import Command, EditRefused, Snapshot, check_id, day_text
from aptui.edit.comments import remove_entry
from aptui.edit.files import FileChange
from aptui.edit.period_proposal import CALENDAR_CODES, calendar_problems, propose
from aptui.edit.roundtrip import child_seq, insert_item, new_map
from aptui.edit.setup_common import PERIOD_KEYS, YEAR_KEYS, as_date, entries, find_entry, year_file


def _period_uses(snap: Snapshot, year: str, period: str) -> list[str]:
    """What a period holds: its groups, sessions, bilans, the exemptions that name it."""
    base = snap.root / "years" / year
    uses = []
    for folder, what in (("groups", "groupes"), ("sessions", "séances")):
        files = sorted((base / folder / period).glob("*.yaml")) if (base / folder / period).is_dir() else []
        if files:
            uses.append(f"{len(files)} fichier(s) de {what}")
    if (base / "bilans" / f"{period}.yaml").is_file():
        uses.append("des bilans")
    for entry in (snap.read(layout.year_path(year)) or {}).get(v.EXEMPTIONS) or ():
        if isinstance(entry, Mapping) and period in (entry.get(v.PERIODS) or ()):
            uses.append(f"la dispense de {entry.get(v.STUDENT)}")
    return uses


def _session_days(snap: Snapshot, year: str, period: str) -> list[date]:
    folder = snap.root / "years" / year / "sessions" / period
    days = []
    for file in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        for session in (snap.read(layout.sessions_path(year, period, file.stem)) or {}).get(v.SESSIONS) or ():
            day = as_date(session.get(v.DATE)) if isinstance(session, Mapping) else None
            if day is not None:
                days.append(day)
    return sorted(days)


def _periods(data: CommentedMap) -> CommentedSeq:
    return child_seq(data, v.PERIODS, YEAR_KEYS)


def _insert_in_order(data: CommentedMap, entry: CommentedMap) -> None:
    periods = _periods(data)
    start = entry[v.START]
    pos = sum(1 for p in periods if isinstance(p, CommentedMap) and (as_date(p.get(v.START)) or start) < start)
    insert_item(periods, pos, entry, owner=(data, v.PERIODS))


def _validated(snap: Snapshot, year: str) -> list[FileChange]:
    """The changes, refused if they add an APT301–303 problem to the year."""
    changes = snap.changes()
    path = layout.year_path(year)
    planned = next((c for c in changes if c.path == path), None)
    if planned is None or planned.after is None or planned.before is None:
        return changes
    before = calendar_problems(snap.root, year, planned.before)
    after = calendar_problems(snap.root, year, planned.after)
    # A change may not add a problem: one that shortens a period still too long (same count) is allowed.
    worse = [code for code in CALENDAR_CODES
             if sum(d.code == code for d in after) > sum(d.code == code for d in before)]
    if worse:
        known = {(d.code, d.message) for d in before}
        new = next(d for d in after if d.code in worse and (d.code, d.message) not in known)
        raise EditRefused(f"{new.code} : {new.message}")
    return changes


def _entry(data: CommentedMap, year: str, ident: str) -> CommentedMap:
    check_id(ident, "période")
    entry = find_entry(data, v.PERIODS, ident)
    if entry is None:
        raise EditRefused(f"période inconnue : {ident} en {year}")
    return entry


def next_period_id(data: Mapping[str, object]) -> str:
    taken = {str(e.get(v.ID)) for e in entries(data, v.PERIODS)}
    n = 1
    while f"P{n}" in taken:
        n += 1
    return f"P{n}"


@dataclass(frozen=True)
class CreatePeriod(Command):
    year: str
    start: date
    end: date
    ident: str | None = None  # default: the first free P<n>

    def paths(self) -> list[str]:
        return [layout.year_path(self.year)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = year_file(snap, self.year)
        ident = self.ident or next_period_id(data)
        check_id(ident, "période")
        if find_entry(data, v.PERIODS, ident) is not None:
            raise EditRefused(f"la période {ident} existe déjà en {self.year}")
        self._remember(id=ident)
        _insert_in_order(data, new_map(zip(PERIOD_KEYS, (ident, self.start, self.end))))
        return _validated(snap, self.year)

    def describe(self) -> str:
        return (f"Période {self._name('id', self.ident or '?')} ({self.year}) : du {day_text(self.start)} "
                f"au {day_text(self.end)}")


@dataclass(frozen=True)
class MovePeriod(Command):
    """New dates for a period; its sessions must stay inside."""

    year: str
    ident: str
    start: date
    end: date

    def paths(self) -> list[str]:
        return [layout.year_path(self.year)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = year_file(snap, self.year)
        entry = _entry(data, self.year, self.ident)
        outside = [d for d in _session_days(snap, self.year, self.ident) if not self.start <= d <= self.end]
        if outside:
            raise EditRefused(f"la séance du {day_text(outside[0])} de {self.ident} serait hors de la période : "
                              "gardez-la dans les nouvelles dates")
        entry[v.START], entry[v.END] = self.start, self.end
        periods = _periods(data)
        ordered = sorted(periods, key=lambda p: as_date(p.get(v.START)) or self.start)
        if list(periods) != ordered:
            periods.sort(key=lambda p: as_date(p.get(v.START)) or self.start)
        return _validated(snap, self.year)

    def describe(self) -> str:
        return f"Période {self.ident} ({self.year}) : du {day_text(self.start)} au {day_text(self.end)}"


@dataclass(frozen=True)
class SplitPeriod(Command):
    """Cut a period in two at ``at``: the first part keeps its id and groups, the second is new."""

    year: str
    ident: str
    at: date
    new_ident: str | None = None

    def paths(self) -> list[str]:
        return [layout.year_path(self.year)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = year_file(snap, self.year)
        entry = _entry(data, self.year, self.ident)
        start, end = as_date(entry.get(v.START)), as_date(entry.get(v.END))
        if start is None or end is None or not start < self.at <= end:
            raise EditRefused(f"le {day_text(self.at)} n'est pas à l'intérieur de {self.ident} : choisissez un jour "
                              "après son début et avant sa fin")
        later = [d for d in _session_days(snap, self.year, self.ident) if d >= self.at]
        if later:
            raise EditRefused(f"{self.ident} a une séance le {day_text(later[0])}, après la coupure : "
                              "coupez après la dernière séance")
        ident = self.new_ident or next_period_id(data)
        check_id(ident, "période")
        if find_entry(data, v.PERIODS, ident) is not None:
            raise EditRefused(f"la période {ident} existe déjà en {self.year}")
        self._remember(id=ident)
        first_end = self.at - timedelta(days=1)
        while first_end.weekday() >= 5:
            first_end -= timedelta(days=1)  # the first part ends on the Friday before the cut
        entry[v.END] = first_end
        _insert_in_order(data, new_map(zip(PERIOD_KEYS, (ident, self.at, end))))
        return _validated(snap, self.year)

    def describe(self) -> str:
        return f"Période {self.ident} ({self.year}) coupée le {day_text(self.at)} : la suite devient {self._name('id', '?')}"


@dataclass(frozen=True)
class DeletePeriod(Command):
    """Refused when the period holds groups, sessions, bilans or is named by an exemption."""

    year: str
    ident: str

    def paths(self) -> list[str]:
        return [layout.year_path(self.year)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = year_file(snap, self.year)
        _entry(data, self.year, self.ident)
        uses = _period_uses(snap, self.year, self.ident)
        if uses:
            raise EditRefused(f"la période {self.ident} contient {', '.join(uses)} : elle ne peut pas être supprimée")
        periods = _periods(data)
        if len(periods) == 1:
            raise EditRefused("une année garde au moins une période : modifiez-la plutôt")
        index = next(i for i, p in enumerate(periods) if isinstance(p, CommentedMap) and p.get(v.ID) == self.ident)
        remove_entry(periods, index, (data, v.PERIODS))
        return _validated(snap, self.year)

    def describe(self) -> str:
        return f"Période {self.ident} supprimée ({self.year})"


@dataclass(frozen=True)
class ProposePeriods(Command):
    """Replace the periods by the proposal between the zone's holidays (none may hold anything yet)."""

    year: str

    def paths(self) -> list[str]:
        return [layout.year_path(self.year)]

    def plan(self, root: Path) -> list[FileChange]:
        from aptui.edit.setup_calendar import year_calendar

        snap = Snapshot(root)
        data = year_file(snap, self.year)
        for entry in entries(data, v.PERIODS):
            uses = _period_uses(snap, self.year, str(entry.get(v.ID)))
            if uses:
                raise EditRefused(f"la période {entry.get(v.ID)} contient {', '.join(uses)} : "
                                  "ajustez les périodes une à une")
        calendar, first, last = year_calendar(snap, self.year)
        proposal = propose(calendar, first, last)
        if not proposal:
            raise EditRefused(f"aucune période de 4 semaines ne tient dans {self.year} : vérifiez les dates")
        periods = _periods(data)
        for index in reversed(range(len(periods))):
            remove_entry(periods, index, (data, v.PERIODS))
        for ident, start, end in proposal:
            insert_item(periods, len(periods), new_map(zip(PERIOD_KEYS, (ident, start, end))), owner=(data, v.PERIODS))
        self._remember(count=str(len(proposal)))
        return _validated(snap, self.year)

    def describe(self) -> str:
        return f"Périodes de {self.year} proposées entre les vacances ({self._name('count', '?')} périodes)"
