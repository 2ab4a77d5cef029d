"""The seekers and slots of a barrette's period, for the two proposals.

* First groups (``first_frame``): the students of the barrette's divisions who have no group
  yet in the period ask by their wishes (needs, profile, diagnostic); the period's groups of the
  barrette are slots (their members stay); new groups may open by content type, one free
  teacher each.
* The next period (``next_frame``): the groups of the period before are copied (same id, title,
  type, teachers); each of their students asks only for what their bilan decided (maintien: the
  same group; changement: the group or a group of the type named; no bilan: the same group), so a
  proposal never makes a change that APT502/503 would refuse; students new to the barrette ask
  by their wishes.

Both honour the pilote's pins (« garder X dans G ») and capacities.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from aptui import vocab as v
from aptui.model.entities import Barrette, Group, Period, School, Student, Year
from aptui.plan.solver import Pool, Problem, Seeker, Slot
from aptui.plan.wishes import Wishes, label, wishes_of

PREFIXES: Mapping[str, str] = MappingProxyType({
    "aide-methodologique": "METHODO", "soutien-disciplinaire": "SOUTIEN", "approfondissement": "APPRO",
    "developpement-personnel": "DEVPERSO", "projet-professionnel": "PROJET", "passerelle": "PASSERELLE",
})
"""The id of a new group: G-<prefix>-<n>."""
_NEW_ID = re.compile(rf"^G-({'|'.join(PREFIXES.values())})-[0-9]+$")
POOL = "+"
"""Pool ids are « +type »: never a group id (ids start with a letter or a digit)."""



class ProposalRefused(Exception):
    """Nothing can be proposed here; the message (French) says why and what to do."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Settings:
    """What the pilote sets: capacity of each group, pins, the type of students without need."""

    minimum: int = 6
    maximum: int = 16
    pins: Mapping[str, str] = field(default_factory=dict)
    """Student -> group id (an existing group, or one the last proposal named)."""
    default_type: str | None = None
    """The content type of students without any need (None: by their profile)."""


@dataclass(frozen=True, slots=True)
class Shape:
    """A group of the proposal before its new members are known."""

    id: str
    title: str
    content_type: str
    barrette: str
    teachers: tuple[str, ...]
    new: bool
    """True: the group file is created by the proposal."""
    kept: tuple[str, ...] = ()
    """Members the group file already has (they stay)."""


@dataclass
class Frame:
    """One barrette's problem, and what is needed to turn its solution back into groups and reasons."""

    barrette: str
    problem: Problem
    shapes: dict[str, Shape]
    """Slot id -> the group it is."""
    pools: dict[str, str]
    """Pool id -> content type of the new groups it opens."""
    free_teachers: list[str]
    reason: Callable[[str, str], str]
    """(student, content type or slot id) -> the reason of that placement."""
    pinned: dict[str, str] = field(default_factory=dict)
    """Student -> group id, for the pins that became fixed members."""
    pool_pins: dict[str, str] = field(default_factory=dict)
    """Student -> the proposed new group they are to be kept in (dealt there after the solve)."""
    left_out: dict[str, str] = field(default_factory=dict)
    """Students not proposed at all, with why (their bilan says « sortie »)."""


def expected_students(school: School, year: Year, period: Period, barrette: str) -> list[str]:
    """The students the barrette's groups must hold in the period (APT501: left, exempted and late arrivals aside)."""
    spec = year.barrettes.get(barrette)
    found: list[str] = []
    for division_id in spec.divisions if spec else ():
        division = year.divisions.get(division_id)
        for student_id in division.students if division else ():
            student = school.students.get(student_id)
            if student is None or not _present(student, period):
                continue
            if any(e.student == student_id and e.covers(period.id) for e in year.exemptions):
                continue
            found.append(student_id)
    return sorted(set(found))


def _present(student: Student, period: Period) -> bool:
    if student.left_on is not None and student.left_on < period.start:
        return False
    return student.arrived_on is None or student.arrived_on <= period.end


def _groups(year: Year, period: str, barrette: str) -> list[Group]:
    return sorted((g for g in year.groups_of(period) if g.barrette == barrette), key=lambda g: g.id)


def division_of(year: Year, school: School, student: str) -> str:
    found = school.students.get(student)
    return found.divisions.get(year.id, "") if found else ""


def free_teachers(school: School, year: Year, period: str, barrette: str, busy: set[str] | None = None) -> list[str]:
    """Active teachers who lead no group of this barrette, nor of a barrette at the same time, in the period."""
    spec = year.barrettes.get(barrette)
    taken = set(busy or ())
    for group in year.groups_of(period):
        other = year.barrettes.get(group.barrette)
        if group.barrette == barrette or (spec and other and _same_time(spec, other)):
            taken.update(group.teachers)
    return sorted(t.id for t in school.teachers.values() if t.active and t.id not in taken)


def _same_time(one: Barrette, two: Barrette) -> bool:
    return one.weekday == two.weekday and one.start_minute < two.end_minute and two.start_minute < one.end_minute


def _by_division(year: Year, school: School, students: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for student in students:
        division = division_of(year, school, student)
        counts[division] = counts.get(division, 0) + 1
    return counts


def _wish_costs(wishes: Wishes, shapes: Mapping[str, Shape], pools: Mapping[str, str]) -> dict[str, float]:
    costs: dict[str, float] = {gid: wishes.cost(shape.content_type) for gid, shape in shapes.items()}
    costs.update({pid: wishes.cost(kind) for pid, kind in pools.items()})
    return costs


def first_frame(school: School, year: Year, period: Period, barrette: str, settings: Settings,
                proposed: Mapping[str, str] | None = None) -> Frame:
    """The first groups of a barrette in a period, from the diagnostics (see the module's docstring).

    ``proposed``: the new groups a previous proposal named (id -> content type), so that a pin to
    one of them (« garder X dans G-SOUTIEN-2 ») keeps its meaning.
    """
    existing = _groups(year, period.id, barrette)
    placed = {s for g in existing for s in g.students}
    shapes = {g.id: Shape(g.id, g.title, g.content_type, barrette, g.teachers, False, g.students) for g in existing}
    pools = {POOL + kind: kind for kind in v.CONTENT_TYPE_LABELS}
    frame = Frame(barrette, Problem(()), shapes, pools, free_teachers(school, year, period.id, barrette), _no_reason)
    wishes: dict[str, Wishes] = {}
    seekers: list[Seeker] = []
    fixed: dict[str, list[str]] = {gid: list(shape.kept) for gid, shape in shapes.items()}
    expected = [s for s in expected_students(school, year, period, barrette) if s not in placed]
    _check_pins(settings.pins, expected, barrette)
    for student_id in expected:
        student = school.students[student_id]
        wishes[student_id] = wish = wishes_of(student, year.id, settings.default_type)
        pin = settings.pins.get(student_id)
        if pin in shapes:
            fixed[pin].append(student_id)
            frame.pinned[student_id] = pin
            continue
        costs = _wish_costs(wish, shapes, pools)
        if pin:
            costs = {POOL + new_group_type(pin, proposed): 0.0}
            frame.pool_pins[student_id] = pin
        seekers.append(Seeker(student_id, division_of(year, school, student_id), costs, _neediest(wish, student)))

    def reason(student: str, kind: str) -> str:
        if student in frame.pinned or student in frame.pool_pins:
            return f"gardé(e) dans {frame.pinned.get(student) or frame.pool_pins[student]} par le pilote"
        return wishes[student].reason(kind)

    frame.reason = reason
    slots = tuple(Slot(gid, settings.minimum, settings.maximum, _by_division(year, school, fixed[gid]),
                       shapes[gid].content_type) for gid in shapes)
    pool_specs = tuple(Pool(pid, settings.minimum, settings.maximum, len(frame.free_teachers)) for pid in pools)
    frame.problem = Problem(tuple(seekers), slots, pool_specs, len(frame.free_teachers))
    return frame


def new_group_type(gid: str, proposed: Mapping[str, str] | None = None) -> str:
    """The content type of a new group a pin names: one the last proposal made, or an id « G-SOUTIEN-2 »."""
    if proposed and gid in proposed:
        return proposed[gid]
    found = _NEW_ID.match(gid)
    if found is None:
        raise ProposalRefused(f"groupe inconnu : {gid} (ni un groupe de la période, ni un nouveau groupe "
                              f"G-{'|'.join(PREFIXES.values())}-N)")
    return next(kind for kind, prefix in PREFIXES.items() if prefix == found.group(1))


def _check_pins(pins: Mapping[str, str], expected: list[str], barrette: str) -> None:
    known = set(expected)
    for student in sorted(pins):
        if student not in known:
            raise ProposalRefused(f"garder {student} dans {pins[student]} : {student} n'est pas à placer dans "
                                  f"la barrette {barrette} (pas dans ses divisions, sorti, dispensé ou déjà placé)")


def _neediest(wish: Wishes, student: Student) -> tuple[float, str]:
    """Among students who ask the same, the lowest diagnostic first (then by name): they get their first wish."""
    return (wish.score if wish.score is not None else 1.0, student.sort_name)


def _no_reason(student: str, kind: str) -> str:
    return ""


def next_frame(school: School, year: Year, period: Period, previous: Period, barrette: str,
               settings: Settings) -> Frame:
    """The groups of ``period`` copied from ``previous`` for one barrette, students placed by their bilans."""
    before = _groups(year, previous.id, barrette)
    shapes = {g.id: Shape(g.id, g.title, g.content_type, barrette, g.teachers, True) for g in before}
    frame = Frame(barrette, Problem(()), shapes, {}, [], _no_reason)
    bilans = year.bilans.get(previous.id, {})
    was_in = {s: g.id for g in before for s in g.students}
    reasons: dict[str, dict[str, str]] = {}
    fixed: dict[str, list[str]] = {gid: [] for gid in shapes}
    seekers: list[Seeker] = []
    expected = expected_students(school, year, period, barrette)
    for student_id in sorted(set(was_in) - set(expected)):
        gone = school.students.get(student_id)
        if gone is not None and gone.left_on is not None and gone.left_on < period.start:
            frame.left_out[student_id] = f"parti(e) de l'établissement le {gone.left_on:%d/%m/%Y}"
    for student_id in expected:
        student = school.students[student_id]
        costs, said = _by_bilan(year, previous, shapes, was_in.get(student_id), bilans.get(student_id))
        if costs is None:
            frame.left_out[student_id] = said["*"]
            continue
        if not costs:  # new to the barrette: by their wishes, among the copied groups
            wish = wishes_of(student, year.id, settings.default_type)
            costs = {gid: float(wish.cost(shape.content_type)) for gid, shape in shapes.items()}
            said = {gid: wish.reason(shape.content_type) for gid, shape in shapes.items()}
        pin = settings.pins.get(student_id)
        if pin in shapes:
            fixed[pin].append(student_id)
            frame.pinned[student_id] = pin
            said = {pin: f"gardé(e) dans {pin} par le pilote"}
        else:
            seekers.append(Seeker(student_id, division_of(year, school, student_id), costs, (student.sort_name,)))
        reasons[student_id] = said
    frame.reason = lambda student, gid: reasons.get(student, {}).get(gid, "")
    slots = tuple(Slot(gid, settings.minimum, settings.maximum, _by_division(year, school, fixed[gid]),
                       shapes[gid].content_type) for gid in shapes)
    frame.problem = Problem(tuple(seekers), slots)
    return frame


def _by_bilan(year: Year, previous: Period, shapes: Mapping[str, Shape], was: str | None,
              bilan: object) -> tuple[dict[str, float] | None, dict[str, str]]:
    """(places and costs, reasons) of a student of the previous period; (None, why) when they leave the scheme."""
    if was is None:
        return {}, {}
    decision = getattr(bilan, "decision", None)
    if bilan is None or decision not in ("changement", "sortie"):
        said = f"bilan de {previous.id} : maintien" if bilan is not None else f"sans bilan en {previous.id} : même groupe"
        return {was: 0.0}, {was: said}
    if decision == "sortie":
        return None, {"*": f"bilan de {previous.id} : sortie du dispositif"}
    reason = getattr(bilan, "reason", "") or ""
    why = f" ({reason})" if reason else ""
    to_group, to_type = getattr(bilan, "to_group", None), getattr(bilan, "to_type", None)
    if isinstance(to_group, str) and to_group in shapes:
        return {to_group: 0.0}, {to_group: f"bilan de {previous.id} : changement vers {to_group}{why}"}
    targets = [gid for gid, shape in shapes.items() if to_type and shape.content_type == to_type]
    if targets:
        said = f"bilan de {previous.id} : changement vers un groupe {label(str(to_type))}{why}"
        return dict.fromkeys(targets, 0.0), dict.fromkeys(targets, said)
    return {was: 0.0}, {was: f"bilan de {previous.id} : le groupe visé n'existe pas, même groupe (à revoir)"}


def next_barrettes(year: Year, previous: str) -> list[str]:
    """The barrettes that had groups in the period before (the next period copies them all)."""
    return sorted({g.barrette for g in year.groups_of(previous)})

