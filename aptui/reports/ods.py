"""A streaming ODS (OpenDocument spreadsheet) writer: the XML parts written straight into the zip.

OpenDocument 1.2: ``mimetype`` first and stored, a manifest, ``meta.xml`` (title), ``styles.xml``
(empty) and ``content.xml`` with one ``table:table`` per sheet.  The header row is bold on grey,
numbers are ``float`` cells, dates ``date`` cells shown dd/mm/yyyy.  Values arrive already cleaned
by workbook.cell_value (no XML-forbidden characters); every text is escaped here.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date
from typing import Any
from xml.sax.saxutils import escape, quoteattr

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
STYLES = f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {NS} office:version="1.2"/>\n'
AUTOMATIC = ('<office:automatic-styles>'
             '<number:date-style style:name="jma"><number:day number:style="long"/><number:text>/</number:text>'
             '<number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/>'
             '</number:date-style>'
             '<style:style style:name="entete" style:family="table-cell">'
             '<style:table-cell-properties fo:background-color="#dddddd"/>'
             '<style:text-properties fo:font-weight="bold"/></style:style>'
             '<style:style style:name="date" style:family="table-cell" style:data-style-name="jma"/>'
             '</office:automatic-styles>')

Sheet = tuple[str, Sequence[str], Sequence[Sequence[Any]]]  # (name, columns, rows of clean values)


_SPACES = re.compile(r"(?:(?<=^)|(?<= )) +|\t")


def _line(text: str) -> str:
    """One paragraph's XML: ODF collapses spaces, so repeated, leading and tab characters are written out."""
    def keep(match: re.Match[str]) -> str:
        run = match.group(0)
        return "<text:tab/>" if run == "\t" else f'<text:s text:c="{len(run)}"/>'

    parts, last = [], 0
    for match in _SPACES.finditer(text):
        parts.append(escape(text[last:match.start()]))
        parts.append(keep(match))
        last = match.end()
    parts.append(escape(text[last:]))
    return "<text:p>" + "".join(parts) + "</text:p>"


def _paragraphs(text: str) -> str:
    return "".join(_line(line) for line in text.split("\n"))


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        value = "oui" if value else "non"
    if isinstance(value, int | float):
        return (f'<table:table-cell office:value-type="float" office:value="{value!r}">'
                f"{_paragraphs(str(value))}</table:table-cell>")
    if isinstance(value, date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}" '
                f'table:style-name="date"><text:p>{value.strftime("%d/%m/%Y")}</text:p></table:table-cell>')
    text = "" if value is None else str(value)
    if not text:
        return "<table:table-cell/>"
    return f'<table:table-cell office:value-type="string">{_paragraphs(text)}</table:table-cell>'


def _content(sheets: Sequence[Sheet], out: Any) -> None:
    out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS} office:version="1.2">')
    out.write(AUTOMATIC + "<office:body><office:spreadsheet>")
    for name, columns, rows in sheets:
        out.write(f"<table:table table:name={quoteattr(name)}>")
        width = max([len(columns), *(len(r) for r in rows)] or [1])
        out.write(f'<table:table-column table:number-columns-repeated="{max(width, 1)}"/>')
        if columns:
            out.write("<table:table-row>" + "".join(
                f'<table:table-cell office:value-type="string" table:style-name="entete">{_paragraphs(c)}'
                "</table:table-cell>" for c in columns) + "</table:table-row>")
        for row in rows:
            out.write("<table:table-row>" + "".join(_cell(v) for v in row) + "</table:table-row>")
        if not columns and not rows:
            out.write("<table:table-row><table:table-cell/></table:table-row>")
        out.write("</table:table>")
    out.write("</office:spreadsheet></office:body></office:document-content>\n")


def write_ods(sheets: Sequence[Sheet], title: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/manifest.xml", MANIFEST)
        book.writestr("meta.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {NS} '
                                  f'office:version="1.2"><office:meta><meta:generator>aptui</meta:generator>'
                                  f"<dc:title>{escape(title)}</dc:title></office:meta></office:document-meta>\n")
        book.writestr("styles.xml", STYLES)
        with book.open("content.xml", "w") as raw, io.TextIOWrapper(raw, encoding="utf-8") as out:
            _content(sheets, out)
    return buffer.getvalue()
