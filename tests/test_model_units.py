"""Unit tests of small model pieces, with values by hand (the mutation run, docs/testing.md, uses them)."""

from __future__ import annotations

from aptui.diagnostics import Loc
from aptui.model.entities import Division, Located
from aptui.model.levels import division_order, level_rank
from aptui.model.presets import PRESETS, hours_rules


def test_presets_are_the_texts_figures() -> None:
    assert (PRESETS["2009"].cycle, dict(PRESETS["2009"].per_level)) == (210.0, {"2nde": 70.0, "1re": 70.0, "Tle": 70.0})
    assert (PRESETS["2019"].cycle, dict(PRESETS["2019"].per_level)) == (265.0, {"2nde": 90.0, "1re": 84.0, "Tle": 91.0})


def test_overrides_replace_only_what_they_name() -> None:
    rules = hours_rules("2019", {"cycle": 250, "par_niveau": {"Tle": 80.5}})
    assert (rules.preset, rules.cycle, dict(rules.per_level)) == ("2019", 250.0, {"2nde": 90.0, "1re": 84.0, "Tle": 80.5})


def test_bad_overrides_are_ignored_and_an_unknown_preset_is_2009() -> None:
    rules = hours_rules("1999", {"cycle": "beaucoup", "par_niveau": {"2nde": "x", "1re": 60}})
    assert (rules.preset, rules.cycle, dict(rules.per_level)) == ("2009", 210.0, {"2nde": 70.0, "1re": 60.0, "Tle": 70.0})
    assert dict(hours_rules("2009", {"par_niveau": ["2nde"]}).per_level) == {"2nde": 70.0, "1re": 70.0, "Tle": 70.0}


def test_levels_rank_in_school_order() -> None:
    assert [level_rank(x) for x in ("2nde", "1re", "Tle", "CAP")] == [0, 1, 2, 3]
    src = Located(Loc("x", 1, 1))
    divisions = [Division(i, "2025-2026", level, "F", None, (), (), src)
                 for i, level in (("T1", "Tle"), ("A1", "1re"), ("Z2", "2nde"), ("B2", "2nde"), ("C", "CAP"))]
    assert [d.id for d in sorted(divisions, key=division_order)] == ["B2", "Z2", "A1", "T1", "C"]


def test_weeks_add_up_when_a_student_has_two_sessions_in_a_week() -> None:
    from datetime import date

    from aptui.model.hours import _add_week

    weeks: dict[date, tuple[float, float, float]] = {}
    monday = date(2025, 9, 15)
    _add_week(weeks, monday, (2.0, 1.5, 2.0))
    _add_week(weeks, monday, (1.0, 0.0, 0.5))
    _add_week(weeks, date(2025, 9, 22), (3.0, 2.0, 1.0))
    assert weeks == {monday: (3.0, 1.5, 2.5), date(2025, 9, 22): (3.0, 2.0, 1.0)}


def test_attendance_rate() -> None:
    from aptui.model.hours import HoursLedger

    ledger = HoursLedger(student_marked={("y", "a"): 4.0, ("y", "b"): 1.0, ("y", "c"): 0.0},
                         student_attended={("y", "a"): 3.0, ("y", "b"): 1.0})
    assert ledger.attendance_rate("y", "a") == 0.75
    assert ledger.attendance_rate("y", "b") == 1.0
    assert ledger.attendance_rate("y", "c") is None  # no mark yet
    assert ledger.attendance_rate("y", "d") is None
    assert ledger.attendance_rate("z", "a") is None
