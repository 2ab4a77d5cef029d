"""Declaring and removing a division's PFMP weeks without typing YAML: the edit commands
(minimal diffs, refusals in French) and `aptui pfmp` (checked, committed in a real git repo)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from edit_support import apply_and_diff, files

from aptui.edit import AddWorkPlacement, EditRefused, RemoveWorkPlacement, apply_command
from aptui.pipeline import load_school

YEAR = "2025-2026"
MELEC = f"years/{YEAR}/divisions/2MELEC1.yaml"
GIT_ENV = {"GIT_AUTHOR_NAME": "Ada Test", "GIT_AUTHOR_EMAIL": "ada@example.invalid",
           "GIT_COMMITTER_NAME": "Ada Test", "GIT_COMMITTER_EMAIL": "ada@example.invalid"}


def test_add_appends_three_lines_and_the_school_reads_it(mini_school: Path) -> None:
    applied, diffs = apply_and_diff(mini_school, AddWorkPlacement(YEAR, "2MELEC1", date(2026, 1, 12), date(2026, 2, 6),
                                                                  "PFMP 1"))
    assert diffs == {MELEC: ([], ["pfmp:", "  - du: 2026-01-12", "    au: 2026-02-06", "    motif: PFMP 1"])}
    assert applied.description == "PFMP de 2MELEC1 (2025-2026) : du 12/01/2026 au 06/02/2026, 4 semaine(s) (PFMP 1)"
    result = load_school(mini_school, use_cache=False)
    assert result.diagnostics == []
    (span,) = result.school.years[YEAR].divisions["2MELEC1"].work_placements
    assert (span.start, span.end, span.reason) == (date(2026, 1, 12), date(2026, 2, 6), "PFMP 1")


def test_entries_kept_in_date_order_comments_kept_and_removal_restores_the_bytes(mini_school: Path) -> None:
    path = mini_school / MELEC
    path.write_text(path.read_text(encoding="utf-8").replace("niveau: 2nde", "niveau: 2nde  # à confirmer"),
                    encoding="utf-8")
    before = files(mini_school)[MELEC]
    apply_command(mini_school, AddWorkPlacement(YEAR, "2MELEC1", date(2026, 3, 9), date(2026, 3, 27)))
    with_one = files(mini_school)[MELEC]
    apply_command(mini_school, AddWorkPlacement(YEAR, "2MELEC1", date(2025, 11, 17), date(2025, 11, 28)))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [(p["du"], p["au"]) for p in data["pfmp"]] == [(date(2025, 11, 17), date(2025, 11, 28)),
                                                         (date(2026, 3, 9), date(2026, 3, 27))]
    assert "# à confirmer" in path.read_text(encoding="utf-8")
    apply_command(mini_school, RemoveWorkPlacement(YEAR, "2MELEC1", date(2025, 11, 17)))
    assert files(mini_school)[MELEC] == with_one
    removed = apply_command(mini_school, RemoveWorkPlacement(YEAR, "2MELEC1", date(2026, 3, 9)))
    assert files(mini_school)[MELEC] == before  # the empty list is removed with its key
    assert removed.description == "PFMP de 2MELEC1 (2025-2026) retirée : du 09/03/2026 au 27/03/2026"


@pytest.mark.parametrize(("command", "words"), [
    (AddWorkPlacement(YEAR, "2MELEC9", date(2026, 1, 12), date(2026, 2, 6)), "division inconnue"),
    (AddWorkPlacement(YEAR, "2MELEC1", date(2026, 2, 6), date(2026, 1, 12)), "finit avant de commencer"),
    (AddWorkPlacement(YEAR, "2MELEC1", date(2026, 6, 29), date(2026, 7, 10)), "hors de l'année 2025-2026"),
    (AddWorkPlacement(YEAR, "../../x", date(2026, 1, 12), date(2026, 2, 6)), "invalide"),
    (RemoveWorkPlacement(YEAR, "2MELEC1", date(2026, 1, 12)), "aucune PFMP de 2MELEC1 ne commence le 12/01/2026"),
])
def test_refusals_say_why_and_write_nothing(mini_school: Path, command: AddWorkPlacement, words: str) -> None:
    before = files(mini_school)
    with pytest.raises(EditRefused) as refused:
        apply_command(mini_school, command)
    assert words in refused.value.message
    assert files(mini_school) == before


@pytest.mark.parametrize(("start", "end", "overlaps"), [
    (date(2026, 2, 6), date(2026, 2, 13), True),  # shares the last day
    (date(2026, 2, 7), date(2026, 2, 13), False),  # the day after
    (date(2026, 1, 5), date(2026, 1, 12), True),  # shares the first day
    (date(2026, 1, 5), date(2026, 1, 11), False),
])
def test_overlap_near_miss(mini_school: Path, start: date, end: date, overlaps: bool) -> None:
    apply_command(mini_school, AddWorkPlacement(YEAR, "2MELEC1", date(2026, 1, 12), date(2026, 2, 6)))
    second = AddWorkPlacement(YEAR, "2MELEC1", start, end)
    if overlaps:
        with pytest.raises(EditRefused, match="chevauche celle du 12/01/2026 au 06/02/2026"):
            apply_command(mini_school, second)
    else:
        apply_command(mini_school, second)


def _aptui(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run([sys.executable, "-m", "aptui", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False)


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, capture_output=True,
                          text=True, check=True).stdout


def test_cli_declares_lists_and_removes_each_in_one_commit(mini_school: Path) -> None:
    _git(mini_school, "init", "-q")
    _git(mini_school, "add", "-A")
    _git(mini_school, "commit", "-qm", "École")
    added = _aptui("pfmp", "2MSPC1", "--du", "2026-01-12", "--au", "2026-02-06", "--motif", "PFMP 1", cwd=mini_school)
    assert added.returncode == 0, added.stderr
    assert _git(mini_school, "log", "-1", "--format=%s").strip() == \
        "PFMP de 2MSPC1 (2025-2026) : du 12/01/2026 au 06/02/2026, 4 semaine(s) (PFMP 1)"
    assert _git(mini_school, "status", "--porcelain") == ""
    listed = _aptui("pfmp", "2MSPC1", cwd=mini_school)
    assert listed.stdout.splitlines() == ["PFMP de 2MSPC1 (2025-2026) : 4 semaine(s)",
                                          "  du 12/01/2026 au 06/02/2026 — PFMP 1"]
    checked = _aptui("validate", cwd=mini_school)
    assert checked.returncode == 0 and checked.stderr.strip().endswith("aucun problème.")
    removed = _aptui("pfmp", "2MSPC1", "--retirer", "--du", "2026-01-12", cwd=mini_school)
    assert removed.returncode == 0, removed.stderr
    assert _git(mini_school, "diff", "HEAD~2", "--stat") == ""  # back to the school as it was
    assert len(_git(mini_school, "log", "--format=%H").split()) == 3


@pytest.mark.parametrize(("args", "words"), [
    (("pfmp", "2XXX1"), "division « 2XXX1 » inconnue en 2025-2026"),
    (("pfmp", "2MSPC1", "--du", "2026-01-12"), "donnez --au"),
    (("pfmp", "2MSPC1", "--du", "12/01/2026", "--au", "2026-02-06"), "écrivez-la AAAA-MM-JJ"),
    (("pfmp", "2MSPC1", "--year", "2030-2031"), "année « 2030-2031 » inconnue"),
])
def test_cli_usage_errors_exit_2(mini_school: Path, args: tuple[str, ...], words: str) -> None:
    run = _aptui(*args, cwd=mini_school)
    assert run.returncode == 2 and words in run.stderr and "Traceback" not in run.stderr


def test_cli_refusal_exits_1_and_writes_nothing(mini_school: Path) -> None:
    before = files(mini_school)
    run = _aptui("pfmp", "2MSPC1", "--du", "2026-07-01", "--au", "2026-07-20", "--no-commit", cwd=mini_school)
    assert run.returncode == 1 and "refusé" in run.stderr and "hors de l'année" in run.stderr
    assert files(mini_school) == before


def test_workspace_after_pfmp_edits_equals_a_full_load(mini_school: Path) -> None:
    """Declaring then removing a PFMP through the Workspace re-checks exactly as a fresh load."""
    from aptui.model.analysis import Analysis
    from aptui.workspace import Workspace

    ws = Workspace(mini_school, use_cache=False)
    for command in (AddWorkPlacement(YEAR, "2MELEC1", date(2025, 9, 29), date(2025, 10, 10)),
                    AddWorkPlacement(YEAR, "2MSPC1", date(2025, 9, 29), date(2025, 10, 3)),
                    RemoveWorkPlacement(YEAR, "2MELEC1", date(2025, 9, 29))):
        ws.apply(command)
        fresh = load_school(mini_school, use_cache=False)
        assert ws.result.diagnostics == fresh.diagnostics
        assert ws.analysis.ledger == Analysis(fresh.school).ledger
    assert {d.code for d in ws.result.diagnostics} == {"APT604"}  # 2MSPC1 marked present on 30/09
