"""CSV imports: SIECLE's Latin-1 list by division, and any CSV with --map.

The fixture EXP_Liste_des_eleves_par_division.csv (ISO-8859-1, « ; », CRLF,
invented names) lists 14 students: 12 readable, Rayan Dumont without a
division (line 13) and Maëlys Côté born « 2010-13-01 » (line 14); Chloé
Lefèvre has a quoted option holding a « ; ».
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_support import CSV, XML, YEAR, cli, commits, files, new_school

from aptui.imports.mapped_csv import CsvLayout, parse_map, read_mapped_csv
from aptui.imports.siecle_csv import read_siecle_csv
from aptui.imports.text import decode, sniff_separator
from aptui.pipeline import load_school


def student(root: Path, ident: str) -> dict:
    return yaml.safe_load((root / f"students/{ident}.yaml").read_text(encoding="utf-8"))


def test_siecle_csv_in_latin1_keeps_accents_and_reports_its_bad_lines(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert CSV.read_bytes().count("é".encode("latin-1")) > 0  # really Latin-1 bytes, not UTF-8
    root = new_school(tmp_path)
    code, out, _ = cli(capsys, "import", "siecle", str(CSV), str(root))
    assert code == 0
    assert out.splitlines()[0] == ("Import SIECLE (CSV) 2025-2026 : 12 nouveaux élèves, 0 mis à jour, 0 sortis, "
                                   "0 inchangés, 2 lignes illisibles")
    assert "ligne 13 : Rayan Dumont : pas de division" in out
    assert "ligne 14 : Maëlys Côté : date de naissance « 2010-13-01 » n'est pas une date JJ/MM/AAAA" in out
    assert "Lu : encodage iso-8859-1" in out
    names = {(s["prenom"], s["nom"]) for s in (student(root, p.stem) for p in (root / "students").glob("*.yaml"))}
    assert {("Chloé", "Lefèvre"), ("Noé", "Étienne"), ("Éloïse", "Perrin"), ("Cécile", "Lambert")} <= names
    tle = yaml.safe_load((root / f"years/{YEAR}/divisions/TAGORA1.yaml").read_text(encoding="utf-8"))
    assert (tle["niveau"], tle["formation"]) == ("Tle", "AGORA")  # level from the MEF label « TLEPRO AGORA »
    assert load_school(root, use_cache=False).errors == []
    before, count = files(root), commits(root)
    assert cli(capsys, "import", "siecle", str(CSV), str(root))[0] == 0
    assert files(root) == before and commits(root) == count


def test_the_csv_after_the_xml_matches_by_name_and_birth_date(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    school = root / "school.yaml"
    school.write_text(school.read_text(encoding="utf-8") + "donnees_eleves:\n  naissance: true\n", encoding="utf-8")
    cli(capsys, "import", "siecle", str(XML), str(root))
    code, out, _ = cli(capsys, "import", "siecle", str(CSV), str(root))
    assert code == 0
    # XML: 11 students. The CSV adds Manon Roussel (her birth date is valid here) and Cécile Lambert (TAGORA1);
    # Inès Garnier-Roux (left in October) is not in the CSV of 2MELEC1: she already has her « sortie ».
    assert out.splitlines()[0].startswith("Import SIECLE (CSV) 2025-2026 : 2 nouveaux élèves, 0 mis à jour, 0 sortis, "
                                          "10 inchangés")
    assert "Absents" not in out


def test_mapped_csv_in_utf8_with_commas_is_detected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "pronote.csv"
    export.write_text("Élève,Prénom,Classe,Né le\nDURAND,Élise,2MELEC1,01/09/2010\nPETIT,Noah,2MELEC1,\n",
                      encoding="utf-8")
    root = new_school(tmp_path)
    code, out, _ = cli(capsys, "import", "csv", str(export), str(root),
                       "--map", "Élève=nom", "--map", "Prénom=prenom", "--map", "Classe=division", "--map", "Né le=naissance")
    assert code == 0, out
    assert "2 nouveaux élèves" in out.splitlines()[0] and "Lu : encodage utf-8, séparateur « , »" in out
    assert student(root, "e2025-001")["prenom"] == "Élise"


@pytest.mark.parametrize(("maps", "message"), [
    (["Nom=nom", "Prénom=prenom"], "il manque la colonne de : division"),
    (["Nom=nom", "Prénom=prenom", "Classe=classe"], "champ « classe » inconnu"),
    (["nom"], "écrivez COLONNE=champ"),
])
def test_bad_map_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], maps: list[str],
                                  message: str) -> None:
    export = tmp_path / "x.csv"
    export.write_text("Nom;Prénom;Classe\n", encoding="utf-8")
    args = [arg for m in maps for arg in ("--map", m)]
    code, _, err = cli(capsys, "import", "csv", str(export), str(new_school(tmp_path)), *args)
    assert code == 2 and message in err


def test_missing_column_says_which(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "x.csv"
    export.write_text("Nom;Prénom;Classe\nA;B;C\n", encoding="utf-8")
    code, _, err = cli(capsys, "import", "csv", str(export), str(new_school(tmp_path)),
                       "--map", "Nom=nom", "--map", "Prénom=prenom", "--map", "Division=division")
    assert code == 1 and "ligne de titres introuvable" in err


# Letters a French export holds: Latin-1 only (the file is written in ISO-8859-1).
_LETTERS = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéèêëàâäîïôöùûüçÿæ") + ["-", "'"])
_NAME = st.builds(lambda first, rest: first + rest, st.sampled_from(list("ABCDEFGHIJKLMNOPRSTVZÉÈÇ")),
                  st.text(_LETTERS, min_size=1, max_size=12)).filter(lambda n: n[-1] not in "-'")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_NAME, _NAME), min_size=1, max_size=8), st.sampled_from([";", ",", "\t"]))
def test_names_written_by_an_independent_csv_writer_read_back_equal(people: list[tuple[str, str]],
                                                                    separator: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(["NOM", "PRENOM", "DIV."])
    for last, first in people:
        writer.writerow([last, first, "2MELEC1"])
    raw = buffer.getvalue().encode("iso-8859-1")
    text, encoding = decode(raw)
    assert sniff_separator(text) == separator or len(people) < 2
    read = read_mapped_csv(raw, "x.csv", CsvLayout(parse_map(["NOM=nom", "PRENOM=prenom", "DIV.=division"]),
                                                    separator=separator))
    assert [(r.last_name, r.first_name) for r in read.rows] == people
    assert [r.line for r in read.rows] == list(range(2, len(people) + 2))
    if separator == ";":  # SIECLE's own reader: same names, its optional columns may be absent
        assert [(r.last_name, r.first_name) for r in read_siecle_csv(raw, "x.csv").rows] == people
