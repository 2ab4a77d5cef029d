"""School days: weekdays minus the zone's school holidays, public holidays and
the closures declared in year.yaml, plus the openings it declares (an opened
Saturday is a school day).

A division's calendar (``DivisionCalendar``) also takes out its PFMP weeks
(division file) and the closures of its level or of itself (a ``fermetures``
entry with ``niveaux`` / ``divisions``: Terminale after mid-May).

A week of school is a Monday-to-Sunday week with at least one school day.
The year is clipped to its window (1 August of its first calendar year to
31 July of the next) and every span to the year before its days are listed;
a span reaching outside the window is ignored: an absurd date costs nothing
(rules/calendar.py reports it, APT307 and APT309).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta

from aptui.model.entities import DateSpan, Division, Year
from aptui.model.holiday_law import LawDays, Region, law_days

__all__ = ["DivisionCalendar", "Region", "SchoolCalendar", "holiday_names", "year_window"]

WINDOW_START = (8, 1)  # a school year starts at the earliest on 1 August of its first calendar year
WINDOW_END = (7, 31)  # and ends at the latest on 31 July of the next


def year_window(year_id: str) -> tuple[date, date] | None:
    """The dates a school year "AAAA-AAAA" can span; None for an impossible year id."""
    try:
        first = int(year_id[:4])
        return date(first, *WINDOW_START), date(first + 1, *WINDOW_END)
    except ValueError:
        return None


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def holiday_names(zone: str | Region, first: date, last: date) -> dict[date, str]:
    """Names of the school and public holidays between two dates (for display)."""
    region = zone if isinstance(zone, Region) else Region(zone)
    law = law_days(region, tuple(range(first.year, last.year + 1)))
    return {d: n for d, n in law.names.items() if first <= d <= last}


class _Days:
    """Weeks and weekdays on top of ``is_school_day`` (inside ``first``..``last``).

    The school days of the whole year are listed once, with a running count of their weeks
    (``_index``): a span's school days are a slice of it and its weeks a difference of two counts,
    found by bisection.  The budget rule asks the weeks of every period of every division: listing
    each span's days again was a sixth of the rules' time.  Not pickled (made again when asked)."""

    first: date
    last: date

    def __init__(self) -> None:
        self._weeks: dict[tuple[date, date], int] = {}

    def is_school_day(self, day: date) -> bool:
        raise NotImplementedError

    def _all_school_days(self) -> list[date]:
        """Every school day of the year, in order (``first``..``last``)."""
        return [d for d in _days(self.first, self.last) if self.is_school_day(d)] if self.first <= self.last else []

    def _year_index(self) -> tuple[list[date], list[int]]:
        """(the year's school days, for each the number of distinct weeks up to it included)."""
        index = self.__dict__.get("_index")
        if index is None:
            days = self._all_school_days()
            counts: list[int] = []
            weeks, monday = 0, None
            for day in days:
                this = day - timedelta(days=day.weekday())
                if this != monday:
                    weeks, monday = weeks + 1, this
                counts.append(weeks)
            index = self.__dict__["_index"] = (days, counts)
        return index

    def _span(self, start: date, end: date) -> tuple[int, int]:
        """Slice bounds, in ``_year_index``'s days, of the school days from ``start`` to ``end``."""
        days = self._year_index()[0]
        return bisect_left(days, start), bisect_right(days, end)

    def __getstate__(self) -> dict[str, object]:
        return {name: value for name, value in self.__dict__.items() if name != "_index"}

    def school_days(self, start: date, end: date) -> list[date]:
        start, end = max(start, self.first), min(end, self.last)
        if start > end:
            return []
        low, high = self._span(start, end)
        return self._year_index()[0][low:high]

    def school_weeks(self, start: date, end: date) -> int:
        """Monday-to-Sunday weeks between two dates with at least one school day (memoised)."""
        key = (start, end)
        weeks = self._weeks.get(key)
        if weeks is None:
            low, high = self._span(max(start, self.first), min(end, self.last)) if start <= end else (0, 0)
            counts = self._year_index()[1]
            weeks = self._weeks[key] = counts[high - 1] - counts[low] + 1 if low < high else 0
        return weeks

    def weekly_dates(self, start: date, end: date, weekday: int) -> list[date]:
        """The school days on a given weekday between two dates."""
        start, end = max(start, self.first), min(end, self.last)
        day = start + timedelta(days=(weekday - start.weekday()) % 7)
        days = []
        while day <= end:
            if self.is_school_day(day):
                days.append(day)
            day += timedelta(days=7)
        return days


class SchoolCalendar(_Days):
    """Which days of one school year have classes, for the whole school."""

    def __init__(self, year: Year, zone: str | Region) -> None:
        super().__init__()
        self.year = year
        self.region = zone if isinstance(zone, Region) else Region(zone)
        self.window = year_window(year.id)
        first, last = year.first_day, year.last_day
        if self.window is not None:
            first, last = max(first, self.window[0]), min(last, self.window[1])
        self.first, self.last = first, last
        self.law: LawDays = law_days(self.region, tuple(range(first.year, last.year + 1)) if first <= last else ())
        closed = {d for d in self.law.school | self.law.public if first <= d <= last}
        for span in year.closures:
            if not span.scoped:
                closed.update(self.days_of(span))
        opened: set[date] = set()
        for span in year.openings:
            opened.update(self.days_of(span))
        self.opened = frozenset(opened)
        self.closed = frozenset(closed - opened)

    def usable(self, span: DateSpan) -> bool:
        """A span that ends after it starts, inside the year's window (else APT309, and ignored)."""
        return span.start <= span.end and (self.window is None or (
            self.window[0] <= span.start and span.end <= self.window[1]))

    def days_of(self, span: DateSpan) -> list[date]:
        """The days of a usable span inside the school year (nothing for an absurd span)."""
        start, end = max(span.start, self.first), min(span.end, self.last)
        return _days(start, end) if start <= end and self.usable(span) else []

    def is_school_day(self, day: date) -> bool:
        return (
            self.first <= day <= self.last
            and (day.weekday() < 5 or day in self.opened)
            and day not in self.closed
        )

    def why_closed(self, day: date) -> str:
        """A French reason a day has no class."""
        if not self.first <= day <= self.last:
            return "hors de l'année scolaire"
        if day.weekday() >= 5 and day not in self.opened:
            return "c'est un week-end"
        for span in self.year.closures:
            if not span.scoped and span.contains(day) and self.usable(span):
                return f"fermeture déclarée : {span.reason}"
        name = self.law.names.get(day)
        if day in self.law.public:
            return f"jour férié : {name}" if name else "jour férié"
        return f"vacances scolaires : {name}" if name else "vacances scolaires de la zone"

    def school_holiday_weekdays(self, start: date, end: date) -> int:
        """Weekdays of the library's school holidays between two dates (APT308)."""
        return sum(1 for d in self.law.school if start <= d <= end and d.weekday() < 5)


class DivisionCalendar(_Days):
    """The days one division has classes: the school's, minus its PFMP and the closures of its level."""

    def __init__(self, school: SchoolCalendar, division: Division) -> None:
        super().__init__()
        self.school = school
        self.division = division
        self.first, self.last = school.first, school.last
        self.closures = tuple(s for s in school.year.closures if s.scoped and s.applies_to(division))
        self.placements = division.work_placements
        away: set[date] = set()
        for span in (*self.closures, *self.placements):
            away.update(school.days_of(span))
        self.away = frozenset(away)
        """Days the division's students are not expected at school (PFMP, closures of the division)."""

    def is_school_day(self, day: date) -> bool:
        return day not in self.away and self.school.is_school_day(day)

    def _all_school_days(self) -> list[date]:
        away = self.away
        return [d for d in self.school._year_index()[0] if d not in away]

    def away_on(self, day: date) -> DateSpan | None:
        """The PFMP or closure that keeps the division away on a day, if any."""
        if day not in self.away:
            return None
        spans = (*self.placements, *self.closures)
        return next((s for s in spans if s.contains(day) and self.school.usable(s)), None)

    def placement_weeks(self) -> int:
        """Weeks of the year in which the division has PFMP days."""
        days = {d for s in self.placements for d in self.school.days_of(s)}
        return len({d - timedelta(days=d.weekday()) for d in days if d.weekday() < 5})
