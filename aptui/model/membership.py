"""Who is in which group, on which day, in one period of one year.

A group file lists its members at the *end* of the period; each dated arrival
(``arrivees``) says that before that day the student was in another group of
the same period.  From these, a student's path through a period is a chain:
start group -> arrival 1 -> arrival 2 -> ... -> end group, per barrette.

A student who leaves the school (``sortie`` in their file) is a member up to
that day included, and of no group after it.  A student who joins the school
during the year (``arrivee``) is a member from that day on, of no group before
it: no mark is expected from them, no hour is charged for them, nothing is
scheduled for them before they arrived.  The pilote may keep them in
their group's list or remove them (the list holds the members at the end of
the period): removed, their group until they left is the one whose sessions
marked them last before their departure (the only trace left of it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from aptui.model.entities import Arrival, Group, Year

NO_DEPARTURES: Mapping[str, date] = {}


@dataclass(frozen=True, slots=True)
class Step:
    """One arrival in a student's path, with the group it led to."""

    arrival: Arrival
    to_group: str


class PeriodMembership:
    """Membership of every group of one period, answering questions by day."""

    def __init__(self, year: Year, period: str, departures: Mapping[str, date] = NO_DEPARTURES,
                 arrivals: Mapping[str, date] = NO_DEPARTURES) -> None:
        """``departures``: student -> last day in the school (their ``sortie``), for those who left;
        ``arrivals``: student -> first day in the school (their ``arrivee``), for those who joined late."""
        self.period = period
        self._members: dict[tuple[str, date], frozenset[str]] = {}
        self.groups: dict[str, Group] = {g.id: g for g in year.groups_of(period)}
        self.left_on: Mapping[str, date] = departures
        self.arrived_on: Mapping[str, date] = arrivals
        # student -> barrette -> end groups (normally one)
        self.end_groups: dict[str, dict[str, list[str]]] = {}
        for group in self.groups.values():
            for student in group.students:
                self.end_groups.setdefault(student, {}).setdefault(group.barrette, []).append(group.id)
        # student -> barrette -> arrivals sorted by day
        self.steps: dict[str, dict[str, list[Step]]] = {}
        for group in self.groups.values():
            for arrival in group.arrivals:
                self.steps.setdefault(arrival.student, {}).setdefault(group.barrette, []).append(
                    Step(arrival, group.id)
                )
        # group -> every student who was a member at some point of the period
        self.ever: dict[str, set[str]] = {gid: set(g.students) for gid, g in self.groups.items()}
        for student, by_barrette in self.steps.items():
            for steps in by_barrette.values():
                steps.sort(key=lambda s: (s.arrival.day, s.to_group))
                for step in steps:
                    for gid in (step.arrival.from_group, step.to_group):
                        self.ever.setdefault(gid, set()).add(student)
        # (student, barrette) of departed students found only through their marks
        self.left_unlisted: set[tuple[str, str]] = set()
        if departures:
            self._place_unlisted_leavers(year)

    def _place_unlisted_leavers(self, year: Year) -> None:
        """A student who left during the period and is in no list nor arrival of a barrette: the group
        of their last mark before they left."""
        span = year.period(self.period)
        if span is None:
            return
        leavers = {s for s, left in self.left_on.items() if span.contains(left)}
        for student in leavers & self.steps.keys():
            for barrette, steps in self.steps[student].items():
                if barrette not in self.end_groups.get(student, {}):  # moved, then left: their last group
                    self.end_groups.setdefault(student, {})[barrette] = [steps[-1].to_group]
                    self.left_unlisted.add((student, barrette))
        last_mark: dict[tuple[str, str], tuple[date, str]] = {}
        for (period, group_id), sessions in year.sessions.items():
            group = self.groups.get(group_id)
            if period != self.period or group is None:
                continue
            for session in sessions:
                for student in leavers & session.attendance.keys():
                    if session.day > self.left_on[student] or group.barrette in self.barrettes_of(student):
                        continue
                    key = (student, group.barrette)
                    if key not in last_mark or last_mark[key] < (session.day, group_id):
                        last_mark[key] = (session.day, group_id)
        for (student, barrette), (_day, group_id) in last_mark.items():
            self.end_groups.setdefault(student, {})[barrette] = [group_id]
            self.ever[group_id].add(student)
            self.left_unlisted.add((student, barrette))

    def gone(self, student: str, day: date) -> bool:
        """Whether the student had left the school before ``day``."""
        left = self.left_on.get(student)
        return left is not None and left < day

    def not_arrived(self, student: str, day: date) -> bool:
        """Whether the student joined the school after ``day`` (``arrivee``)."""
        arrived = self.arrived_on.get(student)
        return arrived is not None and arrived > day

    def absent_from_school(self, student: str, day: date) -> bool:
        """Not in the school that day: not arrived yet, or already gone."""
        return self.gone(student, day) or self.not_arrived(student, day)

    def barrettes_of(self, student: str) -> set[str]:
        return set(self.end_groups.get(student, {})) | set(self.steps.get(student, {}))

    def end_group(self, student: str, barrette: str) -> str | None:
        """The student's group at the end of the period (for one who left: when they left)."""
        groups = self.end_groups.get(student, {}).get(barrette, [])
        return groups[0] if groups else None

    def start_group(self, student: str, barrette: str) -> str | None:
        steps = self.steps.get(student, {}).get(barrette, [])
        if steps:
            return steps[0].arrival.from_group
        return self.end_group(student, barrette)

    def group_on(self, student: str, barrette: str, day: date) -> str | None:
        """The student's group in a barrette on a day of the period (None before they arrived, once they left)."""
        if self.absent_from_school(student, day):
            return None
        current = self.start_group(student, barrette)
        for step in self.steps.get(student, {}).get(barrette, []):
            if step.arrival.day <= day:
                current = step.to_group
        return current

    def members_on(self, group_id: str, day: date) -> set[str]:
        """The members of a group on a day (arrivals and departures applied).

        Memoised: the hour ledger, the attendance rule and the TUI ask the same
        (group, day) questions; each caller gets its own copy.
        """
        return set(self.frozen_members_on(group_id, day))

    def frozen_members_on(self, group_id: str, day: date) -> frozenset[str]:
        """As ``members_on``, the memoised set itself (no copy: the hour ledger only reads it)."""
        key = (group_id, day)
        known = self._members.get(key)
        if known is None:
            known = self._members[key] = frozenset(self._members_on(group_id, day))
        return known

    def _members_on(self, group_id: str, day: date) -> set[str]:
        group = self.groups.get(group_id)
        if group is None:
            return set()
        ever = self.ever.get(group_id, set())
        if not any(student in self.steps for student in ever):
            return {s for s in ever if not self.absent_from_school(s, day)}
        return {s for s in ever if self.group_on(s, group.barrette, day) == group_id}

    def everyone_ever(self, group_id: str) -> set[str]:
        """Every student who was a member at some point of the period."""
        return set(self.ever.get(group_id, ()))
