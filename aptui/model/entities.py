"""The immutable in-memory model of a school, built once from the documents.

Every entity remembers where it was read (``loc``), and the positions of the
fields that rules may point at (``at``), so a diagnostic can name the line.
Collections are tuples and read-only mappings by convention: rules, reports
and the TUI read the model; only edit commands (on files) change the school.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from aptui.diagnostics import Loc

NO_LOC = Loc("", 0, 0)


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
class StudentHoursThresholds:
    """Shares of the hours due so far under which a student is flagged (school.yaml ``heures_eleve``).

    None: that check is off (the school sets it)."""

    scheduled: float | None = None
    attended: float | None = None


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
    student_thresholds: StudentHoursThresholds = StudentHoursThresholds()


@dataclass(frozen=True, slots=True)
class Teacher:
    id: str
    last_name: str
    first_name: str
    subjects: tuple[str, ...]
    src: Located
    active: bool = True  # ``actif: false``: left the team (kept: old groups and bilans name them)

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
    arrived_on: date | None = None  # joined the school during the year (``arrivee``)

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
    """Closed (or reopened) days declared in year.yaml, or a division's PFMP weeks.

    A closure with ``levels`` or ``divisions`` closes only for those divisions
    (e.g. Terminale after mid-May); without either it closes the whole school.
    """

    start: date
    end: date
    reason: str
    src: Located
    levels: tuple[str, ...] = ()
    divisions: tuple[str, ...] = ()

    @property
    def scoped(self) -> bool:
        return bool(self.levels or self.divisions)

    def applies_to(self, division: Division) -> bool:
        return division.level in self.levels or division.id in self.divisions

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


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
    work_placements: tuple[DateSpan, ...] = ()  # PFMP: its students are in companies


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
    # What files that exist but could not be read would define: ("student", id), ("staff",),
    # ("division", year, id), ("group", year, period, id), ("year", year) -> the file's path.
    # References to them wait on that file instead of being "unknown" (rules/references.py).
    unreadable: Mapping[tuple[str, ...], str] = field(default_factory=dict)

    def year_ids(self) -> list[str]:
        return sorted(self.years)

    def latest_year(self) -> Year | None:
        return self.years[max(self.years)] if self.years else None
