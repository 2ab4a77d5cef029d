"""The Bilans screen's rows: every student of a period's groups, with or without a bilan."""

from __future__ import annotations

from dataclasses import dataclass

from aptui.model.analysis import Analysis
from aptui.model.entities import Bilan, Year
from aptui.tui.search import matches


@dataclass(frozen=True, slots=True)
class BilanRow:
    """One student of the period and the bilan written for them, if any."""

    student: str
    name: str
    sort_name: str
    division: str
    groups: str
    bilan: Bilan | None
    titles: str = ""
    """The titles of the student's groups (found by the filter too)."""

    def matches(self, text: str) -> bool:
        """Every word in a shown column, a group title or the bilan's target, accents, case and order free."""
        target = (self.bilan.to_group or self.bilan.to_type or "") if self.bilan else ""
        return matches(text, (self.student, self.name, self.division, self.groups, self.titles, target))


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
            ", ".join(year.groups[(period_id, g)].title for g in groups if (period_id, g) in year.groups),
        ))
    return sorted(rows, key=lambda r: (r.sort_name, r.student))


def missing(rows: list[BilanRow]) -> list[BilanRow]:
    """Students still without a bilan."""
    return [r for r in rows if r.bilan is None]
