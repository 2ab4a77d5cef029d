"""Reports as tables: rows of plain values built from the shared Analysis.

Each report returns a ``Table`` (French column titles, rows of str/float/int);
``render`` turns it into text (tabulate), Markdown, CSV or JSON.  The TUI can
reuse the same rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tabulate import tabulate

from aptui import vocab as v
from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.model.levels import division_order


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def _round(value: float) -> float:
    return round(value, 1)


def budget_table(analysis: Analysis, year: Year, period: str | None = None) -> Table:
    """Per division: hours planned and done against the year and cycle budgets."""
    ledger = analysis.ledger
    school_info = analysis.school.info
    cycle_budget = school_info.hours.cycle if school_info else 0.0
    rows: list[tuple[Any, ...]] = []
    for division in sorted(year.divisions.values(), key=division_order):
        budget = analysis.year_budget(division) or 0.0
        by_period = ledger.division_period.get((year.id, division.id), {})
        if period is not None:
            # the pace as APT403 counts it: over the division's weeks of school (PFMP weeks excluded)
            calendar = analysis.division_calendar(year.id, division.id)
            known = year.period(period)
            weeks = calendar.school_weeks(known.start, known.end) if known else 0
            pace = budget * weeks / (calendar.school_weeks(year.first_day, year.last_day) or 1)
            actual = by_period.get(period, 0.0)
            rows.append((division.id, division.level, _round(pace), _round(actual), _round(actual - pace)))
            continue
        planned = sum(by_period.values())
        done = ledger.division_done.get((year.id, division.id), 0.0)
        chain = analysis.cycle_chain(division)
        cycle = sum(ledger.division_year(d.year, d.id) for d in chain)
        rows.append((
            division.id, division.level, _round(budget), _round(planned), _round(done),
            _round(planned - budget), _round(cycle), _round(cycle_budget),
        ))
    if period is not None:
        columns: tuple[str, ...] = ("division", "niveau", "rythme attendu (h)", "prévu (h)", "écart (h)")
        return Table(f"Budget horaire — {year.id}, période {period}", columns, tuple(rows))
    columns = ("division", "niveau", "budget année (h)", "prévu (h)", "réalisé (h)", "écart (h)",
               "cycle à ce jour (h)", "budget cycle (h)")
    return Table(f"Budget horaire — {year.id}", columns, tuple(rows))


def current_group(analysis: Analysis, year: Year, student: str, period: str) -> str:
    membership = analysis.membership(year.id, period)
    groups = [membership.end_group(student, b) for b in sorted(membership.barrettes_of(student))]
    return ", ".join(g for g in groups if g) or "—"


def last_period_with_groups(year: Year) -> str | None:
    with_groups = [p.id for p in year.sorted_periods() if year.groups_of(p.id)]
    return with_groups[-1] if with_groups else None


def students_table(analysis: Analysis, year: Year, period: str | None = None) -> Table:
    school = analysis.school
    period = period or last_period_with_groups(year)
    divisions = analysis.student_divisions.get(year.id, {})
    ledger = analysis.ledger
    rows = []
    for student_id in sorted(divisions, key=lambda s: school.students[s].sort_name if s in school.students else s):
        student = school.students.get(student_id)
        if student is None:
            continue
        rate = ledger.attendance_rate(year.id, student_id)
        rows.append((
            student_id, student.last_name, student.first_name, divisions[student_id],
            v.PROFILE_LABELS.get(student.profiles.get(year.id, ""), "—"),
            current_group(analysis, year, student_id, period) if period else "—",
            _round(ledger.student_scheduled.get((year.id, student_id), 0.0)),
            _round(ledger.student_attended.get((year.id, student_id), 0.0)),
            "—" if rate is None else f"{rate:.0%}",
        ))
    columns = ("id", "nom", "prénom", "division", "profil", f"groupe ({period or '—'})",
               "heures prévues", "heures suivies", "présence")
    return Table(f"Élèves — {year.id}", columns, tuple(rows))


def groups_table(analysis: Analysis, year: Year, period: str | None = None) -> Table:
    school = analysis.school
    divisions_of = analysis.student_divisions.get(year.id, {})
    rows = []
    for (period_id, group_id), group in sorted(year.groups.items()):
        if period is not None and period_id != period:
            continue
        mix: dict[str, int] = {}
        for student in group.students:
            division = divisions_of.get(student, "?")
            mix[division] = mix.get(division, 0) + 1
        teachers = ", ".join(school.teachers[t].display if t in school.teachers else t for t in group.teachers)
        rows.append((
            period_id, group_id, group.title, v.CONTENT_TYPE_LABELS.get(group.content_type, group.content_type),
            group.barrette, teachers, len(group.students),
            ", ".join(f"{d} ({n})" for d, n in sorted(mix.items())), len(group.arrivals),
            _round(analysis.ledger.group_hours.get((year.id, period_id, group_id), 0.0)),
        ))
    columns = ("période", "groupe", "titre", "type", "barrette", "enseignants", "élèves", "divisions",
               "arrivées", "heures")
    return Table(f"Groupes — {year.id}" + (f", période {period}" if period else ""), columns, tuple(rows))


def attendance_table(analysis: Analysis, year: Year, period: str | None = None) -> Table:
    rows = []
    for (period_id, group_id), sessions in sorted(year.sessions.items()):
        if period is not None and period_id != period:
            continue
        counts = dict.fromkeys(v.ATTENDANCE_LABELS, 0)
        taken = 0
        for session in sessions:
            if session.attendance:
                taken += 1
            for status in session.attendance.values():
                if status in counts:
                    counts[status] += 1
        marks = sum(counts.values())
        rate = (counts["present"] + counts["retard"]) / marks if marks else None
        rows.append((
            period_id, group_id, len(sessions), taken, counts["present"], counts["retard"], counts["absent"],
            counts["excuse"], "—" if rate is None else f"{rate:.0%}",
        ))
    columns = ("période", "groupe", "séances", "appels faits", "présents", "retards", "absents", "excusés",
               "présence")
    return Table(f"Assiduité — {year.id}" + (f", période {period}" if period else ""), columns, tuple(rows))


REPORTS = {
    "budget": budget_table,
    "students": students_table,
    "groups": groups_table,
    "attendance": attendance_table,
}


def render(table: Table, fmt: str) -> str:
    """text (tabulate), markdown, csv or json."""
    if fmt == "json":
        return json.dumps([dict(zip(table.columns, row)) for row in table.rows], ensure_ascii=False, indent=2,
                          default=_json_default)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows(table.rows)
        return out.getvalue().rstrip("\n")
    tablefmt = "github" if fmt == "markdown" else "simple"
    body = tabulate(table.rows, headers=table.columns, tablefmt=tablefmt, floatfmt=".1f",
                    disable_numparse=False)
    heading = f"## {table.title}" if fmt == "markdown" else table.title
    return f"{heading}\n\n{body}"


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value))


def pick_year(analysis: Analysis, year_id: str | None) -> Year | None:
    school = analysis.school
    if year_id is None:
        return school.latest_year()
    return school.years.get(year_id)


def year_choices(analysis: Analysis) -> Sequence[str]:
    return analysis.school.year_ids()
