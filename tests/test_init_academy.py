"""`aptui init` takes the académie (asked on a terminal): the zone, the holidays and the periods follow.

The holidays are read back with the ``holidays`` package directly (an independent reader), for
two zones, so that neither the zone nor the dates can be hard-coded.
"""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import holidays
import pytest

from aptui.cli import init as init_cli
from aptui.cli.main import main
from aptui.load.source import parse_source


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aptui", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)


def read(path: Path) -> dict[str, Any]:
    parsed, _ = parse_source(path.read_bytes(), str(path))
    assert parsed is not None and isinstance(parsed.data, dict)
    return parsed.data


def winter(zone: str, year: int) -> tuple[date, date]:
    """The winter holidays of a zone, from the holidays package."""
    days = sorted(d for d, name in holidays.country_holidays(
        "FR", subdiv=f"Zone {zone}", years=(year,), categories=("school",), language="fr").items()
        if "hiver" in str(name))
    return days[0], days[-1]


def periods(root: Path, year: str) -> list[tuple[date, date]]:
    data = read(root / f"years/{year}/year.yaml")
    return [(date.fromisoformat(str(p["debut"])), date.fromisoformat(str(p["fin"]))) for p in data["periodes"]]


@pytest.mark.parametrize(("academy", "zone"), [("Lyon", "A"), ("académie de Créteil", "C"), ("rennes", "B")])
def test_the_academy_gives_the_zone_and_the_periods_avoid_its_holidays(tmp_path: Path, academy: str,
                                                                       zone: str) -> None:
    root = tmp_path / "ecole"
    proc = run_cli("init", str(root), "--academie", academy, "--year", "2026-2027", "--no-git")
    assert proc.returncode == 0, proc.stderr
    school = read(root / "school.yaml")
    assert school["zone"] == zone
    assert f"zone {zone}" in proc.stdout
    start, end = winter(zone, 2027)
    text = (root / "years/2026-2027/year.yaml").read_text(encoding="utf-8")
    assert f"Vacances d'hiver : du {start:%d/%m/%Y} au {end:%d/%m/%Y}" in text
    for first, last in periods(root, "2026-2027"):
        assert last < start or first > end, (first, last)
    assert run_cli("validate", str(root)).returncode == 0


def test_two_zones_get_different_winter_holidays(tmp_path: Path) -> None:
    for academy in ("Lyon", "Paris"):
        assert run_cli("init", str(tmp_path / academy), "--academie", academy, "--year", "2026-2027",
                       "--no-git").returncode == 0
    lyon = (tmp_path / "Lyon/years/2026-2027/year.yaml").read_text(encoding="utf-8")
    paris = (tmp_path / "Paris/years/2026-2027/year.yaml").read_text(encoding="utf-8")
    assert winter("A", 2027) != winter("C", 2027)
    assert [line for line in lyon.splitlines() if "hiver" in line] != [
        line for line in paris.splitlines() if "hiver" in line]


def test_alsace_moselle_public_holidays_are_named(tmp_path: Path) -> None:
    root = tmp_path / "strasbourg"
    assert run_cli("init", str(root), "--academie", "Strasbourg", "--year", "2025-2026", "--no-git").returncode == 0
    text = (root / "years/2025-2026/year.yaml").read_text(encoding="utf-8")
    local = next(line for line in text.splitlines() if line.startswith("# Jours fériés locaux"))
    assert "Vendredi saint (03/04/2026)" in local and "(26/12/2025)" in local
    assert read(root / "school.yaml")["zone"] == "B"
    moselle = tmp_path / "metz"
    assert run_cli("init", str(moselle), "--academie", "Nancy-Metz", "--uai", "0570001A", "--year", "2025-2026",
                   "--no-git").returncode == 0
    assert "Vendredi saint" in (moselle / "years/2025-2026/year.yaml").read_text(encoding="utf-8")
    nancy = tmp_path / "nancy"
    assert run_cli("init", str(nancy), "--academie", "Nancy-Metz", "--uai", "0540001A", "--year", "2025-2026",
                   "--no-git").returncode == 0
    assert "Vendredi saint" not in (nancy / "years/2025-2026/year.yaml").read_text(encoding="utf-8")


def test_wrong_academy_or_zone_is_a_usage_error(tmp_path: Path) -> None:
    unknown = run_cli("init", str(tmp_path / "a"), "--academie", "Atlantide", "--no-git")
    assert unknown.returncode == 2 and "Atlantide" in unknown.stderr and "Lyon" in unknown.stderr
    mismatch = run_cli("init", str(tmp_path / "b"), "--academie", "Lyon", "--zone", "C", "--no-git")
    assert mismatch.returncode == 2 and "zone A" in mismatch.stderr
    assert run_cli("init", str(tmp_path / "c"), "--zone", "Z", "--no-git").returncode == 2
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_an_overseas_academy_says_its_holidays_are_to_declare(tmp_path: Path) -> None:
    root = tmp_path / "reunion"
    proc = run_cli("init", str(root), "--academie", "la réunion", "--year", "2025-2026", "--no-git")
    assert proc.returncode == 0, proc.stderr
    assert "propre calendrier" in proc.stdout and "fermetures" in proc.stdout
    assert read(root / "school.yaml")["academie"] == "La Réunion"
    assert "déclarez-les dans « fermetures »" in (root / "years/2025-2026/year.yaml").read_text(encoding="utf-8")


def test_without_an_academy_the_zone_is_said_to_be_a_default(tmp_path: Path) -> None:
    proc = run_cli("init", str(tmp_path / "x"), "--no-git", "--year", "2025-2026")
    assert proc.returncode == 0
    assert "Académie non précisée" in proc.stdout and "zone B (par défaut)" in proc.stdout


def test_the_academy_is_asked_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(init_cli, "interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("Lyonn\nLyon\n"))
    root = tmp_path / "ecole"
    assert main(["init", str(root), "--no-git", "--year", "2026-2027"]) == 0
    out = capsys.readouterr().out
    assert "Académie inconnue : « Lyonn »" in out
    school = read(root / "school.yaml")
    assert (school["academie"], school["zone"]) == ("Lyon", "A")
    assert all(last - first >= timedelta(days=20) for first, last in periods(root, "2026-2027"))
