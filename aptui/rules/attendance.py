"""Attendance: only the group's members (on the session's day) are marked,
every member is marked once an appel is taken, and a session fits its slot."""

from __future__ import annotations

from collections.abc import Iterator

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, error, warning
from aptui.model.analysis import Analysis
from aptui.model.entities import School, Session, Year
from aptui.rules.common import french_date, who

CODES = {
    "APT601": "élève noté hors de son groupe",
    "APT602": "appel incomplet",
    "APT603": "séance hors du créneau de la barrette",
}


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    """By part (model/memo.py): each period's sessions."""
    school = analysis.school
    for year in school.years.values():
        inputs = analysis.inputs(year.id)
        for period in sorted({p for p, _ in year.sessions}):
            yield from analysis.part(
                ("attendance", year.id, period),
                (analysis.school_token, inputs.header, inputs.divisions, inputs.of_groups(period),
                 inputs.of_sessions(period)),
                lambda year=year, period=period: list(_period(analysis, year, period)),
            )


def _period(analysis: Analysis, year: Year, only: str) -> Iterator[Diagnostic]:
    school = analysis.school
    for (period_id, group_id), sessions in year.sessions.items():
        if period_id != only:
            continue
        group = year.groups.get((period_id, group_id))
        if group is None:
            continue  # reported by APT209
        membership = analysis.membership(year.id, period_id)
        barrette = year.barrettes.get(group.barrette)
        for session in sessions:
            if barrette is not None and (
                session.start_minute < barrette.start_minute
                or session.start_minute + session.duration > barrette.end_minute
            ):
                yield error(
                    "APT603",
                    f"séance du {french_date(session.day)} de {_clock(session.start_minute)} à "
                    f"{_clock(session.start_minute + session.duration)} hors du créneau de la barrette "
                    f"{barrette.id} ({_clock(barrette.start_minute)}–{_clock(barrette.end_minute)}) : "
                    "corrigez debut ou duree_min",
                    session.src.of(v.START),
                )
            if not session.attendance:
                continue
            members = membership.members_on(group_id, session.day)
            # the marks' lines are made only for a diagnostic; a mark after a departure is APT505
            for student in session.attendance:
                if student not in members and student in school.students and not membership.gone(student, session.day):
                    if membership.not_arrived(student, session.day):
                        yield error(
                            "APT601",
                            f"{who(school, student)} arrive dans l'établissement le "
                            f"{french_date(membership.arrived_on[student])} mais est noté à la séance du "
                            f"{french_date(session.day)} : retirez cette ligne, ou corrigez « arrivee »",
                            session.attendance_lines[student],
                        )
                        continue
                    yield error(
                        "APT601",
                        f"{who(school, student)} est noté à la séance du {french_date(session.day)} de "
                        f"{group_id} sans en être membre ce jour-là : retirez la ligne, ou enregistrez "
                        "son arrivée datée dans le groupe",
                        session.attendance_lines[student],
                        about=(("group", year.id, period_id),),  # an arrival may be in an unreadable group file
                    )
            # no mark is expected from a student whose division is away (PFMP): rules/pfmp.py
            missing = sorted(s for s in members - session.attendance.keys()
                             if not analysis.away_on(year.id, s, session.day))
            # a student of no division file may be of an unreadable one, away that day: said apart
            placed = analysis.student_divisions.get(year.id, {})
            for unplaced in (False, True):
                some = [s for s in missing if (s not in placed) is unplaced]
                if some:
                    yield _incomplete(school, session, some, (("division", year.id),) if unplaced else ())


def _incomplete(school: School, session: Session, missing: list[str],
                about: tuple[tuple[str, ...], ...]) -> Diagnostic:
    names = ", ".join(who(school, s) for s in missing[:5])
    more = f" et {len(missing) - 5} autre(s)" if len(missing) > 5 else ""
    return warning(
        "APT602",
        f"appel incomplet le {french_date(session.day)} : {names}{more} sans statut : "
        "notez present, absent, excuse ou retard",
        session.src.of(v.DATE), about,
    )
