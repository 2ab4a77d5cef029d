"""Teachers, divisions and students of a generated school, year after year.

Cohorts move up a level each year in the division of the same formation and
number (2MELEC1 -> 1MELEC1 -> TMELEC1); Terminale students leave, new 2nde
students arrive, a few students join a 1re through a passerelle and a few
leave the school during the year (``sortie``).
"""

from __future__ import annotations

import math
from random import Random

from aptui.gen.catalog import FORMATIONS, LEVEL_PREFIX, LEVELS, PROFILES, Formation
from aptui.gen.names import FIRST_NAMES, LAST_NAMES, SUBJECTS, ascii_slug
from aptui.gen.plan import GenDivision, GenStudent, GenTeacher, GenYear

DIVISION_SIZE = 25
MAX_DIVISIONS_PER_FORMATION = 3
FIRST_PROFILE_WEIGHTS = (0.30, 0.45, 0.25)  # contents, pourquoi-pas, malgre-eux
# profile -> weights of next year's profile
PROFILE_CHANGES: dict[str, tuple[float, float, float]] = {
    "contents": (0.85, 0.13, 0.02),
    "pourquoi-pas": (0.20, 0.70, 0.10),
    "malgre-eux": (0.05, 0.30, 0.65),
}


# -- teachers -------------------------------------------------------------------------------
def teacher_count(students: int) -> int:
    return max(25, round(students / 9))


def _subject_weights(formations: list[Formation]) -> list[tuple[str, float]]:
    general = {"lettres-histoire": 4.0, "maths-sciences": 4.0, "anglais": 2.0, "espagnol": 0.6,
               "eps": 1.5, "arts-appliques": 0.8, "economie-droit": 1.0, "prevention-sante-environnement": 1.0}
    for formation in formations:
        general[formation.subject] = general.get(formation.subject, 0.0) + 2.0
    return [(s, general[s]) for s in SUBJECTS if s in general]


def make_teachers(count: int, formations: list[Formation], rng: Random) -> list[GenTeacher]:
    """Teachers with unique ids (initial + last name) and a discipline each, by quotas."""
    weights = _subject_weights(formations)
    total = sum(w for _, w in weights)
    quotas = [(s, count * w / total) for s, w in weights]
    counts = {s: int(q) for s, q in quotas}
    by_remainder = sorted(quotas, key=lambda sq: (-(sq[1] - int(sq[1])), sq[0]))
    for subject, _ in by_remainder[: count - sum(counts.values())]:
        counts[subject] += 1
    subjects = [s for s, _ in weights for _ in range(counts[s])]
    teachers: list[GenTeacher] = []
    used: set[str] = set()
    for subject in subjects:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        base = ascii_slug(first)[:1] + ascii_slug(last)
        ident, n = base, 2
        while ident in used:
            ident, n = f"{base}{n}", n + 1
        used.add(ident)
        teachers.append(GenTeacher(ident, last, first, (subject,)))
    return sorted(teachers, key=lambda t: t.id)


# -- divisions ------------------------------------------------------------------------------
def division_layout(students: int) -> list[tuple[Formation, int]]:
    """Formations and their number of divisions per level (~25 students a division)."""
    per_level = max(1, round(students / DIVISION_SIZE / len(LEVELS)))
    count = min(len(FORMATIONS), max(min(3, per_level), math.ceil(per_level / MAX_DIVISIONS_PER_FORMATION)))
    base, extra = divmod(per_level, count)
    return [(FORMATIONS[i], base + (1 if i < extra else 0)) for i in range(count)]


def division_ids(level: str, layout: list[tuple[Formation, int]]) -> list[tuple[str, str]]:
    """(division id, formation code) of one level, e.g. ("2MELEC1", "MELEC")."""
    return [(f"{LEVEL_PREFIX[level]}{f.code}{k}", f.code) for f, n in layout for k in range(1, n + 1)]


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


# -- students -------------------------------------------------------------------------------
class Roster:
    """Creates students with unique ids and invented names."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.students: dict[str, GenStudent] = {}
        self.numbers: dict[int, int] = {}
        self.names: set[tuple[str, str]] = set()

    def new(self, entry_year: int) -> GenStudent:
        number = self.numbers.get(entry_year, 0) + 1
        self.numbers[entry_year] = number
        while True:
            name = (self.rng.choice(LAST_NAMES), self.rng.choice(FIRST_NAMES))
            if name not in self.names or len(self.names) > len(LAST_NAMES) * len(FIRST_NAMES) // 2:
                break
        self.names.add(name)
        student = GenStudent(f"e{entry_year}-{number:03d}", name[0], name[1])
        student.assiduity = round(self.rng.uniform(-0.05, 0.05), 3)
        self.students[student.id] = student
        return student


def _profile(rng: Random, previous: str | None, passerelle: bool = False) -> str:
    if previous is None:
        weights = (0.10, 0.50, 0.40) if passerelle else FIRST_PROFILE_WEIGHTS
    else:
        weights = PROFILE_CHANGES[previous]
    return rng.choices(PROFILES, weights=weights)[0]


def populate(years: list[GenYear], students: int, rng: Random) -> dict[str, GenStudent]:
    """Fill every year's divisions and return all students."""
    layout = division_layout(students)
    roster = Roster(rng)
    per_level = students // len(LEVELS)
    previous: GenYear | None = None
    for year in years:
        for level in LEVELS:
            ids = division_ids(level, layout)
            sizes = _split(per_level, len(ids))
            for (ident, formation), size in zip(ids, sizes):
                division = GenDivision(ident, level, formation, None)
                year.divisions[ident] = division
                _fill_division(division, size, year, previous, roster)
        _add_passerelles(year, students, roster)
        for division in year.divisions.values():
            division.students.sort()
            for sid in division.students:
                student = roster.students[sid]
                before = student.profiles.get(previous.id) if previous else None
                student.profiles[year.id] = _profile(rng, before, student.passerelle and before is None)
        _plan_departures(year, roster, students, rng)
        previous = year
    return roster.students


def _fill_division(division: GenDivision, size: int, year: GenYear, previous: GenYear | None,
                   roster: Roster) -> None:
    """Students of a division: the cohort of the year before, or new students."""
    level_index = LEVELS.index(division.level)
    if previous is not None and level_index > 0:
        before_id = LEVEL_PREFIX[LEVELS[level_index - 1]] + division.id[1:]
        before = previous.divisions.get(before_id)
        if before is not None:
            division.previous = before_id
            for sid in before.students:
                student = roster.students[sid]
                if student.left_on is None:
                    division.students.append(sid)
                    student.divisions[year.id] = division.id
            return
    entry = year.start_year - level_index
    for _ in range(size):
        student = roster.new(entry)
        division.students.append(student.id)
        student.divisions[year.id] = division.id


def _add_passerelles(year: GenYear, students: int, roster: Roster) -> None:
    """A couple of students join a 1re after a change of track."""
    firsts = [d for d in year.divisions.values() if d.level == "1re"]
    for _ in range(max(2, round(students / 110))):
        division = min(firsts, key=lambda d: (len(d.students), d.id))
        student = roster.new(year.start_year)
        student.passerelle = True
        student.needs.append(("passerelle", roster.rng.choice((
            "Bases du domaine professionnel (arrive de 2nde générale)",
            "Rattrapage des enseignements professionnels de 2nde",
        ))))
        division.students.append(student.id)
        student.divisions[year.id] = division.id


def _plan_departures(year: GenYear, roster: Roster, students: int, rng: Random) -> None:
    """A few students leave the school after a period (never after the last one).

    Each leaves one of the largest divisions of a level, so that divisions of a
    barrette keep similar sizes (their hours are shared pro rata of students).
    """
    for _ in range(max(2, round(students * 0.012))):
        level = rng.choice(LEVELS)
        pools = [
            [s for s in d.students if roster.students[s].left_on is None and not roster.students[s].passerelle]
            for d in year.divisions.values() if d.level == level
        ]
        largest = max(len(pool) for pool in pools)
        pool = rng.choice([pool for pool in pools if len(pool) == largest])
        weights = [3.0 if roster.students[s].profiles[year.id] == "malgre-eux" else 0.4 for s in pool]
        student = roster.students[rng.choices(pool, weights=weights)[0]]
        # The last day of a period (not the last one): a student is gone the day after `sortie`.
        student.left_on = year.periods[rng.randrange(len(year.periods) - 1)].end
        student.falling = True
