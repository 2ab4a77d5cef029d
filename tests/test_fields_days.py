"""The builders' dates (load/fields.py ``day``): one object per day, whatever the number of files naming it."""

from __future__ import annotations

from datetime import date

import pytest

from aptui.load import fields


def test_a_day_named_twice_is_one_object_and_a_wrong_one_is_missing() -> None:
    first = fields.day({"date": "2025-11-20"}, "date")
    again = fields.day({"date": "2025-11-20"}, "date")
    assert first == date(2025, 11, 20) and first is again
    assert fields.day({"date": "2025-02-30"}, "date") is None
    assert fields.day({"date": "2025-02-30"}, "date") is None  # a refusal is never remembered as a day
    assert fields.day({"date": 3}, "date") is None and fields.day([], "date") is None


def test_the_days_remembered_stay_within_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fields, "_MAX_DAYS", 10)
    monkeypatch.setattr(fields, "_DAYS", {})
    for offset in range(25):
        assert fields.day({"d": date.fromordinal(738000 + offset).isoformat()}, "d") is not None
        assert len(fields._DAYS) <= 10
