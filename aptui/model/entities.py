"""The immutable in-memory model of a school, built once from the documents.

Every entity remembers where it was read (``loc``), and the positions of the
fields that rules may point at (``at``), so a diagnostic can name the line.
Collections are tuples and read-only mappings by convention: rules, reports
and the TUI read the model; only edit commands (on files) change the school.
"""

from __future__ import annotations

from collections.abc import Mapping as _MappingBase
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator, Mapping

from aptui.diagnostics import Loc

NO_LOC = Loc("", 0, 0)


class FieldLocs(_MappingBase):  # type: ignore[type-arg]
    """The positions of some fields of a mapping (``Located.at``), made into ``Loc`` when asked.

    ``positions`` is the reader's position table of the mapping (``PosDict.pos``:
    key -> (key line, key column, value line, value column)); a field's
    position is that of its value.  A load builds ~40,000 of these and asks
    few of them: keeping the reader's table costs nothing, a ``Loc`` per
    field was a tenth of a cold build.  Reads as the dict it replaces.
    """

    __slots__ = ("path", "positions", "names")

    def __init__(self, path: str, positions: Mapping[Any, tuple[int, ...]], names: tuple[str, ...]) -> None:
        self.path = path
        self.positions = positions
        self.names = names

    def __getitem__(self, name: str) -> Loc:
        if name in self.names:
            position = self.positions.get(name)
            if position is not None:
                if type(position) is int:  # packed by __reduce__: value line and column
                    return Loc(self.path, position >> _COLUMN_BITS, position & _COLUMN_MASK)
                return Loc(self.path, position[2], position[3])
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:
        if name in self.names:
            position = self.positions.get(name)
            if position is not None:
                if type(position) is int:  # packed by __reduce__: value line and column
                    return Loc(self.path, position >> _COLUMN_BITS, position & _COLUMN_MASK)
                return Loc(self.path, position[2], position[3])
        return default

    def __contains__(self, name: object) -> bool:
        return name in self.names and name in self.positions

    def __iter__(self) -> Iterator[str]:
        return (name for name in self.names if name in self.positions)

    def __len__(self) -> int:
        return sum(1 for name in self.names if name in self.positions)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (load/snapshot.py) with only the named fields' value positions, each packed in one int:
        a tenth of the objects of the reader's table (a tuple of four ints per key of the mapping)."""
        return (FieldLocs, (self.path, _packed(self.positions, self.names, 2), self.names))


class KeyLocs(_MappingBase):  # type: ignore[type-arg]
    """Key -> position of that key's line, for the keys of ``marks`` (a session's attendance marks).

    As ``FieldLocs``: the reader's position table is kept and a ``Loc`` is made
    only for a mark a diagnostic (or the TUI) points at, not for the 100,000
    marks of a large school at each load.  Iterates in the order of ``marks``.
    """

    __slots__ = ("path", "marks", "positions")

    def __init__(self, path: str, marks: Mapping[str, Any], positions: Mapping[Any, tuple[int, ...]]) -> None:
        self.path = path
        self.marks = marks
        self.positions = positions

    def __getitem__(self, key: str) -> Loc:
        if key in self.marks:
            position = self.positions[key]
            if type(position) is int:  # packed by __reduce__: key line and column
                return Loc(self.path, position >> _COLUMN_BITS, position & _COLUMN_MASK)
            return Loc(self.path, position[0], position[1])
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        if key in self.marks:
            position = self.positions[key]
            if type(position) is int:  # packed by __reduce__: key line and column
                return Loc(self.path, position >> _COLUMN_BITS, position & _COLUMN_MASK)
            return Loc(self.path, position[0], position[1])
        return default

    def __contains__(self, key: object) -> bool:
        return key in self.marks

    def __iter__(self) -> Iterator[str]:
        return iter(self.marks)

    def __len__(self) -> int:
        return len(self.marks)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with each mark's key position packed in one int (as ``FieldLocs``)."""
        return (KeyLocs, (self.path, self.marks, _packed(self.positions, self.marks, 0)))


_COLUMN_BITS = 20
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1


def _packed(positions: Mapping[Any, Any], keys: Any, first: int) -> dict[Any, int]:
    """``key -> line << 20 | column`` of the (line, column) at ``first`` in the positions of ``keys``."""
    packed = {}
    for key in keys:
        position = positions.get(key)
        if position is not None:
            if type(position) is not int:
                line, column = position[first], position[first + 1]
                position = line << _COLUMN_BITS | column if 0 <= column <= _COLUMN_MASK and line >= 0 else None
                if position is None:
                    return dict(positions)  # not packable (never from the reader): kept as it is
            packed[key] = position
    return packed


@dataclass(frozen=True, slots=True)
class Located:
    """Positions of an entity in its file."""

    loc: Loc
    at: Mapping[str, Loc] = field(default_factory=dict)

    def of(self, name: str) -> Loc:
        """The position of one field, or of the entity when unknown."""
        return self.at.get(name, self.loc)


@dataclass(frozen=True, slots=True)
class HoursRules:
    """The hour budget a division receives (from the preset, maybe overridden)."""

    preset: str
    cycle: float
    per_level: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class SchoolInfo:
    name: str
    uai: str
    academy: str
    zone: str
    pilote: str
    hours: HoursRules
    pace_tolerance: float
    src: Located


@dataclass(frozen=True, slots=True)
class Teacher:
    id: str
    last_name: str
    first_name: str
    subjects: tuple[str, ...]
    src: Located

    @property
    def display(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True, slots=True)
class Need:
    content_type: str
    detail: str


@dataclass(frozen=True, slots=True)
class DiagnosticTest:
    """A diagnostic / positionnement taken by a student (not a validation problem)."""

    day: date
    tool: str
    result: str


@dataclass(frozen=True, slots=True)
class Interview:
    day: date
    teacher: str
    notes: str
    src: Located


@dataclass(frozen=True, slots=True)
class Objective:
    label: str
    status: str


@dataclass(frozen=True, slots=True)
class Student:
    id: str
    last_name: str
    first_name: str
    divisions: Mapping[str, str]  # school year -> division id
    profiles: Mapping[str, str]  # school year -> profile code
    needs: tuple[Need, ...]
    diagnostics: tuple[DiagnosticTest, ...]
    interviews: tuple[Interview, ...]
    objectives: tuple[Objective, ...]
    tutor: str | None
    study_project: str | None
    passerelle: bool
    left_on: date | None
    src: Located

    @property
    def display(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def sort_name(self) -> str:
        return f"{self.last_name} {self.first_name}".casefold()


@dataclass(frozen=True, slots=True)
class Period:
    id: str
    start: date
    end: date
    src: Located

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Barrette:
    """A weekly slot shared by several divisions."""

    id: str
    weekday: int  # 0 = Monday
    start_minute: int  # minutes after midnight
    duration: int  # minutes
    divisions: tuple[str, ...]
    src: Located

    @property
    def end_minute(self) -> int:
        return self.start_minute + self.duration


@dataclass(frozen=True, slots=True)
class DateSpan:
    """Closed (or reopened) days declared in year.yaml."""

    start: date
    end: date
    reason: str
    src: Located


@dataclass(frozen=True, slots=True)
class Exemption:
    student: str
    periods: tuple[str, ...] | None  # None: the whole year
    reason: str
    src: Located

    def covers(self, period: str) -> bool:
        return self.periods is None or period in self.periods


@dataclass(frozen=True, slots=True)
class Division:
    id: str
    year: str
    level: str
    formation: str
    previous: str | None  # the same cohort's division the year before
    students: tuple[str, ...]
    student_locs: tuple[Loc, ...]
    src: Located


@dataclass(frozen=True, slots=True)
class Arrival:
    """A dated move into a group during a period."""

    day: date
    student: str
    from_group: str
    reason: str
    src: Located


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    year: str
    period: str
    title: str
    content_type: str
    barrette: str
    teachers: tuple[str, ...]
    students: tuple[str, ...]  # members at the end of the period (after arrivals)
    student_locs: tuple[Loc, ...]
    arrivals: tuple[Arrival, ...]
    src: Located

    @property
    def key(self) -> tuple[str, str]:
        return (self.period, self.id)


@dataclass(frozen=True, slots=True)
class Session:
    year: str
    period: str
    group: str
    day: date
    start_minute: int
    duration: int
    activity: str
    notes: str
    attendance: Mapping[str, str]  # student id -> status
    attendance_lines: Mapping[str, Loc]  # student id -> position of the mark (a KeyLocs over attendance)
    src: Located

    @property
    def hours(self) -> float:
        return self.duration / 60


@dataclass(frozen=True, slots=True)
class Bilan:
    year: str
    period: str
    student: str
    author: str
    day: date
    outcome: str
    comment: str
    decision: str
    to_group: str | None
    to_type: str | None
    reason: str
    src: Located


@dataclass(frozen=True, slots=True)
class Year:
    id: str
    first_day: date
    last_day: date
    closures: tuple[DateSpan, ...]
    openings: tuple[DateSpan, ...]
    periods: tuple[Period, ...]  # in file order
    barrettes: Mapping[str, Barrette]
    exemptions: tuple[Exemption, ...]
    divisions: Mapping[str, Division]
    groups: Mapping[tuple[str, str], Group]  # (period, group id) -> group
    sessions: Mapping[tuple[str, str], tuple[Session, ...]]  # (period, group id) -> sessions
    sessions_src: Mapping[tuple[str, str], Located]
    bilans: Mapping[str, Mapping[str, Bilan]]  # period -> student -> bilan
    bilans_src: Mapping[str, Located]
    src: Located

    def period(self, period_id: str) -> Period | None:
        for period in self.periods:
            if period.id == period_id:
                return period
        return None

    def sorted_periods(self) -> list[Period]:
        return sorted(self.periods, key=lambda p: (p.start, p.id))

    def next_period(self, period_id: str) -> Period | None:
        ordered = self.sorted_periods()
        for index, period in enumerate(ordered[:-1]):
            if period.id == period_id:
                return ordered[index + 1]
        return None

    def groups_of(self, period_id: str) -> list[Group]:
        return [g for (p, _), g in self.groups.items() if p == period_id]

    def all_sessions(self) -> list[Session]:
        return [s for sessions in self.sessions.values() for s in sessions]


@dataclass(frozen=True, slots=True)
class School:
    """The whole school as the files describe it (what loaded without error)."""

    root: str
    info: SchoolInfo | None
    teachers: Mapping[str, Teacher]
    students: Mapping[str, Student]
    years: Mapping[str, Year]  # sorted by year id

    def year_ids(self) -> list[str]:
        return sorted(self.years)

    def latest_year(self) -> Year | None:
        return self.years[max(self.years)] if self.years else None
