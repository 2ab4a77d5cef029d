"""The in-memory plan of a generated school, before it is written as YAML.

Plain mutable dataclasses: the generator's stages fill them in order
(people, calendar, barrettes, groups, budget, teachers, sessions, bilans),
then the writer turns them into files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random

from aptui.gen.catalog import Template
from aptui.model.calendar import SchoolCalendar


def child_rng(seed: int, *parts: object) -> Random:
    """An independent, reproducible random stream for one part of the school."""
    return Random("/".join([str(seed), *map(str, parts)]))


@dataclass(slots=True)
class GenTeacher:
    id: str
    last_name: str
    first_name: str
    subjects: tuple[str, ...]


@dataclass(slots=True)
class GenStudent:
    id: str
    last_name: str
    first_name: str
    divisions: dict[str, str] = field(default_factory=dict)  # year -> division
    profiles: dict[str, str] = field(default_factory=dict)  # year -> profile
    needs: list[tuple[str, str]] = field(default_factory=list)  # (content type, detail)
    diagnostics: list[tuple[date, str, str]] = field(default_factory=list)
    interviews: list[tuple[date, str, str]] = field(default_factory=list)
    objectives: list[tuple[str, str]] = field(default_factory=list)
    tutor: str | None = None
    project: str | None = None
    passerelle: bool = False
    left_on: date | None = None
    assiduity: float = 0.9  # probability of attending a session
    falling: bool = False  # attendance falls over the year

    def need_types(self) -> tuple[str, ...]:
        return tuple(kind for kind, _ in self.needs)


@dataclass(slots=True)
class GenPeriod:
    id: str
    start: date
    end: date
    weeks: int  # weeks of school


@dataclass(slots=True)
class GenDivision:
    id: str
    level: str
    formation: str
    previous: str | None
    students: list[str] = field(default_factory=list)


@dataclass(slots=True)
class GenBarrette:
    id: str
    level: str
    tag: str  # group id prefix: "G2", "G2B"
    weekday: int
    start: str  # "14:00"
    duration: int
    divisions: list[str]


@dataclass(slots=True)
class GenExemption:
    student: str
    periods: list[str] | None  # None: the whole year
    reason: str


@dataclass(slots=True)
class GenArrival:
    day: date
    student: str
    from_group: str
    reason: str


@dataclass(slots=True)
class GenSession:
    day: date
    duration: int
    activity: str
    notes: str | None
    marks: dict[str, str]  # student -> attendance status


@dataclass(slots=True)
class GenGroup:
    """One needs group during one period."""

    id: str
    period: str
    barrette: str
    template: Template
    title: str
    teacher_count: int = 1
    duration: int = 120
    teachers: list[str] = field(default_factory=list)
    start_members: list[str] = field(default_factory=list)
    end_members: list[str] = field(default_factory=list)
    arrivals: list[GenArrival] = field(default_factory=list)
    sessions: list[GenSession] = field(default_factory=list)


@dataclass(slots=True)
class GenBilan:
    author: str
    day: date
    outcome: str
    comment: str
    decision: str
    to_group: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class GenYear:
    id: str
    first_day: date
    last_day: date
    closures: list[tuple[date, date, str]]
    periods: list[GenPeriod]
    calendar: SchoolCalendar
    divisions: dict[str, GenDivision] = field(default_factory=dict)
    barrettes: list[GenBarrette] = field(default_factory=list)
    exemptions: list[GenExemption] = field(default_factory=list)
    groups: dict[str, dict[str, GenGroup]] = field(default_factory=dict)  # period -> id -> group
    # period -> student -> (group at the start, group at the end of the period)
    placements: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    outcomes: dict[str, dict[str, str]] = field(default_factory=dict)  # period -> student -> outcome
    exits: dict[str, tuple[str, str]] = field(default_factory=dict)  # student -> (period, reason)
    bilans: dict[str, dict[str, GenBilan]] = field(default_factory=dict)  # period -> student -> bilan
    # closures of one level: (first day, last day, reason, level)
    level_closures: list[tuple[date, date, str, str]] = field(default_factory=list)
    # PFMP: division -> (first day, last day, reason); division -> days away; student -> division
    work_placements: dict[str, list[tuple[date, date, str]]] = field(default_factory=dict)
    away: dict[str, frozenset[date]] = field(default_factory=dict)
    division_of: dict[str, str] = field(default_factory=dict)

    @property
    def start_year(self) -> int:
        return int(self.id[:4])

    def period_index(self, period_id: str) -> int:
        return [p.id for p in self.periods].index(period_id)

    def is_away(self, student: str, day: date) -> bool:
        """Whether the student's division is in PFMP that day (no session for them)."""
        return day in self.away.get(self.division_of.get(student, ""), ())


@dataclass(slots=True)
class SchoolPlan:
    name: str
    uai: str
    academy: str
    zone: str
    pilote: str
    teachers: list[GenTeacher]
    students: dict[str, GenStudent]
    years: list[GenYear]
