"""« de » / « d' » before a name, and attendance statuses shown as French labels."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aptui import vocab as v
from aptui.french import of
from aptui.gitsync.conflict_labels import shown_value
from aptui.gitsync.conflicts import file_title
from aptui.gitsync.decisions import describe_decisions


@pytest.mark.parametrize(("name", "expected"), [
    ("Léa Martin", "de Léa Martin"),
    ("Inès Caron", "d'Inès Caron"),
    ("Éric Roux", "d'Éric Roux"),
    ("Océane Petit", "d'Océane Petit"),
    ("Yanis Bernier (e02)", "de Yanis Bernier (e02)"),
    ("Yasmine Diallo", "de Yasmine Diallo"),
    ("Yves Roux", "d'Yves Roux"),
    ("Hugo Lefèvre", "de Hugo Lefèvre"),
    ("Hélène Morel", "de Hélène Morel"),
    ("Y", "de Y"),
    ("", "de "),
])
def test_elision_only_before_a_vowel_sound(name: str, expected: str) -> None:
    assert of(name) == expected


@given(st.text(alphabet="bcdfgjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZhç", min_size=1), st.text(max_size=8))
def test_a_consonant_or_h_never_elides(first: str, rest: str) -> None:
    assert of(first + rest) == f"de {first}{rest}"


def test_a_student_file_title_uses_the_helper() -> None:
    names = {"e02": "Yanis Bernier (e02)", "e05": "Inès Caron (e05)"}.__getitem__
    assert file_title("students/e02.yaml", names) == "Fiche de Yanis Bernier (e02)"
    assert file_title("students/e05.yaml", names) == "Fiche d'Inès Caron (e05)"


@pytest.mark.parametrize(("status", "label"), sorted(v.ATTENDANCE_LABELS.items()))
def test_a_mark_reads_as_its_french_label(status: str, label: str) -> None:
    assert shown_value(f"{v.SESSIONS}/2025-12-09/{v.ATTENDANCE}/e07", status) == label
    assert shown_value(f"{v.SESSIONS}/2025-12-09/{v.ATTENDANCE}", {"e07": status}) == {"e07": label}
    session = {v.ACTIVITY: "absent", v.ATTENDANCE: {"e07": status}}  # only marks are translated
    assert shown_value(f"{v.SESSIONS}/2025-12-09", session) == {v.ACTIVITY: "absent", v.ATTENDANCE: {"e07": label}}
    assert shown_value(f"{v.SESSIONS}/2025-12-09/{v.NOTES}", status) == status
    assert shown_value(f"{v.INTERVIEWS}/2025-11-18@adurand/{v.ATTENDANCE}/x", status) == status


def test_the_merge_commit_records_decisions_in_labels() -> None:
    from aptui.gitsync.conflicts import ConflictRecord, Side

    key = f"{v.SESSIONS}/2026-04-07/{v.ATTENDANCE}/e09"
    item = {"key": key, "label": "appel du 07/04/2026 pour Baptiste André (e09)", "base": "present",
            "ours": "retard", "theirs": "absent"}
    record = ConflictRecord("x", "file", "t", ["p"], Side("local"), Side("distant"), [item])
    assert describe_decisions(record, {key: "ours"}) == ["appel du 07/04/2026 pour Baptiste André (e09) : En retard (local)"]
    assert describe_decisions(record, {key: "theirs"}) == ["appel du 07/04/2026 pour Baptiste André (e09) : Absent (reçu)"]
