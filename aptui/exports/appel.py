"""`aptui export appel [--periode P]`: every attendance mark, one row per session × student."""

from __future__ import annotations

from typing import Any

from aptui import vocab as v
from aptui.exports.groupes import clock, teacher_names
from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.reports.tables import Table

COLUMNS: tuple[str, ...] = (
    "DATE", "JOUR", "HEURE_DEBUT", "DUREE_MIN", "PERIODE", "GROUPE", "LIBELLE_GROUPE", "PROFESSEURS",
    "DIVISION", "ID_ELEVE", "NOM", "PRENOM", "STATUT", "LIBELLE_STATUT", "HEURES_SUIVIES",
)


def appel_table(analysis: Analysis, year: Year, period: str | None = None) -> Table:
    """Marks of the sessions of the year (or of one period), by date, group, then student name."""
    school = analysis.school
    order = {p.id: i for i, p in enumerate(year.sorted_periods())}
    keys = sorted((k for k in year.sessions if period is None or k[0] == period),
                  key=lambda k: (order.get(k[0], len(order)), k[1]))
    sessions = [s for key in keys for s in year.sessions[key]]
    sessions.sort(key=lambda s: (s.day, s.start_minute, s.group))
    rows: list[tuple[Any, ...]] = []
    for session in sessions:
        group = year.groups.get((session.period, session.group))
        title = group.title if group else ""
        teachers = teacher_names(analysis, group.teachers) if group else ""
        marks = []
        for student_id, status in session.attendance.items():
            student = school.students.get(student_id)
            name = (student.last_name.casefold(), student.first_name.casefold()) if student else ("", "")
            marks.append((name, student_id, status, student))
        marks.sort(key=lambda m: (m[0], m[1]))
        for _name, student_id, status, student in marks:
            attended = round(session.duration / 60, 2) if status in v.ATTENDED_STATUSES else 0
            rows.append((
                session.day.isoformat(), v.WEEKDAYS[session.day.weekday()], clock(session.start_minute),
                session.duration, session.period, session.group, title, teachers,
                student.divisions.get(year.id, "") if student else "", student_id,
                student.last_name if student else "", student.first_name if student else "",
                status, v.ATTENDANCE_LABELS.get(status, status), attended,
            ))
    what = f"période {period}" if period else "toute l'année"
    return Table(f"Appel — {year.id}, {what}", COLUMNS, tuple(rows))
