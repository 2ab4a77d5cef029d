"""A proposal of groups: the frames of a period solved, the new groups dealt, each placement explained.

A pool's students (the new groups of one content type) are dealt round-robin, sorted by
division, into the number of groups the solver opened: sizes differ by one at most (so each
stays between the minimum and the maximum) and every division is spread evenly.  Each new group
gets a free teacher: the one whose disciplines match the details of its members' needs best.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from aptui import vocab as v
from aptui.model.entities import Period, School, Year
from aptui.plan.solver import Problem, solve
from aptui.plan.sources import PREFIXES, Frame, ProposalRefused, Settings, division_of, first_frame, next_barrettes, next_frame

FIRST = "diagnostics"
NEXT = "bilans"


@dataclass(frozen=True, slots=True)
class Placement:
    student: str
    reason: str
    pinned: bool = False


@dataclass(frozen=True, slots=True)
class ProposedGroup:
    id: str
    title: str
    content_type: str
    barrette: str
    teachers: tuple[str, ...]
    new: bool
    kept: tuple[str, ...]
    """Members the group already had (unchanged)."""
    placements: tuple[Placement, ...]
    """Students the proposal adds, each with its reason."""
    short: int = 0
    """Students missing under the minimum."""

    @property
    def size(self) -> int:
        return len(self.kept) + len(self.placements)

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(sorted({*self.kept, *(p.student for p in self.placements)}))


@dataclass(frozen=True, slots=True)
class Unplaced:
    student: str
    reason: str


@dataclass(frozen=True, slots=True)
class Proposal:
    """What the pilote accepts, edits (pins, capacities) or rejects."""

    year: str
    period: str
    source: str
    """FIRST (from the diagnostics) or NEXT (from the bilans of ``from_period``)."""
    from_period: str | None
    barrettes: tuple[str, ...]
    settings: Settings
    groups: tuple[ProposedGroup, ...]
    unplaced: tuple[Unplaced, ...]
    left_out: tuple[Unplaced, ...] = ()
    """Students not proposed on purpose (their bilan says « sortie »)."""
    proven: bool = True
    names: dict[str, str] = field(default_factory=dict, compare=False)
    """Student id -> display name, for the texts (the proposal is shown before anything is written)."""

    @property
    def placed(self) -> int:
        return sum(len(g.placements) for g in self.groups)

    def proposed_types(self) -> dict[str, str]:
        """New group id -> content type: a pin to one of them survives the next proposal."""
        return {g.id: g.content_type for g in self.groups if g.new}

    def group_of(self, student: str) -> ProposedGroup | None:
        return next((g for g in self.groups if any(p.student == student for p in g.placements)), None)


def propose_first(school: School, year: Year, period: Period, barrette: str, settings: Settings,
                  previous: Proposal | None = None) -> Proposal:
    """The groups of a barrette in a period from the students' needs, profiles and diagnostics."""
    if barrette not in year.barrettes:
        raise ProposalRefused(f"barrette inconnue : {barrette} en {year.id}")
    _check_capacity(settings)
    proposed = previous.proposed_types() if previous else None
    frame = first_frame(school, year, period, barrette, settings, proposed)
    taken = {g.id for g in year.groups_of(period.id)}
    groups, unplaced, proven = _solve(school, year, frame, taken, proposed or {})
    return Proposal(year.id, period.id, FIRST, None, (barrette,), settings, tuple(groups), tuple(unplaced),
                    proven=proven, names=_names(school, frame))


def propose_next(school: School, year: Year, period: Period, previous: Period, settings: Settings) -> Proposal:
    """The groups of ``period`` from those of ``previous`` and their bilans, every barrette."""
    if year.groups_of(period.id):
        raise ProposalRefused(f"la période {period.id} a déjà des groupes : modifiez-les directement")
    barrettes = next_barrettes(year, previous.id)
    if not barrettes:
        raise ProposalRefused(f"aucun groupe en {previous.id} : rien à reprendre")
    _check_capacity(settings)
    groups: list[ProposedGroup] = []
    unplaced: list[Unplaced] = []
    left: list[Unplaced] = []
    proven, names = True, {}
    for barrette in barrettes:
        frame = next_frame(school, year, period, previous, barrette, settings)
        found, missing, exact = _solve(school, year, frame, set(), {})
        groups += [g for g in found if g.placements]  # a group nobody is left in is not copied
        unplaced += missing
        left += [Unplaced(s, why) for s, why in sorted(frame.left_out.items())]
        proven = proven and exact
        names.update(_names(school, frame))
    return Proposal(year.id, period.id, NEXT, previous.id, tuple(barrettes), settings, tuple(groups),
                    tuple(unplaced), tuple(left), proven, names)


def _check_capacity(settings: Settings) -> None:
    if not 1 <= settings.minimum <= settings.maximum:
        raise ProposalRefused(f"capacité {settings.minimum}–{settings.maximum} impossible : un minimum d'au moins 1, "
                              "au plus égal au maximum")


def _names(school: School, frame: Frame) -> dict[str, str]:
    ids = {s.id for s in frame.problem.seekers} | set(frame.pinned) | set(frame.left_out)
    return {s: school.students[s].display for s in ids if s in school.students}


def _solve(school: School, year: Year, frame: Frame, taken: set[str],
           proposed: dict[str, str]) -> tuple[list[ProposedGroup], list[Unplaced], bool]:
    solution = solve(frame.problem)
    by_place: dict[str, list[str]] = {}
    for student, place in solution.placed.items():
        by_place.setdefault(place, []).append(student)
    groups = []
    for gid, shape in frame.shapes.items():
        added = sorted(by_place.get(gid, [])) + sorted(s for s, g in frame.pinned.items() if g == gid)
        key = gid if shape.new else shape.content_type  # a copied group (next period) explains by group
        placements = tuple(Placement(s, frame.reason(s, key), s in frame.pinned) for s in sorted(added))
        groups.append(ProposedGroup(shape.id, shape.title, shape.content_type, shape.barrette, shape.teachers,
                                    shape.new, shape.kept, placements, solution.short.get(gid, 0)))
    teachers = list(frame.free_teachers)
    for pool, kind in frame.pools.items():
        count = solution.opened.get(pool, 0)
        if count:
            groups += _deal(school, year, frame, kind, by_place.get(pool, []), count, taken, teachers, proposed)
    limit_hit = frame.problem.pools and sum(solution.opened.values()) >= frame.problem.new_groups_limit
    too_few = _too_few(frame.problem, len(solution.unplaced))
    unplaced = [Unplaced(s, _why_unplaced(bool(limit_hit), too_few)) for s in solution.unplaced]
    return groups, unplaced, solution.proven


def _too_few(problem: Problem, unplaced: int) -> int | None:
    """The minimum no new group can reach with the students left over (no existing group having room)."""
    if not problem.pools or any(slot.held < slot.maximum for slot in problem.slots):
        return None
    smallest = min(pool.minimum for pool in problem.pools)
    return smallest if unplaced < smallest else None


def _why_unplaced(no_teacher: bool, too_few: int | None) -> str:
    if too_few is not None:
        return (f"trop peu d'élèves pour ouvrir un groupe (minimum {too_few}) : baissez le minimum (« c ») "
                "ou placez-les à la main")
    if no_teacher:
        return "aucun enseignant libre pour ouvrir un groupe de plus : libérez-en un ou augmentez le maximum"
    return "les groupes qu'il ou elle peut rejoindre sont pleins : augmentez le maximum ou gardez-le dans un groupe"


def _deal(school: School, year: Year, frame: Frame, kind: str, students: list[str], count: int, taken: set[str],
          teachers: list[str], proposed: dict[str, str]) -> list[ProposedGroup]:
    """The new groups of one content type: students dealt by division, a teacher each, pins honoured."""
    ordered = sorted(students, key=lambda s: (division_of(year, school, s), s))
    hands: list[list[str]] = [[] for _ in range(count)]
    for index, student in enumerate(ordered):
        hands[index % count].append(student)
    ids = _new_ids(kind, count, taken, [pin for s, pin in frame.pool_pins.items() if s in students], proposed)
    _honour_pins(hands, ids, frame.pool_pins)
    groups = []
    for gid, hand in zip(ids, hands):
        teacher = _best_teacher(school, teachers, hand)
        if teacher:
            teachers.remove(teacher)
        number = gid.rsplit("-", 1)[-1]
        title = f"{v.CONTENT_TYPE_LABELS[kind]} {number}"
        placements = tuple(Placement(s, frame.reason(s, kind), s in frame.pool_pins) for s in sorted(hand))
        groups.append(ProposedGroup(gid, title, kind, frame.barrette, (teacher,) if teacher else (), True, (),
                                    placements))
    return groups


def _new_ids(kind: str, count: int, taken: set[str], wanted: list[str], proposed: dict[str, str]) -> list[str]:
    """G-SOUTIEN-1, G-SOUTIEN-2…: the ids pins name first (if still of this type), then the next free ones."""
    ids = [gid for gid in dict.fromkeys(wanted) if proposed.get(gid) == kind and gid not in taken][:count]
    n = 1
    while len(ids) < count:
        gid = f"G-{PREFIXES[kind]}-{n}"
        if gid not in taken and gid not in ids:
            ids.append(gid)
        n += 1
    taken.update(ids)
    return sorted(ids, key=lambda g: int(g.rsplit("-", 1)[-1]) if g.rsplit("-", 1)[-1].isdigit() else 0)


def _honour_pins(hands: list[list[str]], ids: list[str], pins: dict[str, str]) -> None:
    """A student kept in a named new group is swapped there with someone not pinned (sizes unchanged)."""
    for target, gid in enumerate(ids):
        for source, hand in enumerate(hands):
            if source == target:
                continue
            for student in [s for s in hand if pins.get(s) == gid]:
                other = next((s for s in hands[target] if pins.get(s) != gid), None)
                hand.remove(student)
                hands[target].append(student)
                if other is not None:
                    hands[target].remove(other)
                    hand.append(other)


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    """The first four letters of each word (« mathématiques » and « maths » meet on « math »)."""
    return frozenset(w[:4] for w in _fold(text).replace("-", " ").replace(",", " ").split() if len(w) >= 4)


def _best_teacher(school: School, teachers: list[str], hand: list[str]) -> str | None:
    """The free teacher whose disciplines best match the words of the members' needs (ties: by id)."""
    if not teachers:
        return None
    words: Counter[str] = Counter()
    for student in hand:
        for need in school.students[student].needs:
            words.update(_stems(need.detail))
    if not words:
        return teachers[0]
    best, best_score = teachers[0], -1
    for teacher in teachers:  # sorted by id: the first best one
        stems = _stems(" ".join(school.teachers[teacher].subjects))
        score = sum(count for word, count in words.items() if word in stems)
        if score > best_score:
            best, best_score = teacher, score
    return best
