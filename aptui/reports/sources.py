"""The Document of each report the app exports (fiche, bilan, dispositif), built from the Analysis.

One place names them, so that the app's « Exporter / imprimer » prints the very documents of
``aptui report fiche|bilan|dispositif`` (reports/fiche.py, period_review.py, evaluation.py): one
source of truth for the figures, whichever way a report is asked for.
"""

from __future__ import annotations

from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.reports.document import Document
from aptui.reports.evaluation import evaluation_document
from aptui.reports.fiche import fiche_document as student_fiche
from aptui.reports.period_review import period_review_document


class UnknownSubject(LookupError):
    """The student or the period asked for is not in the year (a French message)."""


def fiche_document(analysis: Analysis, year: Year, student_id: str) -> Document:
    student = analysis.school.students.get(student_id)
    if student is None:
        raise UnknownSubject(f"élève inconnu : {student_id}")
    return student_fiche(analysis, [student], year)


def bilan_document(analysis: Analysis, year: Year, period_id: str) -> Document:
    if year.period(period_id) is None:
        raise UnknownSubject(f"période inconnue en {year.id} : {period_id}")
    return period_review_document(analysis, year, period_id)


def dispositif_document(analysis: Analysis, year: Year) -> Document:
    return evaluation_document(analysis, year)
