"""The set-up commands follow the one rule of every commit (gitsync/guard.py): no new errors.

An edit that would add errors is undone and refused with the errors shown (exit 4, like aptui sync);
``--force-errors`` records it anyway; errors already in HEAD never block an edit that adds none.
Real git: the mini school as a repository in tmp_path, the CLI run as a script would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI_SCHOOL
from test_git_support import git


def aptui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aptui", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=180)


@pytest.fixture()
def school(tmp_path: Path) -> Path:
    root = shutil.copytree(MINI_SCHOOL, tmp_path / "ecole")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Anne Durand")
    git(root, "config", "user.email", "anne.durand@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "École")
    return root


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def test_an_edit_that_adds_errors_is_refused_undone_and_explained(school: Path) -> None:
    before = head(school)
    proc = aptui("eleve", "ajouter", "Prévost", "Léna", "--division", "2MELEC1", "-C", str(school))
    assert proc.returncode == 4, proc.stdout + proc.stderr
    assert "APT501" in proc.stderr and "--force-errors" in proc.stderr
    assert head(school) == before
    assert git(school, "status", "--porcelain") == ""  # the edit is undone: nothing half written
    assert not list((school / "students").glob("e2025-*.yaml"))


def test_force_errors_records_it_anyway(school: Path) -> None:
    before = head(school)
    proc = aptui("eleve", "ajouter", "Prévost", "Léna", "--division", "2MELEC1", "--force-errors", "-C", str(school))
    assert proc.returncode == 0, proc.stderr
    assert git(school, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
    assert aptui("validate", str(school)).returncode == 1  # the errors are there, as asked


def test_an_edit_with_its_arrival_date_adds_no_error_and_passes(school: Path) -> None:
    proc = aptui("eleve", "ajouter", "Prévost", "Léna", "--division", "2MELEC1", "--arrivee", "2025-12-20",
                 "-C", str(school))
    assert proc.returncode == 0, proc.stderr
    assert "Enregistré : commit" in proc.stdout


def test_errors_already_in_head_do_not_block_an_edit_that_adds_none(school: Path) -> None:
    broken = school / "years/2025-2026/groups/P2/G-APPRO.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("barrette: B-2NDE", "barrette: B-NULLE"),
                      encoding="utf-8")
    git(school, "commit", "-qam", "Groupe cassé", "--no-verify")
    assert aptui("validate", str(school)).returncode == 1
    before = head(school)
    proc = aptui("equipe", "ajouter", "Roux", "Karim", "--disciplines", "mathematiques", "-C", str(school))
    assert proc.returncode == 0, proc.stderr
    assert git(school, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
