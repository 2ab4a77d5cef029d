"""The Document of each report the app exports and the site shows, by subject: one place names them.

fiche (reports/fiche.py), bilan of a period (reports/period_review.py), dispositif
(reports/evaluation.py), hours per student and per teacher: the same documents as ``aptui report``.
"""

from __future__ import annotations

from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.reports.document import Document


class UnknownSubject(LookupError):
    """The student or the period asked for is not in the school (a French message)."""


def fiche_document(analysis: Analysis, year: Year, student_id: str) -> Document:
    from aptui.reports.fiche import fiche_document as build

    student = analysis.school.students.get(student_id)
    if student is None:
        raise UnknownSubject(f"élève inconnu : {student_id}")
    return build(analysis, [student], year)


def bilan_document(analysis: Analysis, year: Year, period_id: str) -> Document:
    from aptui.reports.period_review import period_review_document

    if year.period(period_id) is None:
        raise UnknownSubject(f"période inconnue en {year.id} : {period_id}")
    return period_review_document(analysis, year, period_id)


def dispositif_document(analysis: Analysis, year: Year) -> Document:
    from aptui.reports.evaluation import evaluation_document

    return evaluation_document(analysis, year)


def student_hours_document(analysis: Analysis, year: Year) -> Document:
    from aptui.reports.student_hours import student_hours_document as build

    return build(analysis, year)


def teacher_hours_document(analysis: Analysis, year: Year) -> Document:
    from aptui.reports.teacher_hours import teacher_hours_document as build

    return build(analysis, year)
