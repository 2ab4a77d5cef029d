"""Periods proposed between the zone's holidays, and the calendar check of a planned year.yaml.

The proposal is the one ``aptui init`` makes (``aptui.scaffold``), on the
year as it is written (its own first and last days and closures): after two
weeks of welcome (diagnostics, interviews), each stretch of school between
two holidays is a period, cut in near-equal parts when longer than 7 weeks,
dropped when shorter than 4.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from aptui import layout
from aptui.diagnostics import Diagnostic
from aptui.layout import FileRole, Kind
from aptui.load.guard import read_or_none
from aptui.load.source import Document, content_digest, parse_source
from aptui.model.calendar import SchoolCalendar

WELCOME_WEEKS = 2
MIN_WEEKS, MAX_WEEKS = 4, 7
CALENDAR_CODES = ("APT301", "APT302", "APT303")


def propose(calendar: SchoolCalendar, first: date, last: date) -> list[tuple[str, date, date]]:
    """(id, start, end) of the periods proposed for a year's calendar: P1, P2, …"""
    weeks = sorted({d - timedelta(days=d.weekday()) for d in calendar.school_days(first, last)})
    stretches: list[list[date]] = []
    for monday in weeks[WELCOME_WEEKS:]:
        if stretches and monday - stretches[-1][-1] == timedelta(days=7):
            stretches[-1].append(monday)
        else:
            stretches.append([monday])
    periods: list[tuple[str, date, date]] = []
    for stretch in stretches:
        count = -(-len(stretch) // MAX_WEEKS)
        size = -(-len(stretch) // count)
        for chunk in (stretch[i:i + size] for i in range(0, len(stretch), size)):
            if len(chunk) < MIN_WEEKS:
                continue
            days = calendar.school_days(chunk[0], chunk[-1] + timedelta(days=6))
            periods.append((f"P{len(periods) + 1}", days[0], days[-1]))
    return periods


def calendar_problems(root: Path, year: str, year_bytes: bytes) -> list[Diagnostic]:
    """APT301–303 of a year.yaml as planned (not yet written), with the school's zone."""
    from aptui.load.build import assemble_school
    from aptui.model.analysis import Analysis
    from aptui.rules import calendar

    documents = [_document(root, "school.yaml", Kind.SCHOOL, None),
                 _document(root, layout.year_path(year), Kind.YEAR, year_bytes, year)]
    school, _ = assemble_school(str(root), [doc for doc in documents if doc.ok])
    if year not in school.years:
        return []
    return [d for d in calendar.check(Analysis(school)) if d.code in CALENDAR_CODES]


def _document(root: Path, path: str, kind: Kind, raw: bytes | None, year: str | None = None) -> Document:
    if raw is None:
        raw = read_or_none(root, path) or b""  # a regular school file within the limits (load/guard.py)
    doc = Document(path, FileRole(kind, year=year), content_digest(raw))
    parsed = parse_source(raw, path)[0]
    if parsed is not None and parsed.data is not None:
        doc.data, doc.parsed = parsed.data, True
    return doc
