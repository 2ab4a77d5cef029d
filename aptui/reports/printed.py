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
