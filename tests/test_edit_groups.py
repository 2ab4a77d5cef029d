"""Group commands: each changes exactly the expected lines and keeps the school valid."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from edit_support import GROUPS_P2, SESSIONS_P2, YEAR, apply_and_diff, errors, files

from aptui.edit import (
    AddStudentToGroup,
    Command,
    CreateGroup,
    DeleteGroup,
    EditRefused,
    MoveStudent,
    RecordSession,
    RemoveStudentFromGroup,
    RenameGroup,
    SetGroupContentType,
    SetGroupTeachers,
    apply_command,
    undo_edit,
)
from aptui.load.yamlread import parse_yaml

APPRO = f"{GROUPS_P2}/G-APPRO.yaml"
METHODO = f"{GROUPS_P2}/G-METHODO.yaml"


def test_plain_move_is_one_line_out_and_one_line_in(mini_school: Path) -> None:
    applied, diffs = apply_and_diff(mini_school, MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", None))
    assert diffs == {METHODO: (["  - e06"], []), APPRO: ([], ["  - e06"])}
    assert applied.description == "P2 : Nolan Faure (e06) passe de « Méthodo » à « Approfondissement »"
    parsed = parse_yaml((mini_school / APPRO).read_text()).data
    assert parsed["eleves"] == ["e01", "e02", "e05", "e06", "e08"]


def test_moving_back_restores_the_exact_bytes(mini_school: Path) -> None:
    before = files(mini_school)
    apply_command(mini_school, MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", None))
    apply_command(mini_school, MoveStudent(YEAR, "P2", "e06", "G-APPRO", "G-METHODO", "", None))
    assert files(mini_school) == before


def test_dated_move_adds_an_arrival_and_keeps_the_school_valid(mini_school: Path) -> None:
    command = MoveStudent(YEAR, "P2", "e07", "G-METHODO", "G-APPRO", "Objectifs atteints", date(2025, 12, 17))
    applied, diffs = apply_and_diff(mini_school, command)
    assert diffs[METHODO] == (["  - e07"], [])
    assert diffs[APPRO] == ([], ["  - e07", "arrivees:", "  - date: 2025-12-17", "    eleve: e07",
                                 "    depuis: G-METHODO", "    motif: Objectifs atteints"])
    assert applied.description == ("P2 : Maëlle Giraud (e07) passe de « Méthodo » à « Approfondissement » "
                                   "le 17/12/2025 (motif : Objectifs atteints)")
    assert errors(mini_school) == []


def test_dated_arrivals_are_kept_in_date_order(mini_school: Path) -> None:
    apply_command(mini_school, MoveStudent(YEAR, "P2", "e03", "G-METHODO", "G-APPRO", "Va mieux", date(2025, 12, 18)))
    apply_command(mini_school, MoveStudent(YEAR, "P2", "e01", "G-APPRO", "G-METHODO", "Besoin", date(2025, 11, 3)))
    arrivals = parse_yaml((mini_school / METHODO).read_text()).data["arrivees"]
    assert [a["date"] for a in arrivals] == ["2025-11-03", "2025-11-18"]


@pytest.mark.parametrize(("command", "message"), [
    (MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-NOPE", "", None), "groupe inconnu : G-NOPE"),
    (MoveStudent(YEAR, "P2", "e01", "G-METHODO", "G-APPRO", "", None), "n'est pas dans le groupe « Méthodo »"),
    (MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-METHODO", "", None), "déjà dans G-METHODO"),
    (MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "Motif", date(2026, 1, 5)), "n'est pas dans la période"),
    (MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", date(2025, 12, 1)), "motif obligatoire"),
    (MoveStudent(YEAR, "P2", "../e06", "G-METHODO", "G-APPRO", "", None), "invalide"),
    (AddStudentToGroup(YEAR, "P2", "G-APPRO", "e01"), "est déjà dans le groupe « Approfondissement »"),
    (AddStudentToGroup(YEAR, "P2", "G-APPRO", "e99"), "élève inconnu : e99"),
    (RemoveStudentFromGroup(YEAR, "P2", "G-APPRO", "e03"), "n'est pas dans le groupe"),
    (CreateGroup(YEAR, "P2", "G-APPRO", "X", "passerelle", "B-2NDE", ()), "existe déjà"),
    (CreateGroup(YEAR, "P2", "G-X", "X", "cuisine", "B-2NDE", ()), "type de contenu « cuisine » : valeur inconnue"),
    (CreateGroup(YEAR, "P2", "G-X", "X", "passerelle", "B-1RE", ()), "barrette inconnue : B-1RE"),
    (CreateGroup(YEAR, "P9", "G-X", "X", "passerelle", "B-2NDE", ()), "période P9 non déclarée"),
    (CreateGroup(YEAR, "P2", "G-X", "X", "passerelle", "B-2NDE", ("zz",)), "enseignant inconnu : zz"),
    (SetGroupTeachers(YEAR, "P2", "G-APPRO", ("bpetit", "bpetit")), "nommé deux fois"),
    (DeleteGroup(YEAR, "P2", "G-APPRO"), "a encore 4 élèves"),
])
def test_impossible_edits_are_refused_in_french_and_write_nothing(mini_school: Path, command: Command,
                                                                   message: str) -> None:
    before = files(mini_school)
    with pytest.raises(EditRefused) as caught:
        apply_command(mini_school, command)
    assert message in caught.value.message
    assert files(mini_school) == before


def test_add_and_remove_are_one_line_each(mini_school: Path) -> None:
    applied, diffs = apply_and_diff(mini_school, RemoveStudentFromGroup(YEAR, "P2", "G-APPRO", "e05"))
    assert diffs == {APPRO: (["  - e05"], [])}
    assert applied.description == "P2 : Lina Eymard (e05) quitte le groupe « Approfondissement »"
    applied, diffs = apply_and_diff(mini_school, AddStudentToGroup(YEAR, "P2", "G-METHODO", "e05"))
    assert diffs == {METHODO: ([], ["  - e05"])}
    assert applied.description == "P2 : Lina Eymard (e05) rejoint le groupe « Méthodo »"


def test_rename_keeps_quotes_and_comments(mini_school: Path) -> None:
    path = mini_school / APPRO
    path.write_text(path.read_text().replace("titre: Approfondissement", 'titre: "Approfondissement"  # court'))
    applied, diffs = apply_and_diff(mini_school, RenameGroup(YEAR, "P2", "G-APPRO", "Approfondissement BTS"))
    assert diffs == {APPRO: (['titre: "Approfondissement"  # court'], ['titre: "Approfondissement BTS"  # court'])}
    assert applied.description == "P2 : le groupe « Approfondissement » (G-APPRO) devient « Approfondissement BTS »"


def test_content_type_and_teachers(mini_school: Path) -> None:
    applied, diffs = apply_and_diff(mini_school, SetGroupContentType(YEAR, "P2", "G-APPRO", "projet-professionnel"))
    assert diffs == {APPRO: (["type: approfondissement"], ["type: projet-professionnel"])}
    assert applied.description == ("P2 : type de contenu du groupe « Approfondissement » : "
                                   "Approfondissement → Projet professionnel")  # not a rename
    applied, diffs = apply_and_diff(mini_school, SetGroupTeachers(YEAR, "P2", "G-APPRO", ("bpetit", "adurand")))
    assert diffs == {APPRO: ([], ["  - adurand"])}
    assert applied.description == "P2 : groupe « Approfondissement » animé par Bruno Petit, Anne Durand"
    assert errors(mini_school) == []


def test_create_then_delete_an_empty_group(mini_school: Path) -> None:
    command = CreateGroup(YEAR, "P2", "G-PROJET", "Projet pro", "projet-professionnel", "B-2NDE", ("adurand",))
    applied, diffs = apply_and_diff(mini_school, command)
    path = f"{GROUPS_P2}/G-PROJET.yaml"
    assert (mini_school / path).read_text() == (
        "# yaml-language-server: $schema=../../../../schema/group.schema.json\n"
        "titre: Projet pro\ntype: projet-professionnel\nbarrette: B-2NDE\nenseignants:\n  - adurand\neleves: []\n"
    )
    assert applied.description == ("P2 : création du groupe « Projet pro » (G-PROJET, Projet professionnel, "
                                   "barrette B-2NDE, 0 élève)")
    assert errors(mini_school) == []
    apply_command(mini_school, RecordSession(YEAR, "P2", "G-PROJET", date(2025, 12, 16), "14:00", 120, "Début"))
    with pytest.raises(EditRefused, match="séances enregistrées"):
        apply_command(mini_school, DeleteGroup(YEAR, "P2", "G-PROJET"))
    (mini_school / f"{SESSIONS_P2}/G-PROJET.yaml").unlink()
    deleted = apply_command(mini_school, DeleteGroup(YEAR, "P2", "G-PROJET"))
    assert not (mini_school / path).exists()
    assert deleted.description == "P2 : suppression du groupe « Projet pro » (G-PROJET)"
    undo_edit(mini_school, deleted)
    assert (mini_school / path).read_bytes() == applied.changes[0].after


def test_create_with_students_lists_them_sorted(mini_school: Path) -> None:
    apply_command(mini_school, RemoveStudentFromGroup(YEAR, "P2", "G-APPRO", "e08"))
    apply_command(mini_school, RemoveStudentFromGroup(YEAR, "P2", "G-APPRO", "e05"))
    command = CreateGroup(YEAR, "P2", "G-X", "X", "passerelle", "B-2NDE", ("bpetit",), ("e08", "e05"))
    apply_command(mini_school, command)
    assert parse_yaml((mini_school / f"{GROUPS_P2}/G-X.yaml").read_text()).data["eleves"] == ["e05", "e08"]


def test_group_that_students_came_from_cannot_be_deleted(mini_school: Path) -> None:
    for student in ("e01", "e02", "e05", "e08"):
        apply_command(mini_school, RemoveStudentFromGroup(YEAR, "P2", "G-APPRO", student))
    (mini_school / f"{SESSIONS_P2}/G-APPRO.yaml").unlink()
    with pytest.raises(EditRefused, match="arrivés dans G-METHODO"):
        apply_command(mini_school, DeleteGroup(YEAR, "P2", "G-APPRO"))
