"""The command line as a user runs it: exit codes, formats, French errors, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI_SCHOOL

from aptui.cli.main import main


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aptui", *args], capture_output=True, text=True, cwd=cwd)


def test_validate_clean_school_exits_0() -> None:
    proc = run_cli("validate", str(MINI_SCHOOL))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "aucun problème" in proc.stderr


def test_validate_reports_file_line_col_and_caret(mini_school: Path) -> None:
    year = mini_school / "years/2025-2026/year.yaml"
    year.write_text(year.read_text().replace('debut: "14:00"', "debut: 14:00"))
    proc = run_cli("validate", str(mini_school))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    first = lines.index(next(line for line in lines if "APT005" in line))
    assert lines[first].startswith("years/2025-2026/year.yaml:19:12: error APT005: ")
    assert lines[first + 1].strip() == "debut: 14:00"
    assert lines[first + 2].index("^") == lines[first + 1].index("14:00")
    assert "Traceback" not in proc.stderr


def test_validate_json(mini_school: Path) -> None:
    (mini_school / "students/e03.yaml").write_bytes("id: e03\nnom: Hélène\n".encode("latin-1"))
    proc = run_cli("validate", str(mini_school), "--format", "json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert {"path", "line", "column", "severity", "code", "message"} == set(data[0])
    assert any(d["code"] == "APT002" and d["path"] == "students/e03.yaml" and d["line"] == 2 for d in data)


@pytest.mark.parametrize("args", [("validate", "/nonexistent/school"), ("validate", "."), ("report", "nope")])
def test_usage_errors_exit_2_in_french(args: tuple[str, ...], tmp_path: Path) -> None:
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert "erreur d'utilisation" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_warnings_only_exit_0(mini_school: Path) -> None:
    student = mini_school / "students/e03.yaml"
    student.write_text(student.read_text().replace("prenom: Inès", "prenom: no"))
    proc = run_cli("validate", str(mini_school))
    assert proc.returncode == 0
    assert "warning APT005" in proc.stdout


@pytest.mark.parametrize("kind", ["budget", "students", "groups", "attendance"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "json"])
def test_reports_in_every_format(kind: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", kind, str(MINI_SCHOOL), "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        rows = json.loads(out)
        assert rows and isinstance(rows[0], dict)
    elif fmt == "csv":
        assert out.count("\n") >= 2 and ";" in out.splitlines()[0]
    else:
        assert "2025-2026" in out


def test_budget_report_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "budget", str(MINI_SCHOOL), "--format", "json"]) == 0
    rows = {row["division"]: row for row in json.loads(capsys.readouterr().out)}
    # 11 sessions of 2 h, one teacher per group, two groups sharing both divisions evenly.
    assert rows["2MELEC1"]["budget année (h)"] == 70.0
    assert rows["2MELEC1"]["prévu (h)"] + rows["2MSPC1"]["prévu (h)"] == pytest.approx(44.0)


def test_report_period_and_unknown_period(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "groups", str(MINI_SCHOOL), "--period", "P2", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "P1" not in out and out.count("P2;") == 2
    assert main(["report", "groups", str(MINI_SCHOOL), "--period", "P9"]) == 2


def test_history_shows_dated_move_and_bilan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "e04", str(MINI_SCHOOL), "--no-git"]) == 0
    out = capsys.readouterr().out
    assert "Hugo Dumas (e04)" in out
    assert "G-METHODO" in out and "18/11/2025" in out
    assert main(["history", "Hugo", str(MINI_SCHOOL), "--no-git"]) == 2
    assert "e04" in capsys.readouterr().err


def test_init_creates_a_valid_school(tmp_path: Path) -> None:
    target = tmp_path / "nouvelle"
    proc = run_cli("init", str(target), "--year", "2026-2027", "--pilote", "Claire Fontaine", "--zone", "A")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (target / ".git").is_dir()
    assert (target / "schema/student.schema.json").is_file()
    assert (target / "schema/VERSION").read_text().strip()
    assert run_cli("validate", str(target)).returncode == 0
    year = (target / "years/2026-2027/year.yaml").read_text()
    assert year.startswith("# yaml-language-server: $schema=../../schema/year.schema.json")
    assert "id: P4" in year


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("x")
    assert run_cli("init", str(tmp_path)).returncode == 2
