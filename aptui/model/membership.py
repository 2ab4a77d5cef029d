"""Who is in which group, on which day, in one period of one year.

A group file lists its members at the *end* of the period; each dated arrival
(``arrivees``) says that before that day the student was in another group of
the same period.  From these, a student's path through a period is a chain:
start group -> arrival 1 -> arrival 2 -> ... -> end group, per barrette.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aptui.model.entities import Arrival, Group, Year


@dataclass(frozen=True, slots=True)
class Step:
    """One arrival in a student's path, with the group it led to."""

    arrival: Arrival
    to_group: str


class PeriodMembership:
    """Membership of every group of one period, answering questions by day."""

    def __init__(self, year: Year, period: str) -> None:
        self.period = period
        self._members: dict[tuple[str, date], frozenset[str]] = {}
        self.groups: dict[str, Group] = {g.id: g for g in year.groups_of(period)}
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

    def barrettes_of(self, student: str) -> set[str]:
        return set(self.end_groups.get(student, {})) | set(self.steps.get(student, {}))

    def end_group(self, student: str, barrette: str) -> str | None:
        groups = self.end_groups.get(student, {}).get(barrette, [])
        return groups[0] if groups else None

    def start_group(self, student: str, barrette: str) -> str | None:
        steps = self.steps.get(student, {}).get(barrette, [])
        if steps:
            return steps[0].arrival.from_group
        return self.end_group(student, barrette)

    def group_on(self, student: str, barrette: str, day: date) -> str | None:
        """The student's group in a barrette on a day of the period."""
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
        key = (group_id, day)
        known = self._members.get(key)
        if known is None:
            known = self._members[key] = frozenset(self._members_on(group_id, day))
        return set(known)

    def _members_on(self, group_id: str, day: date) -> set[str]:
        group = self.groups.get(group_id)
        if group is None:
            return set()
        if not any(student in self.steps for student in self.ever.get(group_id, ())):
            return set(group.students)
        return {s for s in self.ever[group_id] if self.group_on(s, group.barrette, day) == group_id}

    def everyone_ever(self, group_id: str) -> set[str]:
        """Every student who was a member at some point of the period."""
        return set(self.ever.get(group_id, ()))
