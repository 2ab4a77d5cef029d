"""Every command is either masked where its output may reach a log, or a document that prints names on
purpose; the masked ones, run as a script or a CI job runs them (no terminal), print no student's name
and no INE — the import's new students (not in the files yet) included."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from import_support import CSV, XML, new_school

from aptui.cli.main import build_parser
from aptui.render.names import ALWAYS_MASKED, DOCUMENT_COMMANDS, MASKED_COMMANDS, NameMask

CSV_NAMES = ("Léa", "MARTIN", "Martin", "Chloé", "Moussa")


def run(*args: str, names: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: val for k, val in os.environ.items() if k not in ("CI", "APTUI_NAMES")}
    if names:
        env["APTUI_NAMES"] = "1"
    return subprocess.run([sys.executable, "-m", "aptui", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=env, timeout=180)


def subcommands() -> set[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    return set(action.choices)


def test_every_command_is_classified() -> None:
    assert subcommands() <= MASKED_COMMANDS | DOCUMENT_COMMANDS, subcommands() - MASKED_COMMANDS - DOCUMENT_COMMANDS
    assert not MASKED_COMMANDS & DOCUMENT_COMMANDS
    assert ALWAYS_MASKED <= MASKED_COMMANDS
    for command in ("doctor", "proposer", "import", "new-year", "clone", "eleve", "export", "merge-driver"):
        assert command in MASKED_COMMANDS


def test_an_ine_is_hidden_wherever_names_are() -> None:
    mask = NameMask([("e1", "Léa", "Martin")])
    assert mask.apply("ligne 3 : INE 070123456AB déjà vu ligne 2 (Léa Martin)") == \
        "ligne 3 : INE (INE masqué) déjà vu ligne 2 (e1)"
    assert mask.apply("2025-2026") == "2025-2026" and mask.apply("1234567890") == "1234567890"


@pytest.fixture()
def school(tmp_path: Path) -> Path:
    return new_school(tmp_path)


def test_an_import_in_a_script_names_its_new_students_by_id(school: Path) -> None:
    shown = run("import", "siecle", str(CSV), str(school), "--dry-run", names=True)
    assert shown.returncode == 0, shown.stderr
    assert "Léa" in shown.stdout  # the same summary names them where names are allowed
    masked = run("import", "siecle", str(CSV), str(school))
    assert masked.returncode == 0, masked.stderr
    output = masked.stdout + masked.stderr
    for name in CSV_NAMES:
        assert name not in output, (name, output)
    assert "e2025-" in output


def test_set_up_commands_proposals_and_the_new_year_print_no_name(school: Path) -> None:
    assert run("import", "siecle", str(XML), str(school)).returncode == 0
    at = ("-C", str(school))
    added = run("eleve", "ajouter", "Prévost", "Léna", "--division", "2MELEC1", *at)
    assert added.returncode == 0, added.stderr
    assert "Léna" not in added.stdout + added.stderr
    for args in (("barrette", "creer", "B-2NDE", "--jour", "mardi", "--debut", "14:00", "--duree", "120",
                  "--divisions", "2MELEC1,2MSPC1", *at),
                 ("equipe", "ajouter", "Roux", "Karim", "--disciplines", "mathematiques", *at)):
        assert run(*args).returncode == 0, args
    outputs = []
    for args in (("proposer", "P1", "B-2NDE", "--min", "2", "--max", "30", "--dry-run", *at),
                 ("new-year", str(school), "--dry-run"),
                 ("doctor", str(school), "--offline")):
        proc = run(*args)
        assert "Traceback" not in proc.stderr, args
        outputs.append(proc.stdout + proc.stderr)
    everyone = [n for path in (school / "students").glob("*.yaml") for n in _names(path)]
    assert len(everyone) > 10
    for output in outputs:
        for full in everyone:
            assert full not in output, (full, output[:400])
    assert run("new-year", str(school), "--dry-run", names=True).stdout != outputs[1]  # names were there


def _names(path: Path) -> list[str]:
    fields = dict(line.split(":", 1) for line in path.read_text(encoding="utf-8").splitlines()
                  if line.startswith(("nom:", "prenom:")))
    first, last = fields.get("prenom", "").strip(), fields.get("nom", "").strip()
    return [f"{first} {last}", f"{last} {first}"] if first and last else []
