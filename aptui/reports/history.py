"""A student's path through the scheme: group per period, with bilan decisions."""

from __future__ import annotations

from dataclasses import dataclass

from aptui import vocab as v
from aptui.model.analysis import Analysis
from aptui.model.entities import Bilan
from aptui.model.membership import PeriodMembership
from aptui.rules.common import french_date


@dataclass(frozen=True, slots=True)
class PeriodLine:
    year: str
    period: str
    dates: str
    division: str
    groups: str  # "G-A" or "G-A → G-B (12/11/2025 : motif)"
    bilan: str


def student_timeline(analysis: Analysis, student_id: str) -> list[PeriodLine]:
    school = analysis.school
    lines: list[PeriodLine] = []
    for year in (school.years[y] for y in school.year_ids()):
        division = analysis.student_divisions.get(year.id, {}).get(student_id, "—")
        for period in year.sorted_periods():
            membership = analysis.membership(year.id, period.id)
            barrettes = sorted(membership.barrettes_of(student_id))
            exempt = [e for e in year.exemptions if e.student == student_id and e.covers(period.id)]
            if not barrettes and not exempt:
                continue
            lines.append(PeriodLine(
                year.id, period.id, f"{french_date(period.start)} – {french_date(period.end)}", division,
                "; ".join(_path(membership, student_id, b) for b in barrettes)
                or f"dispensé ({exempt[0].reason})",
                _bilan_text(year.bilans.get(period.id, {}).get(student_id)),
            ))
    return lines


def _path(membership: PeriodMembership, student_id: str, barrette: str) -> str:
    start = membership.start_group(student_id, barrette) or "?"
    parts = [_title(membership, start)]
    for step in membership.steps.get(student_id, {}).get(barrette, []):
        arrival = step.arrival
        parts.append(f"→ {_title(membership, step.to_group)} (le {french_date(arrival.day)} : {arrival.reason})")
    return " ".join(parts)


def _title(membership: PeriodMembership, group_id: str) -> str:
    group = membership.groups.get(group_id)
    return f"{group_id} « {group.title} »" if group else group_id


def _bilan_text(bilan: Bilan | None) -> str:
    if bilan is None:
        return "—"
    decision = v.DECISION_LABELS.get(bilan.decision, bilan.decision)
    target = f" vers {bilan.to_group}" if bilan.to_group else (
        f" vers « {v.CONTENT_TYPE_LABELS.get(bilan.to_type, bilan.to_type)} »" if bilan.to_type else "")
    outcome = v.OUTCOME_LABELS.get(bilan.outcome, bilan.outcome)
    reason = f" — {bilan.reason}" if bilan.reason else ""
    return f"{outcome} ; {decision}{target}{reason} ({bilan.author}, {french_date(bilan.day)})"
