"""Correcting records: an interview, a diagnostic, an objective, a session; edited or deleted with minimal diffs."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from edit_support import SESSIONS_P2, YEAR, apply_and_diff, errors, files
from hypothesis import given, settings
from hypothesis import strategies as st

from aptui.edit import Command, EditRefused, apply_command, undo_edit
from aptui.edit.commands_records import (
    DeleteDiagnostic,
    DeleteInterview,
    DeleteObjective,
    DiagnosticRef,
    EditDiagnostic,
    EditInterview,
    EditObjective,
    InterviewRef,
    ObjectiveRef,
)
from aptui.edit.commands_session_fix import DeleteSession, EditSession
from aptui.load.yamlread import parse_yaml

E03 = "students/e03.yaml"
APPRO = f"{SESSIONS_P2}/G-APPRO.yaml"
INTERVIEW = InterviewRef(date(2025, 9, 23), "adurand", "Peu motivé par la filière, aime le travail manuel.")
DIAGNOSTIC = DiagnosticRef(date(2025, 9, 9), "Positionnement français", "Lecture fluide, écrit peu structuré")
OBJECTIVE = ObjectiveRef("Apporter son matériel à chaque séance", "en-cours")


def with_comments(root: Path) -> None:
    """e03 with comments around its records and a second interview and objective."""
    path = root / E03
    text = path.read_text(encoding="utf-8")
    text = text.replace("entretiens:\n", "entretiens:  # relus en conseil\n")
    text = text.replace(
        "    notes: Peu motivé par la filière, aime le travail manuel.\n",
        "    notes: Peu motivé par la filière, aime le travail manuel.\n"
        "  # deuxième entretien après le conseil de classe\n"
        "  - date: 2025-10-14\n    enseignant: bpetit\n    notes: Plus investi.\n",
    )
    text = text.replace(
        "      statut: en-cours\n",
        "      statut: en-cours  # revu le 10/10\n    - libelle: Rendre les devoirs à l'heure\n      statut: atteint\n",
    )
    path.write_text(text, encoding="utf-8")


def data(root: Path, path: str = E03) -> dict:
    return parse_yaml((root / path).read_text(encoding="utf-8")).data


def test_an_interview_corrected_changes_only_its_lines(mini_school: Path) -> None:
    with_comments(mini_school)
    command = EditInterview("e03", INTERVIEW, date(2025, 9, 23), "bpetit", "Peu motivée, aime le travail manuel.")
    applied, diffs = apply_and_diff(mini_school, command)
    assert diffs == {E03: (["    enseignant: adurand", "    notes: Peu motivé par la filière, aime le travail manuel."],
                           ["    enseignant: bpetit", "    notes: Peu motivée, aime le travail manuel."])}
    assert "entretiens:  # relus en conseil\n" in (mini_school / E03).read_text()
    assert applied.description == ("Entretien du 23/09/2025 avec Inès Caron (e03) corrigé : enseignant, notes")
    assert errors(mini_school) == []


def test_a_later_date_moves_the_interview_after_the_others(mini_school: Path) -> None:
    with_comments(mini_school)
    applied = apply_command(mini_school, EditInterview("e03", INTERVIEW, date(2025, 11, 4), "adurand", INTERVIEW.notes))
    assert [i["date"] for i in data(mini_school)["entretiens"]] == ["2025-10-14", "2025-11-04"]
    assert "# deuxième entretien après le conseil de classe\n" in (mini_school / E03).read_text()
    assert applied.description == "Entretien du 23/09/2025 avec Inès Caron (e03) corrigé : date 23/09/2025 → 04/11/2025"
    assert errors(mini_school) == []


def test_a_date_that_keeps_the_order_is_one_line(mini_school: Path) -> None:
    with_comments(mini_school)
    _, diffs = apply_and_diff(mini_school, EditInterview("e03", INTERVIEW, date(2025, 9, 30), "adurand",
                                                         INTERVIEW.notes))
    assert diffs == {E03: (["  - date: 2025-09-23"], ["  - date: 2025-09-30"])}


def test_deleting_an_interview_keeps_the_next_ones_comment(mini_school: Path) -> None:
    with_comments(mini_school)
    applied, diffs = apply_and_diff(mini_school, DeleteInterview("e03", INTERVIEW))
    removed, added = diffs[E03]
    assert added == [] and removed == ["  - date: 2025-09-23", "    enseignant: adurand",
                                       "    notes: Peu motivé par la filière, aime le travail manuel."]
    assert applied.description == "Entretien du 23/09/2025 avec Inès Caron (e03), par Anne Durand, supprimé"
    assert [i["date"] for i in data(mini_school)["entretiens"]] == ["2025-10-14"]


def test_deleting_the_last_interview_removes_the_key(mini_school: Path) -> None:
    _, diffs = apply_and_diff(mini_school, DeleteInterview("e03", INTERVIEW))
    assert diffs[E03] == (["entretiens:", "  - date: 2025-09-23", "    enseignant: adurand",
                           "    notes: Peu motivé par la filière, aime le travail manuel."], [])
    assert "entretiens" not in data(mini_school) and errors(mini_school) == []


def test_a_diagnostic_is_corrected_then_deleted(mini_school: Path) -> None:
    fixed = EditDiagnostic("e03", DIAGNOSTIC, date(2025, 9, 9), "Positionnement français", "Lecture fluide")
    applied, diffs = apply_and_diff(mini_school, fixed)
    assert diffs == {E03: (["    resultat: Lecture fluide, écrit peu structuré"], ["    resultat: Lecture fluide"])}
    assert applied.description == ("Diagnostic « Positionnement français » du 09/09/2025, Inès Caron (e03), "
                                   "corrigé : résultat")
    ref = DiagnosticRef(date(2025, 9, 9), "Positionnement français", "Lecture fluide")
    applied = apply_command(mini_school, DeleteDiagnostic("e03", ref))
    assert "diagnostics" not in data(mini_school)
    assert applied.description == "Diagnostic « Positionnement français » du 09/09/2025, Inès Caron (e03), supprimé"
    assert errors(mini_school) == []


def test_an_objective_is_corrected_in_place(mini_school: Path) -> None:
    with_comments(mini_school)
    command = EditObjective("e03", OBJECTIVE, "Apporter son matériel", "partiel")
    applied, diffs = apply_and_diff(mini_school, command)
    assert diffs == {E03: (["    - libelle: Apporter son matériel à chaque séance", "      statut: en-cours  # revu le 10/10"],
                           ["    - libelle: Apporter son matériel", "      statut: partiel  # revu le 10/10"])}
    assert applied.description == ("Contrat, Inès Caron (e03) : objectif « Apporter son matériel à chaque séance » "
                                   "corrigé : libellé « Apporter son matériel », statut en cours → partiellement atteint")


def test_deleting_an_objective_keeps_the_other(mini_school: Path) -> None:
    with_comments(mini_school)
    applied = apply_command(mini_school, DeleteObjective("e03", OBJECTIVE))
    assert data(mini_school)["contrat"] == {"objectifs": [{"libelle": "Rendre les devoirs à l'heure",
                                                           "statut": "atteint"}]}
    assert applied.description == ("Contrat, Inès Caron (e03) : objectif « Apporter son matériel à chaque séance » "
                                   "supprimé")


def test_deleting_the_only_objective_removes_the_contract(mini_school: Path) -> None:
    _, diffs = apply_and_diff(mini_school, DeleteObjective("e03", OBJECTIVE))
    assert diffs[E03] == (["contrat:", "  objectifs:", "    - libelle: Apporter son matériel à chaque séance",
                           "      statut: en-cours"], [])
    assert errors(mini_school) == []


def test_a_session_is_moved_to_another_day_with_its_marks(mini_school: Path) -> None:
    apply_command(mini_school, DeleteSession(YEAR, "P2", "G-APPRO", date(2025, 12, 2)))
    command = EditSession(YEAR, "P2", "G-APPRO", date(2025, 11, 25), date(2025, 12, 2), "14:30", 90, "Séance 3 bis")
    applied, diffs = apply_and_diff(mini_school, command)
    assert diffs == {APPRO: (["  - date: 2025-11-25", '    debut: "14:00"', "    duree_min: 120",
                              "    activite: Séance 3"],
                             ["  - date: 2025-12-02", '    debut: "14:30"', "    duree_min: 90",
                              "    activite: Séance 3 bis"])}
    assert applied.description == ("P2 : séance du 25/11/2025, groupe « Approfondissement », corrigée : "
                                   "date → 02/12/2025, début 14:00 → 14:30, durée 120 → 90 min, "
                                   "activité « Séance 3 bis »")
    moved = next(s for s in data(mini_school, APPRO)["seances"] if s["date"] == "2025-12-02")
    assert moved["appel"]["e05"] == "absent"
    assert errors(mini_school) == []


def test_a_session_moved_past_the_next_one_is_kept_in_date_order(mini_school: Path) -> None:
    apply_command(mini_school, DeleteSession(YEAR, "P2", "G-APPRO", date(2025, 12, 9)))
    apply_command(mini_school, EditSession(YEAR, "P2", "G-APPRO", date(2025, 11, 18), date(2025, 12, 9), "14:00",
                                           120, "Séance 2"))
    days = [s["date"] for s in data(mini_school, APPRO)["seances"]]
    assert days == ["2025-11-04", "2025-11-25", "2025-12-02", "2025-12-09", "2025-12-16"]
    assert errors(mini_school) == []


def test_deleting_a_session_says_which_marks_are_lost_and_undo_brings_them_back(mini_school: Path) -> None:
    before = files(mini_school)
    applied, diffs = apply_and_diff(mini_school, DeleteSession(YEAR, "P2", "G-APPRO", date(2025, 11, 25)))
    removed, added = diffs[APPRO]
    block = ["  - date: 2025-11-25", '    debut: "14:00"', "    duree_min: 120", "    activite: Séance 3",
             "    appel:", "      e01: present", "      e02: present", "      e05: absent", "      e08: present"]
    assert added == [] and sorted(removed) == sorted(block)  # difflib may align the block anywhere
    assert before[APPRO].decode().replace("\n".join(block) + "\n", "", 1) == (mini_school / APPRO).read_text()
    assert applied.description == ("P2 : séance du 25/11/2025 supprimée, groupe « Approfondissement » "
                                   "(appel effacé : 3 présents, 1 absent)")
    undo_edit(mini_school, applied)
    assert files(mini_school) == before


@pytest.mark.parametrize(("command", "message"), [
    (EditInterview("e03", InterviewRef(date(2025, 9, 24), "adurand", ""), date(2025, 9, 24), "adurand"),
     "entretien du 24/09/2025 introuvable"),
    (EditInterview("e03", INTERVIEW, date(2025, 9, 23), "zzz", "x"), "enseignant inconnu : zzz"),
    (DeleteDiagnostic("e01", DIAGNOSTIC), "introuvable"),
    (EditDiagnostic("e03", DIAGNOSTIC, date(2025, 9, 9), " ", "x"), "outil du diagnostic obligatoire"),
    (EditObjective("e03", OBJECTIVE, "x", "fini"), "statut d'objectif « fini »"),
    (DeleteObjective("e01", OBJECTIVE), "pas de contrat"),
    (EditSession(YEAR, "P2", "G-APPRO", date(2025, 11, 25), date(2025, 11, 18), "14:00", 120),
     "a déjà une séance le 18/11/2025"),
    (EditSession(YEAR, "P2", "G-APPRO", date(2025, 11, 25), date(2025, 10, 7), "14:00", 120),
     "hors de la période P2"),
    (EditSession(YEAR, "P2", "G-APPRO", date(2025, 11, 25), date(2025, 11, 26), "14:00", 120),
     "le 26/11/2025 est un mercredi : la barrette B-2NDE a lieu le mardi"),
    (EditSession(YEAR, "P2", "G-APPRO", date(2025, 11, 25), date(2025, 11, 11), "14:00", 120),
     "le 11/11/2025 n'est pas un jour de cours"),
    (EditSession(YEAR, "P2", "G-APPRO", date(2025, 11, 25), date(2025, 11, 25), "25:00", 120), "heure « 25:00 »"),
    (DeleteSession(YEAR, "P2", "G-APPRO", date(2025, 11, 26)), "aucune séance du 26/11/2025"),
    (EditSession(YEAR, "P2", "G-APPRO", date(2025, 11, 25), date(2025, 11, 25), "13:30", 120),
     "de 13:30 à 15:30 : hors du créneau de la barrette B-2NDE (14:00–16:00)"),
])
def test_impossible_corrections_are_refused_and_write_nothing(mini_school: Path, command: Command,
                                                              message: str) -> None:
    before = files(mini_school)
    with pytest.raises(EditRefused) as caught:
        apply_command(mini_school, command)
    assert message in caught.value.message
    assert files(mini_school) == before


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([date(2025, 11, 4) + timedelta(weeks=n) for n in (0, 2, 3, 4, 5, 6)]),
                min_size=1, max_size=4))
def test_sessions_stay_in_date_order_whatever_the_new_dates(tmp_path_factory: pytest.TempPathFactory,
                                                            new_days: list[date]) -> None:
    import shutil

    from conftest import MINI_SCHOOL

    root = tmp_path_factory.mktemp("school") / "s"
    shutil.copytree(MINI_SCHOOL, root)
    day = date(2025, 11, 4)
    for removed in (date(2025, 12, 2), date(2025, 12, 9)):
        apply_command(root, DeleteSession(YEAR, "P2", "G-APPRO", removed))
    for new_day in new_days:
        taken = {s["date"] for s in data(root, APPRO)["seances"]}
        command = EditSession(YEAR, "P2", "G-APPRO", day, new_day, "14:00", 120, "Séance 1")
        if new_day != day and new_day.isoformat() in taken:
            with pytest.raises(EditRefused):
                apply_command(root, command)
            continue
        apply_command(root, command)
        day = new_day
    sessions = data(root, APPRO)["seances"]
    days = [s["date"] for s in sessions]
    assert days == sorted(days) and len(days) == len(set(days)) == 4
    assert next(s for s in sessions if s["date"] == day.isoformat())["appel"]["e04"] == "present"
