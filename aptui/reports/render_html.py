"""A report (``Document``) as one HTML file that looks printed: A4 page CSS (print.css, package data,
inlined so that the file stands alone), the school's name and year at the top of each page, a new
page for each section marked ``page_break`` (one student per page), tables, facts as definition lists,
and each chart as inline SVG with its numbers beside it.

Every text comes from the school's files (names, titles, comments): all of it is escaped, in the
HTML and in the CSS strings of the page margins.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape
from importlib import resources
from typing import Any

from aptui.reports.document import Block, Chart, Document, Facts, Paragraph, Section
from aptui.reports.tables import Table

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERCENT = re.compile(r"^-?\d+([.,]\d+)?%$")


def stylesheet() -> str:
    return resources.files("aptui.reports").joinpath("print.css").read_text(encoding="utf-8")


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: everything but letters, digits and a few marks hex-escaped."""
    safe = " -_.,()/:"
    body = "".join(c if (c.isalnum() and ord(c) < 0x3000) or c in safe else f"\\{ord(c):06x}" for c in text)
    return '"' + body + '"'


def number(value: float | int) -> str:
    """A number as a French reader writes it: decimal comma, no useless zero."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return str(value)
    return format(value, ".10g").replace(".", ",").replace("-", "\u2212", 1)


def cell(value: Any) -> tuple[str, bool]:
    """(escaped text, is a number) of a table cell."""
    if value is None:
        return ("", False)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (escape(number(value)), True)
    if isinstance(value, date):
        return (_nowrap(value.strftime("%d/%m/%Y")), False)
    text = str(value)
    if _PERCENT.match(text):
        return (escape(text.replace("%", "\u202f%")), True)
    if _ISO_DATE.match(text):
        return (_nowrap(f"{text[8:10]}/{text[5:7]}/{text[:4]}"), False)
    return (escape(text), False)


def _nowrap(text: str) -> str:
    """A short value that must not break across lines (a date, an id)."""
    return f'<span class="nowrap">{escape(text)}</span>'


def table_html(table: Table, caption: bool = True) -> str:
    numeric = [bool(table.rows) and all(cell(row[i])[1] or row[i] in (None, "", "—") for row in table.rows
                                         if i < len(row)) for i in range(len(table.columns))]
    head = "".join(f'<th scope="col"{_num(numeric[i])}>{escape(c)}</th>' for i, c in enumerate(table.columns))
    body = []
    for row in table.rows:
        cells = []
        for i, value in enumerate(row):
            text, is_number = cell(value)
            cells.append(f"<td{_num(is_number or (i < len(numeric) and numeric[i]))}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    title = f"<caption>{escape(table.title)}</caption>" if caption and table.title else ""
    # many columns: a smaller type, so that the table stays within the A4 width
    css = ' class="wide"' if len(table.columns) > 10 else ' class="broad"' if len(table.columns) > 7 else ""
    if not table.rows:
        return (f'<table{css}>{title}<thead><tr>{head}</tr></thead></table>'
                '<p class="empty">Aucune ligne.</p>')
    return f'<table{css}>{title}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _num(flag: bool) -> str:
    return ' class="num"' if flag else ""


def facts_html(facts: Facts) -> str:
    title = f"<h3>{escape(facts.title)}</h3>" if facts.title else ""
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v) or '—'}</dd>" for k, v in facts.items)
    return f'{title}<dl class="facts">{items}</dl>'


def chart_html(chart: Chart, salt: str) -> str:
    from aptui.reports.charts import chart_svg

    numbers = chart.table if chart.table is not None else _chart_table(chart)
    # a wide table of numbers goes under the chart, a narrow one beside it
    layout = "chart stacked" if len(numbers.columns) > 4 or len(chart.labels) > 6 else "chart"
    return (f'<figure class="{layout}"><div class="plot">{chart_svg(chart, salt)}</div>'
            f'<div class="numbers"><figcaption>{escape(chart.title)}</figcaption>'
            f"{table_html(numbers, caption=False)}</div></figure>")


def _chart_table(chart: Chart) -> Table:
    """The numbers of a chart that came without its table: one row per label, one column per series."""
    columns = ("", *(s.name for s in chart.series))
    rows = tuple((label, *(s.values[i] if i < len(s.values) else None for s in chart.series))
                 for i, label in enumerate(chart.labels))
    return Table(chart.title, columns, rows)


def block_html(block: Block, salt: str) -> str:
    if isinstance(block, Paragraph):
        return "".join(f"<p>{escape(line)}</p>" for line in block.text.split("\n\n") if line.strip())
    if isinstance(block, Facts):
        return facts_html(block)
    if isinstance(block, Chart):
        return chart_html(block, salt)
    return table_html(block)


def section_html(section: Section, index: int) -> str:
    css = ' class="page-break"' if section.page_break and index > 0 else ""
    title = f"<h2>{escape(section.title)}</h2>" if section.title else ""
    blocks = "".join(block_html(b, f"s{index}b{i}") for i, b in enumerate(section.blocks))
    return f"<section{css}>{title}{blocks}</section>"


def render_html(document: Document, nav: str = "", edited: date | None = None, extra: str = "") -> str:
    """The whole report as a standalone HTML page (``nav``, ``extra``: the site's links, already escaped HTML,
    at the top and after the sections)."""
    school = document.school or "Établissement"
    year = f"Année scolaire {document.year}" if document.year else ""
    margin = f"{school} — {year}" if year else school
    head = (f"@page {{ @top-left {{ content: {css_string(margin)}; font: 8pt \"DejaVu Sans\", Arial, sans-serif; "
            f"color: #555; }} @top-right {{ content: {css_string(document.title)}; font: 8pt \"DejaVu Sans\", "
            f"Arial, sans-serif; color: #555; }} }}")
    title = " — ".join(x for x in (document.title, document.subtitle) if x)
    sections = "".join(section_html(s, i) for i, s in enumerate(document.sections))
    day = (edited or _meta_date(document.meta) or date.today()).strftime("%d/%m/%Y")
    subtitle = f'<p class="subtitle">{escape(document.subtitle)}</p>' if document.subtitle else ""
    return "".join((
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="aptui">',
        f"<title>{escape(title)} — {escape(school)}</title>",
        f"<style>{stylesheet()}\n{head}</style></head>",
        f'<body class="report-{escape(document.kind, quote=True)}">{nav}',
        f'<header class="doc"><span class="school">{escape(school)}</span>',
        f'<span class="year">{escape(year)}</span></header>',
        f"<h1>{escape(document.title)}</h1>{subtitle}{sections}{extra}",
        f'<footer class="doc">Document édité par aptui le {day}. Il contient des données personnelles '
        "d'élèves : à ne communiquer qu'aux personnes qui en ont besoin.</footer>",
        "</body></html>\n",
    ))


def _meta_date(meta: dict[str, Any]) -> date | None:
    for key in ("edited", "as_of", "date"):
        value = meta.get(key)
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                continue
    return None


def html_bytes(document: Document) -> bytes:
    return render_html(document).encode("utf-8")
