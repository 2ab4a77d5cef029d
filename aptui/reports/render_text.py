"""Text formats of a ``Document``: plain text, Markdown, CSV (its tables), JSON.

Renderers only lay out what the document holds; every figure was computed
before.  Registered in ``formats`` as text, markdown, csv and json.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from tabulate import tabulate

from aptui.reports import formats
from aptui.reports.document import Block, Chart, Document, Facts, Paragraph, Section
from aptui.reports.tables import Table

WIDTH = 100
BAR_WIDTH = 40
WRAP = 24
HEADER = 5


def _shown(value: Any) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def cell(value: Any) -> Any:
    """A table cell as written: dates in French, None as a dash, the rest unchanged."""
    if value is None:
        return "—"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value


def _rows(table: Table) -> list[list[Any]]:
    return [[cell(value) for value in row] for row in table.rows]


# --- plain text -------------------------------------------------------------------------------

def to_text(document: Document) -> str:
    out: list[str] = [document.title]
    if document.subtitle:
        out.append(document.subtitle)
    out.append(" — ".join(part for part in (document.school, document.year) if part))
    out.append("=" * min(WIDTH, max(len(line) for line in out)))
    for index, section in enumerate(document.sections):
        if section.page_break and index:
            out += ["", "-" * WIDTH]
        out += ["", section.title, "-" * len(section.title)] if section.title else [""]
        for block in section.blocks:
            out += ["", *_text_block(block)]
    return "\n".join(out).rstrip() + "\n"


def _text_block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return textwrap.wrap(block.text, WIDTH) or [""]
    if isinstance(block, Facts):
        width = max((len(label) for label, _ in block.items), default=0)
        lines = [block.title] if block.title else []
        lines += [f"{label.ljust(width)} : {value}" for label, value in block.items]
        return lines
    if isinstance(block, Table):
        return _text_table(block)
    return _text_chart(block)


def _text_table(table: Table) -> list[str]:
    lines = [table.title] if table.title else []
    if not table.rows:
        return [*lines, "(aucune ligne)"]
    rows = _rows(table)
    # long free text (motifs, comments, notes) wraps inside its column instead of widening the table
    widths = [WRAP if any(isinstance(row[i], str) and len(row[i]) > WRAP for row in rows) else None
              for i in range(len(table.columns))]
    # headers wrap to their column's content (at least HEADER characters): "prévues / dues (%)" on two lines
    heads = [max(HEADER, *(len(word) for word in column.split()), *(len(_shown(row[i])) for row in rows))
             for i, column in enumerate(table.columns)]
    body = tabulate(rows, headers=table.columns, tablefmt="simple", floatfmt=".1f", maxcolwidths=widths,
                    maxheadercolwidths=[min(h, w or h) for h, w in zip(heads, widths)])
    return [*lines, *body.splitlines()]


def _text_chart(chart: Chart) -> list[str]:
    """Bars drawn with blocks, one line per label and series; other kinds give their numbers."""
    lines = [f"{chart.title}" + (f" ({chart.unit})" if chart.unit else "")]
    if not chart.labels:
        return [*lines, "(aucune donnée)"]
    if chart.kind == "bars":
        peak = max((value for s in chart.series for value in s.values), default=0.0) or 1.0
        label_width = max(len(label) for label in chart.labels)
        name_width = max((len(s.name) for s in chart.series), default=0)
        for position, label in enumerate(chart.labels):
            for number, series in enumerate(chart.series):
                value = series.values[position] if position < len(series.values) else 0.0
                bar = "█" * round(BAR_WIDTH * max(value, 0.0) / peak)
                head = label if number == 0 else ""
                lines.append(f"{head.ljust(label_width)}  {series.name.ljust(name_width)} {bar} {value:.1f}")
    if chart.table is not None:
        lines += ["", *_text_table(chart.table)]
    return lines


# --- Markdown ---------------------------------------------------------------------------------

def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(document: Document) -> str:
    out: list[str] = [f"# {document.title}", ""]
    if document.subtitle:
        out += [f"*{document.subtitle}*", ""]
    out += [" — ".join(part for part in (document.school, document.year) if part), ""]
    for index, section in enumerate(document.sections):
        if section.page_break and index:
            out += ["---", ""]
        if section.title:
            out += [f"## {section.title}", ""]
        for block in section.blocks:
            out += [*_md_block(block), ""]
    return "\n".join(out).rstrip() + "\n"


def _md_block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Facts):
        lines = [f"**{block.title}**", ""] if block.title else []
        return lines + [f"- **{label}** : {value}" for label, value in block.items]
    if isinstance(block, Table):
        return _md_table(block)
    lines = [f"**{block.title}**" + (f" ({block.unit})" if block.unit else "")]
    if not block.labels:
        return [*lines, "", "*(aucune donnée)*"]
    if block.table is not None:
        lines += ["", *_md_table(block.table, heading=False)]
    return lines


def _md_table(table: Table, heading: bool = True) -> list[str]:
    lines = [f"### {table.title}", ""] if heading and table.title else []
    if not table.rows:
        return [*lines, "*(aucune ligne)*"]
    rows = [[_md_escape(str(v)) if isinstance(v, str) else v for v in row] for row in _rows(table)]
    body = tabulate(rows, headers=[_md_escape(c) for c in table.columns], tablefmt="github", floatfmt=".1f")
    return [*lines, *body.splitlines()]


# --- CSV --------------------------------------------------------------------------------------

def to_csv(document: Document) -> str:
    """Every table (charts' number tables included), one after another: title line, header, rows."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    for index, table in enumerate(document.tables()):
        if index:
            writer.writerow([])
        writer.writerow([_one_line_end(table.title)])
        writer.writerow([_one_line_end(c) for c in table.columns])
        writer.writerows([[_one_line_end(v) for v in row] for row in _rows(table)])
    return out.getvalue()


def _one_line_end(value: Any) -> Any:
    """A carriage return inside a cell becomes a newline, which the writer quotes (a bare CR would end the row)."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def only_table(document: Document, number: int) -> Document:
    """The document reduced to its table ``number`` (1-based, order of ``Document.tables``).

    IndexError when there is no such table.
    """
    found = document.tables()
    if not 1 <= number <= len(found):
        raise IndexError(number)
    return replace(document, sections=(Section("", (found[number - 1],)),))


def single_table_csv(table: Table) -> str:
    """One table as a plain CSV (header and rows, no title line): what a spreadsheet imports."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow([_one_line_end(c) for c in table.columns])
    writer.writerows([[_one_line_end(v) for v in row] for row in _rows(table)])
    return out.getvalue()


# --- JSON -------------------------------------------------------------------------------------

def to_data(document: Document) -> dict[str, Any]:
    """The document as plain JSON-able data (a ``type`` on every block)."""
    return {
        "type": document.kind, "titre": document.title, "sous_titre": document.subtitle,
        "ecole": document.school, "annee": document.year, "meta": document.meta,
        "sections": [_section_data(section) for section in document.sections],
    }


def _section_data(section: Section) -> dict[str, Any]:
    return {"titre": section.title, "saut_de_page": section.page_break,
            "blocs": [_block_data(block) for block in section.blocks]}


def _table_data(table: Table) -> dict[str, Any]:
    return {"type": "tableau", "titre": table.title, "colonnes": list(table.columns),
            "lignes": [list(row) for row in table.rows]}


def _block_data(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"type": "paragraphe", "texte": block.text}
    if isinstance(block, Facts):
        return {"type": "faits", "titre": block.title, "elements": [list(item) for item in block.items]}
    if isinstance(block, Table):
        return _table_data(block)
    return {"type": "graphique", "genre": block.kind, "titre": block.title, "unite": block.unit,
            "etiquettes": list(block.labels),
            "series": [{"nom": s.name, "valeurs": list(s.values)} for s in block.series],
            "tableau": _table_data(block.table) if block.table is not None else None}


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(type(value))


def to_json(document: Document) -> str:
    return json.dumps(to_data(document), ensure_ascii=False, indent=2, default=_json_default) + "\n"


def _encoded(render: Any) -> formats.Renderer:
    def run(document: Document) -> bytes:
        return str(render(document)).encode("utf-8")
    return run


def _register(pairs: Iterable[tuple[str, Any, str, str]]) -> None:
    for name, render, extension, description in pairs:
        formats.register(name, _encoded(render), extension=extension, description=description)


_register((
    ("text", to_text, ".txt", "texte lisible dans un terminal"),
    ("markdown", to_markdown, ".md", "Markdown (wiki, forge)"),
    ("csv", to_csv, ".csv", "les tableaux, l'un après l'autre (séparateur ;)"),
    ("json", to_json, ".json", "le document entier en JSON"),
))
