"""`aptui forget`: on a real repository, one commit, budgets unchanged, caches purged, history explained, and
`--rewrite-history` with the real git filter-repo (or a clear refusal without it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI_SCHOOL

from aptui.cli.main import main
from aptui.load.cache import school_folder
from aptui.privacy import rewrite

STUDENT, NAME = "e04", ("Hugo", "Dumas")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aptui", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The mini school as a repository with a history that names the student (a note, a message)."""
    root = shutil.copytree(MINI_SCHOOL, tmp_path / "ecole")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Anne Durand")
    git(root, "config", "user.email", "anne@lycee.invalid")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Création de l'école")
    sessions = root / "years/2025-2026/sessions/P2/G-METHODO.yaml"
    text = sessions.read_text(encoding="utf-8")
    first_notes = text.index("    appel:")
    sessions.write_text(text[:first_notes] + "    notes: Hugo Dumas a présenté son exposé.\n" + text[first_notes:],
                        encoding="utf-8")
    git(root, "commit", "-qam", f"Appel de Méthodo, exposé de {NAME[0]} {NAME[1]} ({STUDENT})")
    return root


def everything_in_history(repo: Path) -> str:
    """Every commit message and every blob reachable from any ref, as text."""
    messages = git(repo, "log", "--all", "--format=%B")
    objects = [line.split()[0] for line in git(repo, "rev-list", "--all", "--objects").splitlines()]
    kinds = subprocess.run(["git", "cat-file", "--batch-check"], cwd=repo, input="\n".join(objects) + "\n",
                           capture_output=True, text=True, check=True).stdout.splitlines()
    blobs = [line.split()[0] for line in kinds if line.split()[1] == "blob"]
    contents = subprocess.run(["git", "cat-file", "--batch"], cwd=repo, input="\n".join(blobs) + "\n",
                              capture_output=True, text=True, check=True).stdout
    paths = git(repo, "log", "--all", "--name-only", "--format=")
    return messages + contents + paths


def budget(root: Path) -> object:
    proc = run_cli("report", "budget", str(root), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_forget_is_one_commit_that_keeps_the_hours_and_removes_the_person(repo: Path) -> None:
    before_budget = budget(repo)
    assert run_cli("validate", str(repo)).returncode == 0
    assert school_folder(repo).is_dir()  # the caches hold the school now
    head = git(repo, "rev-parse", "HEAD").strip()
    proc = run_cli("forget", STUDENT, str(repo), "--yes")
    assert proc.returncode == 0, proc.stderr
    assert not school_folder(repo).exists()  # caches purged
    assert git(repo, "rev-list", "--count", f"{head}..HEAD").strip() == "1"
    assert git(repo, "status", "--porcelain") == ""
    [new_file] = list((repo / "students").glob("oubli-*.yaml"))
    pseudonym = new_file.stem
    tree = "\n".join((repo / p).read_text(encoding="utf-8") for p in git(repo, "ls-files").split())
    assert "Hugo" not in tree and "Dumas" not in tree
    assert f"{pseudonym}\n" in (repo / "years/2025-2026/groups/P2/G-METHODO.yaml").read_text(encoding="utf-8")
    assert not (repo / f"students/{STUDENT}.yaml").exists()
    assert "notes: oubli-" in (repo / "years/2025-2026/sessions/P2/G-METHODO.yaml").read_text(encoding="utf-8")
    assert budget(repo) == before_budget  # the same hours, the same counts
    assert run_cli("validate", str(repo), "--no-cache").returncode == 0
    # what remains is said, and is true: the history still has the student
    assert "Ce qui reste" in proc.stdout and "--rewrite-history" in proc.stdout
    assert "Dumas" in everything_in_history(repo)
    message = git(repo, "log", "-1", "--format=%B")
    assert STUDENT not in message and "Dumas" not in message


def test_rewrite_history_leaves_no_trace_in_any_commit(repo: Path, tmp_path: Path) -> None:
    if rewrite.filter_repo_command() is None:
        pytest.skip("git-filter-repo is not installed (pip install git-filter-repo: in the test extras)")
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "-q", "origin", "main")
    proc = run_cli("forget", STUDENT, str(repo), "--yes", "--rewrite-history")
    assert proc.returncode == 0, proc.stderr
    history = everything_in_history(repo)
    for trace in ("Hugo", "Dumas", f"students/{STUDENT}.yaml"):
        assert trace not in history, trace
    assert git(repo, "remote", "get-url", "origin").strip() == str(remote)  # kept, for the force push
    assert "git push --force --all" in proc.stdout
    assert run_cli("validate", str(repo), "--no-cache").returncode == 0
    # once forgotten, the history of the remote can be purged by the same command later too
    again = run_cli("forget", STUDENT, str(repo), "--yes", "--rewrite-history")
    assert again.returncode == 1 and "élève inconnu" in again.stderr


def test_rewrite_history_refuses_clearly_without_git_filter_repo(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(rewrite, "filter_repo_command", lambda: None)
    head = git(repo, "rev-parse", "HEAD")
    assert main(["forget", STUDENT, str(repo), "--yes", "--rewrite-history"]) == 2
    assert "git filter-repo n'est pas installé" in capsys.readouterr().err
    assert git(repo, "rev-parse", "HEAD") == head and (repo / f"students/{STUDENT}.yaml").exists()


def test_forget_refuses_when_a_touched_file_has_unsaved_changes(repo: Path) -> None:
    group = repo / "years/2025-2026/groups/P2/G-METHODO.yaml"
    group.write_text(group.read_text(encoding="utf-8") + "# en cours\n", encoding="utf-8")
    proc = run_cli("forget", STUDENT, str(repo), "--yes")
    assert proc.returncode == 1 and "non enregistrées" in proc.stderr
    assert (repo / f"students/{STUDENT}.yaml").exists()


def test_forget_asks_before_acting_and_refuses_without_a_terminal(repo: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "aptui", "forget", STUDENT, str(repo)], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, env={**os.environ})
    assert proc.returncode == 1 and "--yes" in proc.stderr
    assert (repo / f"students/{STUDENT}.yaml").exists()


def test_forget_an_unknown_student(repo: Path) -> None:
    proc = run_cli("forget", "e99", str(repo), "--yes")
    assert proc.returncode == 1 and "élève inconnu : e99" in proc.stderr
