"""`aptui report` for the new kinds: formats read back (csv, json), files, errors; the sample school and an
empty school (no crash, totals that agree with `aptui report budget`)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from import_support import cli
from report_school import write_report_school

from aptui.model.analysis import Analysis
from aptui.pipeline import load_school
from aptui.reports import formats
from aptui.reports.teacher_hours import teacher_hours

SAMPLE = Path(__file__).resolve().parents[1] / "sample_school"
KINDS = (("fiche", "a2"), ("bilan", "P1"), ("dispositif",), ("heures-eleves",), ("heures-enseignants",))


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report_school(tmp_path_factory.mktemp("cli") / "school")


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k[0])
@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "json"])
def test_every_kind_in_every_text_format(capsys: pytest.CaptureFixture[str], root: Path, kind: tuple[str, ...],
                                         fmt: str) -> None:
    code, out, err = cli(capsys, "report", *kind, str(root), "--format", fmt)
    assert code == 0, err
    assert out.strip()
    assert "PrenomA" not in err  # names stay out of standard error (logs)
    if fmt == "json":
        assert json.loads(out)["type"] == kind[0]


def test_csv_of_one_table_read_back(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    code, out, _ = cli(capsys, "report", "heures-enseignants", str(root), "--format", "csv", "--table", "1")
    assert code == 0
    lines = list(csv.reader(io.StringIO(out), delimiter=";"))
    assert lines[0] == ["Heures par enseignant — année 2025-2026"]
    assert lines[1][:5] == ["enseignant", "id", "groupes", "séances", "prévues (h)"]
    assert [(r[1], r[4], r[5], r[7]) for r in lines[2:]] == [
        ("t2", "10.0", "8.0", "10.0"), ("t3", "10.0", "8.0", "4.0"), ("t1", "10.0", "10.0", "6.0")]


def test_json_of_a_fiche_read_back(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    code, out, _ = cli(capsys, "report", "fiche", "--groupe", "G-D", str(root), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [s["titre"] for s in data["sections"]] == [
        "PrenomA2 NomA2 (a2)", "PrenomA3 NomA3 (a3)", "PrenomB2 NomB2 (b2)"]
    assert all(s["saut_de_page"] for s in data["sections"])
    hours = next(b for b in data["sections"][1]["blocs"] if b.get("titre") == "Heures et assiduité")
    assert hours["lignes"][-1][:4] == ["cycle", "total", 10.0, 6.0]


def test_output_file_format_from_its_suffix(capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path) -> None:
    target = tmp_path / "bilan.md"
    code, out, _ = cli(capsys, "report", "bilan", "P1", str(root), "-o", str(target))
    assert code == 0 and str(target) in out
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Bilan de la période P1") and "| PrenomB2 NomB2 (b2)" in text


def test_usage_errors(capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path) -> None:
    def error(*args: str) -> str:
        code, _, err = cli(capsys, "report", *args)
        assert code == 2
        return err

    assert "format « docx » inconnu" in error("dispositif", str(root), "--format", "docx")
    assert "pas de tableau n° 99" in error("dispositif", str(root), "--table", "99")
    assert "aucun élève ne correspond" in error("fiche", "zzz", str(root))
    assert "PrenomB" not in error("fiche", "prenomb", str(root))  # ambiguous: ids only on stderr
    assert "période « P9 » inconnue" in error("bilan", "P9", str(root))
    assert "division « 9Z » inconnue" in error("fiche", "--division", "9Z", str(root))
    assert "année « 2030-2031 » inconnue" in error("dispositif", "2030-2031", str(root))
    assert "n'existe pas" in error("fiche", "a1", str(root), "-o", str(tmp_path / "nope" / "f.txt"))
    formats.register("essai-pdf", lambda d: b"%PDF", binary=True)
    try:
        assert "s'écrit dans un fichier" in error("fiche", "a1", str(root), "--format", "essai-pdf")
        code, _, _ = cli(capsys, "report", "fiche", "a1", str(root), "--format", "essai-pdf",
                         "-o", str(tmp_path / "f.pdf"))
        assert code == 0 and (tmp_path / "f.pdf").read_bytes() == b"%PDF"
    finally:
        formats._FORMATS.pop("essai-pdf")  # noqa: SLF001


def test_the_old_tables_keep_their_output_and_gain_files(capsys: pytest.CaptureFixture[str], root: Path,
                                                         tmp_path: Path) -> None:
    code, out, _ = cli(capsys, "report", "budget", str(root), "--format", "json")
    assert code == 0 and json.loads(out)[0]["division"] == "1A"
    code, _, _ = cli(capsys, "report", "groups", str(root), "--period", "P2", "-o", str(tmp_path / "g.csv"))
    assert code == 0
    lines = list(csv.reader(io.StringIO((tmp_path / "g.csv").read_text(encoding="utf-8")), delimiter=";"))
    assert [r[1] for r in lines[2:]] == ["G-C", "G-D"]


def test_sample_school_totals_agree(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "report", "budget", str(SAMPLE), "--format", "json")
    assert code == 0
    budget = {r["division"]: r for r in json.loads(out)}
    code, out, _ = cli(capsys, "report", "dispositif", str(SAMPLE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    tables = {b["titre"]: b for s in data["sections"] for b in s["blocs"] if b["type"] == "tableau"}
    hours = tables[f"Budget horaire — {data['annee']}"]
    assert {row[0]: row[4] for row in hours["lignes"]} == {d: r["réalisé (h)"] for d, r in budget.items()}
    school = load_school(SAMPLE).school
    model = Analysis(school)
    year = school.latest_year()
    assert year is not None
    per_teacher = teacher_hours(model, year)
    for division in year.divisions:
        shared = sum(f.by_division.get(division, 0.0) for f in per_teacher.values())
        assert shared == pytest.approx(model.ledger.division_year(year.id, division))
    period = year.sorted_periods()[1].id
    for kind in (("fiche", "--division", sorted(year.divisions)[0]), ("bilan", period), ("heures-eleves",),
                 ("heures-enseignants",), ("dispositif", "2024-2025")):
        code, out, err = cli(capsys, "report", *kind, str(SAMPLE))
        assert code == 0, err
        assert "Lycée professionnel" in out


def test_an_empty_school(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "init", str(tmp_path / "vide"), "--no-git", "--year", "2025-2026")
    assert code == 0, err
    here = str(tmp_path / "vide")
    for kind in (("dispositif",), ("heures-eleves",), ("heures-enseignants",), ("fiche", "--division", "1A")):
        code, out, err = cli(capsys, "report", *kind, here)
        assert code in (0, 2), err
        assert "Traceback" not in err
    code, out, _ = cli(capsys, "report", "heures-eleves", here)
    assert code == 0 and "Aucun appel" in out


def test_student_hours_up_to_a_day(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    # up to Sunday 28/09: 4 school weeks for 1A (70 x 4/36 = 7.8 h), 3 for 1B (PFMP week out: 70 x 3/35 = 6 h);
    # a1 had G-A on 16/09 and 23/09, b1 only on 16/09 (in PFMP on 23/09)
    code, out, _ = cli(capsys, "report", "heures-eleves", str(root), "--au", "2025-09-28", "--format", "json")
    assert code == 0
    data = json.loads(out)
    table = next(b for s in data["sections"] for b in s["blocs"] if b.get("titre", "").startswith("Heures par élève"))
    lines = {row[0]: dict(zip(table["colonnes"], row)) for row in table["lignes"]}
    assert [lines["a1"][c] for c in ("semaines dues", "dues à ce jour (h)", "prévues (h)")] == ["4/36", 7.8, 4.0]
    assert [lines["b1"][c] for c in ("semaines dues", "dues à ce jour (h)", "prévues (h)")] == ["3/35", 6.0, 2.0]
    with pytest.raises(SystemExit) as stop:
        cli(capsys, "report", "heures-eleves", str(root), "--au", "28/09")
    assert stop.value.code == 2 and "écrivez AAAA-MM-JJ" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "french"), [
    (("report", "bilan"), "argument(s) obligatoire(s) manquant(s) : PÉRIODE"),
    (("report", "nope"), "choix invalide : 'nope' (choix possibles : 'budget'"),
    (("report", "budget", "--bogus"), "argument(s) non reconnu(s) : --bogus"),
    (("report", "fiche", "a1", "--table", "x"), "nombre entier invalide : 'x'"),
])
def test_usage_errors_of_the_parser_in_french(capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                                               french: str) -> None:
    with pytest.raises(SystemExit) as stop:
        cli(capsys, *args)
    assert stop.value.code == 2 and french in capsys.readouterr().err
