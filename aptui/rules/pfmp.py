"""Students away from school: during their division's PFMP weeks (or a closure of
their level or division) no mark is expected from them, and the barrette runs
without them.

A session at which every member of the group is away was probably not meant
(APT311); a student marked present or late while away is probably a slip
(APT604: the mark is not counted in the attendance rates either way).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, warning
from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.rules.common import french_date, who

CODES = {
    "APT311": "séance sans aucun élève attendu (PFMP, fermeture de la division)",
    "APT604": "élève noté présent pendant sa PFMP",
}


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    """By part (model/memo.py): each period's sessions of a year with divisions away some days."""
    school = analysis.school
    for year in school.years.values():
        if not analysis.away_days(year.id):
            continue
        inputs = analysis.inputs(year.id)
        for period in sorted({p for p, _ in year.sessions}):
            yield from analysis.part(
                ("away", year.id, period),
                (analysis.school_token, inputs.header, inputs.divisions, inputs.of_groups(period),
                 inputs.of_sessions(period)),
                lambda year=year, period=period: list(_period(analysis, year, period)),
            )


def _why(analysis: Analysis, year: Year, division: str, day: date) -> str:
    calendar = analysis.division_calendar(year.id, division)
    span = calendar.away_on(day)
    if span is not None and span in calendar.placements:
        return f"PFMP de {division}"
    return f"{division} : {span.reason}" if span is not None and span.reason else f"{division} absente"


def _period(analysis: Analysis, year: Year, only: str) -> Iterator[Diagnostic]:
    school = analysis.school
    divisions_of = analysis.student_divisions.get(year.id, {})
    by_day = analysis.away_by_day(year.id)
    for (period_id, group_id), sessions in year.sessions.items():
        if period_id != only or (period_id, group_id) not in year.groups:
            continue
        membership = analysis.membership(year.id, period_id)
        for session in sessions:
            day = session.day
            members = membership.members_on(group_id, day)
            out = by_day.get(day)
            gone = {s for s in members if divisions_of.get(s, "") in out} if out else set()
            if members and gone == members:
                reasons = sorted({_why(analysis, year, divisions_of[s], day) for s in gone})
                yield warning(
                    "APT311",
                    f"séance du {french_date(day)} de {group_id} sans aucun élève attendu ({'; '.join(reasons)}) : "
                    "supprimez-la ou déplacez-la à un jour où les élèves sont là",
                    session.src.of(v.DATE),
                )
            for student in sorted(gone & session.attendance.keys()):
                if session.attendance[student] in v.ATTENDED_STATUSES:
                    yield warning(
                        "APT604",
                        f"{who(school, student)} noté « {session.attendance[student]} » le {french_date(day)} "
                        f"pendant son absence de l'établissement ({_why(analysis, year, divisions_of[student], day)}) : "
                        "retirez la ligne (aucun appel n'est attendu), ou corrigez les dates de la PFMP",
                        session.attendance_lines[student],
                    )
