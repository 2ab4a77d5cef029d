"""PeriodMembership on the mini school: paths, departures and the groups of students who left,
with the expected groups read off the files by hand (tests/test_rules_edges.py has the scenarios)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rules_support import analysis, change, drop_mark, mini

from aptui.model.membership import PeriodMembership

APPRO2 = "years/2025-2026/groups/P2/G-APPRO.yaml"
METHODO2 = "years/2025-2026/groups/P2/G-METHODO.yaml"
S_APPRO2 = "years/2025-2026/sessions/P2/G-APPRO.yaml"
S_METHODO2 = "years/2025-2026/sessions/P2/G-METHODO.yaml"


def p2(root: Path) -> PeriodMembership:
    return analysis(root).membership("2025-2026", "P2")


def leaves(student: str, day: str) -> dict[str, str]:
    return change(f"students/{student}.yaml", "profils:", f"sortie: {day}\nprofils:")


def test_paths_and_barrettes(tmp_path: Path) -> None:
    m = p2(mini(tmp_path))
    assert (m.start_group("e04", "B-2NDE"), m.end_group("e04", "B-2NDE")) == ("G-APPRO", "G-METHODO")
    assert m.group_on("e04", "B-2NDE", date(2025, 11, 17)) == "G-APPRO"
    assert m.group_on("e04", "B-2NDE", date(2025, 11, 18)) == "G-METHODO"  # from its arrival day
    assert m.barrettes_of("e01") == {"B-2NDE"} and m.barrettes_of("e04") == {"B-2NDE"}
    assert m.barrettes_of("e99") == set() and m.end_group("e99", "B-2NDE") is None
    assert m.members_on("G-APPRO", date(2025, 11, 4)) == {"e01", "e02", "e04", "e05", "e08"}
    assert m.members_on("G-APPRO", date(2025, 11, 18)) == {"e01", "e02", "e05", "e08"}
    assert m.everyone_ever("G-METHODO") == {"e03", "e04", "e06", "e07"}
    assert m.everyone_ever("G-APPRO") == {"e01", "e02", "e04", "e05", "e08"}
    assert m.members_on("G-NONE", date(2025, 11, 4)) == set() and m.everyone_ever("G-NONE") == set()
    assert m.left_unlisted == set()


def test_a_student_in_no_list_but_with_an_arrival_has_its_barrette(tmp_path: Path) -> None:
    m = p2(mini(tmp_path, [change(METHODO2, "  - e04\n", "")]))  # APT504, not a departure
    assert m.barrettes_of("e04") == {"B-2NDE"} and m.end_group("e04", "B-2NDE") is None


def test_a_listed_leaver_keeps_its_listed_group(tmp_path: Path) -> None:
    m = p2(mini(tmp_path, [leaves("e04", "2025-12-09"), leaves("e05", "2025-11-25")]))
    assert (m.end_group("e04", "B-2NDE"), m.end_group("e05", "B-2NDE")) == ("G-METHODO", "G-APPRO")
    assert m.left_unlisted == set()
    assert "e05" in m.members_on("G-APPRO", date(2025, 11, 25))
    assert "e05" not in m.members_on("G-APPRO", date(2025, 11, 26))
    assert m.group_on("e04", "B-2NDE", date(2025, 12, 10)) is None


def test_an_unlisted_leaver_is_placed_by_its_last_mark_before_leaving(tmp_path: Path) -> None:
    changes = [leaves("e05", "2025-11-25"), change(APPRO2, "  - e05\n", ""),
               drop_mark(S_APPRO2, "2025-11-04", "e05"), drop_mark(S_APPRO2, "2025-11-18", "e05"),
               drop_mark(S_APPRO2, "2025-12-02", "e05"), drop_mark(S_APPRO2, "2025-12-09", "e05"),
               drop_mark(S_APPRO2, "2025-12-16", "e05"),
               # a stray mark after leaving, in the other group: not a trace of membership (APT505)
               change(S_METHODO2, "      e03: present\n      e04: absent\n", "      e03: present\n      e04: absent\n"
                      "      e05: present\n")]
    m = p2(mini(tmp_path, changes))
    # its only mark before leaving is on its last day, 25/11, in G-APPRO
    assert m.end_group("e05", "B-2NDE") == "G-APPRO"
    assert m.left_unlisted == {("e05", "B-2NDE")}
    assert m.members_on("G-APPRO", date(2025, 11, 4)) == {"e01", "e02", "e04", "e05", "e08"}
    assert "e05" not in m.members_on("G-METHODO", date(2025, 12, 2))


def test_an_unlisted_leaver_who_had_moved_ends_in_its_last_group(tmp_path: Path) -> None:
    m = p2(mini(tmp_path, [leaves("e04", "2025-12-02"), change(METHODO2, "  - e04\n", "")]))
    assert m.end_group("e04", "B-2NDE") == "G-METHODO"
    assert m.left_unlisted == {("e04", "B-2NDE")}


def test_a_leaver_in_a_group_without_arrivals(tmp_path: Path) -> None:
    # P1 has no arrival: e06 (G-METHODO) leaves on 01/10, still listed
    m = analysis(mini(tmp_path, [leaves("e06", "2025-10-01")])).membership("2025-2026", "P1")
    assert m.members_on("G-METHODO", date(2025, 9, 30)) == {"e02", "e03", "e06", "e07"}
    assert m.members_on("G-METHODO", date(2025, 10, 7)) == {"e02", "e03", "e07"}
