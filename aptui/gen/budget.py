"""The hour budget of generated groups, and its tuning.

Hours of a session = duree_min / 60 x number of teachers of the group, charged
to divisions pro rata of the group's members from each division that day.
Per barrette, a greedy search chooses for every group and period one or two
teachers (co-animation) and a session length (95 to 120 min, inside the slot),
so that each division's year lands in 62.6-69.2 h (2009 preset: 70 h at most)
and each period stays near the pace (70 h x weeks of school of the period /
weeks of school of the year, as docs/rules.md APT403 defines it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from aptui.gen.plan import GenBarrette, GenGroup, GenPeriod, GenStudent, GenYear

YEAR_BUDGET = 70.0  # hours per division and year, preset "2009"
LOW, HIGH, CENTER = 62.6, 69.2, 66.0
PACE_LOW, PACE_HIGH = 0.75, 1.30  # periods cover ~30 of ~35 weeks: their mean pace is ~1.1
DURATIONS = tuple(range(95, 121, 5))
Roll = list[tuple[date, list[str]]]  # (session day, members that day)


def group_rolls(year: GenYear, period: GenPeriod, barrette: GenBarrette) -> dict[str, Roll]:
    """For each group of a barrette in a period: its session days and members expected on each
    (students whose division is in PFMP that day are not; a day with nobody has no session)."""
    groups = [g for g in year.groups.get(period.id, {}).values() if g.barrette == barrette.id]
    departures: dict[str, dict[str, date]] = {}
    for group in groups:
        for arrival in group.arrivals:
            departures.setdefault(arrival.from_group, {})[arrival.student] = arrival.day
    days = year.calendar.weekly_dates(period.start, period.end, barrette.weekday)
    rolls: dict[str, Roll] = {}
    for group in groups:
        gone = departures.get(group.id, {})
        roll = []
        for day in days:
            members = [s for s in group.start_members if not (s in gone and gone[s] <= day)]
            members += [a.student for a in group.arrivals if a.day <= day]
            present = sorted(s for s in members if not year.is_away(s, day))  # PFMP: no session for them
            if present:  # the barrette runs without the divisions in companies
                roll.append((day, present))
        rolls[group.id] = roll
    return rolls


@dataclass(slots=True)
class Item:
    """One group in one period, with its share of sessions per division."""

    group: GenGroup
    period: int
    shares: dict[str, float]  # division -> sum over sessions of the division's share


class Tuner:
    """Greedy search of teachers and session lengths for one barrette."""

    def __init__(self, items: list[Item], divisions: list[str], pace: dict[str, list[float]]) -> None:
        self.items, self.divisions, self.pace = items, divisions, pace
        self.low, self.high = LOW, HIGH
        self.total = dict.fromkeys(divisions, 0.0)
        self.by_period = [dict.fromkeys(divisions, 0.0) for _ in next(iter(pace.values()), [])]
        for item in items:
            self._apply(item, item.group.teacher_count * item.group.duration / 60)

    def _apply(self, item: Item, hours_per_share: float) -> None:
        for division, share in item.shares.items():
            self.total[division] += hours_per_share * share
            self.by_period[item.period][division] += hours_per_share * share

    # -- the objective: divisions inside the band, periods near the pace, few changes --------
    def _year_cost(self, hours: float) -> float:
        outside = max(0.0, self.low - hours) ** 2 + max(0.0, hours - self.high) ** 2
        return 10 * outside + 0.05 * (hours - CENTER) ** 2

    @staticmethod
    def _pace_cost(hours: float, pace: float) -> float:
        return 2 * (max(0.0, PACE_LOW * pace - hours) ** 2 + max(0.0, hours - PACE_HIGH * pace) ** 2)

    @staticmethod
    def _choice_cost(teachers: int, duration: int) -> float:
        return 0.05 * (120 - duration) / 5 + 0.15 * (teachers - 1)

    def cost(self) -> float:
        total = sum(self._year_cost(hours) for hours in self.total.values())
        for index, period in enumerate(self.by_period):
            total += sum(self._pace_cost(hours, self.pace[division][index]) for division, hours in period.items())
        return total + sum(self._choice_cost(i.group.teacher_count, i.group.duration) for i in self.items)

    def _delta(self, item: Item, teachers: int, duration: int) -> float:
        """Change of cost if the group of this item had these teachers and length."""
        group = item.group
        change = (teachers * duration - group.teacher_count * group.duration) / 60
        delta = self._choice_cost(teachers, duration) - self._choice_cost(group.teacher_count, group.duration)
        for division, share in item.shares.items():
            pace = self.pace[division][item.period]
            hours, period_hours = self.total[division], self.by_period[item.period][division]
            delta += self._year_cost(hours + change * share) - self._year_cost(hours)
            delta += self._pace_cost(period_hours + change * share, pace) - self._pace_cost(period_hours, pace)
        return delta

    def _moves(self, item: Item, durations: bool = True, toggles: bool = True) -> list[tuple[int, int]]:
        group = item.group
        moves = []
        index = DURATIONS.index(group.duration)
        for step in (-1, 1) if durations else ():
            if 0 <= index + step < len(DURATIONS):
                moves.append((group.teacher_count, DURATIONS[index + step]))
        if toggles and (len(group.start_members) >= 10 or group.teacher_count == 2):
            moves.append((3 - group.teacher_count, group.duration))
        return moves

    def _set(self, item: Item, teachers: int, duration: int) -> None:
        self._apply(item, -item.group.teacher_count * item.group.duration / 60)
        item.group.teacher_count, item.group.duration = teachers, duration
        self._apply(item, teachers * duration / 60)

    def _best_single(self, durations: bool = True, toggles: bool = True) -> tuple[Item, int, int] | None:
        best: tuple[float, Item, int, int] | None = None
        for item in self.items:
            for teachers, duration in self._moves(item, durations, toggles):
                delta = self._delta(item, teachers, duration)
                if delta < -1e-9 and (best is None or delta < best[0]):
                    best = (delta, item, teachers, duration)
        return None if best is None else best[1:]

    def _descend(self, durations: bool = True, toggles: bool = True, rounds: int = 300) -> None:
        for _ in range(rounds):
            move = self._best_single(durations, toggles)
            if move is None:
                return
            self._set(*move)

    def _state(self) -> list[tuple[int, int]]:
        return [(i.group.teacher_count, i.group.duration) for i in self.items]

    def _restore(self, state: list[tuple[int, int]]) -> None:
        for item, (teachers, duration) in zip(self.items, state):
            self._set(item, teachers, duration)

    def _lookahead(self) -> bool:
        """Try each co-animation toggle followed by a descent; keep the best if it helps."""
        start, start_cost = self._state(), self.cost()
        best: tuple[float, list[tuple[int, int]]] | None = None
        for item in self.items:
            toggle = list(self._moves(item, durations=False))
            if not toggle:
                continue
            self._set(item, *toggle[0])
            self._descend(toggles=False)
            cost = self.cost()
            if cost < start_cost - 1e-6 and (best is None or cost < best[0]):
                best = (cost, self._state())
            self._restore(start)
        if best is None:
            return False
        self._restore(best[1])
        return True

    def out_of_range(self) -> bool:
        return any(not LOW <= hours <= HIGH for hours in self.total.values())

    def run(self) -> None:
        # 1. co-animations, aiming a little high (sessions can only get shorter)
        self.low, self.high = LOW + 1.5, HIGH + 4
        self._descend(durations=False)
        # 2. session lengths and co-animations with the real band
        self.low, self.high = LOW, HIGH
        self._descend()
        # 3. when a division is still outside the band, look one toggle ahead
        for _ in range(4):
            if not self.out_of_range() or not self._lookahead():
                break
            self._descend()
        # 4. never over the budget: shorten the cheapest group of a division still above the band
        self._repair()

    def _repair(self, rounds: int = 200) -> None:
        for _ in range(rounds):
            over = [d for d, hours in self.total.items() if hours > HIGH]
            if not over:
                return
            division = max(over, key=lambda d: (self.total[d], d))
            moves = [(self._delta(item, t, n), index, t, n)
                     for index, item in enumerate(self.items) if item.shares.get(division)
                     for t, n in self._moves(item)
                     if t * n < item.group.teacher_count * item.group.duration]
            if not moves:
                return
            _, index, teachers, duration = min(moves)
            self._set(self.items[index], teachers, duration)


def division_weeks(year: GenYear, division: str, start: date, end: date) -> int:
    """Weeks of school of a division between two dates: its PFMP days are not school days for it."""
    away = year.away.get(division, frozenset())
    return len({d - timedelta(days=d.weekday()) for d in year.calendar.school_days(start, end) if d not in away})


def division_pace(year: GenYear, division: str) -> list[float]:
    """Hours expected per period (as APT403 counts them: over the division's weeks of school)."""
    weeks = division_weeks(year, division, year.first_day, year.last_day)
    return [YEAR_BUDGET * division_weeks(year, division, p.start, p.end) / weeks for p in year.periods]


def tune_budget(year: GenYear, students: dict[str, GenStudent]) -> None:
    """Set teacher_count and duration of every group of the year."""
    for barrette in year.barrettes:
        pace = {division: division_pace(year, division) for division in barrette.divisions}
        items = []
        for index, period in enumerate(year.periods):
            for group_id, roll in group_rolls(year, period, barrette).items():
                shares: dict[str, float] = {}
                for _, members in roll:
                    for sid in members:
                        division = students[sid].divisions[year.id]
                        shares[division] = shares.get(division, 0.0) + 1 / len(members)
                items.append(Item(year.groups[period.id][group_id], index, shares))
        Tuner(items, list(barrette.divisions), pace).run()


def division_hours(year: GenYear, students: dict[str, GenStudent]) -> dict[str, list[float]]:
    """Hours charged to each division, per period (for checks and reports)."""
    result = {d: [0.0] * len(year.periods) for d in sorted(year.divisions)}
    for index, period in enumerate(year.periods):
        for barrette in year.barrettes:
            for group_id, roll in group_rolls(year, period, barrette).items():
                group = year.groups[period.id][group_id]
                hours = group.teacher_count * group.duration / 60
                for _, members in roll:
                    for sid in members:
                        result[students[sid].divisions[year.id]][index] += hours / len(members)
    return result
