"""`aptui export groupes PÉRIODE`: one row per student × group of a period, for a timetable tool.

Pronote / EDT manage AP as « groupes à effectif variable »: a group has a name, a weekly slot
and a list of students, each possibly with the dates they joined and left.  The columns (documented
in docs/exports.md) carry exactly that, plus what a person reading the file needs to check it.

A student who moved during the period (a dated arrival) has one row per group, each with its own
dates; one who left the school ends on their last day.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aptui import vocab as v
from aptui.model.analysis import Analysis
from aptui.model.entities import Barrette, Group, Year
from aptui.model.levels import division_order
from aptui.reports.tables import Table

COLUMNS: tuple[str, ...] = (
    "GROUPE", "LIBELLE_GROUPE", "TYPE_CONTENU", "BARRETTE", "JOUR", "HEURE_DEBUT", "HEURE_FIN",
    "DUREE_MIN", "PROFESSEURS", "DIVISION", "ID_ELEVE", "NOM", "PRENOM", "DATE_DEBUT", "DATE_FIN", "PERIODE",
)


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _spans(analysis: Analysis, year: Year, period: str, group: Group) -> list[tuple[str, date, date]]:
    """(student, first day, last day) of each stay of a student in the group during the period."""
    span = year.period(period)
    if span is None:
        return []
    membership = analysis.membership(year.id, period)
    stays: list[tuple[str, date, date]] = []
    for student in sorted(membership.everyone_ever(group.id)):
        # the student's chain of groups in this barrette: (group, from day)
        chain: list[tuple[str | None, date]] = [(membership.start_group(student, group.barrette), span.start)]
        for step in membership.steps.get(student, {}).get(group.barrette, []):
            chain.append((step.to_group, max(step.arrival.day, span.start)))
        left = membership.left_on.get(student)
        for index, (gid, start) in enumerate(chain):
            if gid != group.id:
                continue
            end = chain[index + 1][1] - timedelta(days=1) if index + 1 < len(chain) else span.end
            if left is not None:
                end = min(end, left)
            if end >= start:
                stays.append((student, start, end))
    return stays


def teacher_names(analysis: Analysis, ids: tuple[str, ...]) -> str:
    names = []
    for ident in ids:
        teacher = analysis.school.teachers.get(ident)
        names.append(f"{teacher.last_name} {teacher.first_name}".strip() if teacher else ident)
    return ", ".join(names)


def groups_table(analysis: Analysis, year: Year, period: str) -> Table:
    """The composition of every group of a period, one row per student × stay in a group."""
    school = analysis.school
    order = {d.id: i for i, d in enumerate(sorted(year.divisions.values(), key=division_order))}
    rows: list[tuple[Any, ...]] = []
    for group in sorted(year.groups_of(period), key=lambda g: g.id):
        barrette: Barrette | None = year.barrettes.get(group.barrette)
        slot: tuple[Any, ...] = ("", "", "", "")
        if barrette is not None:
            slot = (v.WEEKDAYS[barrette.weekday], clock(barrette.start_minute),
                    clock(barrette.start_minute + barrette.duration), barrette.duration)
        label = v.CONTENT_TYPE_LABELS.get(group.content_type, group.content_type)
        teachers = teacher_names(analysis, group.teachers)
        stays = _spans(analysis, year, period, group)
        stays.sort(key=lambda s: (order.get(_division(school.students.get(s[0]), year.id), len(order)),
                                  _sort_name(analysis, s[0]), s[1]))
        for student_id, start, end in stays:
            student = school.students.get(student_id)
            rows.append((
                group.id, group.title, label, group.barrette, *slot, teachers,
                _division(student, year.id), student_id,
                student.last_name if student else "", student.first_name if student else "",
                start.isoformat(), end.isoformat(), period,
            ))
    return Table(f"Groupes — {year.id}, période {period}", COLUMNS, tuple(rows))


def _division(student: Any, year_id: str) -> str:
    return str(student.divisions.get(year_id, "")) if student is not None else ""


def _sort_name(analysis: Analysis, student_id: str) -> tuple[str, str, str]:
    student = analysis.school.students.get(student_id)
    if student is None:
        return ("", "", student_id)
    return (student.last_name.casefold(), student.first_name.casefold(), student_id)
