"""The precomputed holidays (model/holiday_table.py) are exactly what the ``holidays`` package gives.

The same LawDays (days, names, their order, the problem) for every zone, every tabled public-holiday
subdivision and the calendar years a school year spans; outside the table the library answers.  When
this fails after an upgrade of ``holidays``, run ``python -m aptui.model.holiday_table_make``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from aptui.model import holiday_table
from aptui.model.holiday_law import (
    TABLED_SUBDIVISIONS,
    ZONES,
    Region,
    law_days,
    library_law_days,
    tabled_law_days,
)

YEARS = range(holiday_table.FIRST_YEAR, holiday_table.LAST_YEAR + 1)


def _same(region: Region, years: tuple[int, ...]) -> None:
    tabled = tabled_law_days(region, years)
    library = library_law_days(region, years)
    assert tabled == library, (region, years)
    assert tabled is not None and list(tabled.names.items()) == list(library.names.items()), (region, years)


@pytest.mark.parametrize("zone", [*ZONES, "Z"])
@pytest.mark.parametrize("subdivision", sorted(TABLED_SUBDIVISIONS, key=str))
def test_the_table_is_the_library(zone: str, subdivision: str | None) -> None:
    for first in YEARS:
        years = (first, first + 1) if first < holiday_table.LAST_YEAR else (first,)
        _same(Region(zone, subdivision, "Académie"), years)


def test_single_years_and_longer_spans() -> None:
    for year in YEARS:
        _same(Region("B"), (year,))
    _same(Region("C", "57"), (2024, 2025, 2026))
    _same(Region("A"), ())


def test_outside_the_table_the_library_answers() -> None:
    last = holiday_table.LAST_YEAR
    assert tabled_law_days(Region("A"), (last, last + 1)) is None
    assert tabled_law_days(Region("A"), (2016, 2017)) is None
    assert tabled_law_days(Region("A", "974"), (2025, 2026)) is None  # overseas: the library's own rules
    law_days.cache_clear()
    assert law_days(Region("A"), (2016, 2017)) == library_law_days(Region("A"), (2016, 2017))


def test_a_cold_validate_does_not_import_holidays(tmp_path: object) -> None:
    """The point of the table: validating the sample school never imports the library."""
    code = ("import sys\nfrom pathlib import Path\nfrom aptui.pipeline import load_school\n"
            "load_school(Path('sample_school'), use_cache=False)\nprint('holidays' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_the_table_needs_no_library_for_its_years(mini_school: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """A library without the school category (0.105-0.108) no longer matters for the tabled years."""
    import holidays

    from aptui.pipeline import load_school

    def broken(*args: object, **kwargs: object) -> object:
        raise ValueError("Category is not supported: school.")

    monkeypatch.setattr(holidays, "country_holidays", broken)
    law_days.cache_clear()
    try:
        assert not load_school(mini_school, use_cache=False).diagnostics  # type: ignore[arg-type]
    finally:
        law_days.cache_clear()
