"""The calendar of a year as its year.yaml is written now (closures included), for proposals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from aptui import layout
from aptui import vocab as v
from aptui.diagnostics import Loc
from aptui.edit.base import EditRefused, Snapshot
from aptui.edit.setup_common import as_date
from aptui.model import entities as m
from aptui.model.calendar import SchoolCalendar

_NOWHERE = m.Located(Loc("", 0, 0))


def calendar_of(year: str, first: date, last: date, zone: str,
                closures: Sequence[tuple[date, date, str]] = ()) -> SchoolCalendar:
    """The calendar of a year that exists only as dates (no periods, divisions or groups)."""
    spans = tuple(m.DateSpan(a, b, reason, _NOWHERE) for a, b, reason in closures)
    model = m.Year(
        id=year, first_day=first, last_day=last, closures=spans, openings=(), periods=(), barrettes={},
        exemptions=(), divisions={}, groups={}, sessions={}, sessions_src={}, bilans={}, bilans_src={}, src=_NOWHERE,
    )
    return SchoolCalendar(model, zone)


def year_calendar(snap: Snapshot, year: str) -> tuple[SchoolCalendar, date, date]:
    data = snap.year_data(year)
    first, last = as_date(data.get(v.FIRST_DAY)), as_date(data.get(v.LAST_DAY))
    if first is None or last is None or first >= last:
        raise EditRefused(f"{layout.year_path(year)} : premier_jour / dernier_jour illisibles : corrigez-les d'abord")
    closures = []
    for span in data.get(v.CLOSURES) or ():
        start = as_date(span.get(v.FROM)) if isinstance(span, Mapping) else None
        if start is not None:
            closures.append((start, as_date(span.get(v.TO)) or start, str(span.get(v.REASON, ""))))
    zone = str((snap.read("school.yaml") or {}).get(v.ZONE, "A"))
    return calendar_of(year, first, last, zone, closures), first, last
