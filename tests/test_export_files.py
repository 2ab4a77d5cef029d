"""`aptui export groupes|appel` on the small school of test_hours_by_hand (a dated move, a student who
left, co-animation), read back row by row with the csv module and an XML reader of XLSX/ODS.

2025-2026, P1 from 15/09 to 17/10, barrette B on Tuesdays 14:00-16:00:
  G-A (t1 Un Tom + t2 Deux Ana): s1 (TA), s5 (TB), and s2 (TA) from 30/09 (arrival from G-B)
  G-B (t2):                      s3, s4 (TA, left 07/10), s6 (TB), and s2 until 29/09
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_reader import read_ods, read_xlsx
from test_hours_by_hand import write_school

from aptui.cli.main import main
from aptui.exports.sheets import csv_text
from aptui.reports.tables import Table

SLOT = ["B", "mardi", "14:00", "16:00", "120"]
GA = ["G-A", "Groupe", "Aide méthodologique", *SLOT, "Un Tom, Deux Ana"]
GB = ["G-B", "Groupe", "Aide méthodologique", *SLOT, "Deux Ana"]
EXPECTED_GROUPS = [
    GA + ["TA", "s1", "Noms1", "Prenoms1", "2025-09-15", "2025-10-17", "P1"],
    GA + ["TA", "s2", "Noms2", "Prenoms2", "2025-09-30", "2025-10-17", "P1"],
    GA + ["TB", "s5", "Noms5", "Prenoms5", "2025-09-15", "2025-10-17", "P1"],
    GB + ["TA", "s2", "Noms2", "Prenoms2", "2025-09-15", "2025-09-29", "P1"],
    GB + ["TA", "s3", "Noms3", "Prenoms3", "2025-09-15", "2025-10-17", "P1"],
    GB + ["TA", "s4", "Noms4", "Prenoms4", "2025-09-15", "2025-10-07", "P1"],
    GB + ["TB", "s6", "Noms6", "Prenoms6", "2025-09-15", "2025-10-17", "P1"],
]
HEADER = ["GROUPE", "LIBELLE_GROUPE", "TYPE_CONTENU", "BARRETTE", "JOUR", "HEURE_DEBUT", "HEURE_FIN", "DUREE_MIN",
          "PROFESSEURS", "DIVISION", "ID_ELEVE", "NOM", "PRENOM", "DATE_DEBUT", "DATE_FIN", "PERIODE"]


@pytest.fixture
def school(tmp_path: Path) -> Path:
    return write_school(tmp_path / "school", "2009")


def run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, str]:
    code = main(list(argv))
    out = capsysbinary.readouterr()
    return code, out.out, out.err.decode("utf-8")


def test_groupes_csv_to_stdout_one_row_per_student_and_stay(school: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, _ = run(capsysbinary, "export", "groupes", "P1", str(school))
    assert code == 0
    text = out.decode("utf-8")
    assert not text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == HEADER
    assert rows[1:] == EXPECTED_GROUPS


def test_groupes_csv_with_bom_and_commas(school: Path, capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path) -> None:
    target = tmp_path / "groupes.csv"
    code, out, _ = run(capsysbinary, "export", "groupes", "P1", str(school), "--bom", "--separateur", ",", "-o", str(target))
    assert code == 0 and "7 ligne(s)" in out.decode()
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=","))
    assert rows[1:] == EXPECTED_GROUPS


def test_groupes_xlsx_and_ods_read_back_with_numbers_as_numbers(school: Path, capsysbinary: pytest.CaptureFixture[bytes],
                                                                tmp_path: Path) -> None:
    def typed(row: list[str]) -> list[object]:
        out: list[object] = [*row]
        out[7] = 120.0
        out[13], out[14] = ("date", row[13]), ("date", row[14])
        return out

    for fmt, reader in (("xlsx", read_xlsx), ("ods", read_ods)):
        target = tmp_path / f"groupes.{fmt}"
        code, _, _ = run(capsysbinary, "export", "groupes", "P1", str(school), "-o", str(target))
        assert code == 0
        sheets = reader(target)
        assert list(sheets) == ["Groupes — 2025-2026, période P1"]
        rows = next(iter(sheets.values()))
        assert rows[0] == HEADER
        assert rows[1:] == [typed(r) for r in EXPECTED_GROUPS], fmt


def test_binary_formats_need_a_file(school: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    for fmt in ("xlsx", "ods"):
        code, out, err = run(capsysbinary, "export", "groupes", "P1", str(school), "--format", fmt)
        assert code == 2 and out == b""
        assert "binaire" in err and "-o FICHIER" in err and "Traceback" not in err


def test_usage_errors_in_french(school: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, _, err = run(capsysbinary, "export", "groupes", str(school))
    assert code == 2 and "précisez la période" in err
    code, _, err = run(capsysbinary, "export", "groupes", "P9", str(school))
    assert code == 2 and "période « P9 » inconnue en 2025-2026 (périodes : P1)" in err
    code, _, err = run(capsysbinary, "export", "appel", str(school), "--periode", "P7")
    assert code == 2 and "période « P7 » inconnue" in err
    code, _, err = run(capsysbinary, "export", "groupes", "P1", str(school), "--anonymize")
    assert code == 2 and "ne s'appliquent pas" in err


def test_earlier_year_and_the_old_export_still_works(school: Path, capsysbinary: pytest.CaptureFixture[bytes],
                                                      tmp_path: Path) -> None:
    code, out, _ = run(capsysbinary, "export", "groupes", "P1", str(school), "--annee", "2024-2025")
    rows = list(csv.reader(io.StringIO(out.decode()), delimiter=";"))
    assert code == 0 and [(r[0], r[9], r[10], r[13], r[14]) for r in rows[1:]] == [
        ("G-1", "1A", s, "2024-09-16", "2024-10-18") for s in ("s1", "s2", "s3")]
    assert rows[1][8] == "Un Tom, Deux Ana"
    dest = tmp_path / "anon"
    code, _, _ = run(capsysbinary, "export", "--anonymize", str(dest), str(school), "--seed", "x")
    assert code == 0 and (dest / "school.yaml").is_file()


# DATE, JOUR, HEURE_DEBUT, DUREE_MIN, PERIODE, GROUPE, LIBELLE_GROUPE, PROFESSEURS, DIVISION, ID, NOM, PRENOM,
# STATUT, LIBELLE_STATUT, HEURES_SUIVIES: the marks of MARKS_A / MARKS_B, by date, group, then name
def mark(day: str, group: str, student: str, status: str, division: str = "TA") -> list[str]:
    labels = {"present": "Présent", "absent": "Absent", "excuse": "Excusé", "retard": "En retard"}
    teachers = "Un Tom, Deux Ana" if group == "G-A" else "Deux Ana"
    hours = "2" if status in ("present", "retard") else "0"
    return [day, "mardi", "14:00", "120", "P1", group, "Groupe", teachers, division, student, f"Nom{student}",
            f"Prenom{student}", status, labels[status], hours]


EXPECTED_P1_0930 = [
    mark("2025-09-30", "G-A", "s1", "absent"), mark("2025-09-30", "G-A", "s2", "present"),
    mark("2025-09-30", "G-A", "s5", "present", "TB"),
    mark("2025-09-30", "G-B", "s3", "absent"), mark("2025-09-30", "G-B", "s4", "present"),
    mark("2025-09-30", "G-B", "s6", "present", "TB"),
]


def test_appel_marks_per_session(school: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, _ = run(capsysbinary, "export", "appel", str(school), "--periode", "P1")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out.decode()), delimiter=";"))
    assert rows[0][:4] == ["DATE", "JOUR", "HEURE_DEBUT", "DUREE_MIN"]
    # 5 sessions x (G-A: 2, 2, 3, 3, 3 marks) + (G-B: 4, 4, 3, 3, 2)
    assert len(rows) - 1 == 13 + 16
    assert [r for r in rows[1:] if r[0] == "2025-09-30"] == EXPECTED_P1_0930
    late = [r for r in rows[1:] if r[12] == "retard"]
    assert late == [mark("2025-09-23", "G-A", "s5", "retard", "TB")]
    excused = [r for r in rows[1:] if r[12] == "excuse"]
    assert excused == [mark("2025-10-07", "G-A", "s2", "excuse")]


def test_appel_whole_year_as_ods(school: Path, capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path) -> None:
    target = tmp_path / "appel.ods"
    code, _, _ = run(capsysbinary, "export", "appel", str(school), "-o", str(target))
    assert code == 0
    rows = next(iter(read_ods(target).values()))
    assert len(rows) - 1 == 29
    first = rows[1]
    assert first[0] == ("date", "2025-09-16") and first[3] == 120.0 and first[14] == 2.0
    # present or late: G-A 1 + 2 + 2 + 2 + 3, G-B 3 + 2 + 2 + 2 + 2 = 21 marks of 2 h
    assert sum(r[14] for r in rows[1:]) == 2.0 * 21


def test_csv_text_is_safe_for_spreadsheets_and_french_decimals() -> None:
    table = Table("t", ("a", "b", "c"), (("=HYPERLINK(\"x\")", 1.5, -3), ("+1", "-2.5", "@x")))
    rows = list(csv.reader(io.StringIO(csv_text(table)), delimiter=";"))
    assert rows[1] == ["'=HYPERLINK(\"x\")", "1,5", "-3"]
    assert rows[2] == ["+1", "-2.5", "'@x"]
    assert list(csv.reader(io.StringIO(csv_text(table, ",")), delimiter=","))[1][1] == "1.5"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arrival=st.integers(1, 32), left=st.integers(0, 32))
def test_stays_split_the_period_at_the_arrival_and_end_at_the_departure(arrival: int, left: int) -> None:
    """s2 moves from G-B to G-A on any day of P1 (16/09..17/10), s4 leaves on any day (15/09..17/10)."""
    import tempfile
    from datetime import date, timedelta

    from aptui.exports.groupes import groups_table
    from aptui.model.analysis import Analysis
    from aptui.pipeline import load_school

    start, end = date(2025, 9, 15), date(2025, 10, 17)
    moved, gone = start + timedelta(days=arrival), start + timedelta(days=left)
    with tempfile.TemporaryDirectory() as work:
        root = write_school(Path(work) / "school", "2009")
        group_a = root / "years/2025-2026/groups/P1/G-A.yaml"
        group_a.write_text(group_a.read_text(encoding="utf-8").replace("2025-09-30", moved.isoformat()),
                           encoding="utf-8")
        s4 = root / "students/s4.yaml"
        s4.write_text(s4.read_text(encoding="utf-8").replace("2025-10-07", gone.isoformat()), encoding="utf-8")
        analysis = Analysis(load_school(root, use_cache=False).school)
        rows = groups_table(analysis, analysis.school.years["2025-2026"], "P1").rows
    stays = {(r[0], r[10]): (r[13], r[14]) for r in rows}
    assert stays[("G-B", "s2")] == (start.isoformat(), (moved - timedelta(days=1)).isoformat())
    assert stays[("G-A", "s2")] == (moved.isoformat(), end.isoformat())
    assert stays[("G-B", "s4")] == (start.isoformat(), gone.isoformat())
    assert stays[("G-A", "s1")] == (start.isoformat(), end.isoformat())
