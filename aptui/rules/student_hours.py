"""Hours per student: a student whose hours so far fall below the share of the promise the school
sets in school.yaml (``heures_eleve``) is flagged.  The figures are model/student_hours.py's."""

from __future__ import annotations

from collections.abc import Iterator

from aptui.diagnostics import Diagnostic, Loc, warning
from aptui.model.analysis import Analysis
from aptui.model.entities import School, Year
from aptui.model.student_hours import StudentHours
from aptui.rules.common import french_date, hours, percent, who

CODES = {
    "APT410": "heures prévues d'un élève sous le seuil",
    "APT411": "heures suivies d'un élève sous le seuil",
}

# Float slack: a share equal to the threshold is not below it.
SLACK = 1e-9


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    """By part (model/memo.py): each year, once its students' hours are known."""
    school = analysis.school
    info = school.info
    if info is None or (info.student_thresholds.scheduled is None and info.student_thresholds.attended is None):
        return
    for year in school.years.values():
        yield from analysis.part(
            ("rule_student_hours", year.id), (analysis.school_token, analysis.student_hours(year.id)),
            lambda year=year: list(_year(school, year, analysis.student_hours(year.id))),
        )


def _line(year: Year, figures: StudentHours) -> Loc:
    division = year.divisions[figures.division]
    for student, loc in zip(division.students, division.student_locs):
        if student == figures.student:
            return loc
    return division.src.loc


def _basis(figures: StudentHours) -> str:
    return (f"{hours(figures.due)} dues ({hours(figures.promised)} par an en {figures.level}, au prorata de "
            f"{figures.weeks_due} semaine(s) de cours sur {figures.weeks_year}, jusqu'au {french_date(figures.until)})")


def _year(school: School, year: Year, by_student: dict[str, StudentHours]) -> Iterator[Diagnostic]:
    assert school.info is not None
    thresholds = school.info.student_thresholds
    about = (("group", year.id), ("sessions", year.id))  # a student's hours come from every group and sessions file
    for student in sorted(by_student):
        figures = by_student[student]
        due = figures.due
        if due <= 0:
            continue
        name = f"{who(school, student)}, {figures.division}"
        if thresholds.scheduled is not None and figures.scheduled < thresholds.scheduled * due - SLACK:
            yield warning(
                "APT410",
                f"{name} : {hours(figures.scheduled)} de séances prévues pour {_basis(figures)}, soit "
                f"{percent(figures.scheduled / due)}, sous le seuil de {percent(thresholds.scheduled)} : vérifiez qu'il est "
                "dans un groupe à chaque période et que ses séances sont enregistrées, ou déclarez sa dispense",
                _line(year, figures), about,
            )
        if thresholds.attended is not None and figures.attended < thresholds.attended * due - SLACK:
            yield warning(
                "APT411",
                f"{name} : {hours(figures.attended)} suivies (présent ou en retard) pour {_basis(figures)}, soit "
                f"{percent(figures.attended / due)}, sous le seuil de {percent(thresholds.attended)} : voyez ses absences "
                "avec lui, son tuteur et sa famille",
                _line(year, figures), about,
            )
