"""Barrettes (aligned weekly slots) and exemptions of a generated year."""

from __future__ import annotations

import math
from random import Random

from aptui.gen.calendar_plan import weekday_order
from aptui.gen.catalog import LEVEL_PREFIX, LEVELS
from aptui.gen.plan import GenBarrette, GenExemption, GenPeriod, GenStudent, GenYear
from aptui.gen.texts import EXEMPTION_REASONS, EXIT_REASONS

MAX_DIVISIONS_PER_BARRETTE = 4
SLOT_MINUTES = 120
WEDNESDAY = 2


def slots(year: GenYear) -> list[tuple[int, str]]:
    """(weekday, start time) of the AP slots, best first; no Wednesday afternoon."""
    order = weekday_order(year)
    return [(d, "14:00") for d in order if d != WEDNESDAY] + [(d, "10:00") for d in order]


def plan_barrettes(year: GenYear) -> None:
    """Per level, barrettes of 2 to 4 divisions mixing formations, each on its slot."""
    available = slots(year)
    index = 0
    for level in LEVELS:
        divisions = sorted(
            (d for d in year.divisions.values() if d.level == level),
            key=lambda d: (int(d.id[len(LEVEL_PREFIX[level]) + len(d.formation):]), d.id),
        )
        count = max(1, math.ceil(len(divisions) / MAX_DIVISIONS_PER_BARRETTE))
        chunks = [divisions[i::count] for i in range(count)]
        for number, chunk in enumerate(chunks):
            letter = chr(ord("A") + number) if count > 1 else ""
            name = {"2nde": "2NDE", "1re": "1RE", "Tle": "TLE"}[level]
            weekday, start = available[index % len(available)]
            index += 1
            year.barrettes.append(GenBarrette(
                ident_barrette(name, letter), level, f"G{LEVEL_PREFIX[level]}{letter}",
                weekday, start, SLOT_MINUTES, sorted(d.id for d in chunk),
            ))


def ident_barrette(name: str, letter: str) -> str:
    return f"B-{name}-{letter}" if letter else f"B-{name}"


def _from_largest_division(year: GenYear, students: dict[str, GenStudent], levels: tuple[str, ...],
                           rng: Random, profile: str | None = None) -> str | None:
    """A student, still there and not yet exempted, of one of the largest divisions."""
    taken = {e.student for e in year.exemptions}
    pools = []
    for division in sorted(year.divisions.values(), key=lambda d: d.id):
        if division.level in levels:
            pools.append([s for s in division.students if students[s].left_on is None
                          and not students[s].passerelle and s not in taken])
    largest = max(len(pool) for pool in pools)
    pool = rng.choice([pool for pool in pools if len(pool) == largest])
    fitting = [s for s in pool if profile is None or students[s].profiles[year.id] == profile] or pool
    return rng.choice(fitting) if fitting else None


def plan_exemptions(year: GenYear, students: dict[str, GenStudent], size: int, rng: Random) -> None:
    """A student exempted all year, and students leaving the scheme after a bilan."""
    for _ in range(max(1, round(size / 500))):
        sid = _from_largest_division(year, students, ("1re", "Tle"), rng)
        if sid is not None:
            year.exemptions.append(GenExemption(sid, None, rng.choice(EXEMPTION_REASONS)))
    if len(year.periods) < 3:
        return
    for _ in range(max(1, round(size / 300))):
        sid = _from_largest_division(year, students, LEVELS, rng, "contents")
        if sid is None:
            continue
        period = year.periods[rng.randrange(1, len(year.periods) - 1)]
        reason = rng.choice(EXIT_REASONS)
        year.exits[sid] = (period.id, reason)
        later = [p.id for p in year.periods[year.period_index(period.id) + 1:]]
        motif = f"Sortie du dispositif après le bilan de {period.id} ({reason})"
        year.exemptions.append(GenExemption(sid, later, motif))


def is_eligible(year: GenYear, student: GenStudent, period: GenPeriod) -> bool:
    """True when the student must be in a group of the period (not left, not exempted)."""
    if student.left_on is not None and student.left_on < period.start:  # gone the day after `sortie`
        return False
    for exemption in year.exemptions:
        if exemption.student == student.id and (exemption.periods is None or period.id in exemption.periods):
            return False
    return True
