"""Student file commands: interviews, diagnostics and contract objectives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from edit_support import apply_and_diff, errors, files

from aptui.edit import (
    AddDiagnostic,
    AddInterview,
    AddObjective,
    Command,
    EditRefused,
    SetObjectiveStatus,
    apply_command,
)

E01 = "students/e01.yaml"
E03 = "students/e03.yaml"


def test_first_interview_creates_the_list_at_its_place(mini_school: Path) -> None:
    path = mini_school / E01
    path.write_text(path.read_text() + "tuteur: adurand  # depuis septembre\n")
    applied, diffs = apply_and_diff(mini_school, AddInterview("e01", date(2025, 9, 20), "adurand", "Motivée"))
    assert diffs == {E01: ([], ["entretiens:", "  - date: 2025-09-20", "    enseignant: adurand",
                                "    notes: Motivée"])}
    assert path.read_text().endswith("    notes: Motivée\ntuteur: adurand  # depuis septembre\n")
    assert applied.description == "Entretien du 20/09/2025 avec Zoé Arnaud (e01), par Anne Durand"
    assert errors(mini_school) == []


def test_entries_are_kept_in_date_order(mini_school: Path) -> None:
    applied, diffs = apply_and_diff(mini_school, AddDiagnostic("e03", date(2025, 9, 1), "Positionnement maths",
                                                               "12/20"))
    assert diffs == {E03: ([], ["  - date: 2025-09-01", "    outil: Positionnement maths", "    resultat: 12/20"])}
    text = (mini_school / E03).read_text()
    assert text.index("2025-09-01") < text.index("2025-09-09")
    apply_command(mini_school, AddInterview("e03", date(2025, 10, 1), "bpetit"))
    text = (mini_school / E03).read_text()
    assert text.index("2025-09-23") < text.index("2025-10-01") < text.index("contrat:")
    assert applied.description == "Diagnostic « Positionnement maths » du 01/09/2025, Inès Caron (e03) : 12/20"
    assert errors(mini_school) == []


def test_objectives_added_and_marked(mini_school: Path) -> None:
    applied, diffs = apply_and_diff(mini_school, AddObjective("e03", "Rendre les devoirs à temps"))
    assert diffs == {E03: ([], ["    - libelle: Rendre les devoirs à temps", "      statut: en-cours"])}
    assert applied.description == "Contrat, Inès Caron (e03) : nouvel objectif « Rendre les devoirs à temps »"
    applied, diffs = apply_and_diff(mini_school, SetObjectiveStatus("e03", 0, "atteint"))
    removed, added = diffs[E03]
    assert (removed, added) == (["      statut: en-cours"], ["      statut: atteint"])
    assert applied.description == ("Contrat, Inès Caron (e03) : objectif "
                                   "« Apporter son matériel à chaque séance » : atteint")
    assert errors(mini_school) == []


def test_first_objective_creates_the_contract(mini_school: Path) -> None:
    apply_command(mini_school, AddObjective("e01", "Tenir un agenda"))
    assert (mini_school / E01).read_text().endswith(
        "profils:\n  2025-2026: contents\ncontrat:\n  objectifs:\n    - libelle: Tenir un agenda\n"
        "      statut: en-cours\n"
    )
    assert errors(mini_school) == []


@pytest.mark.parametrize(("command", "message"), [
    (AddInterview("e99", date(2025, 9, 20), "adurand"), "élève inconnu : e99"),
    (AddInterview("e01", date(2025, 9, 20), "inconnu"), "enseignant inconnu"),
    (AddDiagnostic("e01", date(2025, 9, 20), " ", "12/20"), "outil du diagnostic obligatoire"),
    (AddObjective("e01", "Lire", "fini"), "statut d'objectif « fini » : valeur inconnue"),
    (SetObjectiveStatus("e03", 3, "atteint"), "objectif n° 4 introuvable"),
    (SetObjectiveStatus("e01", 0, "atteint"), "objectif n° 1 introuvable"),
])
def test_invalid_student_edits_are_refused(mini_school: Path, command: Command, message: str) -> None:
    before = files(mini_school)
    with pytest.raises(EditRefused) as caught:
        apply_command(mini_school, command)
    assert message in caught.value.message
    assert files(mini_school) == before
