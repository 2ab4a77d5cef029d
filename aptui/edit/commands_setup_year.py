"""The organisation of a year: divisions (level, formation, ``precedente``) and barrettes.

A barrette is checked as it is written: its divisions exist, and none of
them is in another barrette at the same time (APT701).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import (
    Command,
    EditRefused,
    Snapshot,
    check_choice,
    check_duration,
    check_id,
    check_time,
    check_year,
    update_entry,
)
from aptui.edit.comments import remove_entry
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import child_seq, insert_item, new_map, new_seq, text_value, time_value
from aptui.edit.setup_common import BARRETTE_KEYS, DIVISION_KEYS, YEAR_KEYS, division_ids, entries, find_entry, year_file
from aptui.rules.barrettes import Slot, overlap_message, overlaps

SLOT_DAYS = v.WEEKDAYS[:6]  # Monday to Saturday, as the schema allows


def previous_year(year: str) -> str:
    start = int(year[:4])
    return f"{start - 1}-{start}"


def _check_previous(snap: Snapshot, year: str, previous: str) -> None:
    """A ``precedente`` names a division of the year before, when that year is in the school."""
    check_id(previous, "division précédente")
    before = previous_year(year)
    if snap.exists(layout.year_path(before)) and not snap.exists(layout.division_path(before, previous)):
        raise EditRefused(f"division précédente inconnue : {previous} n'existe pas en {before}")


@dataclass(frozen=True)
class CreateDivision(Command):
    year: str
    ident: str
    level: str
    formation: str
    previous: str | None = None

    def paths(self) -> list[str]:
        return [layout.division_path(self.year, self.ident)]

    def plan(self, root: Path) -> list[FileChange]:
        check_year(self.year)
        check_id(self.ident, "identifiant de division")
        check_choice(self.level, v.LEVELS, "niveau")
        snap = Snapshot(root)
        snap.year_data(self.year)
        if self.previous:
            _check_previous(snap, self.year, self.previous)
        formation = " ".join(self.formation.split())
        if not formation:
            raise EditRefused("formation obligatoire (ex. MELEC)")
        path = layout.division_path(self.year, self.ident)
        snap.create(path, layout.Kind.DIVISION, new_map([
            (v.LEVEL, self.level), (v.FORMATION, text_value(formation)), (v.PREVIOUS, self.previous or None),
            (v.STUDENTS, new_seq()),
        ]), f"la division {self.ident} existe déjà en {self.year}")
        return snap.changes()

    def describe(self) -> str:
        after = f", suite de {self.previous}" if self.previous else ""
        return f"Division {self.ident} créée en {self.year} ({self.level} {self.formation.strip()}{after})"


@dataclass(frozen=True)
class EditDivision(Command):
    """None leaves a field; ``previous`` "" removes the link to the year before."""

    year: str
    ident: str
    level: str | None = None
    formation: str | None = None
    previous: str | None = None

    def paths(self) -> list[str]:
        return [layout.division_path(self.year, self.ident)]

    def plan(self, root: Path) -> list[FileChange]:
        check_year(self.year)
        check_id(self.ident, "identifiant de division")
        snap = Snapshot(root)
        path = layout.division_path(self.year, self.ident)
        data = snap.edit(path, f"division inconnue : {self.ident} en {self.year}")
        fields: list[tuple[str, object]] = []
        if self.level is not None:
            check_choice(self.level, v.LEVELS, "niveau")
            fields.append((v.LEVEL, self.level))
        if self.formation is not None:
            fields.append((v.FORMATION, text_value(" ".join(self.formation.split()))))
        if self.previous is not None:
            if self.previous:
                _check_previous(snap, self.year, self.previous)
            fields.append((v.PREVIOUS, self.previous or None))
        update_entry(data, fields, DIVISION_KEYS)
        return snap.changes()

    def describe(self) -> str:
        said = [f"niveau {self.level}"] if self.level else []
        said += [f"formation {self.formation.strip()}"] if self.formation else []
        if self.previous is not None:
            said.append(f"suite de {self.previous}" if self.previous else "sans division précédente")
        return f"Division {self.ident} ({self.year}) : {', '.join(said) or 'inchangée'}"


# --- barrettes ------------------------------------------------------------------------


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _slot(entry: Mapping[str, object]) -> Slot | None:
    """The slot of a barrette entry as written (None when a field is unreadable: validate says why)."""
    day, start, duration, divisions = (entry.get(k) for k in (v.WEEKDAY, v.START, v.DURATION, v.DIVISIONS))
    if day not in SLOT_DAYS or not isinstance(start, str) or not isinstance(duration, int):
        return None
    try:
        minute = _minutes(start)
    except ValueError:
        return None
    return Slot(str(entry.get(v.ID)), SLOT_DAYS.index(str(day)), minute, duration,
                tuple(str(d) for d in divisions) if isinstance(divisions, Sequence) else ())


def _check_barrettes(snap: Snapshot, year: str, data: CommentedMap, ident: str) -> None:
    """The barrette's divisions exist; none is in another barrette at the same time."""
    entry = find_entry(data, v.BARRETTES, ident)
    assert entry is not None
    known = set(division_ids(snap, year))
    for division in entry.get(v.DIVISIONS) or ():
        if division not in known:
            raise EditRefused(f"division inconnue : {division} en {year} (créez-la avec « aptui division creer »)")
    slots = [slot for e in entries(data, v.BARRETTES) if (slot := _slot(e)) is not None]
    for earlier, later, shared in overlaps(slots):
        if ident in (earlier.id, later.id):
            raise EditRefused(overlap_message(earlier, later, shared))


def _divisions_value(divisions: Sequence[str]) -> CommentedSeq:
    if len(set(divisions)) != len(divisions):
        raise EditRefused("une division est nommée deux fois : gardez une seule occurrence")
    for division in divisions:
        check_id(division, "identifiant de division")
    seq = new_seq(divisions)
    seq.fa.set_flow_style()  # « divisions: [2AGORA1, 2MELEC1] », as docs/format.md writes them
    return seq


@dataclass(frozen=True)
class CreateBarrette(Command):
    year: str
    ident: str
    weekday: str
    start: str
    duration: int
    divisions: tuple[str, ...]

    def paths(self) -> list[str]:
        return [layout.year_path(self.year)]

    def plan(self, root: Path) -> list[FileChange]:
        check_id(self.ident, "identifiant de barrette")
        check_choice(self.weekday, dict.fromkeys(SLOT_DAYS, ""), "jour")
        check_time(self.start)
        check_duration(self.duration)
        snap = Snapshot(root)
        data = year_file(snap, self.year)
        if find_entry(data, v.BARRETTES, self.ident) is not None:
            raise EditRefused(f"la barrette {self.ident} existe déjà en {self.year} : modifiez-la")
        items = child_seq(data, v.BARRETTES, YEAR_KEYS)
        if items.fa.flow_style():
            items.fa.set_block_style()  # « barrettes: [] » becomes a list, one barrette per entry
        insert_item(items, len(items), new_map([
            (v.ID, self.ident), (v.WEEKDAY, self.weekday), (v.START, time_value(self.start)),
            (v.DURATION, self.duration), (v.DIVISIONS, _divisions_value(self.divisions)),
        ]), owner=(data, v.BARRETTES))
        _check_barrettes(snap, self.year, data, self.ident)
        return snap.changes()

    def describe(self) -> str:
        return (f"Barrette {self.ident} ({self.year}) : le {self.weekday} à {self.start}, {self.duration} min, "
                f"{', '.join(self.divisions)}")


@dataclass(frozen=True)
class EditBarrette(Command):
    year: str
    ident: str
    weekday: str | None = None
    start: str | None = None
    duration: int | None = None
    divisions: tuple[str, ...] | None = None

    def paths(self) -> list[str]:
        return [layout.year_path(self.year)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = year_file(snap, self.year)
        entry = find_entry(data, v.BARRETTES, self.ident)
        if entry is None:
            raise EditRefused(f"barrette inconnue : {self.ident} en {self.year}")
        fields: list[tuple[str, object]] = []
        if self.weekday is not None:
            check_choice(self.weekday, dict.fromkeys(SLOT_DAYS, ""), "jour")
            fields.append((v.WEEKDAY, self.weekday))
        if self.start is not None:
            check_time(self.start)
            fields.append((v.START, time_value(self.start)))
        if self.duration is not None:
            check_duration(self.duration)
            fields.append((v.DURATION, self.duration))
        if self.divisions is not None and list(entry.get(v.DIVISIONS) or ()) != list(self.divisions):
            fields.append((v.DIVISIONS, _divisions_value(self.divisions)))
        update_entry(entry, fields, BARRETTE_KEYS)
        _check_barrettes(snap, self.year, data, self.ident)
        return snap.changes()

    def describe(self) -> str:
        said = [f"le {self.weekday}"] if self.weekday else []
        said += [f"à {self.start}"] if self.start else []
        said += [f"{self.duration} min"] if self.duration else []
        said += [f"divisions {', '.join(self.divisions)}"] if self.divisions is not None else []
        return f"Barrette {self.ident} ({self.year}) : {', '.join(said) or 'inchangée'}"


@dataclass(frozen=True)
class DeleteBarrette(Command):
    """Refused while a group of the year is in this barrette."""

    year: str
    ident: str

    def paths(self) -> list[str]:
        return [layout.year_path(self.year)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = year_file(snap, self.year)
        items = data.get(v.BARRETTES)
        index = next((i for i, e in enumerate(items or ()) if isinstance(e, Mapping) and e.get(v.ID) == self.ident),
                     None)
        if index is None or not isinstance(items, CommentedSeq):
            raise EditRefused(f"barrette inconnue : {self.ident} en {self.year}")
        folder = root / "years" / self.year / "groups"
        for file in sorted(folder.glob("*/*.yaml")) if folder.is_dir() else ():
            group = snap.read(layout.group_path(self.year, file.parent.name, file.stem)) or {}
            if group.get(v.BARRETTE) == self.ident:
                raise EditRefused(f"la barrette {self.ident} a des groupes ({file.stem} en {file.parent.name}) : "
                                  "supprimez-les ou changez-les de barrette d'abord")
        remove_entry(items, index, (data, v.BARRETTES))
        return snap.changes()

    def describe(self) -> str:
        return f"Barrette {self.ident} supprimée ({self.year})"
