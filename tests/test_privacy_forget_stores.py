"""`aptui forget` purges every store aptui keeps beside the school files, not only the working tree.

A real repository whose student has gone through every store: the parse cache and the saved
state (validate, the loaded model), git's cache of readable diffs (``refs/notes/textconv``), the
app's pending list (``.git/aptui-pending.json`` and its blobs), an interrupted edit in the
journal (``.git/aptui/journal/``), the records and decisions of an old merge, a staged copy left
by a killed hook.  Afterwards every file under ``.git`` and the cache folder is read back: without
``--rewrite-history`` the name is only in what the output says remains (history and reflogs);
with it (and git's gc), nowhere, not even in an unreachable object.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from test_privacy_forget import NAME, STUDENT, everything_in_history, git, repo  # noqa: F401 - the fixture

from aptui.gitsync import conflicts as cf
from aptui.gitsync.decisions import add_decisions
from aptui.gitsync.install import install_git
from aptui.gitsync.pending import PendingChange, PendingEdit, save_pending
from aptui.gitsync.runner import Git
from aptui.load.cache import cache_root
from aptui.privacy import rewrite

FULL = f"{NAME[0]} {NAME[1]}"
INE = "070123456AB"
TRACES = (NAME[0].encode(), NAME[1].encode(), INE.encode())


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aptui", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def fill_every_store(root: Path) -> None:
    """The student's data in every place aptui (and git for aptui) keeps it."""
    school = root / "school.yaml"
    school.write_text(school.read_text(encoding="utf-8") + "donnees_eleves:\n  ine: true\n", encoding="utf-8")
    student_file = root / f"students/{STUDENT}.yaml"
    student_file.write_text(student_file.read_text(encoding="utf-8") + f"ine: {INE}\n", encoding="utf-8")
    install_git(root, hook=False, commit=False)
    git(root, "add", "-A")
    git(root, "commit", "-qm", f"Import SIECLE : INE {INE} rapproché ligne 3")
    git(root, "-c", "core.pager=cat", "log", "-p", "-3")  # textconv cache: refs/notes/textconv/aptui
    assert git(root, "for-each-ref", "refs/notes/").strip()
    assert run_cli("validate", str(root)).returncode == 0  # parse cache, saved state
    from aptui.pipeline import load_school

    load_school(root)  # the loaded model's saved state
    repo_git = Git(root)
    student = f"students/{STUDENT}.yaml"
    old = (root / student).read_bytes()
    edit = PendingEdit(f"Entretien de {FULL} ({STUDENT})",
                       (PendingChange(student, old, old + f"# vu avec {FULL}\n".encode()),))
    save_pending(repo_git, [edit])  # an edit kept for the next commit (bytes as blobs)
    journal = root / ".git/aptui/journal/tx-crash"
    journal.mkdir(parents=True)
    (journal / "plan.json").write_text(json.dumps([{"path": student, "new": None, "old": str(journal / "0.old")}]))
    (journal / "0.old").write_bytes(old)  # a crash before its marker: to be dropped
    record = cf.ConflictRecord(student, "file", f"Fiche de {FULL}", [student], cf.Side("local"),
                               cf.Side("distant"), [{"key": "nom", "label": f"fiche de {FULL}", "base": NAME[1],
                                                     "ours": NAME[1], "theirs": "Dumas-Roy"}],
                               {"base": old.decode(), "ours": old.decode(), "theirs": old.decode()})
    cf.save_record(repo_git, record)  # a record an old merge left
    add_decisions(repo_git, [f"bilan de {FULL} ({STUDENT}) : maintenu (local)"])
    staged = root / ".git/aptui-staged/students"
    staged.mkdir(parents=True)
    (staged / f"{STUDENT}.yaml").write_bytes(old)  # a hook killed before cleaning up


def files_holding_the_name(folder: Path) -> list[str]:
    """Every file under ``folder`` whose bytes (or, for a git object, inflated bytes) hold the name."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if "objects" in path.parts and len(path.parent.name) == 2:
            try:
                data = zlib.decompress(data)
            except zlib.error:
                pass
        if any(trace in data for trace in TRACES):
            found.append(str(path.relative_to(folder)))
    return found


def every_object(root: Path) -> bytes:
    """Every object of the repository, reachable or not, inflated."""
    return subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"], cwd=root, capture_output=True,
                          check=True).stdout


def test_forget_purges_every_store_and_says_what_history_keeps(repo: Path) -> None:  # noqa: F811
    fill_every_store(repo)
    cache = Path(os.environ["XDG_CACHE_HOME"])
    assert files_holding_the_name(cache)
    assert files_holding_the_name(repo / ".git")
    proc = run_cli("forget", STUDENT, str(repo), "--yes")
    assert proc.returncode == 0, proc.stderr
    assert files_holding_the_name(cache) == []
    left = files_holding_the_name(repo / ".git")
    kept_by_history = [p for p in left if p.startswith(("objects/", "logs/"))]
    assert left == kept_by_history, left  # nothing outside git's own history
    assert not (repo / ".git/aptui-pending.json").exists() or FULL not in (
        repo / ".git/aptui-pending.json").read_text(encoding="utf-8")
    assert cf.list_records(Git(repo)) == []
    assert git(repo, "for-each-ref", "refs/notes/").strip() == ""
    said = proc.stdout
    assert "Ce qui reste" in said
    assert "reflog" in said and "objet(s) git qui ne sont plus référencés" in said  # where history keeps it
    assert FULL not in said and NAME[1] not in said


def test_rewrite_history_leaves_the_name_in_no_file_and_no_object(repo: Path) -> None:  # noqa: F811
    if rewrite.filter_repo_command() is None:
        pytest.skip("git-filter-repo is not installed (pip install git-filter-repo: in the test extras)")
    fill_every_store(repo)
    proc = run_cli("forget", STUDENT, str(repo), "--yes", "--rewrite-history")
    assert proc.returncode == 0, proc.stderr
    assert files_holding_the_name(repo / ".git") == []
    assert files_holding_the_name(Path(os.environ["XDG_CACHE_HOME"])) == []
    objects = every_object(repo)
    assert not any(trace in objects for trace in TRACES)
    history = everything_in_history(repo)
    assert NAME[1] not in history
    assert run_cli("validate", str(repo), "--no-cache").returncode == 0


def test_the_cache_folder_is_the_one_aptui_uses(tmp_path: Path) -> None:
    assert cache_root() == tmp_path / "cache" / "aptui"
