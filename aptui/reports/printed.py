"""The printed and exchanged formats of a report: name -> function(Document) -> bytes.

``reports``' registry (aptui/reports/formats.py) takes these in; each import is lazy (matplotlib,
openpyxl, odfpy and Chromium are only touched when that format is asked for).
"""

from __future__ import annotations

from collections.abc import Callable

from aptui.reports.document import Document

Renderer = Callable[[Document], bytes]
BINARY_FORMATS = frozenset({"pdf", "ods", "xlsx"})
EXTENSIONS = {"html": "html", "pdf": "pdf", "ods": "ods", "xlsx": "xlsx"}


def _html(document: Document) -> bytes:
    from aptui.reports.render_html import html_bytes

    return html_bytes(document)


def _pdf(document: Document) -> bytes:
    from aptui.reports.render_pdf import pdf_bytes

    return pdf_bytes(document)


def _ods(document: Document) -> bytes:
    from aptui.reports.workbook import document_ods

    return document_ods(document)


def _xlsx(document: Document) -> bytes:
    from aptui.reports.workbook import document_xlsx

    return document_xlsx(document)


PRINTED_FORMATS: dict[str, Renderer] = {"html": _html, "pdf": _pdf, "ods": _ods, "xlsx": _xlsx}

DESCRIPTIONS = {
    "html": "page A4 prête à imprimer (graphiques SVG)",
    "pdf": "PDF imprimé par Chromium (paquet chromium), avec -o",
    "ods": "classeur ODS, une feuille par tableau, avec -o",
    "xlsx": "classeur XLSX, une feuille par tableau, avec -o",
}


def register_all() -> None:
    """Add the printed formats to the reports' registry (aptui/reports/formats.py) when it is there."""
    import importlib

    try:
        registry = importlib.import_module("aptui.reports.formats")
    except ModuleNotFoundError:
        return
    for name, render in PRINTED_FORMATS.items():
        registry.register(name, render, binary=name in BINARY_FORMATS, extension="." + EXTENSIONS[name],
                          description=DESCRIPTIONS[name])


register_all()
