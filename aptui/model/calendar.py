"""School days: weekdays minus the zone's school holidays, public holidays and
the closures declared in year.yaml (plus the reopenings it declares).

School holidays come from the ``holidays`` package (category ``school``,
subdivisions "Zone A/B/C", Ascension bridge included), computed offline.
A week of school is a Monday-to-Sunday week with at least one school day.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from aptui.model.entities import Year


@lru_cache(maxsize=32)
def _closed_by_law(zone: str, calendar_years: tuple[int, ...]) -> frozenset[date]:
    import holidays  # ~0.1 s with its countries: imported when a calendar is first needed

    school = holidays.country_holidays(
        "FR", subdiv=f"Zone {zone}", years=calendar_years, categories=("school",)
    )
    public = holidays.country_holidays("FR", years=calendar_years)
    return frozenset(school) | frozenset(public)


def holiday_names(zone: str, first: date, last: date) -> dict[date, str]:
    """Names of the holidays between two dates (for display)."""
    import holidays

    years = list(range(first.year, last.year + 1))
    school = holidays.country_holidays("FR", subdiv=f"Zone {zone}", years=years, categories=("school",))
    public = holidays.country_holidays("FR", years=years)
    merged = {**{d: str(n) for d, n in school.items()}, **{d: str(n) for d, n in public.items()}}
    return {d: n for d, n in merged.items() if first <= d <= last}


class SchoolCalendar:
    """Which days of one school year have classes."""

    def __init__(self, year: Year, zone: str) -> None:
        self.year = year
        closed = set(_closed_by_law(zone, (year.first_day.year, year.last_day.year)))
        for span in year.closures:
            closed.update(_days(span.start, span.end))
        for span in year.openings:
            closed.difference_update(_days(span.start, span.end))
        self.closed = frozenset(closed)
        self._weeks: dict[tuple[date, date], int] = {}

    def is_school_day(self, day: date) -> bool:
        return (
            self.year.first_day <= day <= self.year.last_day
            and day.weekday() < 5
            and day not in self.closed
        )

    def why_closed(self, day: date) -> str:
        """A French reason a day has no class."""
        if day.weekday() >= 5:
            return "c'est un week-end"
        if not self.year.first_day <= day <= self.year.last_day:
            return "hors de l'année scolaire"
        for span in self.year.closures:
            if span.start <= day <= span.end:
                return f"fermeture déclarée : {span.reason}"
        return "jour férié ou vacances scolaires de la zone"

    def school_days(self, start: date, end: date) -> list[date]:
        return [d for d in _days(start, end) if self.is_school_day(d)]

    def school_weeks(self, start: date, end: date) -> int:
        """Monday-to-Sunday weeks between two dates with at least one school day (memoised)."""
        key = (start, end)
        weeks = self._weeks.get(key)
        if weeks is None:
            weeks = self._weeks[key] = len({d - timedelta(days=d.weekday()) for d in self.school_days(start, end)})
        return weeks

    def weekly_dates(self, start: date, end: date, weekday: int) -> list[date]:
        """The school days on a given weekday between two dates."""
        first = start + timedelta(days=(weekday - start.weekday()) % 7)
        days = []
        while first <= end:
            if self.is_school_day(first):
                days.append(first)
            first += timedelta(days=7)
        return days


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]
