"""`aptui export --anonymize` (a valid copy with nobody in it) and `aptui export --student` (right of access).

The originals' names, ids and notes are collected with an independent reader
(PyYAML), then looked for in every file and file name of the output.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SAMPLE_SCHOOL
from hypothesis import given, settings
from hypothesis import strategies as st

from aptui.load.source import parse_source
from aptui.privacy import anonymize_school
from aptui.privacy.yamlout import dump

NOTE_KEYS = {"notes", "commentaire", "motif", "detail", "resultat", "libelle", "projet_poursuite"}
"""Free texts about a person (docs/privacy.md); ``motif`` of a closure (fermetures) is the school's."""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aptui", *args], capture_output=True, text=True)


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def texts_under(value: Any, keys: set[str], skip: tuple[str, ...] = ()) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in skip:
                continue
            if key in keys and isinstance(item, str):
                yield item
            elif key == "motifs" and isinstance(item, dict):
                yield from (text for text in item.values() if isinstance(text, str))
            else:
                yield from texts_under(item, keys, skip)
    elif isinstance(value, list):
        for item in value:
            yield from texts_under(item, keys, skip)


def originals(school: Path) -> tuple[set[str], set[str], set[str]]:
    """(names, ids, notes) of the school's people, read by PyYAML."""
    names, ids, notes = set(), set(), set()
    for path in (school / "students").glob("*.yaml"):
        data = load(path)
        names |= {data["nom"], data["prenom"]}
        ids.add(data["id"])
        notes |= set(texts_under(data, NOTE_KEYS))
    for teacher in load(school / "staff.yaml")["enseignants"]:
        names |= {teacher["nom"], teacher["prenom"]}
        ids.add(teacher["id"])
    labels = set()
    for path in (school / "years").rglob("*.yaml"):
        data = load(path)
        # a bilan's « resultat » is a value of a list (atteint, partiel...), not a text
        # closures, openings and PFMP spans describe the organisation, not a student
        notes |= set(texts_under(data, NOTE_KEYS - {"resultat"}, skip=("fermetures", "ouvertures", "pfmp")))
        labels |= set(texts_under(data, {"titre", "activite"}))
    notes.discard("")
    # texts that describe the organisation are kept: a note that is also one of them proves no leak
    return names, ids, {note for note in notes if not any(note in label for label in labels)}


def output_text(dest: Path) -> tuple[str, str]:
    files = sorted(p for p in dest.rglob("*") if p.is_file())
    return "\n".join(p.read_text(encoding="utf-8") for p in files), "\n".join(
        p.relative_to(dest).as_posix() for p in dest.rglob("*"))


def word(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(text) + r"(?![\w-])")


@pytest.fixture(scope="module")
def anonymous_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("anon") / "ecole"
    proc = run_cli("export", "--anonymize", str(dest), str(SAMPLE_SCHOOL), "--seed", "graine")
    assert proc.returncode == 0, proc.stderr
    assert "Copie anonymisée écrite" in proc.stdout
    return dest


def test_the_anonymised_sample_is_valid(anonymous_sample: Path) -> None:
    proc = run_cli("validate", str(anonymous_sample), "--no-cache")
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "543 fichiers vérifiés : aucun problème." in proc.stderr


def test_no_name_id_or_note_of_the_sample_survives_anywhere(anonymous_sample: Path) -> None:
    names, ids, notes = originals(SAMPLE_SCHOOL)
    assert len(names) > 100 and len(ids) > 300 and len(notes) > 200  # the sample has plenty of each
    contents, file_names = output_text(anonymous_sample)
    tokens = set(re.findall(r"[\w-]+", contents + "\n" + file_names))

    def found(name: str) -> bool:
        if re.fullmatch(r"[\w-]+", name):
            return name in tokens
        return bool(word(name).search(contents) or word(name).search(file_names))

    assert sorted(n for n in names | ids if found(n)) == []
    assert sorted(note for note in notes if note in contents) == []
    sample_school = load(SAMPLE_SCHOOL / "school.yaml")
    assert sample_school["nom"] not in contents and sample_school["uai"] not in contents


def test_the_copy_keeps_the_organisation_and_the_hours(anonymous_sample: Path) -> None:
    def budget(school: Path) -> list[dict[str, Any]]:
        proc = run_cli("report", "budget", str(school), "--format", "json")
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    assert budget(anonymous_sample) == budget(SAMPLE_SCHOOL)
    original_marks = sorted(mark for path in (SAMPLE_SCHOOL / "years").rglob("sessions/*/*.yaml")
                            for session in load(path)["seances"] for mark in (session.get("appel") or {}).values())
    copied_marks = sorted(mark for path in (anonymous_sample / "years").rglob("sessions/*/*.yaml")
                          for session in load(path)["seances"] for mark in (session.get("appel") or {}).values())
    assert copied_marks == original_marks


def test_same_seed_same_pseudonyms_other_seed_others(tmp_path: Path, mini_school: Path) -> None:
    first = anonymize_school(mini_school, tmp_path / "a", seed="s1")
    again = anonymize_school(mini_school, tmp_path / "b", seed="s1")
    other = anonymize_school(mini_school, tmp_path / "c", seed="s2")
    assert first == again and set(first.values()).isdisjoint(other.values())
    assert output_text(tmp_path / "a") == output_text(tmp_path / "b")
    assert first["e01"].startswith("anon-") and first["adurand"].startswith("ens-")


def test_fields_aptui_does_not_know_and_comments_never_reach_the_copy(tmp_path: Path, mini_school: Path) -> None:
    student = mini_school / "students/e04.yaml"
    student.write_text(student.read_text(encoding="utf-8")
                       + "ine: 070123456AB\nnaissance: 2009-03-04\n# Hugo vit chez sa grand-mère\n",
                       encoding="utf-8")
    group = mini_school / "years/2025-2026/groups/P2/G-METHODO.yaml"
    group.write_text(group.read_text(encoding="utf-8").replace("  - e04\n", "  - e04  # Hugo Dumas, suivi MDPH\n"),
                     encoding="utf-8")
    anonymize_school(mini_school, tmp_path / "out", seed="x")
    contents, _ = output_text(tmp_path / "out")
    for secret in ("070123456AB", "2009-03-04", "grand-mère", "MDPH", "Hugo", "Dumas"):
        assert secret not in contents


def test_an_unreadable_file_is_refused_and_nothing_is_written(tmp_path: Path, mini_school: Path) -> None:
    (mini_school / "students/e05.yaml").write_text("id: e05\nnom: [Jade\n", encoding="utf-8")
    proc = run_cli("export", "--anonymize", str(tmp_path / "out"), str(mini_school))
    assert proc.returncode == 1
    assert "students/e05.yaml" in proc.stderr and "illisible" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_an_existing_destination_is_never_overwritten(tmp_path: Path, mini_school: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "garder.txt").write_text("à moi")
    proc = run_cli("export", "--anonymize", str(tmp_path / "out"), str(mini_school))
    assert proc.returncode == 1 and "rien n'est jamais écrasé" in proc.stderr
    assert (tmp_path / "out" / "garder.txt").read_text() == "à moi"


# --- the right of access ---------------------------------------------------------------------


def test_export_of_one_student_holds_everything_about_them_and_nobody_else(tmp_path: Path) -> None:
    school = shutil.copytree(SAMPLE_SCHOOL, tmp_path / "ecole")
    student = "e2024-017"
    proc = run_cli("export", "--student", student, str(tmp_path / "acces"), str(school))
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "acces"
    assert (out / "eleve.yaml").read_bytes() == (school / f"students/{student}.yaml").read_bytes()
    # counted independently from the school's files
    marks = [(path, session["date"]) for path in sorted((school / "years").rglob("sessions/*/*.yaml"))
             for session in load(path)["seances"] if student in (session.get("appel") or {})]
    bilans = [path for path in (school / "years").rglob("bilans/*.yaml") if student in load(path)["bilans"]]
    groups = [path for path in (school / "years").rglob("groups/*/*.yaml") if student in load(path)["eleves"]]
    assert len(load(out / "appel.yaml")["appel"]) == len(marks) > 20
    assert len(load(out / "bilans.yaml")["bilans"]) == len(bilans) > 3
    assert len(load(out / "groupes.yaml")["groupes"]) == len(groups) > 3
    summary = (out / "resume.md").read_text(encoding="utf-8")
    assert f"{len(marks)} marque(s) d'appel" in summary and "Mehdi Laurent" in summary
    others = {p.stem for p in (school / "students").glob("*.yaml")} - {student}
    contents, _ = output_text(out)
    assert [o for o in others if word(o).search(contents)] == []  # no classmate in a parent's copy


def test_an_anonymised_export_of_one_student(tmp_path: Path, mini_school: Path) -> None:
    proc = run_cli("export", "--anonymize", "--student", "e04", str(tmp_path / "acces"), str(mini_school))
    assert proc.returncode == 0, proc.stderr
    contents, names = output_text(tmp_path / "acces")
    assert "Dumas" not in contents and "Hugo" not in contents and not word("e04").search(contents)
    assert load(tmp_path / "acces" / "appel.yaml")["appel"]


def test_export_refuses_an_unknown_student(tmp_path: Path, mini_school: Path) -> None:
    proc = run_cli("export", "--student", "e99", str(tmp_path / "x"), str(mini_school))
    assert proc.returncode == 1 and "élève inconnu : e99" in proc.stderr


# --- the writer of whole files reads back the same in every reader -------------------------------

scalars = st.one_of(st.text(max_size=20), st.sampled_from(
    ["14:00", "yes", "no", "on", "2009", "1e3", "0x1F", "2025-09-01", "2024-2025", "e2024-017", "- a", "a: b",
     "#x", "null", "~", ".inf", "Ça va ?", "l'été", "0755", "1_000", " lead", "trail ", "x\ny"]),
    st.integers(-10**6, 10**6), st.booleans())


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True),
                       st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(
                           st.from_regex(r"[a-zA-Z0-9][a-zA-Z0-9-]{0,8}", fullmatch=True), scalars, max_size=3)),
                       min_size=1, max_size=5))
def test_dumped_values_read_back_equal_with_pyyaml_and_aptui(data: dict[str, Any]) -> None:
    text = dump(data)
    expected = _as_read(data)
    assert _dates_as_text(yaml.safe_load(text)) == expected
    parsed, diags = parse_source(text.encode("utf-8"), "x.yaml")
    assert parsed is not None and parsed.data == expected, (text, diags)


def _as_read(value: Any) -> Any:
    """What a reader returns: an ISO date (text) is a date, read back as the same text."""
    if isinstance(value, dict):
        return {k: _as_read(item) for k, item in value.items()}
    if isinstance(value, list):
        return [_as_read(item) for item in value]
    return value


def _dates_as_text(value: Any) -> Any:
    from datetime import date

    if isinstance(value, dict):
        return {(str(k) if isinstance(k, date) else k): _dates_as_text(item) for k, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value
