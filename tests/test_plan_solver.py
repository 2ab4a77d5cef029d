"""The group solver keeps its rules on random problems and random schools (hypothesis).

Rules checked on every solution: each student is placed once or reported; only in a place they
may take; a group never holds more than its maximum; an empty group stays empty or reaches its
minimum; new groups open whole (between minimum and maximum each), never more than free
teachers; and nobody is reported unplaced while a group they may join still has room.
On random schools (the model, built in memory): pins are honoured, each student is in one group
of the barrette, every placement has a reason, each new group has its own teacher.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aptui.model import entities as m
from aptui.plan.proposal import propose_first
from aptui.plan.solver import Pool, Problem, Seeker, Slot, solve
from aptui.plan.sources import Settings, expected_students

NOWHERE = m.Located(m.NO_LOC)
PLACES = ("G1", "G2", "G3", "+a", "+b")


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    slots = []
    for gid in PLACES[:3]:
        low = draw(st.integers(1, 6))
        high = draw(st.integers(low, 10))
        held = draw(st.dictionaries(st.sampled_from(("D1", "D2")), st.integers(0, 4), max_size=2))
        slots.append(Slot(gid, low, high, held, draw(st.sampled_from(("a", "b")))))
    pools = []
    for pid in PLACES[3:]:
        low = draw(st.integers(1, 6))
        pools.append(Pool(pid, low, draw(st.integers(low, 10)), draw(st.integers(0, 3))))
    seekers = []
    for n in range(draw(st.integers(0, 40))):
        allowed = draw(st.lists(st.sampled_from(PLACES), unique=True, max_size=4))
        costs = {place: float(draw(st.integers(0, 10))) for place in allowed}
        seekers.append(Seeker(f"s{n:02d}", draw(st.sampled_from(("D1", "D2", "D3"))), costs, (n,)))
    return Problem(tuple(seekers), tuple(slots), tuple(pools), draw(st.integers(0, 4)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_a_solution_keeps_every_rule(problem: Problem) -> None:
    solution = solve(problem)
    ids = [s.id for s in problem.seekers]
    assert sorted([*solution.placed, *solution.unplaced]) == sorted(ids), "each student placed once or reported"
    seekers = {s.id: s for s in problem.seekers}
    for student, place in solution.placed.items():
        assert place in seekers[student].costs, "only in a place the student may take"
    sizes = Counter(solution.placed.values())
    for slot in problem.slots:
        size = slot.held + sizes[slot.id]
        assert size <= max(slot.maximum, slot.held)
        if slot.held == 0 and slot.minimum <= slot.maximum:
            assert size == 0 or size >= slot.minimum, "an empty group stays empty or reaches its minimum"
    opened = 0
    for pool in problem.pools:
        groups = solution.opened.get(pool.id, 0)
        opened += groups
        assert 0 <= groups <= pool.most
        assert pool.minimum * groups <= sizes[pool.id] <= pool.maximum * groups, "new groups open whole"
    assert opened <= problem.new_groups_limit, "one free teacher per new group"
    for student in solution.unplaced:
        for slot in problem.slots:
            if slot.id in seekers[student].costs and slot.held:
                assert slot.held + sizes[slot.id] >= slot.maximum, f"{student} unplaced while {slot.id} has room"


def test_cheapest_places_go_to_the_first_in_rank() -> None:
    """Two interchangeable students, one seat in their first wish: the first in rank (the neediest) gets it."""
    seekers = (Seeker("late", "D1", {"G1": 0, "G2": 2}, (0.9,)), Seeker("early", "D1", {"G1": 0, "G2": 2}, (0.2,)))
    solution = solve(Problem(seekers, (Slot("G1", 1, 4, {"D1": 3}), Slot("G2", 1, 4, {"D1": 1}))))
    assert solution.placed == {"early": "G1", "late": "G2"}


def test_divisions_are_spread_between_groups_of_the_same_kind() -> None:
    """Eight students of D1 and eight of D2, two soutien groups of eight: four of each division in each."""
    seekers = tuple(Seeker(f"{d}-{n}", d, {"G1": 0, "G2": 0}) for d in ("D1", "D2") for n in range(8))
    slots = (Slot("G1", 1, 8, {}, "soutien"), Slot("G2", 1, 8, {}, "soutien"))
    solution = solve(Problem(seekers, slots))
    for gid in ("G1", "G2"):
        divisions = Counter(s.split("-")[0] for s, g in solution.placed.items() if g == gid)
        assert divisions == {"D1": 4, "D2": 4}


# --- random schools ------------------------------------------------------------------------------

YEAR = "2025-2026"
PERIOD = m.Period("P1", date(2025, 9, 15), date(2025, 10, 17), NOWHERE)
TYPES = ("aide-methodologique", "soutien-disciplinaire", "approfondissement", "projet-professionnel")


def _student(ident: str, division: str, needs: list[str], score: int | None, profile: str | None) -> m.Student:
    tests = (m.DiagnosticTest(date(2025, 9, 4), "Positionnement", f"{score}/20"),) if score is not None else ()
    return m.Student(ident, f"Nom{ident}", "Prénom", {YEAR: division}, {YEAR: profile} if profile else {},
                     tuple(m.Need(t, "") for t in needs), tests, (), (), None, None, False, None, NOWHERE)


@st.composite
def schools(draw: st.DrawFn) -> tuple[m.School, Settings]:
    divisions = ("2A", "2B", "2C")[: draw(st.integers(1, 3))]
    students = {}
    for n in range(draw(st.integers(1, 45))):
        ident = f"e{n:03d}"
        students[ident] = _student(
            ident, draw(st.sampled_from(divisions)), draw(st.lists(st.sampled_from(TYPES), max_size=2, unique=True)),
            draw(st.none() | st.integers(0, 20)), draw(st.none() | st.sampled_from(("contents", "pourquoi-pas",
                                                                                      "malgre-eux"))))
    teachers = {f"t{n}": m.Teacher(f"t{n}", f"Prof{n}", "A", (), NOWHERE) for n in range(draw(st.integers(0, 6)))}
    division_models = {d: m.Division(d, YEAR, "2nde", "X", None, tuple(s for s, st_ in students.items()
                                                                       if st_.divisions[YEAR] == d), (), NOWHERE)
                       for d in divisions}
    barrette = m.Barrette("B", 1, 840, 120, divisions, NOWHERE)
    existing = {}
    if teachers and draw(st.booleans()):
        members = tuple(sorted(draw(st.sets(st.sampled_from(sorted(students)), max_size=5))))
        existing[("P1", "G-OLD")] = m.Group("G-OLD", YEAR, "P1", "Ancien", "soutien-disciplinaire", "B",
                                            (next(iter(teachers)),), members, (), (), NOWHERE)
    year = m.Year(YEAR, date(2025, 9, 1), date(2026, 7, 4), (), (), (PERIOD,), {"B": barrette}, (), division_models,
                  existing, {}, {}, {}, {}, NOWHERE)
    low = draw(st.integers(1, 6))
    high = draw(st.integers(low, 12))
    free = [s for s in sorted(students) if not any(s in g.students for g in existing.values())]
    pins = draw(st.dictionaries(st.sampled_from(free), st.just("G-OLD"), max_size=3)) if free and existing else {}
    school = m.School("/nowhere", None, teachers, students, {YEAR: year})
    return school, Settings(low, high, pins)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schools())
def test_a_proposal_on_a_random_school_keeps_its_promises(case: tuple[m.School, Settings]) -> None:
    school, chosen = case
    year = school.years[YEAR]
    proposal = propose_first(school, year, PERIOD, "B", chosen)
    expected = expected_students(school, year, PERIOD, "B")
    held = [s for g in proposal.groups for s in g.members]
    assert len(held) == len(set(held)), "one group per student in the barrette"
    assert sorted([*held, *(u.student for u in proposal.unplaced)]) == sorted(expected), "placed or reported"
    for student, gid in chosen.pins.items():
        assert student in next(g for g in proposal.groups if g.id == gid).members, "pins are honoured"
    for group in proposal.groups:
        assert all(p.reason for p in group.placements), "every placement says why"
        if group.new:
            assert chosen.minimum <= group.size <= chosen.maximum
            assert len(group.teachers) == 1
        else:
            pinned = sum(1 for p in group.placements if p.pinned)
            assert group.size <= max(chosen.maximum, len(group.kept) + pinned), "the pilote's pins may fill it up"
    teachers = [t for g in proposal.groups if g.new for t in g.teachers]
    assert len(teachers) == len(set(teachers)), "a new group per free teacher"
    assert all(t not in g.teachers for g in year.groups.values() for t in teachers)


PERIOD2 = m.Period("P2", date(2025, 11, 3), date(2025, 12, 19), NOWHERE)
DECISIONS = ("maintien", "changement", "sortie")


@st.composite
def next_periods(draw: st.DrawFn) -> tuple[m.School, Settings]:
    school, _ = draw(schools())
    year = school.years[YEAR]
    students = sorted(school.students)
    teachers = sorted(school.teachers) or ["t0"]
    ids = ("G-A", "G-B", "G-C")[: draw(st.integers(1, 3))]
    kinds = {gid: draw(st.sampled_from(TYPES)) for gid in ids}
    homes = {s: draw(st.sampled_from(ids)) for s in students}
    groups = {("P1", gid): m.Group(gid, YEAR, "P1", gid, kinds[gid], "B", (teachers[0],),
                                   tuple(s for s in students if homes[s] == gid), (), (), NOWHERE) for gid in ids}
    bilans = {}
    for student in draw(st.lists(st.sampled_from(students), unique=True)) if students else []:
        decision = draw(st.sampled_from(DECISIONS))
        to_group = draw(st.sampled_from(ids)) if decision == "changement" and draw(st.booleans()) else None
        to_type = draw(st.sampled_from(TYPES)) if decision == "changement" and to_group is None else None
        bilans[student] = m.Bilan(YEAR, "P1", student, teachers[0], date(2025, 10, 14), "partiel", "", decision,
                                  to_group, to_type, "motif", NOWHERE)
    year = m.Year(YEAR, year.first_day, year.last_day, (), (), (PERIOD, PERIOD2), year.barrettes, (), year.divisions,
                  groups, {}, {}, {"P1": bilans}, {}, NOWHERE)
    low = draw(st.integers(1, 4))
    pins = draw(st.dictionaries(st.sampled_from(students), st.sampled_from(ids), max_size=2)) if students else {}
    pins = {s: g for s, g in pins.items() if not (s in bilans and bilans[s].decision == "sortie")}
    return m.School("/nowhere", None, school.teachers, school.students, {YEAR: year}), Settings(
        low, draw(st.integers(low, 12)), pins)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(next_periods())
def test_the_next_period_never_makes_a_change_its_bilan_does_not_say(case: tuple[m.School, Settings]) -> None:
    from aptui.plan.proposal import propose_next

    school, chosen = case
    year = school.years[YEAR]
    proposal = propose_next(school, year, PERIOD2, PERIOD, chosen)
    bilans = year.bilans["P1"]
    homes = {s: g.id for g in year.groups.values() for s in g.students}
    kinds = {g.id: g.content_type for g in year.groups.values()}
    held = [s for g in proposal.groups for s in g.members]
    assert len(held) == len(set(held)), "one group per student in the barrette"
    reported = {u.student for u in (*proposal.unplaced, *proposal.left_out)}
    assert set(held) | reported == set(expected_students(school, year, PERIOD2, "B")) and not set(held) & reported
    for group in proposal.groups:
        pinned = sum(1 for p in group.placements if p.pinned)
        assert group.size <= max(chosen.maximum, pinned)
        for placement in group.placements:
            student, bilan = placement.student, bilans.get(placement.student)
            if placement.pinned:
                assert chosen.pins[student] == group.id
            elif bilan is None or bilan.decision == "maintien":
                assert group.id == homes[student], "no bilan, or maintien: the same group"
            elif bilan.to_group in kinds:
                assert group.id == bilan.to_group
            elif any(k == bilan.to_type for k in kinds.values()):
                assert kinds[group.id] == bilan.to_type
            else:
                assert group.id == homes[student], "the group aimed at does not exist: the same group"
    for out in proposal.left_out:
        assert bilans[out.student].decision == "sortie"
