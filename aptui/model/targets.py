"""Where a bilan may send a student: the groups of the student's barrette in the following period.

The next period is built *from* the bilans, so while it has no group in the
student's barrette the current period's groups stand for it (a group keeps
its id when it continues).  Until the next period has started (one of its
sessions has an appel) a target that names no such group may still be
created: the rule warns; after, it is an error.  The bilans dialog can offer
``BilanTargets.groups`` (rules/bilan_targets.py checks against the same).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aptui.model.entities import Group, Period, Year


@dataclass(frozen=True, slots=True)
class BilanTargets:
    """The groups a bilan of ``period`` may name in ``vers`` for one student."""

    following: Period | None
    """The next period of the year (None after the last one)."""
    source: str
    """The period whose groups are offered: the following one once it has groups in the barrette, else this one."""
    barrettes: frozenset[str]
    """The student's barrettes (those of their division); empty when unknown."""
    groups: tuple[Group, ...]
    """The groups of ``source`` in the student's barrettes (every group of ``source`` when they are unknown)."""
    others: tuple[Group, ...]
    """The groups of ``source`` in other barrettes."""
    final: bool
    """Whether the following period has started: a wrong target is then an error, not a warning."""

    def find(self, group_id: str) -> Group | None:
        for group in (*self.groups, *self.others):
            if group.id == group_id:
                return group
        return None


def started(year: Year, period: Period) -> bool:
    """A period has started once one of its sessions has an appel (the files say so, not the clock)."""
    return any(
        session.attendance for (period_id, _group), sessions in year.sessions.items() if period_id == period.id
        for session in sessions
    )


def student_barrettes(year: Year, division: str | None) -> frozenset[str]:
    return frozenset(b.id for b in year.barrettes.values() if division is not None and division in b.divisions)


class PeriodTargets:
    """The targets of every bilan of one period (what they share is computed once)."""

    def __init__(self, year: Year, period: Period, divisions_of: Mapping[str, str]) -> None:
        self.year, self.period, self.divisions_of = year, period, divisions_of
        self.following = year.next_period(period.id)
        self.final = self.following is not None and started(year, self.following)
        self._known: dict[frozenset[str], BilanTargets] = {}

    def of(self, student: str) -> BilanTargets:
        barrettes = student_barrettes(self.year, self.divisions_of.get(student))
        known = self._known.get(barrettes)
        if known is None:
            known = self._known[barrettes] = self._targets(barrettes)
        return known

    def _split(self, period_id: str, barrettes: frozenset[str]) -> tuple[tuple[Group, ...], tuple[Group, ...]]:
        groups = sorted(self.year.groups_of(period_id), key=lambda g: g.id)
        if not barrettes:
            return tuple(groups), ()
        return tuple(g for g in groups if g.barrette in barrettes), tuple(g for g in groups if g.barrette not in barrettes)

    def _targets(self, barrettes: frozenset[str]) -> BilanTargets:
        source = self.period.id
        mine, others = self._split(source, barrettes)
        if self.following is not None:
            next_mine, next_others = self._split(self.following.id, barrettes)
            if next_mine:
                source, mine, others = self.following.id, next_mine, next_others
        return BilanTargets(self.following, source, barrettes, mine, others, self.final)


def bilan_targets(year: Year, period: Period, student: str, divisions_of: Mapping[str, str]) -> BilanTargets:
    """The targets of one student's bilan (for the dialog; the rule uses PeriodTargets)."""
    return PeriodTargets(year, period, divisions_of).of(student)
