"""The rows the proposal dialog shows: each group (a heading row), its new members with their reason,
then the students left without a group and those not proposed."""

from __future__ import annotations

from dataclasses import dataclass

from aptui.model.entities import School
from aptui.plan.proposal import Proposal
from aptui.tui import labels as L

GROUP, STUDENT, UNPLACED, LEFT_OUT = "group", "student", "unplaced", "left-out"


@dataclass(frozen=True, slots=True)
class ProposalRow:
    key: str
    """« g:G-SOUTIEN-1 » for a group, « s:e2025-007 » for a student."""
    kind: str
    cells: tuple[str, str, str, str]
    student: str | None = None
    group: str | None = None


def _teachers(school: School, ids: tuple[str, ...]) -> str:
    names = [school.teachers[t].display if t in school.teachers else t for t in ids]
    return f", {', '.join(names)}" if names else L.PROPOSAL_NO_TEACHER


def proposal_rows(school: School, year: str, proposal: Proposal) -> list[ProposalRow]:
    divisions = {sid: s.divisions.get(year, "") for sid, s in school.students.items()}
    name = proposal.names.get
    rows: list[ProposalRow] = []
    for group in proposal.groups:
        if not group.new and not group.placements:
            continue
        state = (L.PROPOSAL_NEW if group.new else L.PROPOSAL_KEPT.format(len(group.kept))) + (
            L.PROPOSAL_SHORT.format(group.short) if group.short else "")
        summary = L.PROPOSAL_GROUP_ROW.format(size=group.size, state=state,
                                              teachers=_teachers(school, group.teachers))
        rows.append(ProposalRow(f"g:{group.id}", GROUP, (f"{group.id} — {group.title}", group.barrette, "", summary),
                                group=group.id))
        for placement in group.placements:
            mark = "* " if placement.pinned else ""
            rows.append(ProposalRow(
                f"s:{placement.student}", STUDENT,
                (f"  {mark}{name(placement.student, placement.student)}", divisions.get(placement.student, ""),
                 group.id, placement.reason), placement.student, group.id))
    for missing in proposal.unplaced:
        rows.append(ProposalRow(f"s:{missing.student}", UNPLACED,
                                (name(missing.student, missing.student), divisions.get(missing.student, ""),
                                 L.PROPOSAL_UNPLACED, missing.reason), missing.student))
    for out in proposal.left_out:
        rows.append(ProposalRow(f"o:{out.student}", LEFT_OUT,
                                (name(out.student, out.student), divisions.get(out.student, ""), L.PROPOSAL_LEFT_OUT,
                                 out.reason), out.student))
    return rows


def group_choices(proposal: Proposal) -> list[tuple[str, str]]:
    """(label, id) of the groups a student can be kept in: those of the proposal (the new ones too)."""
    return [(f"{g.id} — {g.title}", g.id) for g in proposal.groups]
