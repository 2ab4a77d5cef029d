"""`aptui new-year` on a copy of the sample school (2024-2025, 2025-2026) in a real git repository.

Hand-made expectations, from the sample's files: 2MELEC1, 1MELEC1 and TMELEC1 of 2025-2026 hold 25, 25
and 26 students, none of them gone; e2025-003 (2MELEC1) and e2023-001 (TMELEC1) are marked to repeat,
e2024-005 (1MELEC1) to leave.  The 2025-2026 budget table says 1MELEC1 planned 67.7 h with a cycle of
134.4 h (2MELEC1 2024-2025: 66.7 h + 1MELEC1 2025-2026), and 2MELEC1 planned 67.0 h.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SAMPLE_SCHOOL
from import_support import cli, commits, files, git, last_message

from aptui.pipeline import load_school

NEW = "2026-2027"


@pytest.fixture(scope="module")
def rolled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The sample copy after marking three students and rolling over (once for the module)."""
    from aptui.cli.main import main

    root = tmp_path_factory.mktemp("rollover") / "school"
    shutil.copytree(SAMPLE_SCHOOL, root)
    git(root, "init", "-q")
    git(root, "config", "user.name", "Anne Durand")
    git(root, "config", "user.email", "anne.durand@example.invalid")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "sample")
    for student, decision in (("e2025-003", "redoublement"), ("e2023-001", "redoublement"), ("e2024-005", "depart")):
        assert main(["eleve", "orienter", student, decision, "--year", "2025-2026", "-C", str(root)]) == 0
    before, count = files(root), commits(root)
    assert main(["new-year", str(root), "--dry-run"]) == 0
    assert files(root) == before and commits(root) == count
    assert main(["new-year", str(root)]) == 0
    assert commits(root) == count + 1
    return root, last_message(root)


def read(root: Path, rel: str) -> dict:
    return yaml.safe_load((root / rel).read_text(encoding="utf-8"))


def division(root: Path, ident: str, year: str = NEW) -> dict:
    return read(root, f"years/{year}/divisions/{ident}.yaml")


def test_divisions_are_promoted_by_formation_with_their_precedente(rolled: tuple[Path, str]) -> None:
    root, _ = rolled
    found = {p.stem: division(root, p.stem) for p in (root / "years" / NEW / "divisions").glob("*.yaml")}
    assert {d: (data["niveau"], data.get("precedente")) for d, data in found.items()} == {
        "2AGORA1": ("2nde", None), "2MELEC1": ("2nde", None), "2MSPC1": ("2nde", None),
        "1AGORA1": ("1re", "2AGORA1"), "1MELEC1": ("1re", "2MELEC1"), "1MSPC1": ("1re", "2MSPC1"),
        "TAGORA1": ("Tle", "1AGORA1"), "TMELEC1": ("Tle", "1MELEC1"), "TMSPC1": ("Tle", "1MSPC1"),
    }
    # The chain of the new TMELEC1 goes back three years, one division a year.
    assert division(root, "1MELEC1", "2025-2026")["precedente"] == "2MELEC1"
    assert (root / "years/2024-2025/divisions/2MELEC1.yaml").is_file()
    assert len(found["1MELEC1"]["eleves"]) == 24  # 25 minus the repeater
    assert found["2MELEC1"]["eleves"] == ["e2025-003"]  # the next cohort comes with the next import
    assert len(found["TMELEC1"]["eleves"]) == 25  # 25 from 1MELEC1, minus e2024-005, plus e2023-001
    assert "e2023-001" in found["TMELEC1"]["eleves"] and "e2024-005" not in found["TMELEC1"]["eleves"]


def test_students_are_carried_and_their_profiles_left_to_confirm(rolled: tuple[Path, str]) -> None:
    root, _ = rolled
    first = read(root, "students/e2025-001.yaml")
    assert first["divisions"] == {"2025-2026": "2MELEC1", NEW: "1MELEC1"}
    assert first["profils_a_confirmer"] == {NEW: first["profils"]["2025-2026"]}
    assert NEW not in first["profils"]
    assert read(root, "students/e2025-003.yaml")["divisions"][NEW] == "2MELEC1"
    assert read(root, "students/e2023-001.yaml")["divisions"][NEW] == "TMELEC1"
    assert NEW not in read(root, "students/e2024-005.yaml")["divisions"]
    assert NEW not in read(root, "students/e2023-002.yaml")["divisions"]  # a Terminale leaves
    assert NEW not in read(root, "students/e2025-074.yaml")["divisions"]  # gone in October 2025


def test_the_year_file_proposes_periods_and_the_same_barrettes(rolled: tuple[Path, str]) -> None:
    root, message = rolled
    year = read(root, f"years/{NEW}/year.yaml")
    assert (str(year["premier_jour"]), str(year["dernier_jour"])) == ("2026-09-01", "2027-07-03")
    assert [b["id"] for b in year["barrettes"]] == ["B-2NDE", "B-1RE", "B-TLE"]
    assert year["barrettes"][1]["divisions"] == ["1AGORA1", "1MELEC1", "1MSPC1"]
    assert str(year["periodes"][0]["debut"]) == "2026-09-14"  # after two weeks of welcome
    assert "dispenses" not in year and year["fermetures"] == []
    # 227 students in 2025-2026 divisions: 3 gone during the year, 76 Terminales ending (77 minus e2023-001),
    # e2024-005 leaving: 80 out, 147 carried.
    assert message.startswith(f"Nouvelle année {NEW} depuis 2025-2026 : 9 divisions, 147 élèves repris "
                              "(dont 2 redoublement(s)), 80 sortant(s)")
    assert "Fin de Terminale : TAGORA1 (26), TMELEC1 (25), TMSPC1 (25)" in message
    assert "e2024-005" in message and "PFMP" in message


def test_the_new_school_validates_and_its_cycle_budget_follows_the_chain(rolled: tuple[Path, str],
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    root, _ = rolled
    assert [d.code for d in load_school(root, use_cache=False).errors] == []
    code, out, _ = cli(capsys, "report", "budget", str(root), "--year", NEW, "--format", "json")
    assert code == 0
    rows = {row["division"]: row for row in json.loads(out)}
    assert rows["TMELEC1"]["cycle à ce jour (h)"] == 134.4  # 2MELEC1 (2024-25) + 1MELEC1 (2025-26)
    assert rows["1MELEC1"]["cycle à ce jour (h)"] == 67.0  # 2MELEC1 (2025-26)
    assert rows["2MELEC1"]["cycle à ce jour (h)"] == 0
    assert {row["budget cycle (h)"] for row in rows.values()} == {210.0}
    # The hours those cycle totals add are the teachers' hours of the sessions, shared by the divisions of a
    # barrette: for B-2NDE of 2025-2026, the three 2nde divisions' totals add up to the sessions' hours.
    old = {row["division"]: row for row in json.loads(cli(capsys, "report", "budget", str(root), "--year",
                                                          "2025-2026", "--format", "json")[1])}
    sessions = 0.0
    for group in (root / "years/2025-2026/groups").glob("*/*.yaml"):
        data = read(root, str(group.relative_to(root)))
        if data["barrette"] != "B-2NDE":
            continue
        held = root / "years/2025-2026/sessions" / group.parent.name / group.name
        for session in (read(root, str(held.relative_to(root))) or {}).get("seances", []) if held.is_file() else ():
            sessions += session["duree_min"] * len(data["enseignants"]) / 60
    assert abs(sum(old[d]["prévu (h)"] for d in ("2AGORA1", "2MELEC1", "2MSPC1")) - sessions) < 0.15


def test_a_second_new_year_is_refused(rolled: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    root, _ = rolled
    code, _, err = cli(capsys, "new-year", str(root), "--from", "2025-2026")
    assert code == 1 and "l'année 2026-2027 existe déjà" in err
