"""The Bilans screen's rows: every student of a period's groups, with or without a bilan."""

from __future__ import annotations

from dataclasses import dataclass

from aptui.model.analysis import Analysis
from aptui.model.entities import Bilan, Period, Year
from aptui.model.targets import bilan_targets
from aptui.tui import labels as L


@dataclass(frozen=True, slots=True)
class BilanRow:
    """One student of the period and the bilan written for them, if any."""

    student: str
    name: str
    sort_name: str
    division: str
    groups: str
    bilan: Bilan | None

    def matches(self, text: str) -> bool:
        needle = text.casefold()
        return needle in " ".join((self.student, self.name, self.division, self.groups)).casefold()


def bilan_rows(analysis: Analysis, year: Year, period_id: str) -> list[BilanRow]:
    """Members of the period's groups at its end, and anyone with a bilan, sorted by name."""
    bilans = year.bilans.get(period_id, {})
    membership = analysis.memberships.get((year.id, period_id))
    end_groups = membership.end_groups if membership else {}
    divisions = analysis.student_divisions.get(year.id, {})
    rows = []
    for student_id in sorted(set(end_groups) | set(bilans)):
        student = analysis.school.students.get(student_id)
        groups = sorted(g for gs in end_groups.get(student_id, {}).values() for g in gs)
        rows.append(BilanRow(
            student_id,
            f"{student.last_name} {student.first_name}" if student else student_id,
            student.sort_name if student else student_id,
            divisions.get(student_id, ""),
            ", ".join(groups),
            bilans.get(student_id),
        ))
    return sorted(rows, key=lambda r: (r.sort_name, r.student))


def missing(rows: list[BilanRow]) -> list[BilanRow]:
    """Students still without a bilan."""
    return [r for r in rows if r.bilan is None]


@dataclass(frozen=True, slots=True)
class TargetChoices:
    """What the bilan dialog offers in « Vers le groupe », and the sentence that says why."""

    groups: tuple[str, ...]
    note: str


def target_choices(analysis: Analysis, year: Year, period: Period, student: str,
                   current: str | None = None) -> TargetChoices:
    """The groups a bilan may send ``student`` to: exactly model/targets.py's, the same the rule
    (rules/bilan_targets.py) checks against.  After the year's last period there is no group to
    offer (the next year's groups do not exist yet): the note says so and points to « type ».
    ``current``: the bilan's ``vers`` as written, kept in the choices so rewriting it loses nothing."""
    targets = bilan_targets(year, period, student, analysis.student_divisions.get(year.id, {}))
    barrette = ", ".join(sorted(targets.barrettes)) or "?"
    if targets.following is None:
        offered: list[str] = []
        note = L.BILAN_NO_NEXT_PERIOD.format(period=period.id, year=year.id)
    else:
        offered = [g.id for g in targets.groups]
        if targets.source == period.id:
            note = L.BILAN_TARGETS_CONTINUING.format(next=targets.following.id, barrette=barrette, period=period.id)
        else:
            note = L.BILAN_TARGETS_NEXT.format(next=targets.following.id, barrette=barrette)
    if current and current not in offered:
        offered.append(current)
    return TargetChoices(tuple(offered), note)
