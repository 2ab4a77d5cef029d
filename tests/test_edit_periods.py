"""Bilans, and the next period's groups proposed from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from edit_support import YEAR, apply_and_diff, errors, files

from aptui.edit import EditRefused, MoveStudent, StartPeriod, WriteBilan, apply_command
from aptui.load.yamlread import parse_yaml

BILANS_P1 = f"years/{YEAR}/bilans/P1.yaml"
BILANS_P2 = f"years/{YEAR}/bilans/P2.yaml"
P3 = """  - id: P3
    debut: 2026-01-05
    fin: 2026-02-06
"""


def bilan(student: str, decision: str, to_group: str | None = None, to_type: str | None = None,
          period: str = "P2") -> WriteBilan:
    return WriteBilan(YEAR, period, student, "adurand", date(2025, 12, 16), "partiel", "", decision, to_group,
                      to_type, "Motif du bilan" if decision == "changement" else "")


def declare_p3(root: Path) -> None:
    path = root / f"years/{YEAR}/year.yaml"
    path.write_text(path.read_text().replace("barrettes:", P3 + "barrettes:"))


def test_updating_a_bilan_changes_only_its_lines(mini_school: Path) -> None:
    command = WriteBilan(YEAR, "P1", "e01", "bpetit", date(2025, 10, 14), "partiel", "Progrès nets", "changement",
                         "G-METHODO", None, "Besoin de méthode")
    applied, diffs = apply_and_diff(mini_school, command)
    assert diffs == {BILANS_P1: (["    decision: maintien"], [
        "    commentaire: Progrès nets", "    decision: changement", "    vers: G-METHODO",
        "    motif: Besoin de méthode"])}
    assert applied.description == ("Bilan P1, Zoé Arnaud (e01) : objectifs partiellement atteints, changement vers "
                                   "« Méthodo » (motif : Besoin de méthode)")
    back = WriteBilan(YEAR, "P1", "e01", "bpetit", date(2025, 10, 14), "partiel", "", "maintien", "G-METHODO")
    apply_command(mini_school, back)
    assert parse_yaml((mini_school / BILANS_P1).read_text()).data["bilans"]["e01"] == {
        "auteur": "bpetit", "date": "2025-10-14", "resultat": "partiel", "decision": "maintien"}


def test_new_bilans_file_keeps_entries_sorted(mini_school: Path) -> None:
    apply_command(mini_school, bilan("e05", "maintien"))
    apply_command(mini_school, bilan("e02", "changement", to_type="aide-methodologique"))
    text = (mini_school / BILANS_P2).read_text()
    assert text.startswith("# yaml-language-server: $schema=../../../schema/bilans.schema.json\nbilans:\n  e02:\n")
    assert list(parse_yaml(text).data["bilans"]) == ["e02", "e05"]
    assert "    type: aide-methodologique\n" in text
    assert errors(mini_school) == []


@pytest.mark.parametrize(("command", "message"), [
    (bilan("e01", "changement"), "indiquez le groupe ou le type"),
    (bilan("e01", "garder"), "décision « garder » : valeur inconnue"),
    (bilan("e01", "maintien", period="P7"), "période P7 non déclarée"),
    (bilan("e42", "maintien"), "élève inconnu : e42"),
])
def test_invalid_bilans_are_refused(mini_school: Path, command: WriteBilan, message: str) -> None:
    before = files(mini_school)
    with pytest.raises(EditRefused) as caught:
        apply_command(mini_school, command)
    assert message in caught.value.message
    assert files(mini_school) == before


def test_start_period_places_students_by_their_bilans(mini_school: Path) -> None:
    declare_p3(mini_school)
    apply_command(mini_school, bilan("e01", "changement", to_group="G-METHODO"))
    apply_command(mini_school, bilan("e03", "changement", to_type="approfondissement"))
    apply_command(mini_school, bilan("e07", "sortie"))
    apply_command(mini_school, bilan("e08", "maintien"))
    before = files(mini_school)
    applied = apply_command(mini_school, StartPeriod(YEAR, "P3", "P2"))
    created = {c.path: parse_yaml(c.after.decode()).data for c in applied.changes}
    assert all(c.before is None for c in applied.changes)
    assert set(files(mini_school)) - set(before) == set(created) == set(applied.command.paths())
    appro, methodo = created[f"years/{YEAR}/groups/P3/G-APPRO.yaml"], created[f"years/{YEAR}/groups/P3/G-METHODO.yaml"]
    assert appro == {"titre": "Approfondissement", "type": "approfondissement", "barrette": "B-2NDE",
                     "enseignants": ["bpetit"], "eleves": ["e02", "e03", "e05", "e08"]}
    assert methodo["eleves"] == ["e01", "e04", "e06"]
    assert "arrivees" not in methodo
    assert applied.description == ("P3 : groupes repris de P2 d'après les bilans (2 groupes, 7 élèves placés, "
                                   "2 changement(s), 1 sortie(s))")
    with pytest.raises(EditRefused, match="a déjà des groupes"):
        apply_command(mini_school, StartPeriod(YEAR, "P3", "P2"))


def test_start_period_needs_a_declared_period(mini_school: Path) -> None:
    with pytest.raises(EditRefused, match="période P3 non déclarée"):
        apply_command(mini_school, StartPeriod(YEAR, "P3", "P2"))


def test_start_period_then_adjust_keeps_the_school_valid(mini_school: Path) -> None:
    declare_p3(mini_school)
    apply_command(mini_school, StartPeriod(YEAR, "P3", "P2"))
    assert errors(mini_school) == []
    apply_command(mini_school, bilan("e06", "changement", to_group="G-APPRO"))
    apply_command(mini_school, MoveStudent(YEAR, "P3", "e06", "G-METHODO", "G-APPRO", "", None))
    assert errors(mini_school) == []


def leave_school(root: Path, student: str, day: str) -> None:
    path = root / f"students/{student}.yaml"
    path.write_text(path.read_text() + f"sortie: {day}\n")


def test_start_period_leaves_out_students_who_left_and_groups_left_empty(mini_school: Path) -> None:
    declare_p3(mini_school)
    for student in ("e03", "e04", "e06"):  # Méthodo's other members go to Approfondissement
        apply_command(mini_school, bilan(student, "changement", to_group="G-APPRO"))
    leave_school(mini_school, "e07", "2025-12-19")  # the last member of Méthodo left the school in P2
    leave_school(mini_school, "e08", "2026-01-20")  # leaves during P3: still placed
    applied = apply_command(mini_school, StartPeriod(YEAR, "P3", "P2"))
    assert [c.path for c in applied.changes] == [f"years/{YEAR}/groups/P3/G-APPRO.yaml"]
    assert applied.command.paths() == [f"years/{YEAR}/groups/P3/G-APPRO.yaml"]
    created = parse_yaml(applied.changes[0].after.decode()).data
    assert created["eleves"] == ["e01", "e02", "e03", "e04", "e05", "e06", "e08"]
    assert applied.description == (
        "P3 : groupes repris de P2 d'après les bilans (1 groupe, 7 élèves placés, 3 changement(s), "
        "1 sortie(s) dont 1 élève(s) parti(s) de l'établissement) ; non repris car vides : G-METHODO")
    assert [d.code for d in errors(mini_school)] == []  # no APT505: nobody who left is in a group


def test_start_period_with_everybody_gone_is_refused(mini_school: Path) -> None:
    declare_p3(mini_school)
    for student in ("e01", "e02", "e03", "e04", "e05", "e06", "e07", "e08"):
        leave_school(mini_school, student, "2025-12-19")
    before = files(mini_school)
    with pytest.raises(EditRefused, match="aucun élève de P2 à placer en P3"):
        apply_command(mini_school, StartPeriod(YEAR, "P3", "P2"))
    assert files(mini_school) == before
