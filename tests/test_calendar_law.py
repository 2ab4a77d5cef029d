"""The calendar at its edges: the library's school holidays (APT308 whatever the closures,
a version without the school category), the académie's public holidays (Alsace-Moselle),
opened Saturdays, unknown zones and absurd dates (located errors that cost nothing).

Dates are checked by hand: Easter 2026 is on 5 April (Good Friday 3 April), Easter 2025
on 20 April (Good Friday 18 April); zone B's 2026 spring holidays start on 11 April,
its 2025 autumn holidays run from 18 October to 2 November.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from aptui.model.analysis import Analysis
from aptui.model.holiday_law import Region, law_days, public_subdivision
from aptui.pipeline import load_school

YEAR = "2025-2026"
YEAR_FILE = f"years/{YEAR}/year.yaml"


def replace(root: Path, path: str, old: str, new: str) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (old, path)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def found(root: Path) -> set[tuple[str, str, int]]:
    return {(d.code, d.loc.path, d.loc.line) for d in load_school(root, use_cache=False).diagnostics}


# -- APT308: the library's school holidays, whatever the closures ------------------------------
def _extra_year(root: Path, start: int) -> str:
    """A second year with one exam closure and one period of 5 weeks of school."""
    year = f"{start}-{start + 1}"
    path = f"years/{year}/year.yaml"
    (root / path).parent.mkdir(parents=True)
    (root / path).write_text(
        "# yaml-language-server: $schema=../../schema/year.schema.json\n"
        f"annee: {year}\npremier_jour: {start}-09-04\ndernier_jour: {start + 1}-07-06\n"
        f"fermetures:\n  - du: {start + 1}-06-12\n    au: {start + 1}-06-16\n    motif: Examens\n"
        f"periodes:\n  - id: P1\n    debut: {start}-09-11\n    fin: {start}-10-13\nbarrettes: []\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(("start", "expected"), [(2016, {"APT308"}), (2017, set())])
def test_apt308_whatever_the_closures(mini_school: Path, start: int, expected: set[str]) -> None:
    """2016-2017 is before the library's school holidays (2017-2018 on): warned although a closure is declared."""
    path = _extra_year(mini_school, start)
    assert {code for code, where, _ in found(mini_school) if where == path} == expected


def test_missing_school_category_is_apt308_not_a_crash(mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """holidays 0.105-0.108 raise « Category is not supported: school »: simulated here, for years the
    precomputed table does not hold (there the library answers; tests/test_holiday_table.py)."""
    import holidays

    from aptui.model import holiday_law

    monkeypatch.setattr(holiday_law, "tabled_law_days", lambda region, years: None)
    real = holidays.country_holidays

    def without_school(*args: object, **kwargs: object) -> object:
        if kwargs.get("categories"):
            raise ValueError("Category is not supported: school.")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(holidays, "country_holidays", without_school)
    law_days.cache_clear()
    try:
        result = load_school(mini_school, use_cache=False)
        assert [(d.code, d.loc.path, d.loc.line) for d in result.diagnostics] == [("APT308", YEAR_FILE, 2)]
        assert "0.109" in result.diagnostics[0].message
        # no school holiday known: the Toussaint holidays count as school days
        assert Analysis(result.school).calendar(YEAR).is_school_day(date(2025, 10, 27))
    finally:
        law_days.cache_clear()


def test_unknown_zone_is_located_and_the_rest_is_checked(mini_school: Path) -> None:
    replace(mini_school, "school.yaml", "zone: B", "zone: Z")
    run = subprocess.run([sys.executable, "-m", "aptui", "validate", str(mini_school), "--no-cache"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "school.yaml:5:7: error APT101" in run.stdout
    assert "school.yaml:5:7: warning APT308" in run.stdout and "zone « Z » inconnue" in run.stdout


def test_pyproject_requires_the_holidays_version_with_school_holidays() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (spec,) = [d for d in project["project"]["dependencies"] if d.startswith("holidays")]
    low = re.search(r">=\s*([\d.]+)", spec)
    assert low is not None and tuple(map(int, low.group(1).split("."))) >= (0, 109), spec


# -- public holidays of the académie ----------------------------------------------------------
@pytest.mark.parametrize(("academy", "uai", "subdivision"), [
    ("Strasbourg", "0999966K", "6AE"),
    ("Académie de Strasbourg", "0672001A", "6AE"),
    ("académie de nancy-metz", "0570001B", "57"),
    ("Nancy Metz", "0540001B", None),
    ("Académie de La Réunion", "9740001C", "974"),
    ("Nantes", "0440001D", None),
])
def test_the_academy_decides_the_public_holidays(academy: str, uai: str, subdivision: str | None) -> None:
    assert public_subdivision(academy, uai) == subdivision


def test_alsace_moselle_keeps_good_friday_and_26_december() -> None:
    alsace = law_days(Region("B", "6AE"), (2025, 2026)).public
    mainland = law_days(Region("B"), (2025, 2026)).public
    for day in (date(2025, 4, 18), date(2025, 12, 26), date(2026, 4, 3), date(2026, 12, 26)):
        assert day in alsace and day not in mainland


@pytest.mark.parametrize(("academy", "open_on_good_friday"), [("Strasbourg", False), ("Rennes", True)])
def test_good_friday_in_the_school_calendar(mini_school: Path, academy: str, open_on_good_friday: bool) -> None:
    replace(mini_school, "school.yaml", "Académie de Test", academy)
    calendar = Analysis(load_school(mini_school, use_cache=False).school).calendar(YEAR)
    assert calendar.is_school_day(date(2026, 4, 3)) is open_on_good_friday
    assert calendar.is_school_day(date(2026, 4, 2))  # the Thursday before: a school day everywhere
    if not open_on_good_friday:
        assert calendar.why_closed(date(2026, 4, 3)) == "jour férié : Vendredi saint"


def test_overseas_academy_has_its_own_school_calendar(mini_school: Path) -> None:
    replace(mini_school, "school.yaml", "Académie de Test", "Guadeloupe")
    assert {c for c, _, _ in found(mini_school)} == {"APT308"}


# -- opened Saturdays ----------------------------------------------------------------------------
SATURDAY = "2025-09-20"
SESSION_FILE = f"years/{YEAR}/sessions/P1/G-APPRO.yaml"


@pytest.mark.parametrize(("opening", "expected"), [(True, "APT306"), (False, "APT304")])
def test_an_opened_saturday_is_a_school_day(mini_school: Path, opening: bool, expected: str) -> None:
    """With the opening the Saturday session is only on the wrong weekday (APT306), without it on a day off."""
    replace(mini_school, SESSION_FILE, "date: 2025-09-16", f"date: {SATURDAY}")
    if opening:
        replace(mini_school, YEAR_FILE, "periodes:\n",
                f"ouvertures:\n  - du: {SATURDAY}\n    motif: Journée portes ouvertes\nperiodes:\n")
    result = load_school(mini_school, use_cache=False)
    assert {(d.code, d.loc.path, d.loc.line) for d in result.diagnostics} == {(expected, SESSION_FILE, 3)}
    if not opening:
        assert "c'est un week-end" in result.diagnostics[0].message


def test_an_opened_saturday_in_the_holidays_makes_a_week_of_school(mini_school: Path) -> None:
    replace(mini_school, YEAR_FILE, "periodes:\n",
            "ouvertures:\n  - du: 2025-10-25\n    motif: Rattrapage\nperiodes:\n")
    calendar = Analysis(load_school(mini_school, use_cache=False).school).calendar(YEAR)
    assert calendar.school_days(date(2025, 10, 20), date(2025, 10, 26)) == [date(2025, 10, 25)]
    assert calendar.school_weeks(date(2025, 10, 20), date(2025, 10, 26)) == 1
    assert calendar.school_weeks(date(2025, 10, 27), date(2025, 11, 2)) == 0


# -- absurd dates: located errors that cost nothing -----------------------------------------------
def test_a_closure_from_year_1_to_9999_is_ignored_and_cheap(mini_school: Path) -> None:
    replace(mini_school, YEAR_FILE, "  - du: 2026-06-08\n    au: 2026-06-12\n", "  - du: 0001-01-01\n    au: 9999-12-31\n")
    tracemalloc.start()
    try:
        result = load_school(mini_school, use_cache=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert {(d.code, d.loc.line) for d in result.diagnostics} == {("APT309", 6)}
    assert peak < 60_000_000  # 925 MB when its 3.6 million days were listed
    assert Analysis(result.school).calendar(YEAR).is_school_day(date(2026, 6, 9))  # the closure is ignored


@pytest.mark.parametrize(("first_day", "expected"), [
    ("0001-09-01", {("APT307", 3)}),
    ("2025-07-31", {("APT307", 3)}),
    ("2025-08-01", set()),  # the earliest start of the window
])
def test_year_dates_inside_the_named_year(mini_school: Path, first_day: str, expected: set[tuple[str, int]]) -> None:
    replace(mini_school, YEAR_FILE, "premier_jour: 2025-09-01", f"premier_jour: {first_day}")
    result = load_school(mini_school, use_cache=False)
    assert {(d.code, d.loc.line) for d in result.diagnostics} == expected
