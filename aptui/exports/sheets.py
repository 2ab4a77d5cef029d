"""An export's table as bytes: CSV (``,`` or ``;``, optional UTF-8 BOM for Excel), XLSX or ODS."""

from __future__ import annotations

import csv
import io

from aptui.reports.tables import Table
from aptui.reports.workbook import ods_bytes, safe_text, xlsx_bytes

TEXT_FORMATS = ("csv",)
BINARY_FORMATS = ("xlsx", "ods")
FORMATS = TEXT_FORMATS + BINARY_FORMATS
BOM = "\ufeff"


def csv_text(table: Table, separator: str = ";", bom: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_cell(x, separator) for x in row])
    return (BOM if bom else "") + out.getvalue()


def _cell(value: object, separator: str) -> str:
    """A float takes a decimal comma with the French separator (Excel français reads « 1,5 » as a number);
    text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, float) and separator == ";":
        return format(value, ".10g").replace(".", ",")
    if isinstance(value, int | float):
        return format(value, ".10g") if isinstance(value, float) else str(value)
    return safe_text(str(value))


def table_bytes(table: Table, fmt: str, separator: str = ";", bom: bool = False) -> bytes:
    if fmt == "csv":
        return csv_text(table, separator, bom).encode("utf-8")
    if fmt == "xlsx":
        return xlsx_bytes([table], table.title)
    if fmt == "ods":
        return ods_bytes([table], table.title)
    raise ValueError(fmt)
