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
    _add_week(weeks, monday, (1.0, 0.5, 0.5))
    _add_week(weeks, date(2025, 9, 22), (3.0, 2.0, 1.0))
    assert weeks == {monday: (3.0, 2.0, 2.5), date(2025, 9, 22): (3.0, 2.0, 1.0)}


def test_attendance_rate() -> None:
    from aptui.model.hours import HoursLedger

    ledger = HoursLedger(student_marked={("y", "a"): 4.0, ("y", "b"): 1.0, ("y", "c"): 0.0},
                         student_attended={("y", "a"): 3.0, ("y", "b"): 1.0})
    assert ledger.attendance_rate("y", "a") == 0.75
    assert ledger.attendance_rate("y", "b") == 1.0
    assert ledger.attendance_rate("y", "c") is None  # no mark yet
    assert ledger.attendance_rate("y", "d") is None
    assert ledger.attendance_rate("z", "a") is None


def _mini_hours(tmp_path, changes, as_of=None):  # type: ignore[no-untyped-def]
    from rules_support import analysis, mini

    return analysis(mini(tmp_path, changes)).student_hours("2025-2026", as_of)


def test_student_hours_leave_out_dispensed_periods_and_unknown_levels(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from rules_support import change, write

    dispense = ("dispenses:\n  - eleve: e08\n    periodes: [P2]\n    motif: Stage\n"
                "  - eleve: e07\n    periodes: [P1]\n    motif: A\n  - eleve: e07\n    periodes: [P2]\n    motif: B\n"
                "  - eleve: e06\n    motif: Toute l'année\nbarrettes:")
    hours = _mini_hours(tmp_path, [
        change("years/2025-2026/year.yaml", "barrettes:", dispense),
        write("years/2025-2026/divisions/0CAP.yaml", "niveau: CAP\nformation: X\neleves: [e09]\n"),
        write("students/e09.yaml", "id: e09\nnom: N\nprenom: P\ndivisions:\n  2025-2026: 0CAP\n"),
        # e05 leaves on P2's first day, dispensed in P2: weeks 01/09-03/11 = 8, minus P2's first week
        change("students/e05.yaml", "profils:", "sortie: 2025-11-03\nprofils:"),
        change("years/2025-2026/year.yaml", "barrettes:", "  - eleve: e05\n    periodes: [P2]\n    motif: C\nbarrettes:"),
    ])
    assert "e06" not in hours and "e09" not in hours  # whole-year dispense; a level without volume
    assert (hours["e08"].weeks_due, hours["e08"].due) == (14 - 7, 70 * 7 / 35)
    assert hours["e07"].weeks_due == 14 - 5 - 7
    assert hours["e05"].weeks_due == 8 - 1
    assert hours["e01"].weeks_due == 14


def test_student_hours_at_a_given_day(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    hours = _mini_hours(tmp_path, [], as_of=date(2025, 10, 17))
    # to Sunday 19/10: 7 weeks, P1's 5 sessions only
    assert (hours["e01"].weeks_due, hours["e01"].scheduled, hours["e01"].until) == (7, 10.0, date(2025, 10, 19))
    assert _mini_hours(tmp_path / "b", [], as_of=date(2025, 8, 1))["e01"].weeks_due == 1  # clamped to the first day


def test_no_appel_yet_no_student_hours(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from rules_support import delete

    files = [f"years/2025-2026/sessions/{p}/{g}.yaml" for p in ("P1", "P2") for g in ("G-APPRO", "G-METHODO")]
    assert _mini_hours(tmp_path, [delete(f) for f in files]) == {}


def test_an_unmarked_member_is_scheduled_not_marked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from rules_support import analysis, drop_mark, mini

    ledger = analysis(mini(tmp_path, [drop_mark("years/2025-2026/sessions/P1/G-APPRO.yaml", "2025-09-16", "e01")])).ledger
    # e01: 11 sessions of 2 h, 10 marked, all present
    assert (ledger.student_scheduled[("2025-2026", "e01")], ledger.student_marked[("2025-2026", "e01")]) == (22.0, 20.0)
    assert ledger.attendance_rate("2025-2026", "e01") == 1.0
