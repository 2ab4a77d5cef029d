"""The calendar of a generated year: first and last day, exam closure, periods.

Periods are cut from the weeks of school (Monday-to-Sunday weeks with at least
one school day, as SchoolCalendar counts them) after two weeks of welcome
(diagnostics, interviews), preferably at holiday breaks, 4 to 7 weeks each.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from aptui.diagnostics import Loc
from aptui.gen.plan import GenPeriod, GenYear
from aptui.model import entities as m
from aptui.model.calendar import Region, SchoolCalendar

WELCOME_WEEKS = 2  # weeks of diagnostics and interviews before the first period
MIN_WEEKS, MAX_WEEKS = 4, 7
EXAM_REASON = "Examens du baccalauréat professionnel (épreuves écrites)"
PARCOURS_REASON = "Parcours différencié : fin des cours de terminale"
PARCOURS_FROM = 2024  # the first school year (2024-2025) whose Terminale ends in mid-May
_NOWHERE = m.Located(Loc("", 0, 0))


def year_id(start_year: int) -> str:
    return f"{start_year}-{start_year + 1}"


def first_day_of(start_year: int) -> date:
    """September 1st, or the next Monday when it falls at the end of a week."""
    day = date(start_year, 9, 1)
    return day if day.weekday() <= 3 else day + timedelta(days=7 - day.weekday())


def last_day_of(start_year: int) -> date:
    """The first Saturday of July: the summer holidays start."""
    day = date(start_year + 1, 7, 1)
    return day + timedelta(days=(5 - day.weekday()) % 7)


def exam_closure(start_year: int) -> tuple[date, date, str]:
    """The second full week of June (Monday to Friday)."""
    day = date(start_year + 1, 6, 1)
    monday = day + timedelta(days=(7 - day.weekday()) % 7) + timedelta(days=7)
    return monday, monday + timedelta(days=4), EXAM_REASON


def terminale_end(start_year: int, last: date) -> tuple[date, date, str, str] | None:
    """Since 2024-2025 Terminale classes end in mid-May (a parcours différencié follows): from the
    first Monday on or after 15 May to the last day, a closure for the level Tle."""
    if start_year < PARCOURS_FROM:
        return None
    day = date(start_year + 1, 5, 15)
    monday = day + timedelta(days=(7 - day.weekday()) % 7)
    return monday, last, PARCOURS_REASON, "Tle"


def school_calendar(
    ident: str, first: date, last: date, closures: list[tuple[date, date, str]], zone: str | Region
) -> SchoolCalendar:
    """A SchoolCalendar for a year that exists only in memory."""
    spans = tuple(m.DateSpan(a, b, reason, _NOWHERE) for a, b, reason in closures)
    year = m.Year(ident, first, last, spans, (), (), {}, (), {}, {}, {}, {}, {}, {}, _NOWHERE)
    return SchoolCalendar(year, zone)


def school_weeks(calendar: SchoolCalendar, first: date, last: date) -> list[date]:
    """Mondays of the weeks of school between two dates, in order."""
    mondays: list[date] = []
    for day in calendar.school_days(first, last):
        monday = day - timedelta(days=day.weekday())
        if not mondays or mondays[-1] != monday:
            mondays.append(monday)
    return mondays


def _cut(weeks: list[date], count: int) -> list[tuple[int, int]] | None:
    """Best split of the weeks into `count` periods [a, b) (dynamic programming).

    A cut between two weeks not separated by holidays costs 3, a period far
    from 6 weeks costs a little, and weeks left at the end of the year cost 0.8
    each (at most 4 are left).
    """
    n = len(weeks)
    # is_break[b]: holidays separate week b - 1 from week b (a natural cut)
    is_break = [0 < i < n and (weeks[i] - weeks[i - 1]).days > 7 for i in range(n + 1)]
    inf = float("inf")
    # best[k][b]: cost of k periods covering weeks [0, b)
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    back: list[list[int]] = [[-1] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for k in range(1, count + 1):
        for b in range(1, n + 1):
            for size in range(MIN_WEEKS, MAX_WEEKS + 1):
                a = b - size
                if a < 0 or best[k - 1][a] == inf:
                    continue
                cost = best[k - 1][a] + 0.3 * (size - 6) ** 2 + (0 if is_break[b] or b == n else 3)
                if cost < best[k][b]:
                    best[k][b], back[k][b] = cost, a
    ends = [b for b in range(max(0, n - 4), n + 1) if best[count][b] < inf]
    if not ends:
        return None
    end = min(ends, key=lambda b: (best[count][b] + 0.8 * (n - b), -b))
    chunks: list[tuple[int, int]] = []
    for k in range(count, 0, -1):
        start = back[k][end]
        chunks.append((start, end))
        end = start
    return chunks[::-1]


def plan_periods(calendar: SchoolCalendar, first: date, last: date, rng: Random) -> list[GenPeriod]:
    """5 or 6 periods of 4 to 7 weeks of school, inside the year, not overlapping."""
    weeks = school_weeks(calendar, first, last)[WELCOME_WEEKS:]
    wanted = rng.choice((5, 6))
    chunks = _cut(weeks, wanted) or _cut(weeks, 11 - wanted)
    if chunks is None:
        raise ValueError("année trop courte pour y placer 5 ou 6 périodes")
    periods = []
    for index, (a, b) in enumerate(chunks, start=1):
        days = calendar.school_days(weeks[a], weeks[b - 1] + timedelta(days=6))
        periods.append(GenPeriod(f"P{index}", days[0], days[-1], b - a))
    return periods


def plan_year(start_year: int, zone: str | Region, rng: Random) -> GenYear:
    """The calendar part of a year: dates, exam closure, periods."""
    ident = year_id(start_year)
    first, last = first_day_of(start_year), last_day_of(start_year)
    closures = [exam_closure(start_year)]
    calendar = school_calendar(ident, first, last, closures, zone)
    periods = plan_periods(calendar, first, last, rng)
    year = GenYear(ident, first, last, closures, periods, calendar)
    tle = terminale_end(start_year, last)
    if tle is not None:
        year.level_closures.append(tle)
    return year


def weekday_order(year: GenYear) -> list[int]:
    """Weekdays (Monday..Friday) from the one losing fewest sessions to holidays.

    Wednesday comes last: its afternoon is usually free in a lycée.
    """
    def quality(weekday: int) -> tuple[float, float, int]:
        ratios = [
            len(year.calendar.weekly_dates(p.start, p.end, weekday)) / p.weeks for p in year.periods
        ]
        preference = (1, 0, 4, 2, 3)[weekday]  # Tuesday, Monday, Thursday, Friday, Wednesday
        return (-min(ratios), -sum(ratios), preference)

    return sorted(range(5), key=quality)


def last_week_days(year: GenYear, period: GenPeriod) -> list[date]:
    """The school days of the last week of a period (when bilans are written)."""
    monday = period.end - timedelta(days=period.end.weekday())
    return year.calendar.school_days(max(monday, period.start), period.end)
