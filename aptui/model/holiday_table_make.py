"""Write aptui/model/holiday_table.py from the installed ``holidays`` package.

    python -m aptui.model.holiday_table_make

The table holds, for the calendar years in which the library knows the
school holidays of zones A, B and C, those holidays and the public holidays
of the mainland and of Alsace-Moselle (subdivisions 57 and 6AE), in the
library's own order and French names.  ``tests/test_holiday_table.py``
checks it against the library; run this again when that test says it
differs (a new version of ``holidays``).  Never imported by aptui itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from aptui.model.holiday_law import ZONES

FIRST_YEAR = 2017  # the library's first school holidays for France (2017-2018 school year)
LAST_YEAR = 2040  # the library computes later years too: those are left to it (fallback)
TABLED_SUBDIVISIONS = ("", "57", "6AE")  # "": the mainland's public holidays
TARGET = Path(__file__).with_name("holiday_table.py")


def school_days(zone: str, year: int) -> list[tuple[date, str]]:
    import holidays

    return [(d, str(n)) for d, n in holidays.country_holidays(
        "FR", subdiv=f"Zone {zone}", years=(year,), categories=("school",), language="fr").items()]


def public_days(subdivision: str, year: int) -> list[tuple[date, str]]:
    import holidays

    return [(d, str(n)) for d, n in holidays.country_holidays(
        "FR", subdiv=subdivision or None, years=(year,), language="fr").items()]


def last_year() -> int:
    """The last calendar year (at most LAST_YEAR) for which every zone has school holidays in the library."""
    year = FIRST_YEAR
    while year < LAST_YEAR and all(school_days(zone, year + 1) for zone in ZONES):
        year += 1
    return year


def runs(days: Iterable[tuple[date, str]], names: dict[str, int]) -> tuple[tuple[int, int, int], ...]:
    """Days in the library's order as (first ordinal, last ordinal, name index): consecutive days, one name."""
    result: list[list[int]] = []
    for day, name in days:
        index = names.setdefault(name, len(names))
        ordinal = day.toordinal()
        if result and result[-1][1] + 1 == ordinal and result[-1][2] == index:
            result[-1][1] = ordinal
        else:
            result.append([ordinal, ordinal, index])
    return tuple((a, b, n) for a, b, n in result)


def table_source() -> str:
    import json

    import holidays

    last = last_year()
    names: dict[str, int] = {}
    school = {zone: {y: runs(school_days(zone, y), names) for y in range(FIRST_YEAR, last + 1)} for zone in ZONES}
    public = {sub: {y: runs(public_days(sub, y), names) for y in range(FIRST_YEAR, last + 1)}
              for sub in TABLED_SUBDIVISIONS}
    text = json.dumps({"names": list(names), "school": school, "public": public}, ensure_ascii=True,
                      separators=(",", ":"))
    pieces = [text[i:i + 100] for i in range(0, len(text), 100)]
    lines = [
        '"""School and public holidays of mainland France, precomputed from the ``holidays`` package',
        f"(version {holidays.__version__}) by ``python -m aptui.model.holiday_table_make``: do not edit.",
        "",
        "A cold load reads these instead of importing the library (~0.2 s with its first computation);",
        "model/holiday_law.py falls back on the library outside them.  ``DATA`` is JSON (one string",
        "constant: compiled in no time, unlike the same data as Python literals): ``names``; ``school``",
        "(zone -> year -> runs) and ``public`` (subdivision, \"\" for the mainland -> year -> runs), a run",
        "being [first ordinal, last ordinal, index in names], in the library's order.",
        '"""',
        "",
        f"FIRST_YEAR = {FIRST_YEAR}",
        f"LAST_YEAR = {last}",
        "DATA = (",
        *(f"    {piece!r}" for piece in pieces),
        ")",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TARGET.write_text(table_source(), encoding="utf-8")
    print(f"{TARGET} écrit")
