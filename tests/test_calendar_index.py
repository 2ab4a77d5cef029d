"""A calendar's school days and weeks come from one index of the year (model/calendar.py ``_Days``):
the same answers as listing each span's days, for the school's calendar and each division's (PFMP
weeks, closures of a level), for spans inside, across and outside the year, reversed ones included."""

from __future__ import annotations

import pickle
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from aptui.model.analysis import Analysis
from aptui.model.calendar import _days
from aptui.pipeline import load_school


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    from aptui.gen import generate_school

    root = tmp_path_factory.mktemp("calendar") / "school"
    generate_school(root, students=150, years=2, seed=3)
    return Analysis(load_school(Path(root), use_cache=False).school)


def _listed(calendar: object, start: date, end: date) -> list[date]:
    first, last = calendar.first, calendar.last  # type: ignore[attr-defined]
    start, end = max(start, first), min(end, last)
    return [d for d in _days(start, end) if calendar.is_school_day(d)] if start <= end else []  # type: ignore[attr-defined]


def _weeks(days: list[date]) -> int:
    return len({d - timedelta(days=d.weekday()) for d in days})


def test_spans_as_listed_day_by_day(analysis: Analysis) -> None:
    rng = random.Random(7)
    calendars = []
    for year_id, year in analysis.school.years.items():
        calendars.append(analysis.calendar(year_id))
        calendars += [analysis.division_calendar(year_id, d) for d in year.divisions]
    assert any(c.away for c in calendars[1:] if hasattr(c, "away"))  # some PFMP weeks to take out
    for calendar in calendars:
        spans = [(calendar.first, calendar.last), (calendar.last, calendar.first),
                 (calendar.first - timedelta(days=40), calendar.first + timedelta(days=3)),
                 (calendar.last - timedelta(days=2), calendar.last + timedelta(days=90)),
                 (date(1999, 1, 1), date(1999, 2, 1))]
        for _ in range(60):
            a = calendar.first + timedelta(days=rng.randint(-30, 400))
            spans.append((a, a + timedelta(days=rng.randint(-5, 120))))
        for start, end in spans:
            listed = _listed(calendar, start, end)
            assert calendar.school_days(start, end) == listed, (start, end)
            assert calendar.school_weeks(start, end) == _weeks(listed), (start, end)


def test_the_index_is_not_pickled(analysis: Analysis) -> None:
    year_id = next(iter(analysis.school.years))
    calendar = analysis.calendar(year_id)
    calendar.school_weeks(calendar.first, calendar.last)
    assert "_index" in calendar.__dict__
    again = pickle.loads(pickle.dumps(calendar))
    assert "_index" not in again.__dict__
    assert again.school_days(calendar.first, calendar.last) == calendar.school_days(calendar.first, calendar.last)
