"""The placement of students in groups as a mixed-integer programme, solved by HiGHS (highspy).

The problem is stated in plain data: *seekers* (students, each with the places it
may take and the cost of each), *slots* (groups that exist or are copied, with
the members they already hold) and *pools* (a content type for which new groups
may be opened, each new group needing a free teacher).  Students that ask for the
same places at the same costs and come from the same division are
interchangeable, so the programme counts them by class (``n[class, place]``)
instead of deciding for each one: a 1,500-student barrette is a few thousand
integer variables, solved in well under a second.

Rules (hard): every seeker is in one place or reported unplaced; a slot holds at
most its maximum; a slot without members is either left empty or filled to its
minimum; a pool opens whole groups (between minimum and maximum students each);
no more new groups than free teachers.  Wishes (the cost): each student's cost of
the place taken, a heavy cost per unplaced student, a cost per missing student
under the minimum of a group that already has members, and a small cost for
divisions unevenly spread between slots of the same kind.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

UNPLACED_COST = 1000
"""Cost of a student left without a group: more than any wish, so everyone who can be placed is."""
SHORT_COST = 40
"""Cost of each student missing under the minimum of a group that already has members."""
BALANCE_COST = 0.25
"""Cost of one student away from their division's share in one of several slots of the same kind."""
OPEN_COST = 0.5
"""Cost of opening one more new group: among equal proposals, the one with fewer groups (and teachers)."""
TIME_LIMIT_S = 1.5
"""The solver stops after this long and keeps the best placement found (a proposal, not a proof)."""


@dataclass(frozen=True, slots=True)
class Seeker:
    """A student to place: the places they may take (slot or pool id) and what each costs."""

    id: str
    division: str
    costs: Mapping[str, float]
    rank: tuple[Any, ...] = ()
    """Order among interchangeable students: the first ones get the cheapest places (the neediest first)."""


@dataclass(frozen=True, slots=True)
class Slot:
    """A group of the proposal that exists (or is copied): its bounds and the members it already has."""

    id: str
    minimum: int
    maximum: int
    fixed: Mapping[str, int] = field(default_factory=dict)
    """Members already placed, counted by division (pinned students, members kept)."""
    kind: str = ""
    """Slots of the same kind (content type) share their divisions evenly."""

    @property
    def held(self) -> int:
        return sum(self.fixed.values())


@dataclass(frozen=True, slots=True)
class Pool:
    """New groups of one content type that the proposal may open, ``most`` at most."""

    id: str
    minimum: int
    maximum: int
    most: int


@dataclass(frozen=True, slots=True)
class Problem:
    seekers: tuple[Seeker, ...]
    slots: tuple[Slot, ...] = ()
    pools: tuple[Pool, ...] = ()
    new_groups_limit: int = 0
    """How many new groups may open in all (one free teacher each)."""


@dataclass(frozen=True, slots=True)
class Solution:
    placed: Mapping[str, str]
    """Student -> slot or pool id."""
    opened: Mapping[str, int]
    """Pool id -> number of new groups opened."""
    unplaced: tuple[str, ...]
    short: Mapping[str, int]
    """Slot id -> students missing under its minimum (only groups that already had members)."""
    proven: bool
    """True when the solver proved the placement optimal (False: the best found in the time allowed)."""


@dataclass
class _Programme:
    """Columns and rows of a mixed-integer programme, built in Python, handed to HiGHS at once."""

    cost: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    rows: list[tuple[float, float, dict[int, float]]] = field(default_factory=list)

    def column(self, cost: float, upper: float, integer: bool = True) -> int:
        self.cost.append(cost)
        self.lower.append(0.0)
        self.upper.append(upper)
        self.integer.append(integer)
        return len(self.cost) - 1

    def row(self, lower: float, upper: float, terms: Mapping[int, float]) -> None:
        self.rows.append((lower, upper, dict(terms)))


def _balanced(slots: Sequence[Slot]) -> set[str]:
    """The slots whose divisions are balanced: those of a kind that has several slots."""
    kinds = Counter(slot.kind for slot in slots if slot.kind)
    return {slot.id for slot in slots if kinds[slot.kind] > 1}


def _classes(seekers: Sequence[Seeker], balanced: set[str]) -> dict[tuple[Any, ...], list[Seeker]]:
    """Interchangeable seekers (same places and costs; same division where divisions are balanced),
    each class in rank order.  New groups are balanced when dealt: there, divisions do not matter."""
    classes: dict[tuple[Any, ...], list[Seeker]] = defaultdict(list)
    for seeker in seekers:
        costs = tuple(sorted(seeker.costs.items()))
        division = seeker.division if any(place in balanced for place, _ in costs) else ""
        classes[(division, costs)].append(seeker)
    for members in classes.values():
        members.sort(key=lambda s: (s.rank, s.id))
    return dict(sorted(classes.items(), key=lambda item: (item[0][0], item[0][1])))


def solve(problem: Problem) -> Solution:
    """The cheapest placement under the rules (see the module's docstring)."""
    classes = _classes(problem.seekers, _balanced(problem.slots))
    known = {s.id for s in problem.slots} | {p.id for p in problem.pools}
    prog = _Programme()
    counts: dict[tuple[int, str], int] = {}  # (class index, place) -> column
    unplaced: dict[int, int] = {}
    keys = list(classes)
    for index, key in enumerate(keys):
        members = classes[key]
        terms: dict[int, float] = {}
        for place, cost in key[1]:
            if place in known:
                counts[(index, place)] = prog.column(float(cost), len(members))
                terms[counts[(index, place)]] = 1.0
        unplaced[index] = prog.column(UNPLACED_COST, len(members))
        terms[unplaced[index]] = 1.0
        prog.row(len(members), len(members), terms)
    short = _slot_rows(prog, problem.slots, keys, counts)
    opened = _pool_rows(prog, problem, keys, counts)
    _balance_rows(prog, problem.slots, keys, classes, counts)
    values, proven = _run(prog)
    return _read(problem, classes, keys, counts, unplaced, short, opened, values, proven)


def _slot_rows(prog: _Programme, slots: Sequence[Slot], keys: list[tuple[Any, ...]],
               counts: Mapping[tuple[int, str], int]) -> dict[str, int]:
    short: dict[str, int] = {}
    for slot in slots:
        terms = {col: 1.0 for (index, place), col in counts.items() if place == slot.id}
        room = max(slot.maximum - slot.held, 0)
        need = max(slot.minimum - slot.held, 0)
        if slot.held:  # a group with members: at most its room; its minimum is a wish
            prog.row(0.0, room, terms)
            if need:
                short[slot.id] = prog.column(SHORT_COST, need)
                prog.row(need, float(room + need), {**terms, short[slot.id]: 1.0})
        else:  # an empty group: stays empty, or gets between its minimum and its maximum
            used = prog.column(0.0, 1.0)
            prog.row(-1e30, 0.0, {**terms, used: -float(room)})
            prog.row(0.0, 1e30, {**terms, used: -float(min(need, room))})
    return short


def _pool_rows(prog: _Programme, problem: Problem, keys: list[tuple[Any, ...]],
               counts: Mapping[tuple[int, str], int]) -> dict[str, int]:
    opened: dict[str, int] = {}
    for pool in problem.pools:
        terms = {col: 1.0 for (index, place), col in counts.items() if place == pool.id}
        opened[pool.id] = groups = prog.column(OPEN_COST, pool.most)
        prog.row(-1e30, 0.0, {**terms, groups: -float(pool.maximum)})
        prog.row(0.0, 1e30, {**terms, groups: -float(pool.minimum)})
    if opened:
        prog.row(0.0, float(problem.new_groups_limit), dict.fromkeys(opened.values(), 1.0))
    return opened


def _balance_rows(prog: _Programme, slots: Sequence[Slot], keys: list[tuple[Any, ...]],
                  classes: Mapping[tuple[Any, ...], list[Seeker]], counts: Mapping[tuple[int, str], int]) -> None:
    """Between slots of the same kind, each division near its share of the students they hold."""
    by_kind: dict[str, list[Slot]] = defaultdict(list)
    for slot in slots:
        if slot.kind:
            by_kind[slot.kind].append(slot)
    for group in by_kind.values():
        if len(group) < 2:
            continue
        ids = {s.id for s in group}
        population: dict[str, float] = defaultdict(float)
        for slot in group:
            for division, held in slot.fixed.items():
                population[division] += held
        for key in keys:
            if any(place in ids for place, _ in key[1]):
                population[key[0]] += len(classes[key])
        total = sum(population.values())
        if total == 0:
            continue
        for slot in group:
            mine = {index: col for (index, place), col in counts.items() if place == slot.id}
            for division, people in population.items():
                share = people / total
                terms = {col: (1.0 if keys[index][0] == division else 0.0) - share for index, col in mine.items()}
                over, under = prog.column(BALANCE_COST, 1e30, False), prog.column(BALANCE_COST, 1e30, False)
                terms[over], terms[under] = -1.0, 1.0
                constant = share * slot.held - slot.fixed.get(division, 0)
                prog.row(constant, constant, terms)


def _run(prog: _Programme) -> tuple[list[float], bool]:
    import numpy as np

    highs = _quiet_highs()
    import highspy

    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(prog.cost), len(prog.rows)
    lp.col_cost_ = np.array(prog.cost, dtype=np.double)
    lp.col_lower_ = np.array(prog.lower, dtype=np.double)
    lp.col_upper_ = np.array([min(u, highspy.kHighsInf) for u in prog.upper], dtype=np.double)
    lp.row_lower_ = np.array([max(r[0], -highspy.kHighsInf) for r in prog.rows], dtype=np.double)
    lp.row_upper_ = np.array([min(r[1], highspy.kHighsInf) for r in prog.rows], dtype=np.double)
    starts, indices, values = [0], [], []
    for _, _, terms in prog.rows:
        for col, coef in sorted(terms.items()):
            if coef:
                indices.append(col)
                values.append(coef)
        starts.append(len(indices))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(values, dtype=np.double)
    lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in prog.integer]
    highs.passModel(lp)
    highs.run()
    status = highs.getModelStatus()
    solution = list(highs.getSolution().col_value)
    if len(solution) != len(prog.cost):  # no placement found in the time allowed (never seen): nobody placed
        return [0.0] * len(prog.cost), False
    return solution, status == highspy.HighsModelStatus.kOptimal


_BANNER_SHOWN = [False]


def _quiet_highs() -> Any:
    """A silent HiGHS instance.  Its first construction in a process prints a banner on the C stdout,
    which would land in the middle of the app's screen: fd 1 points to /dev/null meanwhile."""
    import highspy

    if _BANNER_SHOWN[0]:
        highs = highspy.Highs()
    else:
        saved = os.dup(1)
        try:
            with open(os.devnull, "wb") as sink:
                os.dup2(sink.fileno(), 1)
                highs = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        _BANNER_SHOWN[0] = True
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("time_limit", TIME_LIMIT_S)
    highs.setOptionValue("threads", 1)
    return highs


def _read(problem: Problem, classes: Mapping[tuple[Any, ...], list[Seeker]], keys: list[tuple[Any, ...]],
          counts: Mapping[tuple[int, str], int], unplaced: Mapping[int, int], short: Mapping[str, int],
          opened: Mapping[str, int], values: Sequence[float], proven: bool) -> Solution:
    """Back from counts to students: in each class, the first in rank order take the cheapest places."""
    placed: dict[str, str] = {}
    left: list[str] = []
    for index, key in enumerate(keys):
        members = list(classes[key])
        places = sorted((cost, place) for place, cost in key[1] if (index, place) in counts)
        for _, place in places:
            for _ in range(round(values[counts[(index, place)]])):
                if members:
                    placed[members.pop(0).id] = place
        left.extend(member.id for member in members)
    return Solution(
        placed=placed,
        opened={pool: round(values[col]) for pool, col in opened.items()},
        unplaced=tuple(sorted(left)),
        short={slot: round(values[col]) for slot, col in short.items() if round(values[col])},
        proven=proven,
    )
