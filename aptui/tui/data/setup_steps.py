"""The set-up steps of a new school, in order, each done or not as the files say.

A school just made by ``aptui init`` has a year and proposed periods, nothing else: the dashboard
lists what is left (team, divisions, barrettes, periods on the Année screen; students on Élèves or
``aptui import siecle``; groups proposed on Groupes; the first appel), ticking each step the
model shows done.  Pure functions of the immutable model (no Textual).
"""

from __future__ import annotations

from dataclasses import dataclass

from aptui.model.entities import School, Year
from aptui.tui import labels as L


@dataclass(frozen=True, slots=True)
class SetupStep:
    """One step: what, where (screen and key), done or not, and a short state."""

    what: str
    where: str
    done: bool
    state: str


def _team(school: School) -> tuple[bool, str]:
    pilote = school.info.pilote if school.info else ""
    others = [t for t in school.teachers.values() if t.active and t.id != pilote]
    if others:
        return True, L.SETUP_STEP_TEACHERS.format(len(others))
    return False, L.SETUP_STEP_ONLY_PILOTE if school.teachers else L.SETUP_STEP_NO_TEACHER


def _students(school: School, year: Year) -> int:
    listed = {s for division in year.divisions.values() for s in division.students}
    listed |= {s.id for s in school.students.values() if year.id in s.divisions}
    return len(listed)


def setup_steps(school: School, year: Year | None) -> list[SetupStep]:
    """Every step in the order a coordinator takes them (year None: nothing of the year is done)."""
    team_done, team_state = _team(school)
    divisions = len(year.divisions) if year else 0
    barrettes = len(year.barrettes) if year else 0
    periods = len(year.periods) if year else 0
    students = _students(school, year) if year else 0
    groups = len(year.groups) if year else 0
    marks = sum(1 for s in year.all_sessions() if s.attendance) if year else 0
    return [
        SetupStep(L.SETUP_STEP_TEAM, L.SETUP_WHERE_TEAM, team_done, team_state),
        SetupStep(L.SETUP_STEP_DIVISIONS, L.SETUP_WHERE_DIVISIONS, divisions > 0, L.SETUP_COUNT_DIVISIONS.format(divisions)),
        SetupStep(L.SETUP_STEP_BARRETTES, L.SETUP_WHERE_BARRETTES, barrettes > 0, L.SETUP_COUNT_BARRETTES.format(barrettes)),
        SetupStep(L.SETUP_STEP_PERIODS, L.SETUP_WHERE_PERIODS, periods > 0, L.SETUP_COUNT_PERIODS.format(periods)),
        SetupStep(L.SETUP_STEP_STUDENTS, L.SETUP_WHERE_STUDENTS, students > 0, L.SETUP_COUNT_STUDENTS.format(students)),
        SetupStep(L.SETUP_STEP_GROUPS, L.SETUP_WHERE_GROUPS, groups > 0, L.SETUP_COUNT_GROUPS.format(groups)),
        SetupStep(L.SETUP_STEP_APPEL, L.SETUP_WHERE_APPEL, marks > 0, L.SETUP_STEP_SESSIONS.format(marks)),
    ]


def setup_done(steps: list[SetupStep]) -> bool:
    return all(step.done for step in steps)
