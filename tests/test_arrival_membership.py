"""A student who joins the school mid-year (``arrivee``) is a member of their group from that day:
no mark expected before (no APT602), no hour charged for them, nothing scheduled for them.

By hand on tests/fixtures/mini_school (P1: 5 Tuesday sessions of 2 h, one teacher per group):
  G-APPRO   e01 e04 (2MELEC1) | e05 e08 (2MSPC1)      each session 1 h + 1 h      -> 5 h | 5 h
  G-METHODO e02 e03 (2MELEC1) | e06 e07 (2MSPC1); e03 arrives on Wednesday 24/09:
     16/09, 23/09: e02 | e06 e07                     2/3 h | 4/3 h
     30/09, 07/10, 14/10: e02 e03 | e06 e07          1 h   | 1 h             -> 13/3 h | 17/3 h
  P1: 2MELEC1 = 5 + 13/3 = 28/3 h, 2MSPC1 = 5 + 17/3 = 32/3 h (without the arrival: 10 h and 10 h).
  e03 scheduled: P1 3 x 2 h + P2 (G-METHODO, 6 sessions of 2 h) = 18 h; e02: 5 x 2 h + 6 x 2 h = 22 h.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rules_support import analysis, change, diagnostics, drop_mark, messages, mini

YEAR = "2025-2026"
SESSIONS = f"years/{YEAR}/sessions/P1/G-METHODO.yaml"
ARRIVES = change("students/e03.yaml", "tuteur: adurand\n", "tuteur: adurand\narrivee: 2025-09-24\n")
UNMARKED = [drop_mark(SESSIONS, "2025-09-16", "e03"), drop_mark(SESSIONS, "2025-09-23", "e03")]


def test_no_mark_is_expected_before_the_arrival(tmp_path: Path) -> None:
    assert diagnostics(mini(tmp_path, [ARRIVES, *UNMARKED])) == []


def test_without_the_arrival_the_missing_marks_are_reported(tmp_path: Path) -> None:
    # the two sessions' dates (line 3, and 11 once the first mark is gone)
    assert diagnostics(mini(tmp_path, UNMARKED)) == sorted([f"warning APT602 {SESSIONS}:3",
                                                            f"warning APT602 {SESSIONS}:11"])


def test_a_mark_before_the_arrival_is_refused_with_the_arrival_date(tmp_path: Path) -> None:
    root = mini(tmp_path, [ARRIVES])
    assert diagnostics(root) == sorted([f"error APT601 {SESSIONS}:9", f"error APT601 {SESSIONS}:18"])
    assert all("arrive dans l'établissement le 24/09/2025" in m for m in messages(root, "APT601"))


def test_no_hour_is_charged_for_a_student_before_the_arrival(tmp_path: Path) -> None:
    ledger = analysis(mini(tmp_path, [ARRIVES, *UNMARKED])).ledger
    assert ledger.division_period[(YEAR, "2MELEC1")]["P1"] == pytest.approx(28 / 3)
    assert ledger.division_period[(YEAR, "2MSPC1")]["P1"] == pytest.approx(32 / 3)
    assert ledger.student_scheduled[(YEAR, "e03")] == pytest.approx(18.0)
    assert ledger.student_scheduled[(YEAR, "e02")] == pytest.approx(22.0)


def test_the_membership_by_day(tmp_path: Path) -> None:
    model = analysis(mini(tmp_path, [ARRIVES, *UNMARKED]))
    membership = model.membership(YEAR, "P1")
    from datetime import date

    assert membership.members_on("G-METHODO", date(2025, 9, 23)) == {"e02", "e06", "e07"}
    assert membership.members_on("G-METHODO", date(2025, 9, 24)) == {"e02", "e03", "e06", "e07"}
    assert membership.group_on("e03", "B-2NDE", date(2025, 9, 16)) is None
    assert membership.group_on("e03", "B-2NDE", date(2025, 9, 30)) == "G-METHODO"
