"""Moves and their attendance: a dated move carries the later marks, an undated one is guarded and keeps its reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from edit_support import GROUPS_P2, SESSIONS_P2, YEAR, apply_and_diff, errors, files

from aptui.edit import (
    AddStudentToGroup,
    EditRefused,
    MoveStudent,
    RecordSession,
    RemoveStudentFromGroup,
    WriteBilan,
    apply_command,
)
from aptui.load.yamlread import parse_yaml

APPRO = f"{GROUPS_P2}/G-APPRO.yaml"
METHODO = f"{GROUPS_P2}/G-METHODO.yaml"
APPRO_SESSIONS = f"{SESSIONS_P2}/G-APPRO.yaml"
METHODO_SESSIONS = f"{SESSIONS_P2}/G-METHODO.yaml"
DURING_P2 = date(2025, 11, 20)


def move_e05(day: date | None, carry: bool = True, today: date | None = DURING_P2) -> MoveStudent:
    return MoveStudent(YEAR, "P2", "e05", "G-APPRO", "G-METHODO", "Besoin de méthode", day, carry_marks=carry,
                       today=today)


def codes(root: Path) -> list[str]:
    return sorted(d.code for d in errors(root))


def test_dated_move_carries_the_three_later_marks_in_the_same_edit(mini_school: Path) -> None:
    applied, diffs = apply_and_diff(mini_school, move_e05(date(2025, 12, 2)))
    # e05 is marked present on 02/12, 09/12 and 16/12 in G-APPRO (the fixture): the three lines move
    assert diffs[APPRO_SESSIONS] == (["      e05: present"] * 3, [])
    assert diffs[METHODO_SESSIONS] == ([], ["      e05: present"] * 3)
    assert diffs[APPRO] == (["  - e05"], [])
    assert diffs[METHODO] == ([], ["  - e05", "  - date: 2025-12-02", "    eleve: e05", "    depuis: G-APPRO",
                                   "    motif: Besoin de méthode"])
    sessions = parse_yaml((mini_school / METHODO_SESSIONS).read_text()).data["seances"]
    assert [s["appel"].get("e05") for s in sessions] == [None, None, None, "present", "present", "present"]
    assert list(sessions[3]["appel"]) == ["e03", "e04", "e05", "e06", "e07"]  # kept sorted by id
    assert applied.description == ("P2 : Lina Eymard (e05) passe de « Approfondissement » à « Méthodo » le "
                                   "02/12/2025 (motif : Besoin de méthode), 3 appel(s) reporté(s)")
    assert errors(mini_school) == []


def test_without_carrying_the_marks_the_school_has_three_errors(mini_school: Path) -> None:
    apply_command(mini_school, move_e05(date(2025, 12, 2), carry=False))
    assert codes(mini_school) == ["APT601"] * 3  # what the app did before: marks of a non-member


def test_a_mark_without_a_session_that_day_in_the_new_group_stays_where_it_is(mini_school: Path) -> None:
    path = mini_school / METHODO_SESSIONS
    text = path.read_text()
    path.write_text(text[:text.index("  - date: 2025-12-09")] + text[text.index("  - date: 2025-12-16"):])
    applied = apply_command(mini_school, move_e05(date(2025, 12, 2)))
    appro = parse_yaml((mini_school / APPRO_SESSIONS).read_text()).data["seances"]
    assert [s["date"] for s in appro if "e05" in s["appel"]] == ["2025-11-04", "2025-11-18", "2025-11-25",
                                                                 "2025-12-09"]
    assert applied.description.endswith("2 appel(s) reporté(s), 1 appel(s) laissé(s) dans G-APPRO "
                                        "(pas de séance de G-METHODO ce jour-là)")
    assert codes(mini_school) == ["APT601"]  # the one mark nobody can place: said, not dropped


def test_a_session_whose_appel_lost_its_only_mark_loses_its_appel_key(mini_school: Path) -> None:
    apply_command(mini_school, RecordSession(YEAR, "P2", "G-APPRO", date(2025, 12, 18), "14:00", 120, "Rattrapage",
                                             attendance={"e05": "present"}))
    apply_command(mini_school, RecordSession(YEAR, "P2", "G-METHODO", date(2025, 12, 18), "14:00", 120, "Rattrapage"))
    apply_command(mini_school, move_e05(date(2025, 12, 18)))
    appro = parse_yaml((mini_school / APPRO_SESSIONS).read_text()).data["seances"]
    assert appro[-1] == {"date": "2025-12-18", "debut": "14:00", "duree_min": 120, "activite": "Rattrapage"}
    methodo = parse_yaml((mini_school / METHODO_SESSIONS).read_text()).data["seances"]
    assert methodo[-1]["appel"] == {"e05": "present"}


@pytest.mark.parametrize(("today", "message"), [
    (DURING_P2, "la période P2 a commencé le 03/11/2025 : un changement non daté placerait Lina Eymard (e05) "
                "dans « Méthodo » dès ce jour-là ; faites-en un changement daté"),
    (date(2026, 1, 12), "P2 a déjà des appels (Lina Eymard (e05) est noté(e) à 6 séance(s) de G-APPRO)"),
])
def test_undated_move_in_a_period_under_way_is_refused(mini_school: Path, today: date, message: str) -> None:
    before = files(mini_school)
    with pytest.raises(EditRefused) as caught:
        apply_command(mini_school, move_e05(None, today=today))
    assert message in caught.value.message
    assert files(mini_school) == before


def without_p2_sessions(root: Path) -> None:
    for name in ("G-APPRO", "G-METHODO"):
        (root / f"{SESSIONS_P2}/{name}.yaml").unlink()


def test_undated_move_before_the_period_writes_its_reason_under_motifs(mini_school: Path) -> None:
    without_p2_sessions(mini_school)
    apply_command(mini_school, WriteBilan(YEAR, "P1", "e05", "bpetit", date(2025, 10, 14), "partiel", "",
                                          "changement", "G-METHODO", None, "Besoin de méthode"))
    command = move_e05(None, today=date(2025, 10, 25))
    applied, diffs = apply_and_diff(mini_school, command)
    assert diffs == {APPRO: (["  - e05"], []),
                     METHODO: ([], ["  - e05", "motifs:", "  e05: Besoin de méthode"])}
    assert applied.description == ("P2 : Lina Eymard (e05) passe de « Approfondissement » à « Méthodo » "
                                   "(motif : Besoin de méthode)")
    assert errors(mini_school) == []  # the schema knows « motifs »
    # moving back takes the reason out of the group the student leaves, and writes it in the other
    back = MoveStudent(YEAR, "P2", "e05", "G-METHODO", "G-APPRO", "Erreur de saisie", None, today=date(2025, 10, 25))
    _, diffs = apply_and_diff(mini_school, back)
    assert diffs == {METHODO: (["  - e05", "motifs:", "  e05: Besoin de méthode"], []),
                     APPRO: ([], ["  - e05", "motifs:", "  e05: Erreur de saisie"])}


def test_a_placement_reason_goes_with_the_student(mini_school: Path) -> None:
    without_p2_sessions(mini_school)
    apply_command(mini_school, RemoveStudentFromGroup(YEAR, "P2", "G-APPRO", "e05"))
    before = files(mini_school)
    applied, diffs = apply_and_diff(mini_school, AddStudentToGroup(YEAR, "P2", "G-METHODO", "e05", "Arrivé en novembre"))
    assert diffs == {METHODO: ([], ["  - e05", "motifs:", "  e05: Arrivé en novembre"])}
    assert applied.description == "P2 : Lina Eymard (e05) rejoint le groupe « Méthodo » (motif : Arrivé en novembre)"
    apply_command(mini_school, RemoveStudentFromGroup(YEAR, "P2", "G-METHODO", "e05"))
    assert files(mini_school) == before  # the reason went with the student, « motifs: » too
