"""What the team knows of each student: needs, diagnostics, interviews,
contract, tutor, further-study project."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from aptui.gen.catalog import FORMATIONS
from aptui.gen.plan import GenStudent, GenTeacher, GenYear, child_rng
from aptui.gen.texts import DIAGNOSTIC_TOOLS, INTERVIEW_NOTES, NEED_DETAILS, OBJECTIVES

# profile -> (content type, weight) of the needs seen at the interviews
NEED_WEIGHTS: dict[str, tuple[tuple[str, float], ...]] = {
    "contents": (("approfondissement", 0.8), ("projet-professionnel", 0.3), ("aide-methodologique", 0.1)),
    "pourquoi-pas": (("soutien-disciplinaire", 0.6), ("aide-methodologique", 0.5), ("projet-professionnel", 0.4)),
    "malgre-eux": (("developpement-personnel", 0.7), ("aide-methodologique", 0.6),
                   ("soutien-disciplinaire", 0.4), ("projet-professionnel", 0.3)),
}
DIAGNOSTIC_MEAN: dict[str, float] = {"contents": 13.5, "pourquoi-pas": 10.5, "malgre-eux": 8.0}
OBJECTIVE_STATUSES = (
    ("en-cours", 0.5), ("atteint", 0.2), ("partiel", 0.2), ("non-atteint", 0.05), ("abandonne", 0.05),
)


def head_teachers(year: GenYear, teachers: list[GenTeacher], seed: int) -> dict[str, str]:
    """The professeur principal of each division, who leads the welcome interviews."""
    rng = child_rng(seed, year.id, "head-teachers")
    ids = [t.id for t in teachers]
    chosen = rng.sample(ids, min(len(ids), len(year.divisions)))
    return {d: chosen[i % len(chosen)] for i, d in enumerate(sorted(year.divisions))}


def fill_records(students: dict[str, GenStudent], years: list[GenYear], teachers: list[GenTeacher],
                 seed: int) -> None:
    heads = {y.id: head_teachers(y, teachers, seed) for y in years}
    by_id = {y.id: y for y in years}
    teacher_ids = [t.id for t in teachers]
    for sid in sorted(students):
        student, rng = students[sid], child_rng(seed, "record", sid)
        present = [by_id[y] for y in sorted(student.divisions)]
        profile = student.profiles[present[-1].id]
        _needs(student, profile, rng)
        if student.passerelle or (profile == "malgre-eux" and rng.random() < 0.5) or rng.random() < 0.04:
            student.tutor = rng.choice(teacher_ids)
        for year in present:
            _welcome(student, year, heads[year.id][student.divisions[year.id]], rng)
        if profile == "malgre-eux":
            _follow_up(student, present[-1], rng)
        if profile == "contents" or (profile == "pourquoi-pas" and rng.random() < 0.2):
            division = present[-1].divisions[student.divisions[present[-1].id]]
            formation = next(f for f in FORMATIONS if f.code == division.formation)
            student.project = rng.choice(formation.further_study)
        if profile == "malgre-eux" and not student.falling and rng.random() < 0.12:
            student.falling = True


def _needs(student: GenStudent, profile: str, rng: Random) -> None:
    kinds, weights = zip(*NEED_WEIGHTS[profile])
    wanted = 1 if rng.random() < 0.55 else 2
    for _ in range(6):
        if len(student.needs) >= wanted + (1 if student.passerelle else 0):
            break
        kind = rng.choices(kinds, weights=weights)[0]
        if kind not in student.need_types():
            student.needs.append((kind, rng.choice(NEED_DETAILS[kind])))


def _school_day(year: GenYear, day: date, student: str = "") -> date:
    """The first school day from ``day`` on (on which the student's division is not in PFMP)."""
    while not year.calendar.is_school_day(day) or year.is_away(student, day):
        day += timedelta(days=1)
    return day


def _welcome(student: GenStudent, year: GenYear, head: str, rng: Random) -> None:
    """Diagnostics in the first week, an interview in the first two weeks (the welcome)."""
    level = year.divisions[student.divisions[year.id]].level
    mean = DIAGNOSTIC_MEAN[student.profiles[year.id]]
    for tool, remarks in DIAGNOSTIC_TOOLS[level]:
        day = _school_day(year, year.first_day + timedelta(days=rng.randrange(0, 5)))
        score = max(3, min(19, round(rng.gauss(mean, 3.0))))
        student.diagnostics.append((day, tool, f"{score}/20, {rng.choice(remarks)}"))
    day = _school_day(year, year.first_day + timedelta(days=rng.randrange(3, 12)))
    notes = rng.choice(INTERVIEW_NOTES[student.profiles[year.id]])
    student.interviews.append((day, student.tutor or head, notes))


def _follow_up(student: GenStudent, year: GenYear, rng: Random) -> None:
    """A contract of limited objectives, reviewed with the tutor in January."""
    if rng.random() < 0.85:
        labels = rng.sample(OBJECTIVES, rng.choice((2, 2, 3)))
        statuses = [status for status, _ in OBJECTIVE_STATUSES]
        weights = [weight for _, weight in OBJECTIVE_STATUSES]
        for label in labels:
            status = rng.choices(statuses, weights=weights)[0]
            if student.left_on and rng.random() < 0.5:
                status = "abandonne"
            student.objectives.append((label, status))
    day = _school_day(year, date(year.start_year + 1, 1, 12) + timedelta(days=rng.randrange(0, 10)), student.id)
    if student.tutor and (student.left_on is None or day < student.left_on):
        student.interviews.append((day, student.tutor, "Point sur le contrat d'objectifs avec le tuteur."))
