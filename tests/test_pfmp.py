"""PFMP and per-division closures, on the mini school, with values computed by hand.

The mini school's barrette B-2NDE meets on Tuesdays; in P1 (15/09-17/10, 5 weeks of school)
G-APPRO holds e01, e04 (2MELEC1) and e05, e08 (2MSPC1), G-METHODO e02, e03 (2MELEC1) and
e06, e07 (2MSPC1); each session lasts 2 h with one teacher.  The year has 35 weeks of
school (zone B, exam week of 08/06 closed): 7 + 7 + 6 + 6 + 6 + 3.

With 2MELEC1 in PFMP from 29/09 to 10/10 (the sessions of 30/09 and 07/10):
- 2MELEC1 is charged 1 h per group on the 3 other Tuesdays: 2 x 3 x 1 = 6 h in P1;
- 2MSPC1 1 h per group on those 3, and the whole 2 h on the PFMP days: 2 x (3 + 2 x 2) = 14 h;
- 2MELEC1's P1 has 3 weeks of school, its year 33.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from aptui.model.analysis import Analysis
from aptui.pipeline import LoadResult, load_school

YEAR = "2025-2026"
MELEC = f"years/{YEAR}/divisions/2MELEC1.yaml"
MSPC = f"years/{YEAR}/divisions/2MSPC1.yaml"
APPRO = f"years/{YEAR}/sessions/P1/G-APPRO.yaml"
METHODO = f"years/{YEAR}/sessions/P1/G-METHODO.yaml"
YEAR_FILE = f"years/{YEAR}/year.yaml"


def replace(root: Path, path: str, old: str, new: str) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (old, path)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def pfmp(root: Path, division_file: str, start: str, end: str) -> None:
    formation = "MELEC" if "MELEC" in division_file else "MSPC"
    replace(root, division_file, f"formation: {formation}\n",
            f"formation: {formation}\npfmp:\n  - du: {start}\n    au: {end}\n    motif: PFMP 1\n")


def drop_marks(root: Path, path: str, day: str, students: tuple[str, ...]) -> None:
    """Remove some marks of one session (the teacher did not mark students away)."""
    lines = (root / path).read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - date: {day}\n")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - date:")), len(lines))
    kept = lines[:start] + [ln for ln in lines[start:end] if ln.strip().split(":")[0] not in students] + lines[end:]
    (root / path).write_text("".join(kept), encoding="utf-8")


def check(root: Path) -> tuple[LoadResult, set[tuple[str, str, int]]]:
    result = load_school(root, use_cache=False)
    return result, {(d.code, d.loc.path, d.loc.line) for d in result.diagnostics}


def test_hours_and_rates_follow_the_division_calendar(mini_school: Path) -> None:
    pfmp(mini_school, MELEC, "2025-09-29", "2025-10-10")
    result, found = check(mini_school)
    analysis = Analysis(result.school)
    ledger = analysis.ledger
    assert ledger.division_period[(YEAR, "2MELEC1")]["P1"] == pytest.approx(6.0)
    assert ledger.division_period[(YEAR, "2MSPC1")]["P1"] == pytest.approx(14.0)
    # e04: 11 marks, 2 absences (07/10, 02/12); the PFMP days (present 30/09, absent 07/10) do not count
    assert ledger.student_marked[(YEAR, "e04")] == pytest.approx(18.0)
    assert ledger.student_attended[(YEAR, "e04")] == pytest.approx(16.0)
    assert ledger.student_scheduled[(YEAR, "e04")] == pytest.approx(18.0)
    calendar = analysis.division_calendar(YEAR, "2MELEC1")
    assert calendar.school_weeks(date(2025, 9, 15), date(2025, 10, 17)) == 3
    assert calendar.school_weeks(date(2025, 9, 1), date(2026, 7, 4)) == 33
    assert analysis.calendar(YEAR).school_weeks(date(2025, 9, 1), date(2026, 7, 4)) == 35
    assert calendar.placement_weeks() == 2
    # marked present while in companies: e01, e04 on 30/09; e01 on 07/10 (e04 absent); e02, e03 both days
    assert found == {
        ("APT604", APPRO, 26), ("APT604", APPRO, 27), ("APT604", APPRO, 35),
        ("APT604", METHODO, 26), ("APT604", METHODO, 27), ("APT604", METHODO, 35), ("APT604", METHODO, 36),
    }


def test_without_pfmp_the_same_marks_count(mini_school: Path) -> None:
    result, found = check(mini_school)
    ledger = Analysis(result.school).ledger
    assert found == set()
    assert ledger.division_period[(YEAR, "2MELEC1")]["P1"] == pytest.approx(10.0)
    assert ledger.student_marked[(YEAR, "e04")] == pytest.approx(22.0)
    assert ledger.student_attended[(YEAR, "e04")] == pytest.approx(18.0)


@pytest.mark.parametrize(("start", "expected"), [
    ("2025-09-30", {("APT604", APPRO, 26), ("APT604", APPRO, 27), ("APT604", METHODO, 26), ("APT604", METHODO, 27)}),
    ("2025-10-01", set()),  # the day after the session
])
def test_apt604_near_miss(mini_school: Path, start: str, expected: set[tuple[str, str, int]]) -> None:
    pfmp(mini_school, MELEC, start, "2025-10-03")
    assert check(mini_school)[1] == expected


@pytest.mark.parametrize(("start", "expected"), [
    ("2025-09-30", set()),  # no mark is expected during the PFMP
    ("2025-10-01", {("APT602", APPRO, 21), ("APT602", METHODO, 21)}),  # the PFMP starts the next day
])
def test_no_mark_expected_during_the_pfmp(mini_school: Path, start: str, expected: set[tuple[str, str, int]]) -> None:
    drop_marks(mini_school, APPRO, "2025-09-30", ("e01", "e04"))
    drop_marks(mini_school, METHODO, "2025-09-30", ("e02", "e03"))
    pfmp(mini_school, MELEC, start, "2025-10-03")
    assert check(mini_school)[1] == expected


def test_apt311_only_when_every_member_is_away(mini_school: Path) -> None:
    for path, students in ((APPRO, ("e01", "e04", "e05", "e08")), (METHODO, ("e02", "e03", "e06", "e07"))):
        drop_marks(mini_school, path, "2025-09-30", students)
        replace(mini_school, path, "  - date: 2025-09-30\n    debut: \"14:00\"\n    duree_min: 120\n"
                "    activite: Séance 3\n    appel:\n", "  - date: 2025-09-30\n    debut: \"14:00\"\n"
                "    duree_min: 120\n    activite: Séance 3\n    appel: {}\n")
    pfmp(mini_school, MELEC, "2025-09-29", "2025-10-03")
    assert check(mini_school)[1] == set()  # 2MSPC1 is still there: the barrette runs for it
    pfmp(mini_school, MSPC, "2025-09-29", "2025-10-03")
    assert check(mini_school)[1] == {("APT311", APPRO, 21), ("APT311", METHODO, 21)}


@pytest.mark.parametrize(("levels", "expected"), [("[2nde]", 2), ("[1re]", 0)])
def test_a_closure_of_one_level(mini_school: Path, levels: str, expected: int) -> None:
    replace(mini_school, YEAR_FILE, "periodes:\n",
            f"  - du: 2025-09-16\n    motif: Sortie pédagogique\n    niveaux: {levels}\nperiodes:\n")
    result, found = check(mini_school)
    assert sum(1 for code, _, _ in found if code == "APT311") == expected
    away = Analysis(result.school).division_calendar(YEAR, "2MSPC1").away_on(date(2025, 9, 16))
    assert (away is not None) is bool(expected)
    assert Analysis(result.school).calendar(YEAR).is_school_day(date(2025, 9, 16))  # the school stays open


@pytest.mark.parametrize(("budget", "warned"), [(66, False), (70, True)])
def test_pace_uses_the_division_calendar(mini_school: Path, budget: int, warned: bool) -> None:
    """Budget 66: 66 x 3 / 33 = 6.0 h expected in P1, exactly what 2MELEC1 got; budget 70: 6.36 h,
    6.0 h is 5.7 % below, beyond a tolerance of 5 %.  The school calendar would expect 66 x 5 / 35."""
    replace(mini_school, "school.yaml", 'referentiel: "2009"\n',
            f'referentiel: "2009"\nheures:\n  par_niveau:\n    2nde: {budget}\ntolerance_rythme: 0.05\n')
    pfmp(mini_school, MELEC, "2025-09-29", "2025-10-10")
    result = load_school(mini_school, use_cache=False)
    pace = [d.message for d in result.diagnostics if d.code == "APT403" and d.message.startswith("2MELEC1 en P1 ")]
    if warned:
        assert pace == ["2MELEC1 en P1 : 6,0 h pour un rythme attendu de 6,4 h (3 semaine(s) de cours sur les "
                        "33 de l'année (PFMP de la division exclues)), soit 0,4 h de moins : possible si c'est "
                        "voulu (heures cumulées), vérifiez le total de l'année"]
    else:
        assert pace == []
