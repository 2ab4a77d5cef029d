"""The rules at the edges the sample school does not reach (issue 15), each against the documented rule.

Every expected figure is computed by hand from the mini school (tests/fixtures/mini_school):
two 2nde divisions, 2MELEC1 (e01-e04) and 2MSPC1 (e05-e08), one barrette on Tuesdays 14:00-16:00,
P1 (15/09-17/10, 5 sessions of 2 h per group) and P2 (03/11-19/12, 6 sessions), groups
G-APPRO (bpetit) and G-METHODO (adurand); e02 moves to G-APPRO at P2 (bilan), e04 moves from
G-APPRO to G-METHODO on 18/11 (dated arrival).

Teacher hours of the mini school, by hand (one teacher per group):
  P1: each group 5 x 2 h, half of its 4 students from each division: 10 h per division.
  P2 G-APPRO: 04/11 e01 e02 e04 | e05 e08 -> 2MELEC1 2 x 3/5 = 1.2, 2MSPC1 0.8; then 5 sessions 1 + 1.
  P2 G-METHODO: 04/11 e03 | e06 e07 -> 2/3 and 4/3; then 5 sessions 1 + 1.
  2MELEC1: 10 + 1.2 + 5 + 2/3 + 5 = 21.8667 h; 2MSPC1: 10 + 0.8 + 5 + 4/3 + 5 = 22.1333 h.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rules_support import analysis, change, delete, diagnostics, drop_mark, messages, mini, write

from aptui.reports.tables import budget_table, render

APPRO2 = "years/2025-2026/groups/P2/G-APPRO.yaml"
METHODO2 = "years/2025-2026/groups/P2/G-METHODO.yaml"
S_APPRO2 = "years/2025-2026/sessions/P2/G-APPRO.yaml"
S_METHODO2 = "years/2025-2026/sessions/P2/G-METHODO.yaml"
YEAR = "2025-2026"


def leaves(student: str, day: str) -> dict[str, str]:
    return change(f"students/{student}.yaml", "profils:", f"sortie: {day}\nprofils:")


# --- a student who leaves during a period ----------------------------------------------------------

def e05_leaves_on_25_11(kept_in_list: bool) -> list[dict[str, str]]:
    """e05 (2MSPC1, G-APPRO) leaves on Tuesday 25/11, marked that day; its later marks removed."""
    changes = [leaves("e05", "2025-11-25")]
    changes += [drop_mark(S_APPRO2, day, "e05") for day in ("2025-12-02", "2025-12-09", "2025-12-16")]
    if not kept_in_list:
        changes.append(change(APPRO2, "  - e05\n", ""))
    return changes


@pytest.mark.parametrize("kept_in_list", [True, False], ids=["kept-in-list", "removed-from-list"])
def test_a_student_who_leaves_mid_period_is_recorded_without_any_diagnostic(tmp_path: Path, kept_in_list: bool) -> None:
    # before the fix: kept -> 3 x APT602 (12/02, 12/09, 12/16); removed -> APT501 + 3 x APT601
    root = mini(tmp_path, e05_leaves_on_25_11(kept_in_list))
    assert diagnostics(root) == []


@pytest.mark.parametrize("kept_in_list", [True, False], ids=["kept-in-list", "removed-from-list"])
def test_the_division_of_a_student_who_left_is_not_charged_after(tmp_path: Path, kept_in_list: bool) -> None:
    ledger = analysis(mini(tmp_path, e05_leaves_on_25_11(kept_in_list))).ledger
    # P2 G-APPRO: 04/11 as before (1.2 / 0.8), 18/11 and 25/11 e01 e02 | e05 e08 (1 / 1),
    # 02/12, 09/12, 16/12 e01 e02 | e08 (4/3 / 2/3): 2MELEC1 7.2, 2MSPC1 4.8; G-METHODO unchanged.
    assert ledger.division_year(YEAR, "2MELEC1") == pytest.approx(10 + 7.2 + 5 + 2 / 3)
    assert ledger.division_year(YEAR, "2MSPC1") == pytest.approx(10 + 4.8 + 5 + 4 / 3)
    assert ledger.division_period[(YEAR, "2MSPC1")]["P2"] == pytest.approx(4.8 + 5 + 4 / 3)
    # e05: 5 sessions in P1 + 04/11, 18/11, 25/11 = 16 h; absent 30/09 and 25/11 -> 12 h attended
    assert ledger.student_scheduled[(YEAR, "e05")] == pytest.approx(16.0)
    assert ledger.student_attended[(YEAR, "e05")] == pytest.approx(12.0)
    assert ledger.attendance_rate(YEAR, "e05") == pytest.approx(0.75)


def test_marks_after_the_departure_are_apt505_only(tmp_path: Path) -> None:
    root = mini(tmp_path, [leaves("e05", "2025-11-25")])  # the three later marks stay
    assert diagnostics(root) == [
        f"error APT505 {S_APPRO2}:38", f"error APT505 {S_APPRO2}:47", f"error APT505 {S_APPRO2}:56",
    ]


def test_removed_without_any_mark_while_sessions_took_place_is_one_apt501(tmp_path: Path) -> None:
    changes = e05_leaves_on_25_11(kept_in_list=False)
    changes += [drop_mark(S_APPRO2, day, "e05") for day in ("2025-11-04", "2025-11-18", "2025-11-25")]
    root = mini(tmp_path, changes)
    assert diagnostics(root) == ["error APT501 years/2025-2026/divisions/2MSPC1.yaml:5"]
    assert "sorti le 25/11/2025" in messages(root, "APT501")[0]


def test_left_before_the_first_session_of_the_period_and_removed(tmp_path: Path) -> None:
    # P2 starts on Monday 03/11, its first session is on 04/11
    changes = [leaves("e05", "2025-11-03"), change(APPRO2, "  - e05\n", "")]
    changes += [drop_mark(S_APPRO2, day, "e05") for day in
                ("2025-11-04", "2025-11-18", "2025-11-25", "2025-12-02", "2025-12-09", "2025-12-16")]
    assert diagnostics(mini(tmp_path, changes)) == []


def test_moved_then_left_and_removed_from_the_list(tmp_path: Path) -> None:
    # e04 arrives in G-METHODO on 18/11 (from G-APPRO), leaves on 02/12, marked that day
    changes = [leaves("e04", "2025-12-02"), change(METHODO2, "  - e04\n", "")]
    changes += [drop_mark(S_METHODO2, day, "e04") for day in ("2025-12-09", "2025-12-16")]
    root = mini(tmp_path, changes)
    assert diagnostics(root) == []
    ledger = analysis(root).ledger
    # e04: P1 10 h; P2 04/11 (G-APPRO), 18/11, 25/11, 02/12 (G-METHODO) = 8 h
    assert ledger.student_scheduled[(YEAR, "e04")] == pytest.approx(18.0)
    # G-METHODO 09/12 and 16/12: e03 | e06 e07 -> 2MELEC1 2/3 each instead of 1
    assert ledger.division_year(YEAR, "2MELEC1") == pytest.approx(21.8667 - 2 * (1 - 2 / 3), abs=1e-3)


# --- APT404: "less than half the budget", whatever tolerance_rythme says ---------------------------

NEXT_YEAR = write("years/2026-2027/year.yaml", "annee: 2026-2027\npremier_jour: 2026-09-01\n"
                  "dernier_jour: 2027-07-03\nperiodes:\n  - id: P1\n    debut: 2026-09-14\n"
                  "    fin: 2026-10-16\nbarrettes: []\n")


def budget_2nde(hours: float, extra: str = "") -> dict[str, str]:
    return change("school.yaml", 'referentiel: "2009"\n',
                  f'referentiel: "2009"\nheures:\n  par_niveau:\n    2nde: {hours}\n{extra}')


def test_apt404_ignores_a_tight_pace_tolerance(tmp_path: Path) -> None:
    # 23.5 h: 2MELEC1 used 93 %, 2MSPC1 94 %; the pace is 23.5 x 5/35 = 3.36 h (P1, 10 h done) and
    # 23.5 x 7/35 = 4.7 h (P2, ~12 h): far off with a 5 % tolerance, so APT403 for both periods.
    root = mini(tmp_path, [NEXT_YEAR, budget_2nde(23.5, "tolerance_rythme: 0.05\n")])
    year = "years/2025-2026/year.yaml"
    assert diagnostics(root) == [f"warning APT403 {year}:10"] * 2 + [f"warning APT403 {year}:13"] * 2


def test_apt404_fires_at_half_the_budget_even_with_a_full_tolerance(tmp_path: Path) -> None:
    # 100 h: 21.9 and 22.1 h used, under 50 h; pace 14.3 h (P1) and 20 h (P2) within 100 %
    root = mini(tmp_path, [NEXT_YEAR, budget_2nde(100, "tolerance_rythme: 1\n")])
    assert diagnostics(root) == [
        "warning APT404 years/2025-2026/divisions/2MELEC1.yaml:2",
        "warning APT404 years/2025-2026/divisions/2MSPC1.yaml:2",
    ]


# --- an empty teacher list ---------------------------------------------------------------------------

def test_a_group_without_teacher_is_an_error_and_charges_nothing(tmp_path: Path) -> None:
    root = mini(tmp_path, [change("years/2025-2026/groups/P1/G-APPRO.yaml", "enseignants:\n  - bpetit\n",
                                  "enseignants: []\n")])
    assert diagnostics(root) == ["error APT405 years/2025-2026/groups/P1/G-APPRO.yaml:5"]
    assert "10,0 h" in messages(root, "APT405")[0]
    ledger = analysis(root).ledger
    # P1 G-APPRO's 10 h (5 h per division) are gone
    assert ledger.division_year(YEAR, "2MELEC1") == pytest.approx(21.8667 - 5, abs=1e-3)
    assert ledger.division_year(YEAR, "2MSPC1") == pytest.approx(22.1333 - 5, abs=1e-3)
    assert ledger.group_hours[(YEAR, "P1", "G-APPRO")] == pytest.approx(10.0)  # session hours stay


def test_co_animation_counts_each_teacher(tmp_path: Path) -> None:
    root = mini(tmp_path, [change("years/2025-2026/groups/P1/G-APPRO.yaml", "  - bpetit\n",
                                  "  - bpetit\n  - adurand\n")])
    ledger = analysis(root).ledger
    # P1 G-APPRO: 5 x 2 h x 2 teachers = 20 h, 10 h per division (instead of 5)
    assert ledger.division_period[(YEAR, "2MELEC1")]["P1"] == pytest.approx(15.0)
    assert ledger.division_year(YEAR, "2MSPC1") == pytest.approx(22.1333 + 5, abs=1e-3)
    assert ledger.student_scheduled[(YEAR, "e01")] == pytest.approx(22.0)  # a student still has 2 h a session


# --- bilan targets ---------------------------------------------------------------------------------

WITHOUT_P2 = [delete(f) for f in (APPRO2, METHODO2, S_APPRO2, S_METHODO2)]


def test_a_bilan_may_name_a_group_that_continues_before_the_next_period_is_built(tmp_path: Path) -> None:
    # e02's P1 bilan: changement vers G-APPRO (a P1 group); P2 has no group yet (before: APT204)
    assert diagnostics(mini(tmp_path, WITHOUT_P2)) == []


def test_a_bilan_naming_a_group_to_create_is_a_warning_until_the_next_period_starts(tmp_path: Path) -> None:
    root = mini(tmp_path, [*WITHOUT_P2, change("years/2025-2026/bilans/P1.yaml", "vers: G-APPRO", "vers: G-NEW")])
    assert diagnostics(root) == ["warning APT508 years/2025-2026/bilans/P1.yaml:13"]
    assert "créez ce groupe en P2" in messages(root, "APT508")[0]


def test_groups_built_but_no_appel_yet_is_still_a_warning(tmp_path: Path) -> None:
    changes = [delete(S_APPRO2), delete(S_METHODO2),
               change("years/2025-2026/bilans/P1.yaml", "vers: G-APPRO", "vers: G-NOPE")]
    # e02 is in P2 G-APPRO while its bilan says G-NOPE: APT503 (an error: the move is made)
    assert diagnostics(mini(tmp_path, changes)) == [
        "error APT503 years/2025-2026/bilans/P1.yaml:13", "warning APT508 years/2025-2026/bilans/P1.yaml:13",
    ]


TLE = [
    change("years/2025-2026/year.yaml", "barrettes:\n", "barrettes:\n  - id: B-TLE\n    jour: jeudi\n"
           '    debut: "14:00"\n    duree_min: 120\n    divisions: [TMELEC1]\n'),
    write("years/2025-2026/divisions/TMELEC1.yaml", "niveau: Tle\nformation: MELEC\neleves:\n  - e09\n"),
    write("students/e09.yaml", "id: e09\nnom: Ibert\nprenom: Jade\ndivisions:\n  2025-2026: TMELEC1\n"),
    write("years/2025-2026/groups/P1/GT-PROJET.yaml", "titre: Projet\ntype: projet-professionnel\n"
          "barrette: B-TLE\nenseignants: [adurand]\neleves: [e09]\n"),
    change("years/2025-2026/bilans/P1.yaml", "bilans:\n", "bilans:\n  e09:\n    auteur: adurand\n"
           "    date: 2025-10-16\n    resultat: atteint\n    decision: changement\n    vers: G-APPRO\n"
           "    motif: Vise un BTS\n"),
]


def test_a_terminale_student_cannot_be_sent_to_a_group_of_another_barrette(tmp_path: Path) -> None:
    # P2 has started (appels in B-2NDE): an error. P2 has no B-TLE group: APT506 (decision not applied).
    root = mini(tmp_path, TLE)
    assert diagnostics(root) == [
        "error APT509 years/2025-2026/bilans/P1.yaml:8", "warning APT506 years/2025-2026/bilans/P1.yaml:3",
    ]
    assert "choisissez un groupe de sa barrette (GT-PROJET)" in messages(root, "APT509")[0]


def test_bilan_targets_offered_to_the_dialog(tmp_path: Path) -> None:
    from aptui.model.targets import bilan_targets

    model = analysis(mini(tmp_path, TLE))
    year = model.school.years[YEAR]
    p1 = year.period("P1")
    assert p1 is not None
    divisions = model.student_divisions[YEAR]
    tle = bilan_targets(year, p1, "e09", divisions)
    assert (tle.source, [g.id for g in tle.groups], tle.final) == ("P1", ["GT-PROJET"], True)
    second = bilan_targets(year, p1, "e02", divisions)
    assert (second.source, [g.id for g in second.groups]) == ("P2", ["G-APPRO", "G-METHODO"])


# --- levels in school order ------------------------------------------------------------------------

LEVELS = [
    write("years/2025-2026/divisions/1MELEC1.yaml", "niveau: 1re\nformation: MELEC\neleves: []\n"),
    write("years/2025-2026/divisions/TMELEC1.yaml", "niveau: Tle\nformation: MELEC\neleves: []\n"),
]


def test_levels_sort_in_school_order_in_reports_and_in_the_app(tmp_path: Path) -> None:
    from aptui.model.levels import division_order
    from aptui.tui.data.dashboard import division_budgets

    model = analysis(mini(tmp_path, LEVELS))
    year = model.school.years[YEAR]
    expected = ["2MELEC1", "2MSPC1", "1MELEC1", "TMELEC1"]
    assert [row[0] for row in budget_table(model, year).rows] == expected
    assert [row[0] for row in budget_table(model, year, "P1").rows] == expected
    assert [row.division for row in division_budgets(model, year)] == expected
    assert [d.id for d in sorted(year.divisions.values(), key=division_order)] == expected


def test_readme_budget_table_is_the_real_output() -> None:
    from conftest import REPO_ROOT, SAMPLE_SCHOOL

    from aptui.reports.tables import pick_year

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ aptui report budget sample_school\n", 1)[1].split("\n```", 1)[0]
    model = analysis(SAMPLE_SCHOOL)
    year = pick_year(model, None)
    assert year is not None
    assert block == render(budget_table(model, year), "text")
