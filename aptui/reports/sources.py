"""The Document of each report the app exports (fiche, bilan, dispositif), built from the Analysis.

One place names them, so that the app's « Exporter / imprimer » and ``aptui site`` print the same
pages.  They reuse the site's pages (aptui/site/pages.py), retitled for a printed document.
"""

from __future__ import annotations

from dataclasses import replace

from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.reports.document import Document, Section
from aptui.reports.tables import attendance_table, groups_table
from aptui.site.pages import SitePages


class UnknownSubject(LookupError):
    """The student or the period asked for is not in the year (a French message)."""


def fiche_document(analysis: Analysis, year: Year, student_id: str) -> Document:
    page = SitePages(analysis, year).student_page(student_id)
    if page is None:
        raise UnknownSubject(f"élève inconnu : {student_id}")
    doc = page.document
    return replace(doc, title=f"Fiche de suivi — {doc.title}", subtitle=doc.subtitle.replace("Fiche de suivi — ", "Division "))


def bilan_document(analysis: Analysis, year: Year, period_id: str) -> Document:
    period = year.period(period_id)
    if period is None:
        raise UnknownSubject(f"période inconnue en {year.id} : {period_id}")
    doc = SitePages(analysis, year).period_page(period).document
    return replace(doc, title=f"Bilan de la période {period.id}")


def dispositif_document(analysis: Analysis, year: Year) -> Document:
    pages = SitePages(analysis, year)
    index = pages.index()[0].document
    sections = (*index.sections,
                Section("Groupes de l'année", (groups_table(analysis, year),), page_break=True),
                Section("Assiduité par groupe", (attendance_table(analysis, year),), page_break=True))
    return replace(index, kind="dispositif", title="Évaluation du dispositif", sections=sections)
