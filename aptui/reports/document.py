"""The shape every report is computed into, before any format is chosen.

A report (a student's follow-up sheet, a period review, the evaluation of the
scheme, hours per student or per teacher) is built from the model into a
``Document``: sections holding paragraphs, key/value facts, tables and chart
data.  Renderers (text, Markdown, CSV, JSON, HTML, PDF, ODS, XLSX) only turn a
``Document`` into bytes; they never compute a figure.  That keeps one source of
truth: the numbers a renderer prints are the ones the tests check on the
document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from aptui.reports.tables import Table

ChartKind = Literal["bars", "lines", "flow"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Facts:
    """Labelled values shown as a short list ("Division : 1MVA", "Tuteur : ...")."""

    items: tuple[tuple[str, str], ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """Data of a chart; the numbers are also given as ``table`` for readers who read.

    ``bars``/``lines``: one value per label per series.  ``flow``: ``labels`` are
    "source → target" pairs and the single series holds the counts.
    """

    kind: ChartKind
    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    table: Table | None = None


Block = Paragraph | Facts | Table | Chart


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    blocks: tuple[Block, ...] = ()
    # a printed document starts this section on a new page (one student per page)
    page_break: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    kind: str  # "fiche", "bilan", "dispositif", "heures-eleves", "heures-enseignants", ...
    title: str
    school: str
    year: str
    sections: tuple[Section, ...]
    subtitle: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def tables(self) -> list[Table]:
        """Every table of the document, charts' number tables included (one sheet each in a workbook)."""
        found: list[Table] = []
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Table):
                    found.append(block)
                elif isinstance(block, Chart) and block.table is not None:
                    found.append(block.table)
        return found
