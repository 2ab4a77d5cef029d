"""Session commands: new sessions in date order, in-place updates, one attendance mark."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from edit_support import SESSIONS_P2, YEAR, apply_and_diff, errors, files

from aptui.edit import Command, EditRefused, RecordSession, SetAttendance, apply_command
from aptui.load.yamlread import parse_yaml

APPRO = f"{SESSIONS_P2}/G-APPRO.yaml"
MARKS = {"e08": "present", "e01": "present", "e02": "absent", "e05": "retard"}


def sessions(root: Path) -> list[dict]:
    return parse_yaml((root / APPRO).read_text()).data["seances"]


def test_new_session_is_inserted_in_date_order(mini_school: Path) -> None:
    command = RecordSession(YEAR, "P2", "G-APPRO", date(2025, 11, 10), "14:00", 120, "Exposés", "no", MARKS)
    applied, diffs = apply_and_diff(mini_school, command)
    block = [
        "  - date: 2025-11-10", '    debut: "14:00"', "    duree_min: 120", "    activite: Exposés",
        '    notes: "no"', "    appel:", "      e01: present", "      e02: absent", "      e05: retard",
        "      e08: present",
    ]
    removed, added = diffs[APPRO]
    assert list(diffs) == [APPRO] and removed == [] and sorted(added) == sorted(block)  # difflib may align it
    assert "\n".join(["      e08: present", *block, "  - date: 2025-11-18"]) in (mini_school / APPRO).read_text()
    assert [s["date"] for s in sessions(mini_school)][:3] == ["2025-11-04", "2025-11-10", "2025-11-18"]
    assert applied.description == ("P2 : séance du 10/11/2025, groupe « Approfondissement » "
                                   "(appel : 2 présents, 1 absent, 1 en retard)")
    assert parse_yaml((mini_school / APPRO).read_text()).notes == []


def test_recording_an_existing_day_updates_only_the_changed_lines(mini_school: Path) -> None:
    marks = {"e01": "present", "e02": "excuse", "e05": "present"}
    command = RecordSession(YEAR, "P2", "G-APPRO", date(2025, 11, 18), "14:00", 120, "Séance 2", "Calme", marks)
    applied, diffs = apply_and_diff(mini_school, command)
    assert diffs == {APPRO: (["      e02: present", "      e08: present"],
                             ["    notes: Calme", "      e02: excuse"])}
    assert applied.description.startswith("P2 : mise à jour de la séance du 18/11/2025")


def test_recording_the_same_session_again_changes_nothing(mini_school: Path) -> None:
    marks = {"e01": "present", "e02": "present", "e05": "present", "e08": "present"}
    before = files(mini_school)
    command = RecordSession(YEAR, "P2", "G-APPRO", date(2025, 11, 18), "14:00", 120, "Séance 2", "", marks)
    assert apply_command(mini_school, command).changes == ()
    assert files(mini_school) == before


def test_sessions_file_is_created_with_its_schema_header(mini_school: Path) -> None:
    (mini_school / APPRO).unlink()
    command = RecordSession(YEAR, "P2", "G-APPRO", date(2025, 11, 4), "14:00", 120, "", "", {"e01": "present"})
    apply_command(mini_school, command)
    assert (mini_school / APPRO).read_text() == (
        "# yaml-language-server: $schema=../../../../schema/sessions.schema.json\n"
        "seances:\n  - date: 2025-11-04\n    debut: \"14:00\"\n    duree_min: 120\n    appel:\n      e01: present\n"
    )


def test_one_attendance_mark_is_one_line(mini_school: Path) -> None:
    applied, diffs = apply_and_diff(mini_school, SetAttendance(YEAR, "P2", "G-APPRO", date(2025, 11, 25), "e05",
                                                               "excuse"))
    assert diffs == {APPRO: (["      e05: absent"], ["      e05: excuse"])}
    assert applied.description == ("P2 : appel du 25/11/2025, groupe « Approfondissement » : "
                                   "Lina Eymard (e05), excusé")
    assert errors(mini_school) == []


@pytest.mark.parametrize(("command", "message"), [
    (RecordSession(YEAR, "P2", "G-APPRO", date(2025, 11, 4), "14h", 120), "heure « 14h » invalide"),
    (RecordSession(YEAR, "P2", "G-APPRO", date(2025, 11, 4), "14:00", 5), "durée « 5 » invalide"),
    (RecordSession(YEAR, "P2", "G-APPRO", date(2025, 11, 4), "14:00", 120, "", "", {"e01": "malade"}),
     "statut d'appel « malade » : valeur inconnue"),
    (RecordSession(YEAR, "P2", "G-NOPE", date(2025, 11, 4), "14:00", 120), "groupe inconnu"),
    (SetAttendance(YEAR, "P2", "G-APPRO", date(2025, 11, 5), "e01", "absent"), "aucune séance du 05/11/2025"),
])
def test_invalid_sessions_are_refused(mini_school: Path, command: Command, message: str) -> None:
    before = files(mini_school)
    with pytest.raises(EditRefused) as caught:
        apply_command(mini_school, command)
    assert message in caught.value.message
    assert files(mini_school) == before


def test_multi_line_notes_are_a_readable_block(mini_school: Path) -> None:
    notes = "Travail en binômes.\nÀ revoir : les fractions."
    apply_command(mini_school, RecordSession(YEAR, "P2", "G-APPRO", date(2025, 12, 16), "14:00", 120, "Séance 6",
                                             notes, {"e01": "present"}))
    text = (mini_school / APPRO).read_text()
    assert "    notes: |\n      Travail en binômes.\n      À revoir : les fractions.\n    appel:\n" in text
    assert sessions(mini_school)[-1]["notes"] == notes + "\n"
