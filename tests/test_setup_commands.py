"""The set-up edit commands on the mini school: exact line diffs, refusals, a valid school after each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from edit_support import apply_and_diff, errors, files

from aptui.edit import Command, EditRefused, apply_command
from aptui.edit.commands_setup_leaving import LeaveSchool, RemoveExemption, SetExemption
from aptui.edit.commands_setup_periods import CreatePeriod, DeletePeriod, MovePeriod, ProposePeriods, SplitPeriod
from aptui.edit.commands_setup_staff import AddTeacher, EditTeacher
from aptui.edit.commands_setup_students import (
    AddNeed,
    AddStudent,
    ChangeDivision,
    EditStudent,
    RemoveNeed,
    SetOrientation,
    SetProfile,
)
from aptui.edit.commands_setup_year import CreateBarrette, CreateDivision, DeleteBarrette, EditBarrette, EditDivision

Y = "2025-2026"
YEAR_FILE = f"years/{Y}/year.yaml"
MELEC, MSPC = f"years/{Y}/divisions/2MELEC1.yaml", f"years/{Y}/divisions/2MSPC1.yaml"


def test_add_student_mid_year_gets_the_next_id_and_joins_the_division(mini_school: Path) -> None:
    (mini_school / "students/e2025-007.yaml").write_text(
        "id: e2025-007\nnom: Vidal\nprenom: Paul\ndivisions:\n  2025-2026: 2MSPC1\n", encoding="utf-8")
    division = mini_school / MSPC
    division.write_text(division.read_text().replace("  - e08\n", "  - e08\n  - e2025-007\n"), encoding="utf-8")
    applied, diffs = apply_and_diff(mini_school, AddStudent(Y, "2MELEC1", "Roche", "Enzo", date(2025, 11, 17)))
    assert diffs["students/e2025-008.yaml"] == ([], [
        "# yaml-language-server: $schema=../schema/student.schema.json", "id: e2025-008", "nom: Roche",
        "prenom: Enzo", "arrivee: 2025-11-17", "divisions:", "  2025-2026: 2MELEC1"])
    assert diffs[MELEC] == ([], ["  - e2025-008"])
    assert applied.description == "Nouvel élève : Enzo Roche (e2025-008) en 2MELEC1 (2025-2026), arrivé(e) le 17/11/2025"
    # Not expected in P1 (over before he came); in P2 he must now be placed in a group of his barrette.
    enzo = [d for d in errors(mini_school) if "e2025-008" in d.message]
    assert [(d.code, " en P2 " in d.message) for d in enzo] == [("APT501", True)]


def test_change_division_moves_the_student_in_both_lists(mini_school: Path) -> None:
    applied, diffs = apply_and_diff(mini_school, ChangeDivision("e01", Y, "2MSPC1"))
    assert diffs == {"students/e01.yaml": (["  2025-2026: 2MELEC1"], ["  2025-2026: 2MSPC1"]),
                     MELEC: (["  - e01"], []), MSPC: ([], ["  - e01"])}
    assert applied.description == "Zoé Arnaud (e01) : division 2MSPC1 en 2025-2026 (au lieu de 2MELEC1)"


def test_profile_confirms_the_one_carried_over(mini_school: Path) -> None:
    path = mini_school / "students/e01.yaml"
    path.write_text(path.read_text() + "profils_a_confirmer:\n  2026-2027: contents\n", encoding="utf-8")
    _, diffs = apply_and_diff(mini_school, SetProfile("e01", "2026-2027", "pourquoi-pas"))
    assert diffs["students/e01.yaml"] == (["profils_a_confirmer:", "  2026-2027: contents"],
                                          ["  2026-2027: pourquoi-pas"])


def test_edit_needs_tutor_project_orientation(mini_school: Path) -> None:
    _, diffs = apply_and_diff(mini_school, AddNeed("e01", "soutien-disciplinaire", "Fractions"))
    assert diffs["students/e01.yaml"] == ([], ["besoins:", "  - type: soutien-disciplinaire", "    detail: Fractions"])
    assert apply_command(mini_school, AddNeed("e01", "soutien-disciplinaire", "Fractions")).changes == ()
    _, diffs = apply_and_diff(mini_school, RemoveNeed("e01", "soutien-disciplinaire"))
    assert diffs["students/e01.yaml"] == (["besoins:", "  - type: soutien-disciplinaire", "    detail: Fractions"], [])
    _, diffs = apply_and_diff(mini_school, EditStudent("e03", tutor="bpetit", project="CAP Cuisine", passerelle=True))
    assert diffs["students/e03.yaml"] == (["tuteur: adurand", "passerelle: false"],
                                          ["tuteur: bpetit", "projet_poursuite: CAP Cuisine", "passerelle: true"])
    _, diffs = apply_and_diff(mini_school, SetOrientation("e03", Y, "redoublement"))
    assert diffs["students/e03.yaml"] == ([], ["orientation:", "  2025-2026: redoublement"])
    assert errors(mini_school) == []


def test_leaving_between_periods_takes_the_student_out_of_what_follows(mini_school: Path) -> None:
    before = yaml.safe_load((mini_school / f"years/{Y}/sessions/P1/G-METHODO.yaml").read_text())
    applied, diffs = apply_and_diff(mini_school, LeaveSchool("e06", date(2025, 10, 31)))
    assert diffs["students/e06.yaml"] == ([], ["sortie: 2025-10-31"])
    assert diffs[f"years/{Y}/groups/P2/G-METHODO.yaml"] == (["  - e06"], [])
    removed, added = diffs[f"years/{Y}/sessions/P2/G-METHODO.yaml"]
    assert added == [] and len(removed) == 6 and all(line.strip().startswith("e06:") for line in removed)
    assert f"years/{Y}/sessions/P1/G-METHODO.yaml" not in diffs  # the past stays
    assert yaml.safe_load((mini_school / f"years/{Y}/sessions/P1/G-METHODO.yaml").read_text()) == before
    assert applied.description.endswith(": retiré(e) de G-METHODO (P2) ; 6 marque(s) d'appel postérieure(s) retirée(s)")
    assert errors(mini_school) == []


def test_exemption_added_updated_and_lifted(mini_school: Path) -> None:
    _, diffs = apply_and_diff(mini_school, SetExemption(Y, "e05", "Soins à l'hôpital le mardi", ("P2",)))
    assert diffs[YEAR_FILE] == ([], ["dispenses:", "  - eleve: e05", "    periodes: [P2]",
                                     "    motif: Soins à l'hôpital le mardi"])
    _, diffs = apply_and_diff(mini_school, SetExemption(Y, "e05", "Soins à l'hôpital le mardi"))
    assert diffs[YEAR_FILE] == (["    periodes: [P2]"], [])
    assert errors(mini_school) == []
    _, diffs = apply_and_diff(mini_school, RemoveExemption(Y, "e05"))
    assert diffs[YEAR_FILE][0] == ["dispenses:", "  - eleve: e05", "    motif: Soins à l'hôpital le mardi"]


def test_staff_add_keeps_ids_sorted_and_deactivate_keeps_the_teacher(mini_school: Path) -> None:
    applied, diffs = apply_and_diff(mini_school, AddTeacher("Bernard", "Marie", ("anglais",)))
    assert diffs["staff.yaml"] == ([], ["  - id: mbernard", "    nom: Bernard", "    prenom: Marie",
                                        "    disciplines: [anglais]"])
    assert (mini_school / "staff.yaml").read_text().index("bpetit") < (mini_school / "staff.yaml").read_text().index(
        "mbernard")
    _, diffs = apply_and_diff(mini_school, EditTeacher("bpetit", active=False))
    assert diffs["staff.yaml"] == ([], ["    actif: false"])
    _, diffs = apply_and_diff(mini_school, EditTeacher("bpetit", active=True))
    assert diffs["staff.yaml"] == (["    actif: false"], [])
    assert errors(mini_school) == []


def test_divisions_and_barrettes(mini_school: Path) -> None:
    _, diffs = apply_and_diff(mini_school, CreateDivision(Y, "2AGORA1", "2nde", "AGORA"))
    assert diffs[f"years/{Y}/divisions/2AGORA1.yaml"][1][1:] == ["niveau: 2nde", "formation: AGORA", "eleves: []"]
    _, diffs = apply_and_diff(mini_school, EditBarrette(Y, "B-2NDE", divisions=("2MELEC1", "2MSPC1", "2AGORA1")))
    assert diffs[YEAR_FILE] == (["    divisions: [2MELEC1, 2MSPC1]"], ["    divisions: [2MELEC1, 2MSPC1, 2AGORA1]"])
    _, diffs = apply_and_diff(mini_school, CreateBarrette(Y, "B-SOIR", "jeudi", "16:00", 60, ("2AGORA1",)))
    assert diffs[YEAR_FILE] == ([], ["  - id: B-SOIR", "    jour: jeudi", '    debut: "16:00"', "    duree_min: 60",
                                     "    divisions: [2AGORA1]"])
    _, diffs = apply_and_diff(mini_school, EditDivision(Y, "2AGORA1", formation="AGORA-B"))
    assert errors(mini_school) == []
    apply_command(mini_school, DeleteBarrette(Y, "B-SOIR"))
    assert "B-SOIR" not in (mini_school / YEAR_FILE).read_text()


@pytest.mark.parametrize(("command", "message"), [
    (CreateBarrette(Y, "B-X", "mardi", "15:00", 60, ("2MELEC1",)), "2MELEC1 dans les barrettes B-2NDE et B-X"),
    (CreateBarrette(Y, "B-X", "mardi", "16:00", 60, ("2XYZ",)), "division inconnue : 2XYZ"),
    (CreateBarrette(Y, "B-2NDE", "lundi", "16:00", 60, ("2MELEC1",)), "la barrette B-2NDE existe déjà"),
    (EditBarrette(Y, "B-2NDE", start="25:00"), "heure « 25:00 » invalide"),
    (DeleteBarrette(Y, "B-2NDE"), "la barrette B-2NDE a des groupes"),
    (CreateDivision(Y, "2MELEC1", "2nde", "MELEC"), "la division 2MELEC1 existe déjà"),
    (CreateDivision(Y, "2X", "3e", "X"), "niveau « 3e » : valeur inconnue"),
    (ChangeDivision("e01", Y, "2XYZ"), "division inconnue : 2XYZ"),
    (AddStudent(Y, "2MELEC1", "Roche", "Enzo", date(2026, 8, 1)), "hors de l'année"),
    (EditStudent("e01", tutor="personne"), "enseignant inconnu : personne"),
    (SetExemption(Y, "e01", "Stage", ("P9",)), "période P9 non déclarée"),
    (EditTeacher("adurand", active=False), "adurand est le pilote"),
    (AddTeacher("Durand", "Anne", (), "adurand"), "l'enseignant adurand existe déjà"),
    (RemoveNeed("e01", "passerelle"), "n'a pas de besoin « passerelle »"),
    (CreatePeriod(Y, date(2026, 1, 5), date(2026, 1, 23)), "APT303 : la période P3 dure 3 semaine(s)"),
    (CreatePeriod(Y, date(2025, 12, 8), date(2026, 1, 30)), "APT302 : les périodes P2 et P3 se chevauchent"),
    (CreatePeriod(Y, date(2026, 6, 1), date(2026, 7, 24)), "APT301 : la période P3"),
    (MovePeriod(Y, "P1", date(2025, 9, 22), date(2025, 10, 17)), "la séance du 16/09/2025 de P1 serait hors"),
    (DeletePeriod(Y, "P2"), "la période P2 contient 2 fichier(s) de groupes, 2 fichier(s) de séances"),
    (SplitPeriod(Y, "P2", date(2025, 12, 1)), "P2 a une séance le 02/12/2025"),
    (ProposePeriods(Y), "la période P1 contient"),
])
def test_refused_set_up_edits_write_nothing(mini_school: Path, command: Command, message: str) -> None:
    before = files(mini_school)
    with pytest.raises(EditRefused) as caught:
        apply_command(mini_school, command)
    assert message in caught.value.message
    assert files(mini_school) == before


def test_periods_created_moved_split_and_deleted_stay_valid(mini_school: Path) -> None:
    _, diffs = apply_and_diff(mini_school, CreatePeriod(Y, date(2026, 1, 5), date(2026, 2, 13)))
    assert diffs[YEAR_FILE] == ([], ["  - id: P3", "    debut: 2026-01-05", "    fin: 2026-02-13"])
    year = mini_school / YEAR_FILE  # a period written by hand, 11 weeks long (APT303): cut it in two
    year.write_text(year.read_text().replace("    fin: 2026-02-13\n", "    fin: 2026-02-13\n  - id: P4\n"
                                             "    debut: 2026-03-02\n    fin: 2026-05-29\n"), encoding="utf-8")
    assert [d.code for d in errors(mini_school)] == ["APT303"]
    _, diffs = apply_and_diff(mini_school, SplitPeriod(Y, "P4", date(2026, 4, 27)))
    # The first part ends on the Friday before the cut; difflib sees the new lines before the old end.
    assert diffs[YEAR_FILE] == ([], ["    fin: 2026-04-24", "  - id: P5", "    debut: 2026-04-27"])
    _, diffs = apply_and_diff(mini_school, MovePeriod(Y, "P5", date(2026, 4, 27), date(2026, 6, 5)))
    assert diffs[YEAR_FILE] == (["    fin: 2026-05-29"], ["    fin: 2026-06-05"])
    apply_command(mini_school, DeletePeriod(Y, "P5"))
    assert "P5" not in (mini_school / YEAR_FILE).read_text()
    assert errors(mini_school) == []
