"""The days the law closes a school: the zone's school holidays and the public holidays of its place.

Both come from the ``holidays`` package, computed offline.  School holidays
need a version with the ``school`` category for France (0.109): zones A, B
and C since the 2017-2018 school year, Ascension bridge included.  For the
calendar years 2017-2040 of the mainland and Alsace-Moselle they are read
from a table precomputed from that package (model/holiday_table.py, checked
against it by tests/test_holiday_table.py): a cold load then does not import
the library (~0.2 s with its first computation); elsewhere the library answers.

The académie decides the public-holiday subdivision: the académie de
Strasbourg (Bas-Rhin, Haut-Rhin) keeps the local law of Alsace-Moselle (Good
Friday, 26 December), and so does a school of the académie de Nancy-Metz in
Moselle (its UAI starts with 057).  Overseas académies have their public
holidays and a school calendar of their own, which the library does not give.

A calendar the library cannot give (an unknown zone, a version without the
school category, an overseas académie, a year before 2017) is not a crash:
``LawDays.problem`` says why (APT308), and no school holiday is counted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from aptui.model.entities import SchoolInfo

# académie (normalised: lower case, no accent, no "académie de") -> holidays.France subdivision
ACADEMY_SUBDIVISIONS: Mapping[str, str] = {
    "strasbourg": "6AE",  # Alsace: Good Friday, 26 December
    "guadeloupe": "971",
    "martinique": "972",
    "guyane": "973",
    "la-reunion": "974",
    "reunion": "974",
    "mayotte": "976",
}
OWN_SCHOOL_CALENDAR = frozenset({"971", "972", "973", "974", "976"})  # not zone A/B/C
MOSELLE = "57"
MOSELLE_UAI_PREFIX = "057"  # the first three digits of a UAI are the department
NANCY_METZ = "nancy-metz"
ZONES = ("A", "B", "C")


@dataclass(frozen=True, slots=True)
class Region:
    """Where the school is, as far as closed days go."""

    zone: str  # school holidays: "A", "B" or "C"
    subdivision: str | None = None  # public holidays: a holidays.France subdivision (None: mainland law)
    academy: str = ""  # as written in school.yaml (for messages)


def region_of(info: SchoolInfo | None) -> Region:
    """The region of a school (zone A when school.yaml is missing)."""
    if info is None:
        return Region("A")
    return Region(info.zone, public_subdivision(info.academy, info.uai), info.academy)


def _normalised(academy: str) -> str:
    text = unicodedata.normalize("NFKD", academy.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'").strip()
    for prefix in ("academie de la ", "academie de ", "academie d'", "academie "):
        if text.startswith(prefix):
            return text[len(prefix):].strip()
    return text


def public_subdivision(academy: str, uai: str = "") -> str | None:
    """The holidays.France subdivision whose public holidays apply (None: the mainland's)."""
    key = re.sub(r"[\s'-]+", "-", _normalised(academy))
    if key == NANCY_METZ:
        return MOSELLE if uai.startswith(MOSELLE_UAI_PREFIX) else None
    return ACADEMY_SUBDIVISIONS.get(key)


@dataclass(frozen=True, slots=True)
class LawDays:
    """The closed days of some calendar years, and their names (French)."""

    school: frozenset[date]  # school holidays of the zone (weekends included)
    public: frozenset[date]
    names: Mapping[date, str] = field(default_factory=dict)
    problem: str | None = None  # why the school holidays are unknown (French), None when read


@lru_cache(maxsize=64)
def law_days(region: Region, calendar_years: tuple[int, ...]) -> LawDays:
    """The school and public holidays of ``region`` in these calendar years (memoised).

    From the precomputed table (model/holiday_table.py) when it holds them, else from the library."""
    tabled = tabled_law_days(region, calendar_years)
    return tabled if tabled is not None else library_law_days(region, calendar_years)


TABLED_SUBDIVISIONS = frozenset({None, "57", "6AE"})  # mainland and Alsace-Moselle public holidays


def tabled_law_days(region: Region, calendar_years: tuple[int, ...]) -> LawDays | None:
    """As ``library_law_days``, from model/holiday_table.py (no import of ``holidays``, ~0.2 s on a cold
    load); None when the table does not hold these years or this place (then the library answers)."""
    if region.subdivision not in TABLED_SUBDIVISIONS:
        return None
    from aptui.model import holiday_table as table

    if not all(table.FIRST_YEAR <= year <= table.LAST_YEAR for year in calendar_years):
        return None
    names_of, school_runs, public_runs = _table()
    problem = _school_problem(region)
    school: dict[date, str] = {}
    if problem is None:
        school = _expanded(school_runs[region.zone], calendar_years, names_of)
    public = _expanded(public_runs[region.subdivision or ""], calendar_years, names_of)
    names = dict(school)
    names.update(public)
    return LawDays(frozenset(school), frozenset(public), names, problem)


Runs = dict[str, list[list[int]]]  # year (as text) -> [first ordinal, last ordinal, name index]


@lru_cache(maxsize=1)
def _table() -> tuple[list[str], dict[str, Runs], dict[str, Runs]]:
    import json

    from aptui.model.holiday_table import DATA

    table = json.loads(DATA)
    return table["names"], table["school"], table["public"]


def _expanded(runs_by_year: Runs, calendar_years: tuple[int, ...], names_of: list[str]) -> dict[date, str]:
    days: dict[date, str] = {}
    fromordinal = date.fromordinal
    for year in {int(y) for y in calendar_years}:  # the library's order: it keeps the years in a set
        for first, last, name in runs_by_year[str(year)]:
            text = names_of[name]
            for ordinal in range(first, last + 1):
                days[fromordinal(ordinal)] = text
    return days


def library_law_days(region: Region, calendar_years: tuple[int, ...]) -> LawDays:
    """The school and public holidays of ``region`` in these calendar years, from the ``holidays`` package."""
    import holidays  # ~0.1 s with its countries: imported when a calendar is first needed

    names: dict[date, str] = {}
    try:
        public = holidays.country_holidays("FR", subdiv=region.subdivision, years=calendar_years, language="fr")
    except (NotImplementedError, ValueError, KeyError):
        public = holidays.country_holidays("FR", years=calendar_years, language="fr")
    school: dict[date, str] = {}
    problem = _school_problem(region)
    if problem is None:
        try:
            school = dict(holidays.country_holidays(
                "FR", subdiv=f"Zone {region.zone}", years=calendar_years, categories=("school",), language="fr",
            ))
        except (NotImplementedError, ValueError, KeyError) as exc:
            problem = _library_problem(region, exc)
    names.update((d, str(n)) for d, n in school.items())
    names.update((d, str(n)) for d, n in public.items())
    return LawDays(frozenset(school), frozenset(public), names, problem)


def _school_problem(region: Region) -> str | None:
    if region.subdivision in OWN_SCHOOL_CALENDAR:
        return (f"l'académie « {region.academy} » a son propre calendrier scolaire, que la bibliothèque "
                "holidays ne donne pas")
    if region.zone not in ZONES:
        return f"zone « {region.zone} » inconnue (A, B ou C)"
    return None


def _library_problem(region: Region, exc: Exception) -> str:
    if "categor" in str(exc).casefold():
        return ("la version installée du paquet holidays ne connaît pas les vacances scolaires "
                "(il faut holidays 0.109 ou plus récent)")
    return f"la bibliothèque holidays ne connaît pas les vacances de la zone « {region.zone} »"
