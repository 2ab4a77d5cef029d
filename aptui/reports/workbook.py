"""Workbooks for the administration: one sheet per table, in XLSX (openpyxl) or ODS (odfpy).

Numbers stay numbers (a secretary sums a column), ISO dates become date cells, the header row
is bold on a grey background and frozen.  Sheet names follow the stricter rule of both
programs: at most 31 characters, none of ``[]:*?/\\``, unique without regard to case.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from aptui.reports.document import Document
from aptui.reports.tables import Table

MAX_SHEET_NAME = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def sheet_names(titles: Sequence[str]) -> list[str]:
    """Names for sheets titled ``titles``: cleaned, cut to 31 characters, unique (case-insensitive)."""
    names: list[str] = []
    taken: set[str] = set()
    for index, title in enumerate(titles, start=1):
        base = " ".join(_FORBIDDEN.sub(" ", title).split()).strip("'") or f"Feuille {index}"
        name = base[:MAX_SHEET_NAME].rstrip()
        counter = 2
        while name.casefold() in taken:
            suffix = f" ({counter})"
            name = base[:MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
            counter += 1
        taken.add(name.casefold())
        names.append(name)
    return names


def cell_value(value: Any) -> Any:
    """The value a cell holds: numbers as numbers, ISO dates as dates, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float | date):
        return value
    text = str(value)
    if _ISO_DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    return text


def safe_text(text: str) -> str:
    """Text a spreadsheet will not run as a formula (CSV/XLSX injection: names from files are input)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _number_like(text) else text


def _number_like(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def xlsx_bytes(tables: Sequence[Table], title: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    if title:
        book.properties.title = title
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    for name, table in zip(sheet_names([t.title for t in tables] or ["Vide"]), tables or [Table("Vide", (), ())]):
        sheet = book.create_sheet(name)
        sheet.append(list(table.columns))
        for cell in sheet[1]:
            cell.font, cell.fill = bold, grey
        widths = [len(c) for c in table.columns]
        for row in table.rows:
            values = [cell_value(x) for x in row]
            sheet.append([safe_text(x) if isinstance(x, str) else x for x in values])
            for col, x in enumerate(values):
                if col < len(widths):
                    widths[col] = max(widths[col], len(str(x)))
        for number, row_cells in enumerate(sheet.iter_rows(min_row=2), start=2):
            del number
            for cell in row_cells:
                if isinstance(cell.value, date):
                    cell.number_format = "DD/MM/YYYY"
        for col, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = min(60, width + 2)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ods_bytes(tables: Sequence[Table], title: str = "") -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableCellProperties, TextProperties
    from odf.table import Table as OdsTable
    from odf.table import TableCell, TableRow
    from odf.text import P

    book = OpenDocumentSpreadsheet()
    if title:
        from odf.dc import Title

        book.meta.addElement(Title(text=title))
    header = Style(name="entete", family="table-cell")
    header.addElement(TextProperties(fontweight="bold"))
    header.addElement(TableCellProperties(backgroundcolor="#dddddd"))
    book.automaticstyles.addElement(header)
    for name, table in zip(sheet_names([t.title for t in tables] or ["Vide"]), tables or [Table("Vide", (), ())]):
        sheet = OdsTable(name=name)
        row = TableRow()
        for column in table.columns:
            cell = TableCell(valuetype="string", stylename=header)
            cell.addElement(P(text=column))
            row.addElement(cell)
        sheet.addElement(row)
        for values in table.rows:
            row = TableRow()
            for raw in values:
                row.addElement(_ods_cell(cell_value(raw), TableCell, P))
            sheet.addElement(row)
        book.spreadsheet.addElement(sheet)
    out = io.BytesIO()
    book.write(out)
    return out.getvalue()


def _ods_cell(value: Any, cell_type: Any, paragraph: Any) -> Any:
    if isinstance(value, int | float):
        cell = cell_type(valuetype="float", value=value)
        text = str(value)
    elif isinstance(value, date):
        cell = cell_type(valuetype="date", datevalue=value.isoformat())
        text = value.strftime("%d/%m/%Y")
    else:
        cell = cell_type(valuetype="string")
        text = str(value)
    cell.addElement(paragraph(text=text))
    return cell


def document_xlsx(document: Document) -> bytes:
    """A report as an XLSX workbook: one sheet per table (charts' number tables included)."""
    return xlsx_bytes(document.tables(), _book_title(document))


def document_ods(document: Document) -> bytes:
    """A report as an ODS workbook: one sheet per table (charts' number tables included)."""
    return ods_bytes(document.tables(), _book_title(document))


def _book_title(document: Document) -> str:
    return " — ".join(x for x in (document.title, document.school, document.year) if x)
