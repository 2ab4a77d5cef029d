"""Reads XLSX and ODS files back with nothing but zipfile and ElementTree: a reader independent of
openpyxl and odfpy, which write them.  Cells come back as str, float or ("date", "YYYY-MM-DD")."""

from __future__ import annotations

import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

X = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFF = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TX = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DATE_FORMATS = {14, 15, 16, 17, 22}

Sheets = dict[str, list[list[Any]]]


def _column(ref: str) -> int:
    letters = "".join(c for c in ref if c.isalpha())
    number = 0
    for c in letters:
        number = number * 26 + ord(c) - 64
    return number - 1


def read_xlsx(path: Path) -> Sheets:
    with zipfile.ZipFile(path) as z:
        strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(f"{X}si"):
                strings.append("".join(t.text or "" for t in si.iter(f"{X}t")))
        styles = ET.fromstring(z.read("xl/styles.xml"))
        custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in styles.iter(f"{X}numFmt")}
        xfs = [int(xf.get("numFmtId", "0")) for xf in styles.find(f"{X}cellXfs").iter(f"{X}xf")]  # type: ignore[union-attr]
        dated = {i for i, fmt in enumerate(xfs) if fmt in DATE_FORMATS or "YY" in custom.get(fmt, "").upper()}
        links = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        rels = {r.get("Id"): r.get("Target") for r in links.iter(f"{PKG}Relationship")}
        book = ET.fromstring(z.read("xl/workbook.xml"))
        sheets: Sheets = {}
        for sheet in book.iter(f"{X}sheet"):
            target = str(rels[sheet.get(f"{R}id")]).lstrip("/")
            target = target if target.startswith("xl/") else "xl/" + target
            rows: list[list[Any]] = []
            for row in ET.fromstring(z.read(target)).iter(f"{X}row"):
                values: list[Any] = []
                for cell in row.iter(f"{X}c"):
                    index = _column(cell.get("r", "A1"))
                    values.extend([""] * (index - len(values)))
                    kind, raw = cell.get("t"), cell.find(f"{X}v")
                    text = raw.text if raw is not None else None
                    if kind == "s":
                        value: Any = strings[int(text or "0")]
                    elif kind == "inlineStr":
                        value = "".join(t.text or "" for t in cell.iter(f"{X}t"))
                    elif kind in ("str", "b"):
                        value = text or ""
                    elif text is None:
                        value = ""
                    elif int(cell.get("s", "0")) in dated:
                        value = ("date", (date(1899, 12, 30) + timedelta(days=float(text))).isoformat())
                    else:
                        value = float(text)
                    values.append(value)
                rows.append(values)
            sheets[str(sheet.get("name"))] = rows
    return sheets


def read_ods(path: Path) -> Sheets:
    with zipfile.ZipFile(path) as z:
        content = ET.fromstring(z.read("content.xml"))
    sheets: Sheets = {}
    for table in content.iter(f"{T}table"):
        rows: list[list[Any]] = []
        for row in table.iter(f"{T}table-row"):
            values: list[Any] = []
            for cell in row.iter(f"{T}table-cell"):
                repeat = int(cell.get(f"{T}number-columns-repeated", "1"))
                kind = cell.get(f"{OFF}value-type")
                if kind == "float":
                    value: Any = float(cell.get(f"{OFF}value", "nan"))
                elif kind == "date":
                    value = ("date", str(cell.get(f"{OFF}date-value"))[:10])
                else:
                    value = "\n".join(_paragraph(p) for p in cell.iter(f"{TX}p"))
                values.extend([value] * repeat)
            rows.append(values)
        sheets[str(table.get(f"{T}name"))] = rows
    return sheets


def _paragraph(element: ET.Element) -> str:
    """The text of a text:p with ODF's space (text:s, its count text:c) and tab elements expanded."""
    out = [element.text or ""]
    for child in element:
        if child.tag == f"{TX}s":
            out.append(" " * int(child.get(f"{TX}c", "1")))
        elif child.tag == f"{TX}tab":
            out.append("\t")
        else:
            out.append("".join(child.itertext()))
        out.append(child.tail or "")
    return "".join(out)
