"""The group board of one period and one barrette: columns of students, and who has no group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aptui.model.analysis import Analysis
from aptui.model.entities import Group, Year


@dataclass(frozen=True, slots=True)
class BoardEntry:
    """One student in a column; ``arrived`` tells where a dated arrival came from."""

    student: str
    name: str
    division: str
    arrived_from: str | None = None
    arrived_on: date | None = None
    exempted: bool = False


@dataclass(frozen=True, slots=True)
class BoardColumn:
    """One group (or the unassigned students when ``group`` is None)."""

    group: Group | None
    entries: tuple[BoardEntry, ...]


def barrettes_of_period(year: Year, period_id: str) -> list[str]:
    """Barrettes in file order; those with groups in the period first."""
    with_groups = {g.barrette for g in year.groups_of(period_id)}
    return sorted(year.barrettes, key=lambda b: (b not in with_groups, b))


def groups_of(year: Year, period_id: str, barrette: str) -> list[Group]:
    return sorted((g for g in year.groups_of(period_id) if g.barrette == barrette), key=lambda g: g.id)


def _expected(year: Year, barrette: str) -> list[str]:
    found: list[str] = []
    spec = year.barrettes.get(barrette)
    for division_id in spec.divisions if spec else ():
        division = year.divisions.get(division_id)
        found.extend(division.students if division else ())
    return found


def _exempted(year: Year, student: str, period_id: str) -> bool:
    return any(e.student == student and e.covers(period_id) for e in year.exemptions)


def unassigned(analysis: Analysis, year: Year, period_id: str, barrette: str, today: date,
               with_exempted: bool = False, require_groups: bool = True) -> list[str]:
    """Students of the barrette's divisions in no group of it (left and exempted students aside).

    With ``require_groups``, a barrette without any group in the period (groups not built
    yet) has no unassigned student."""
    if (year.id, period_id) not in analysis.memberships:
        return []
    membership = analysis.membership(year.id, period_id)
    if require_groups and not any(g.barrette == barrette for g in membership.groups.values()):
        return []
    period = year.period(period_id)
    start = period.start if period else today
    found = []
    for student_id in _expected(year, barrette):
        if barrette in membership.barrettes_of(student_id):
            continue
        student = analysis.school.students.get(student_id)
        if student is not None and student.left_on is not None and student.left_on < start:
            continue
        if _exempted(year, student_id, period_id) and not with_exempted:
            continue
        found.append(student_id)
    return found


def _entry(analysis: Analysis, year: Year, student_id: str, group: Group | None, period_id: str) -> BoardEntry:
    student = analysis.school.students.get(student_id)
    name = f"{student.last_name} {student.first_name}" if student else student_id
    division = analysis.student_divisions.get(year.id, {}).get(student_id, "")
    arrival = None
    if group is not None:
        arrival = next((a for a in reversed(group.arrivals) if a.student == student_id), None)
    return BoardEntry(
        student_id, name, division,
        arrival.from_group if arrival else None, arrival.day if arrival else None,
        _exempted(year, student_id, period_id),
    )


def _sorted(entries: list[BoardEntry]) -> tuple[BoardEntry, ...]:
    return tuple(sorted(entries, key=lambda e: (e.name.casefold(), e.student)))


def board(analysis: Analysis, year: Year, period_id: str, barrette: str, today: date) -> list[BoardColumn]:
    """The unassigned column first, then one column per group of the barrette."""
    loose = unassigned(analysis, year, period_id, barrette, today, with_exempted=True, require_groups=False)
    columns = [BoardColumn(None, _sorted([_entry(analysis, year, s, None, period_id) for s in loose]))]
    for group in groups_of(year, period_id, barrette):
        entries = [_entry(analysis, year, s, group, period_id) for s in group.students]
        columns.append(BoardColumn(group, _sorted(entries)))
    return columns


def earlier_with_groups(year: Year, period_id: str, barrette: str) -> str | None:
    """The last period before this one with groups in the barrette, when this one has none there yet."""
    if groups_of(year, period_id, barrette):
        return None
    shown = year.period(period_id)
    earlier = [p for p in year.sorted_periods() if shown and p.start < shown.start and groups_of(year, p.id, barrette)]
    return earlier[-1].id if earlier else None
