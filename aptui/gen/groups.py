"""Needs groups of one barrette, period after period.

In each period every eligible student of the barrette's divisions is placed in
exactly one group.  Groups keep their id while they continue; at each period
boundary most students stay, some move (after their bilan) and the members of
a closed group are spread over the others.  A few students change group during
a period: a dated arrival in the destination group.
"""

from __future__ import annotations

import math
from random import Random

from aptui import vocab as v
from aptui.gen.catalog import LEVEL_TEMPLATES, PROFILES, TEMPLATES, Template
from aptui.gen.organisation import is_eligible
from aptui.gen.plan import GenArrival, GenBarrette, GenGroup, GenPeriod, GenStudent, GenYear, child_rng
from aptui.gen.texts import CHANGE_REASONS

OUTCOMES: tuple[str, ...] = tuple(v.OUTCOME_LABELS)  # atteint, partiel, non-atteint
OUTCOME_WEIGHTS: dict[str, tuple[float, float, float]] = {
    "contents": (0.60, 0.35, 0.05),
    "pourquoi-pas": (0.35, 0.50, 0.15),
    "malgre-eux": (0.15, 0.45, 0.40),
}
MOVE_CHANCE: dict[str, float] = {"atteint": 0.22, "partiel": 0.06, "non-atteint": 0.12}
GROUP_SIZE = 24
Scores = dict[str, dict[str, float]]  # student -> group id -> preference


class BarrettePlanner:
    """Plans the groups of one barrette for every period of a year."""

    def __init__(self, year: GenYear, barrette: GenBarrette, students: dict[str, GenStudent], rng: Random):
        self.year, self.barrette, self.students, self.rng = year, barrette, students, rng
        self.roster = sorted(s for d in barrette.divisions for s in year.divisions[d].students)
        self.has_passerelle = any(students[s].passerelle for s in self.roster)

    # -- which groups run ---------------------------------------------------------------
    def group_count(self, size: int) -> int:
        base = max(1, round(size / GROUP_SIZE))  # ~ one group per division: the budget allows no more
        if size / (base + 1) >= 18 and self.rng.random() < 0.15:
            return base + 1  # sometimes one extra group
        return base

    def _new_group(self, period: GenPeriod, template: Template, taken: list[str]) -> GenGroup:
        tag = self.barrette.tag
        if template.multi:
            letter = next(c for c in "ABCDEFGH" if f"{tag}-{template.slug}-{c}" not in taken)
            ident, title = f"{tag}-{template.slug}-{letter}", f"{template.title} {letter}"
        else:
            ident, title = f"{tag}-{template.slug}", template.title
        return GenGroup(ident, period.id, self.barrette.id, template, title)

    def _candidates(self, taken: list[str], running: list[str], count: int) -> list[Template]:
        """Templates that could open now, in the level's order of priority.

        A "multi" template runs twice only in barrettes of five groups or more.
        """
        result = []
        for slug in LEVEL_TEMPLATES[self.barrette.level]:
            template = TEMPLATES[slug]
            if template.multi:
                copies = sum(1 for g in running if g.startswith(f"{self.barrette.tag}-{slug}-"))
                if copies < (2 if count >= 5 else 1):
                    result.append(template)
            elif f"{self.barrette.tag}-{slug}" not in taken:
                result.append(template)
        return result

    def choose_groups(self, period: GenPeriod, previous: list[GenGroup], size: int) -> list[GenGroup]:
        count = self.group_count(size)
        ids = [g.id for g in previous]
        early = self.year.period_index(period.id) <= 1  # a passerelle group runs two periods
        kept = [(g.template, g.id, g.title) for g in previous if g.template.kind != "passerelle" or early]
        if previous and len(kept) > 1 and self.rng.random() < 0.2:
            kept.pop(self.rng.randrange(len(kept)))  # a group closes; another one may open
        while len(kept) > count:
            kept.pop(self.rng.randrange(len(kept)))
        groups = [GenGroup(ident, period.id, self.barrette.id, t, title) for t, ident, title in kept]
        if not previous and self.has_passerelle and count >= 3 and self.barrette.level == "1re":
            groups.append(self._new_group(period, TEMPLATES["PASSERELLE"], ids))
        while len(groups) < count:
            taken = ids + [g.id for g in groups]
            options = self._candidates(taken, [g.id for g in groups], count)
            pick = options[0] if not previous else options[self.rng.randrange(min(3, len(options)))]
            groups.append(self._new_group(period, pick, taken))
        return sorted(groups, key=lambda g: g.id)

    # -- who goes where -------------------------------------------------------------------
    def scores(self, groups: list[GenGroup]) -> Scores:
        result: Scores = {}
        for sid in self.roster:
            student = self.students[sid]
            profile = PROFILES.index(student.profiles[self.year.id])
            needs = student.need_types()
            result[sid] = {
                g.id: g.template.affinity[profile]
                + (1.2 if g.template.kind in needs else 0.0)
                + (3.0 if student.passerelle and g.template.kind == "passerelle" else 0.0)
                + self.rng.uniform(0.0, 0.7)
                for g in groups
            }
        return result

    def place(self, eligible: list[str], groups: list[GenGroup], previous: dict[str, str],
              outcomes: dict[str, str], scores: Scores) -> dict[str, str]:
        """Start group of every eligible student: stay, move after the bilan, or fill."""
        ids = [g.id for g in groups]
        capacity = math.ceil(len(eligible) / len(groups)) + 3
        wishes: list[tuple[int, str, list[str]]] = []  # (priority, student, groups by preference)
        order = eligible[:]
        self.rng.shuffle(order)
        for sid in order:
            ranked = sorted(ids, key=lambda g: (-scores[sid][g], g))
            before = previous.get(sid)
            if before in ids:
                move = self.rng.random() < MOVE_CHANCE[outcomes.get(sid, "partiel")]
                others = [g for g in ranked if g != before]
                wishes.append((1, sid, others + [before]) if move else (0, sid, [before] + others))
            else:
                wishes.append((1, sid, ranked))
        placed: dict[str, str] = {}
        sizes = dict.fromkeys(ids, 0)
        for _, sid, ranked in sorted(wishes, key=lambda w: w[0]):
            group = next(g for g in ranked if sizes[g] < capacity)
            placed[sid] = group
            sizes[group] += 1
        self._fill_small_groups(placed, sizes, scores, len(eligible) / len(groups))
        return placed

    @staticmethod
    def _fill_small_groups(placed: dict[str, str], sizes: dict[str, int], scores: Scores, mean: float) -> None:
        """Move the least reluctant students into groups that would be too small."""
        minimum = max(3, math.floor(mean * 0.55))
        for group in sorted(sizes):
            while sizes[group] < minimum:
                donors = [s for s in sorted(placed) if placed[s] != group and sizes[placed[s]] > minimum]
                if not donors:
                    break
                sid = max(donors, key=lambda s: (scores[s][group] - scores[s][placed[s]], s))
                sizes[placed[sid]] -= 1
                placed[sid] = group
                sizes[group] += 1

    def arrivals(self, period: GenPeriod, groups: list[GenGroup], start: dict[str, str],
                 movable: list[str], scores: Scores) -> list[tuple[GenArrival, str]]:
        """Zero to two dated moves between groups inside the period, with their destination."""
        days = self.year.calendar.weekly_dates(period.start, period.end, self.barrette.weekday)
        count = self.rng.choices((0, 1, 2), weights=(0.55, 0.35, 0.10))[0]
        if len(days) < 3 or len(groups) < 2 or not movable:
            return []
        moves = []
        for sid in self.rng.sample(movable, min(count, len(movable))):
            target = max((g for g in groups if g.id != start[sid]), key=lambda g: (scores[sid][g.id], g.id))
            reason = self.rng.choice(CHANGE_REASONS[target.template.kind])
            day = days[self.rng.randrange(1, len(days) - 1)]
            arrival = GenArrival(day, sid, start[sid], reason)
            target.arrivals.append(arrival)
            moves.append((arrival, target.id))
        return moves

    def outcome(self, sid: str) -> str:
        weights = OUTCOME_WEIGHTS[self.students[sid].profiles[self.year.id]]
        return self.rng.choices(OUTCOMES, weights=weights)[0]

    # -- the whole year -------------------------------------------------------------------
    def run(self) -> None:
        previous_groups: list[GenGroup] = []
        previous_end: dict[str, str] = {}
        outcomes: dict[str, str] = {}
        days = {p.id: self.year.calendar.weekly_dates(p.start, p.end, self.barrette.weekday) for p in self.year.periods}
        for period in self.year.periods:
            eligible = [s for s in self.roster if is_eligible(self.year, self.students[s], period)]
            if all(self.year.is_away(s, d) for s in self.roster for d in days[period.id]):
                eligible = []  # the whole barrette is away (Terminale after mid-May): no group
            if not eligible:
                previous_groups, previous_end = [], {}
                continue
            groups = self.choose_groups(period, previous_groups, len(eligible))
            scores = self.scores(groups)
            start = self.place(eligible, groups, previous_end, outcomes, scores)
            movable = [s for s in eligible if previous_end.get(s, start[s]) == start[s]
                       and self.students[s].left_on is None and s not in self.year.exits]
            end = dict(start)
            by_id = {g.id: g for g in groups}
            for arrival, target in self.arrivals(period, groups, start, movable, scores):
                end[arrival.student] = target
            for sid in eligible:
                by_id[start[sid]].start_members.append(sid)
                by_id[end[sid]].end_members.append(sid)
            placements = self.year.placements.setdefault(period.id, {})
            period_outcomes = self.year.outcomes.setdefault(period.id, {})
            for sid in eligible:
                placements[sid] = (start[sid], end[sid])
                period_outcomes[sid] = self.outcome(sid)
            for group in groups:
                group.start_members.sort()
                group.end_members.sort()
                group.arrivals.sort(key=lambda a: (a.day, a.student))
                self.year.groups.setdefault(period.id, {})[group.id] = group
            previous_groups, previous_end, outcomes = groups, end, period_outcomes


def plan_groups(year: GenYear, students: dict[str, GenStudent], seed: int) -> None:
    """Groups, placements and outcomes of every barrette of the year."""
    for barrette in year.barrettes:
        BarrettePlanner(year, barrette, students, child_rng(seed, year.id, barrette.id)).run()
