"""The shortcuts of the history commands give exactly what the plain computation gives.

A student's history reads a bilans file as that student's bilan only, runs
its git searches side by side and keeps parsed files between runs; the
semantic diff shares the unchanged files' documents (and the analysis parts
built on them) between its two sides and keeps parsed files between runs.
Each is compared here with the computation without the shortcut, on a
generated history (moves, attendance, bilans, interviews).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from aptui.cli.main import main
from aptui.gitsync import semantic
from aptui.gitsync.catfile import SMALL_BATCH, BlobReader, ls_tree
from aptui.gitsync.history import StudentHistoryQuery, student_history
from aptui.gitsync.runner import Git, NotARepository
from aptui.gitsync.snapshot import ParsedBlobs, TreeSnapshot, focused_bilans
from aptui.model.analysis import Analysis

STUDENTS, YEARS, SEED, COMMITS = 150, 1, 5, 30


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fast") / "ecole"
    assert main(["gen-sample", str(path), "--students", str(STUDENTS), "--years", str(YEARS),
                 "--seed", str(SEED), "--commits", str(COMMITS)]) == 0
    return path


def students_of(repo: Path) -> list[str]:
    """Students named in commit messages (moved, marked, bilans, interviews), and a few others."""
    named = sorted(set(re.findall(r"\((e\d{4}-\d{3})\)", git(repo, "log", "--format=%s"))))
    others = sorted(p.stem for p in (repo / "students").glob("*.yaml"))[::40]
    return named[:12] + others


def unfocused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plain computation: whole bilans files, nothing kept between runs."""
    monkeypatch.setattr(TreeSnapshot, "_key", lambda self, path, blob: blob)
    monkeypatch.setattr("aptui.gitsync.history.StoredBlobs", lambda root, name: ParsedBlobs())


def as_rows(entries: list) -> list[tuple]:  # type: ignore[type-arg]
    return [(e.commit, e.author, e.date, e.description, e.subject) for e in entries]


def test_history_of_one_student_is_the_plain_one_cold_and_warm(repo: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    students = students_of(repo)
    with monkeypatch.context() as plain:
        unfocused(plain)
        expected = {s: as_rows(student_history(repo, s)) for s in students}
    assert sum(map(len, expected.values())) > len(students)  # the history says something
    assert any("Bilan" in row[3] for rows in expected.values() for row in rows)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for student in students:
        assert as_rows(student_history(repo, student)) == expected[student], student  # cold
        assert as_rows(student_history(repo, student)) == expected[student], student  # from the stored blobs
    # the stored parsed files hold one student's bilans, not the whole school's
    stored = next((tmp_path / "cache" / "aptui").rglob("history-*.pickle"))
    assert stored.stat().st_size < 2_000_000


def test_cli_history_starts_git_early_and_prints_the_same(repo: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    student = students_of(repo)[0]
    assert main(["history", student, str(repo)]) == 0
    out = capsys.readouterr().out
    assert "Modifications (git) :" in out
    for entry in student_history(repo, student):
        assert entry.commit[:8] in out and entry.description in out


def test_history_outside_a_repository_fails_when_asked(tmp_path: Path) -> None:
    query = StudentHistoryQuery(tmp_path, "e01")
    with pytest.raises(NotARepository):
        query.entries()


def test_focused_bilans_keeps_unreadable_and_one_student() -> None:
    data = {"bilans": {"e1": {"resultat": "atteint"}, "e2": {"resultat": "partiel"}}}
    assert focused_bilans(data, "e2") == {"bilans": {"e2": {"resultat": "partiel"}}}
    assert focused_bilans(data, "e3") == {"bilans": {}}
    assert focused_bilans(None, "e1") is None
    assert focused_bilans(["x"], "e1") == {}


RANGES = ("HEAD~10..HEAD", f"HEAD~{COMMITS}..HEAD", "HEAD~3..HEAD~1", "HEAD~1..HEAD", "HEAD~5")


def test_diff_with_shared_documents_and_stored_blobs_is_the_plain_one(repo: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as plain:
        plain.setattr(semantic, "StoredBlobs", lambda root, name: ParsedBlobs())
        plain.setattr(ParsedBlobs, "documents", None, raising=False)
        plain.setattr(semantic, "Analysis", lambda school, previous=None: Analysis(school))

        def no_sharing(self: ParsedBlobs, limit: int = 200_000) -> None:
            self.values, self.limit, self.derived = {}, limit, {}
        plain.setattr(ParsedBlobs, "__init__", no_sharing)
        expected = {r: semantic.semantic_diff(repo, r).as_json() for r in RANGES}
    assert any(report["budget"] for report in expected.values())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for _ in range(2):  # cold, then from the stored blobs
        for rev_range in RANGES:
            assert semantic.semantic_diff(repo, rev_range).as_json() == expected[rev_range], rev_range


def test_blob_reader_small_and_large_batches_and_folders(repo: Path) -> None:
    git_ = Git(repo)
    files = ls_tree(git_, "HEAD", ("students", "years"))  # enough paths for a batch larger than SMALL_BATCH
    paths = sorted(files)
    assert sum(len(f"HEAD:{p}\n") for p in paths) > SMALL_BATCH  # the large batch goes through the thread
    with BlobReader(git_) as reader:
        many = reader.objects([f"HEAD:{p}" for p in paths])
        assert [found[0] for found in many if found] == [files[p] for p in paths]
        assert reader.objects(["HEAD:school.yaml", "HEAD:nothing.yaml"])[1] is None
        folder = paths[0].rsplit("/", 1)[0]
        direct = {p.rsplit("/", 1)[1]: b for p, b in files.items() if p.rsplit("/", 1)[0] == folder}
        assert reader.tree(f"HEAD:{folder}") == direct
        assert reader.tree("HEAD:school.yaml") is None  # a blob, not a folder
        assert reader.tree("HEAD:no/such/folder") is None
        snapshot = TreeSnapshot(git_, reader, "HEAD", ParsedBlobs())
        listed = snapshot.paths_in(folder)
        assert listed == sorted(f"{folder}/{name}" for name in direct)
        assert listed == [p for p in snapshot.paths() if p.rsplit("/", 1)[0] == folder]
