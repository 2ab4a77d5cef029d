"""`aptui import siecle` on SIECLE's XML export and its zip, in a real git repository.

The fixture ElevesSansAdresses.xml (ISO-8859-15, invented names) lists 13
students: 11 readable in three divisions (one with a DATE_SORTIE), one with
the impossible birth date 31/02/2010 (line 92), one without a division
(line 132).  Expected values below are read from the fixture by hand.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from import_support import XML, YEAR, cli, commits, files, git, last_message, new_school

from aptui.pipeline import load_school

STUDENTS_2MELEC1 = ["e2025-004", "e2025-005", "e2025-006", "e2025-007", "e2025-008"]  # Bernard..N'Diaye


def read_yaml(root: Path, rel: str) -> dict:
    return yaml.safe_load((root / rel).read_text(encoding="utf-8"))


def test_first_import_creates_students_and_divisions_in_one_commit(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    code, out, _ = cli(capsys, "import", "siecle", str(XML), str(root))
    assert code == 0, out
    first = out.splitlines()[0]
    assert first == ("Import SIECLE (XML) 2025-2026 : 11 nouveaux élèves, 0 mis à jour, 0 sortis, 0 inchangés, "
                     "2 lignes illisibles")
    assert "ligne 92 : Manon Roussel : DATE_NAISS « 31/02/2010 » n'est pas une date JJ/MM/AAAA" in out
    assert "ligne 132 : Rayan Dumont : aucune division" in out
    assert commits(root) == 2
    message = last_message(root)
    assert message.splitlines()[0] == first and "ligne 92" in message and "e2025-007 Léa Martin" in message
    divisions = {p.stem: read_yaml(root, f"years/{YEAR}/divisions/{p.name}")
                 for p in (root / "years" / YEAR / "divisions").glob("*.yaml")}
    assert {d: (data["niveau"], data["formation"], len(data["eleves"])) for d, data in divisions.items()} == {
        "1MELEC1": ("1re", "MELEC", 3), "2MELEC1": ("2nde", "MELEC", 5), "2MSPC1": ("2nde", "MSPC", 3)}
    assert divisions["2MELEC1"]["eleves"] == STUDENTS_2MELEC1
    lea = read_yaml(root, "students/e2025-007.yaml")
    assert lea == {"id": "e2025-007", "nom": "Martin", "prenom": "Léa", "divisions": {YEAR: "2MELEC1"}}
    ines = read_yaml(root, "students/e2025-005.yaml")
    assert (ines["nom"], str(ines["sortie"])) == ("Garnier-Roux", "2025-10-03")
    assert read_yaml(root, "students/e2025-008.yaml")["nom"] == "N'Diaye"
    assert "123456789" not in "".join(p.read_text(encoding="utf-8") for p in (root / "students").glob("*.yaml"))
    assert load_school(root, use_cache=False).diagnostics == []


def test_second_identical_import_changes_nothing_and_makes_no_commit(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    cli(capsys, "import", "siecle", str(XML), str(root))
    before, count = files(root), commits(root)
    code, out, _ = cli(capsys, "import", "siecle", str(XML), str(root))
    assert code == 0
    assert "0 nouveaux élèves, 0 mis à jour, 0 sortis, 11 inchangés, 2 lignes illisibles" in out.splitlines()[0]
    assert "Rien à changer" in out
    assert commits(root) == count
    assert files(root) == before


def test_the_zip_that_holds_the_export_imports_the_same(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "ExportXML_ElevesSansAdresses.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.writestr("ElevesSansAdresses.xml", XML.read_bytes())
    from_zip, from_xml = new_school(tmp_path, "z"), new_school(tmp_path, "x")
    assert cli(capsys, "import", "siecle", str(archive), str(from_zip))[0] == 0
    assert cli(capsys, "import", "siecle", str(XML), str(from_xml))[0] == 0
    assert files(from_zip) == files(from_xml)
    assert "ExportXML_ElevesSansAdresses.zip (ElevesSansAdresses.xml)" in last_message(from_zip)


def _changed_export() -> bytes:
    """The export a month later: Hugo Bernard moved to 2MSPC1, Jade Morel gone, a new student, a renamed one."""
    text = XML.read_bytes().decode("iso-8859-15")
    text = text.replace("<DATE_EXPORT>15/10/2025</DATE_EXPORT>", "<DATE_EXPORT>17/11/2025</DATE_EXPORT>")
    start = text.index('<ELEVE ELEVE_ID="100007"')
    text = text[:start] + text[text.index("</ELEVE>", start) + len("</ELEVE>"):]  # Jade Morel left
    holder = text.index('<STRUCTURES_ELEVE ELEVE_ID="100002">')
    end = text.index("</STRUCTURES_ELEVE>", holder)
    text = text[:holder] + text[holder:end].replace("2MELEC1", "2MSPC1") + text[end:]
    text = text.replace("<PRENOM>Zoé</PRENOM>", "<PRENOM>Zoé-Lou</PRENOM>")  # a corrected first name
    new = ('      <ELEVE ELEVE_ID="100014" ELENOET="1014">\n        <ID_NATIONAL>123456789AP</ID_NATIONAL>\n'
           "        <NOM_DE_FAMILLE>ROCHE</NOM_DE_FAMILLE>\n        <PRENOM>Enzo</PRENOM>\n"
           "        <DATE_NAISS>02/02/2010</DATE_NAISS>\n      </ELEVE>\n    </ELEVES>")
    text = text.replace("    </ELEVES>", new, 1)
    structure = ('      <STRUCTURES_ELEVE ELEVE_ID="100014">\n        <STRUCTURE>\n'
                 "          <CODE_STRUCTURE>2MELEC1</CODE_STRUCTURE>\n          <TYPE_STRUCTURE>D</TYPE_STRUCTURE>\n"
                 "        </STRUCTURE>\n      </STRUCTURES_ELEVE>\n    </STRUCTURES>")
    return text.replace("    </STRUCTURES>", structure, 1).encode("iso-8859-15")


def test_reimport_after_changes_updates_and_marks_left_but_keeps_the_follow_up(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    school = root / "school.yaml"
    school.write_text(school.read_text(encoding="utf-8") + "donnees_eleves:\n  ine: true\n", encoding="utf-8")
    cli(capsys, "import", "siecle", str(XML), str(root))  # INE kept: a corrected first name is still recognised
    # The team's own work on two students, which no import may touch.
    assert cli(capsys, "eleve", "ajouter-besoin", "e2025-004", "aide-methodologique", "--detail", "Agenda",
               "-C", str(root))[0] == 0
    assert cli(capsys, "eleve", "modifier", "e2025-002", "--profil", "contents", "-C", str(root))[0] == 0
    hugo_before = (root / "students/e2025-004.yaml").read_text(encoding="utf-8")
    later = tmp_path / "ElevesSansAdresses.xml"
    later.write_bytes(_changed_export())
    count = commits(root)
    code, out, _ = cli(capsys, "import", "siecle", str(later), str(root), "--yes")
    assert code == 0, out
    assert out.splitlines()[0] == ("Import SIECLE (XML) 2025-2026 : 1 nouvel élève, 2 mis à jour, 1 sorti, "
                                   "8 inchangés, 2 lignes illisibles")
    assert "e2025-004 Hugo Bernard : division 2MELEC1 → 2MSPC1" in out
    assert "e2025-002 Zoé Chevalier : prénom Zoé → Zoé-Lou" in out
    assert "e2025-011 Jade Morel : absent de l'export : sortie le 17/11/2025" in out
    assert "e2025-012 Enzo Roche : → 2MELEC1" in out
    assert commits(root) == count + 1
    hugo = read_yaml(root, "students/e2025-004.yaml")
    assert hugo["besoins"] == [{"type": "aide-methodologique", "detail": "Agenda"}]
    assert hugo["divisions"] == {YEAR: "2MSPC1"}
    removed = set(hugo_before.splitlines()) - set((root / "students/e2025-004.yaml").read_text().splitlines())
    assert removed == {"  2025-2026: 2MELEC1"}
    zoe = read_yaml(root, "students/e2025-002.yaml")
    assert (zoe["prenom"], zoe["profils"]) == ("Zoé-Lou", {YEAR: "contents"})
    assert str(read_yaml(root, "students/e2025-011.yaml")["sortie"]) == "2025-11-17"
    melec = read_yaml(root, f"years/{YEAR}/divisions/2MELEC1.yaml")["eleves"]
    assert "e2025-004" not in melec and "e2025-012" in melec
    assert "e2025-004" in read_yaml(root, f"years/{YEAR}/divisions/2MSPC1.yaml")["eleves"]
    assert load_school(root, use_cache=False).errors == []
    before = files(root)
    assert cli(capsys, "import", "siecle", str(later), str(root), "--yes")[0] == 0
    assert files(root) == before and commits(root) == count + 1  # idempotent after changes too


def test_without_ine_a_renamed_student_shows_as_new_and_absent_never_merged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    cli(capsys, "import", "siecle", str(XML), str(root))
    later = tmp_path / "later.xml"
    later.write_bytes(_changed_export())
    code, out, _ = cli(capsys, "import", "siecle", str(later), str(root), "--yes")
    assert code == 0
    assert out.splitlines()[0] == ("Import SIECLE (XML) 2025-2026 : 2 nouveaux élèves, 1 mis à jour, 2 sortis, "
                                   "8 inchangés, 2 lignes illisibles")
    assert "e2025-012 Zoé-Lou Chevalier : → 1MELEC1" in out  # ids by division: 1MELEC1 first
    assert "e2025-002 Zoé Chevalier : absent de l'export" in out


def test_absent_students_are_not_marked_without_confirmation(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    cli(capsys, "import", "siecle", str(XML), str(root))
    later = tmp_path / "later.xml"
    later.write_bytes(_changed_export())
    code, out, _ = cli(capsys, "import", "siecle", str(later), str(root))  # stdin is not a terminal: no one answers
    assert code == 0
    assert "Absents de l'export, NON marqués sortis" in out and "1 sorti" not in out.splitlines()[0]
    assert "sortie" not in read_yaml(root, "students/e2025-011.yaml")


def test_ine_and_birth_date_are_kept_only_when_the_school_says_so(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    school = root / "school.yaml"
    plain = school.read_text(encoding="utf-8")
    school.write_text(plain + "donnees_eleves:\n  ine: true\n  naissance: true\n", encoding="utf-8")
    cli(capsys, "import", "siecle", str(XML), str(root))
    lea = read_yaml(root, "students/e2025-007.yaml")
    assert (lea["ine"], str(lea["naissance"])) == ("123456789AA", "2010-03-12")
    assert load_school(root, use_cache=False).diagnostics == []
    school.write_text(plain, encoding="utf-8")  # the school changes its mind: the next import forgets them
    code, out, _ = cli(capsys, "import", "siecle", str(XML), str(root))
    assert code == 0 and "11 mis à jour" in out.splitlines()[0]
    assert {"ine", "naissance"}.isdisjoint(read_yaml(root, "students/e2025-007.yaml"))


def test_dry_run_prints_the_summary_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    before = files(root)
    code, out, _ = cli(capsys, "import", "siecle", str(XML), str(root), "--dry-run")
    assert code == 0 and out.startswith("Import SIECLE (XML) 2025-2026 : 11 nouveaux élèves")
    assert files(root) == before and commits(root) == 1


@pytest.mark.parametrize(("content", "message"), [
    (b"<BEE_ELEVES><DONNEES><ELEVES><ELEVE>", "XML illisible"),
    (b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', "XML refusé"),
    (b"<autre/>", "pas de DONNEES/ELEVES"),
    (b"PK\x03\x04 not really a zip", "archive zip illisible"),
])
def test_a_file_that_is_no_export_is_refused_with_nothing_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str) -> None:
    root = new_school(tmp_path)
    bad = tmp_path / "export.xml"
    bad.write_bytes(content)
    before = files(root)
    code, out, err = cli(capsys, "import", "siecle", str(bad), str(root))
    assert code == 1 and message in err and "Traceback" not in err
    assert files(root) == before


def test_unreadable_rows_are_reported_and_the_others_imported(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    text = XML.read_bytes().decode("iso-8859-15")
    text = text.replace("<ID_NATIONAL>123456789AB</ID_NATIONAL>", "<ID_NATIONAL>12-34</ID_NATIONAL>")  # Hugo
    text = text.replace("<ID_NATIONAL>123456789AD</ID_NATIONAL>", "<ID_NATIONAL>123456789AC</ID_NATIONAL>")  # Moussa
    text = text.replace("<NOM_DE_FAMILLE>FAURE</NOM_DE_FAMILLE>", "<NOM_DE_FAMILLE></NOM_DE_FAMILLE>")
    export = tmp_path / "ElevesSansAdresses.xml"
    export.write_bytes(text.encode("iso-8859-15"))
    root = new_school(tmp_path)
    code, out, _ = cli(capsys, "import", "siecle", str(export), str(root))
    assert code == 0
    lines = [line.strip() for line in out.splitlines() if line.strip().startswith("ligne ")]  # <ELEVE> lines
    assert lines == [
        "ligne 21 : Hugo Bernard : INE « 12-34 » invalide (11 chiffres ou lettres)",
        "ligne 41 : Moussa N'Diaye : INE 123456789AC déjà vu ligne 31",
        "ligne 62 : élève sans nom ou sans prénom",
        "ligne 92 : Manon Roussel : DATE_NAISS « 31/02/2010 » n'est pas une date JJ/MM/AAAA",
        "ligne 132 : Rayan Dumont : aucune division (TYPE_STRUCTURE « D ») dans STRUCTURES",
    ]
    assert out.splitlines()[0].startswith("Import SIECLE (XML) 2025-2026 : 8 nouveaux élèves")
    assert len(list((root / "students").glob("*.yaml"))) == 8


def test_zip_without_the_export_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as handle:
        handle.writestr("a.xml", "<a/>")
        handle.writestr("b.xml", "<b/>")
    archive = tmp_path / "export.zip"
    archive.write_bytes(buffer.getvalue())
    code, _, err = cli(capsys, "import", "siecle", str(archive), str(new_school(tmp_path)))
    assert code == 1 and "ElevesSansAdresses.xml introuvable dans l'archive (a.xml, b.xml)" in err


def test_a_student_the_export_says_left_is_taken_out_of_later_groups(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from aptui.edit import CreateGroup, apply_command

    root = new_school(tmp_path)
    cli(capsys, "import", "siecle", str(XML), str(root))
    cli(capsys, "barrette", "creer", "B-2NDE", "--jour", "mardi", "--debut", "14:00", "--duree", "120",
        "--divisions", "2MELEC1,2MSPC1", "-C", str(root))
    apply_command(root, CreateGroup(YEAR, "P2", "G-METHODO", "Méthodo", "aide-methodologique", "B-2NDE", ("adurand",),
                                    ("e2025-006", "e2025-007")))  # P2 starts 03/11/2025
    git(root, "add", "-A")  # committed, as the app commits each edit (an import never sweeps it in otherwise)
    git(root, "commit", "-q", "--no-verify", "-m", "Groupe Méthodo")
    later = tmp_path / "ElevesSansAdresses.xml"
    later.write_bytes(XML.read_bytes().replace(
        b"<PRENOM>L\xe9a</PRENOM>", b"<PRENOM>L\xe9a</PRENOM>\n        <DATE_SORTIE>24/10/2025</DATE_SORTIE>"))
    code, out, _ = cli(capsys, "import", "siecle", str(later), str(root))
    assert code == 0
    assert "e2025-007 Léa Martin : sortie le 24/10/2025, retiré(e) de G-METHODO (P2)" in out
    group = read_yaml(root, f"years/{YEAR}/groups/P2/G-METHODO.yaml")
    assert group["eleves"] == ["e2025-006"]
    assert "retiré(e) de G-METHODO (P2)" in last_message(root)
