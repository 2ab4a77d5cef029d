"""PFMP weeks of each generated division: 18 to 22 weeks over the cycle, per cohort.

A cohort (a formation and number, e.g. MELEC1 entering 2nde in 2024) spends 4 to
6 weeks in companies in 2nde and more in 1re and Tle (6 to 9 each), 18 to 22
weeks in all.  Each year's weeks are blocks of 2 or 3 consecutive full weeks of
school (no school-holiday day inside; a public holiday is fine), two in 2nde
(before and after the winter holidays), three in 1re and Tle (before
Christmas, before the winter holidays, after them), never in the first weeks
(welcome, diagnostics) nor from June (exams).
Divisions of one barrette leave at different times when they can, and a block
never takes all the weeks of a period from a division: the barrette runs
without them, for the divisions still there.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from aptui.gen.catalog import LEVEL_PREFIX, LEVELS
from aptui.gen.plan import GenYear, child_rng

SECOND_WEEKS = (4, 6)  # 2nde
UPPER_WEEKS = (6, 9)  # 1re and Tle, each
CYCLE_WEEKS = (18, 22)
FIRST_MONDAY_INDEX = 4  # no PFMP in the first weeks of the year (welcome, diagnostics, first period)
LAST_MONTH = 5  # blocks end in May at the latest (exams in June)
OVERLAP_COST = 0.5  # a week shared with another division of the barrette
WHOLE_PERIOD_COST = 40.0  # a period in which the division would have no session at all
SHORT_PERIOD = 3  # fewer weeks of school left in a period make its pace fragile
SHORT_PERIOD_COST = 8.0
PACE_SHARE = 66 / 70  # the year's hours the budget tuner aims at, against the budget (gen/budget.py)
PACE_SLACK = 0.15  # distance to the pace tolerated for free (APT403 warns beyond 0.5)
PACE_LIMIT_COST = 60.0  # a spread the tuner could not absorb
SPREAD_OK = math.log(1.25)  # between the divisions of a period, as a ratio of their paces
SPREAD_LIMIT = math.log(1.9)
SEARCH_ROUNDS = 3


def cohort_weeks(seed: int, cohort: str, entry_year: int) -> tuple[int, int, int]:
    """Weeks in companies in 2nde, 1re and Tle of one cohort (they add up to 18-22)."""
    rng = child_rng(seed, "pfmp", cohort, entry_year)
    second = rng.randint(*SECOND_WEEKS)
    rest = rng.randint(*CYCLE_WEEKS) - second  # 12 to 18
    first = (rest + rng.randint(0, 1)) // 2
    return second, first, rest - first


def level_weeks(seed: int, division_id: str, level: str, start_year: int) -> int:
    index = LEVELS.index(level)
    cohort = division_id[len(LEVEL_PREFIX[level]):]
    return cohort_weeks(seed, cohort, start_year - index)[index]


def _full_weeks(year: GenYear) -> list[date]:
    """Mondays of the weeks whose five weekdays are inside the year and out of the school holidays."""
    calendar = year.calendar
    monday = year.first_day - timedelta(days=year.first_day.weekday())
    mondays = []
    while monday + timedelta(days=4) <= year.last_day:
        days = [monday + timedelta(days=n) for n in range(5)]
        if (monday >= year.first_day and not any(d in calendar.law.school for d in days)
                and sum(calendar.is_school_day(d) for d in days) >= 3):
            mondays.append(monday)
        monday += timedelta(days=7)
    return mondays


def _windows(year: GenYear) -> tuple[list[date], list[date], list[date]]:
    """The full weeks open to a PFMP: before Christmas, before the winter holidays, after them (to May)."""
    school_mondays = sorted({d - timedelta(days=d.weekday()) for d in year.calendar.school_days(
        year.first_day, year.last_day)})
    earliest = school_mondays[min(FIRST_MONDAY_INDEX, len(school_mondays) - 1)]
    latest = date(year.start_year + 1, LAST_MONTH + 1, 1) - timedelta(days=1)
    weeks = [m for m in _full_weeks(year) if earliest <= m and m + timedelta(days=4) <= latest]
    christmas = date(year.start_year + 1, 1, 1)
    winter = date(year.start_year + 1, 2, 15)
    for before, after in zip(school_mondays, school_mondays[1:]):  # the winter holidays: a gap in Feb-March
        if before.year == year.start_year + 1 and before.month in (2, 3) and (after - before).days > 7:
            winter = after
            break
    return ([m for m in weeks if m < christmas], [m for m in weeks if christmas <= m < winter],
            [m for m in weeks if m >= winter])


def block_lengths(weeks: int, level: str) -> tuple[int, ...]:
    """A year's weeks in companies as blocks of 2 or 3 weeks: two in 2nde, three in 1re and Tle
    (the divisions of a barrette, all of one level, then share the same windows)."""
    count = 2 if level == LEVELS[0] else 3
    return tuple(weeks // count + (1 if i < weeks % count else 0) for i in range(count))


def _blocks(window: list[date], length: int) -> list[list[date]]:
    """Runs of ``length`` consecutive weeks (Monday after Monday) inside the window."""
    found = []
    for index in range(len(window) - length + 1):
        run = window[index:index + length]
        if all((b - a).days == 7 for a, b in zip(run, run[1:])):
            found.append(run)
    return found


class BarrettePlanner:
    """Places the blocks of the divisions of one barrette, so that each keeps near its pace.

    While a division is away, the barrette's hours are charged to the divisions still
    there: a division present while the others are away is charged more than its pace
    (APT403).  The cost of a plan estimates, for every division and period, the share of
    the year's hours it gets against the share of its weeks of school, and a local search
    moves one block at a time while that helps.
    """

    def __init__(self, year: GenYear, divisions: list[str], seed: int, weekday: int = 0) -> None:
        self.year, self.divisions, self.seed = year, divisions, seed
        self.windows = _windows(year)
        self.year_weeks = {d - timedelta(days=d.weekday()) for d in year.calendar.school_days(
            year.first_day, year.last_day)}
        self.period_weeks = [
            {d - timedelta(days=d.weekday()) for d in year.calendar.school_days(p.start, p.end)} for p in year.periods
        ]
        # the weeks with a session of the barrette (its weekday is a school day)
        self.session_weeks = [
            {d - timedelta(days=d.weekday()) for d in year.calendar.weekly_dates(p.start, p.end, weekday)}
            for p in year.periods
        ]
        self.lengths: dict[str, tuple[int, ...]] = {}
        self.runs: dict[str, list[list[list[date]]]] = {}
        first, second, third = self.windows
        self.closed: dict[str, set[date]] = {}  # division -> Mondays of its level's closures (whole weeks)
        for division in divisions:
            level = year.divisions[division].level
            lengths = block_lengths(level_weeks(seed, division, level, year.start_year), level)
            windows = (first + second, third) if len(lengths) == 2 else (first, second, third)
            closures = [(a, b) for a, b, _, lvl in year.level_closures if lvl == level]
            self.closed[division] = {m for m in self.year_weeks for a, b in closures
                                     if a <= m and m + timedelta(days=4) <= b}
            ends = min((a for a, _ in closures), default=year.last_day + timedelta(days=1))
            self.lengths[division] = lengths
            self.runs[division] = [[r for r in _blocks(w, n) if r[-1] + timedelta(days=4) < ends]
                                   for w, n in zip(windows, lengths)]
        self.chosen: dict[str, list[list[date]]] = {d: [[] for _ in self.lengths[d]] for d in divisions}
        self.noise = {d: child_rng(seed, year.id, d, "pfmp") for d in divisions}

    def away(self, division: str) -> set[date]:
        return {m for run in self.chosen[division] for m in run} | self.closed[division]

    def cost(self) -> float:
        """How far the plan puts divisions from their pace (APT403), and how much they overlap.

        Per period the budget tuner scales the barrette's sessions as a whole: what it cannot
        fix is the spread between divisions of one period, so that is what costs most.
        """
        away = {d: self.away(d) for d in self.divisions}
        count = len(self.divisions)
        present = {w: count - sum(w in a for a in away.values()) for p in self.session_weeks for w in p}
        ratios: list[list[float]] = [[] for _ in self.period_weeks]
        total = 0.0
        for division in self.divisions:
            mine = away[division]
            shares = [sum(count / present[w] for w in p - mine) for p in self.session_weeks]
            all_shares = sum(shares) or 1.0
            weeks = len(self.year_weeks - mine) or 1
            for index, (period, share) in enumerate(zip(self.period_weeks, shares)):
                own = len(period - mine)
                if own < SHORT_PERIOD and period:
                    total += WHOLE_PERIOD_COST if not own else SHORT_PERIOD_COST
                if own:
                    ratio = PACE_SHARE * (share / all_shares) / (own / weeks)
                    ratios[index].append(ratio)
                    total += 100 * max(0.0, abs(ratio - 1) - PACE_SLACK) ** 2
            for other in self.divisions:
                if other < division:
                    total += OVERLAP_COST * len(mine & away[other])
        for paces in ratios:
            if not paces:
                continue
            if min(paces) <= 0:
                total += 2 * PACE_LIMIT_COST
                continue
            spread = math.log(max(paces) / min(paces))
            total += 400 * max(0.0, spread - SPREAD_OK) ** 2 + (PACE_LIMIT_COST if spread > SPREAD_LIMIT else 0.0)
        return total

    def _best(self, division: str, index: int) -> list[date]:
        runs = self.runs[division][index]
        if not runs:
            length = self.lengths[division][index]
            raise ValueError(f"pas de place pour {length} semaines de PFMP de {division} en {self.year.id}")
        rng = self.noise[division]
        scored = []
        for run in runs:
            self.chosen[division][index] = run
            scored.append((self.cost() + 0.01 * rng.random(), run[0], run))
        return min(scored)[2]

    def run(self) -> dict[str, list[tuple[date, date, str]]]:
        for division in self.divisions:
            for index in range(len(self.lengths[division])):
                self.chosen[division][index] = self._best(division, index)
        for _ in range(SEARCH_ROUNDS):
            before = self.cost()
            for division in self.divisions:
                for index in range(len(self.lengths[division])):
                    self.chosen[division][index] = self._best(division, index)
            if self.cost() >= before - 1e-9:
                break
        return {d: [(run[0], run[-1] + timedelta(days=4), f"PFMP {n}") for n, run in enumerate(self.chosen[d], 1)]
                for d in self.divisions}


def plan_placements(year: GenYear, seed: int) -> None:
    """The PFMP of every division of the year (year.work_placements), and the days each is away."""
    placed: set[str] = set()
    for barrette in year.barrettes:
        divisions = [d for d in sorted(barrette.divisions) if d not in placed]
        year.work_placements.update(BarrettePlanner(year, divisions, seed, barrette.weekday).run())
        placed.update(divisions)
    for division in sorted(set(year.divisions) - placed):
        year.work_placements.update(BarrettePlanner(year, [division], seed).run())
    for division, spans in year.work_placements.items():
        level = year.divisions[division].level
        closed = [(a, b) for a, b, _, lvl in year.level_closures if lvl == level]
        days = {a + timedelta(days=n) for a, b in [(a, b) for a, b, _ in spans] + closed
                for n in range((b - a).days + 1)}
        year.away[division] = frozenset(days)
    year.division_of = {s: d.id for d in year.divisions.values() for s in d.students}
