"""Sync scenarios with real git: a bare remote, two clones, two authors.

The merge driver is installed in each clone as ``<this python> -m aptui…
merge-driver``, so git runs it as a real command.  Each scenario is checked
on the files and on ``git log``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_git_support import (
    ANNE,
    BRUNO,
    YEAR,
    add_interview,
    clone,
    commit,
    git,
    make_remote,
    members,
    move_student,
    remote_file,
    set_mark,
    take_attendance,
)

from aptui.gitsync import conflicts as cf
from aptui.gitsync.runner import Git
from aptui.gitsync.sync import resolve_all, sync
from aptui.pipeline import load_school

METHODO_MARKS = {"e03": "present", "e04": "absent", "e06": "present", "e07": "present"}
APPRO_MARKS = {"e01": "present", "e02": "present", "e05": "retard", "e08": "present"}


@pytest.fixture()
def team(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(remote, Anne's clone, Bruno's clone)."""
    bare = make_remote(tmp_path)
    return bare, clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)


def authors(repo: Path, rev: str = "HEAD") -> list[str]:
    return git(repo, "log", "--format=%an", rev).split("\n")[:-1]


def subjects(repo: Path, rev: str = "HEAD") -> list[str]:
    return git(repo, "log", "--format=%s", rev).split("\n")[:-1]


def assert_valid(repo: Path) -> None:
    errors = load_school(repo, use_cache=False).errors
    assert errors == [], [d.message for d in errors]


def test_attendance_in_two_groups_at_the_same_time(team: tuple[Path, Path, Path]) -> None:
    bare, anne, bruno = team
    take_attendance(anne, "G-METHODO", "2025-12-16", METHODO_MARKS)
    commit(anne, "Appel du 16/12 en Méthodo")
    take_attendance(bruno, "G-APPRO", "2025-12-16", APPRO_MARKS)
    commit(bruno, "Appel du 16/12 en Approfondissement")

    assert sync(anne).status == "ok"
    report = sync(bruno)

    assert report.status == "ok" and report.conflicts == [] and report.new_errors == []
    assert report.received == 1 and report.sent == 2
    assert "      e04: absent" in remote_file(bare, f"{YEAR}/sessions/P2/G-METHODO.yaml")
    assert "      e05: retard" in remote_file(bare, f"{YEAR}/sessions/P2/G-APPRO.yaml")
    assert subjects(bare, "main")[:3] == ["Synchronisation : fusion des modifications d'Anne Durand",
                                          "Appel du 16/12 en Approfondissement", "Appel du 16/12 en Méthodo"]
    assert authors(bare, "main")[:3] == [BRUNO[0], BRUNO[0], ANNE[0]]
    assert sync(anne).status == "ok"
    assert "      e05: retard" in (anne / f"{YEAR}/sessions/P2/G-APPRO.yaml").read_text(encoding="utf-8")
    assert_valid(anne)


def test_both_add_different_students_to_the_same_group(team: tuple[Path, Path, Path]) -> None:
    bare, anne, bruno = team
    move_student(anne, "e06", "G-METHODO", "G-APPRO", "2025-12-15", "Vise un BTS")
    commit(anne, "e06 passe en Approfondissement")
    move_student(bruno, "e07", "G-METHODO", "G-APPRO", "2025-12-15", "Méthode acquise")
    commit(bruno, "e07 passe en Approfondissement")
    # Plain git (no driver) would conflict: the same lines are touched on both sides.
    assert sync(anne).status == "ok"
    report = sync(bruno)

    assert report.status == "ok" and report.conflicts == []
    assert members(bruno, "G-APPRO") == ["e01", "e02", "e05", "e06", "e07", "e08"]
    assert members(bruno, "G-METHODO") == ["e03", "e04"]
    group = remote_file(bare, f"{YEAR}/groups/P2/G-APPRO.yaml")
    assert "    eleve: e06\n" in group and "    eleve: e07\n" in group and "<<<<<<<" not in group
    assert len(git(bare, "log", "--merges", "--format=%H", "main").split()) == 1
    assert_valid(bruno)


def test_same_student_moved_to_two_groups_is_a_reported_conflict(team: tuple[Path, Path, Path]) -> None:
    bare, anne, bruno = team
    move_student(anne, "e05", "G-APPRO", "G-METHODO", "2025-12-15", "Reprendre la méthode")
    take_attendance(anne, "G-METHODO", "2025-12-16", {**METHODO_MARKS, "e05": "present"})
    commit(anne, "e05 passe en Méthodo, appel du 16/12")
    move_student(bruno, "e05", "G-APPRO", "G-PROJET", "2025-12-15", "Projet de stage")
    add_interview(bruno, "e02", "2025-12-10", "bpetit", "Point sur le projet")
    commit(bruno, "e05 passe en Projet pro, entretien de e02")
    assert sync(anne).status == "ok"

    report = sync(bruno)
    assert report.status == "conflicts"
    [record] = report.conflicts
    assert record.kind == "move" and "Lina Eymard" in record.title
    assert (record.ours.role, record.ours.author) == ("local", BRUNO[0])
    assert (record.theirs.role, record.theirs.author) == ("distant", ANNE[0])
    assert record.items[0]["ours"] == ["Projet pro"] and record.items[0]["theirs"] == ["Méthodo"]
    assert record.ours.date and record.theirs.commit
    # Ours is in place, nothing is pushed yet, the merge waits for a choice.
    assert members(bruno, "G-PROJET") == ["e05"] and "e05" not in members(bruno, "G-METHODO")
    assert git(bruno, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).strip()
    assert "e05 passe en Projet pro, entretien de e02" not in subjects(bare, "main")

    resolve_all(bruno, "theirs")
    final = sync(bruno)

    assert final.status == "ok", final.messages
    assert members(bruno, "G-METHODO") == ["e03", "e04", "e05", "e06", "e07"]
    assert members(bruno, "G-PROJET") == []
    assert "eleve: e05" not in (bruno / f"{YEAR}/groups/P2/G-PROJET.yaml").read_text(encoding="utf-8")
    assert "Point sur le projet" in remote_file(bare, "students/e02.yaml")  # nothing else lost
    assert "      e05: present" in remote_file(bare, f"{YEAR}/sessions/P2/G-METHODO.yaml")
    assert subjects(bare, "main")[0].startswith("Synchronisation : fusion des modifications d'Anne Durand")
    assert cf.list_records(Git(bruno)) == []
    assert_valid(bruno)


def conflict_blocks(text: str) -> list[tuple[list[str], list[str]]]:
    """(ours lines, theirs lines) of each standard conflict block of a text."""
    blocks, lines = [], text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("<<<<<<< "):
            middle = lines.index("=======", index)
            end = next(i for i in range(middle, len(lines)) if lines[i].startswith(">>>>>>> "))
            blocks.append((lines[index + 1:middle], lines[middle + 1:end]))
    return blocks


def test_same_mark_set_differently_is_marked_around_that_mark_only(team: tuple[Path, Path, Path]) -> None:
    bare, anne, bruno = team
    set_mark(anne, "G-METHODO", "2025-12-09", "e07", "excuse")
    set_mark(anne, "G-METHODO", "2025-12-09", "e03", "present")
    commit(anne, "Correction de l'appel du 09/12")
    set_mark(bruno, "G-METHODO", "2025-12-09", "e07", "retard")
    commit(bruno, "Maëlle en retard le 09/12")
    assert sync(anne).status == "ok"

    report = sync(bruno, mode="rebase")
    assert report.status == "conflicts"
    [record] = report.conflicts
    assert record.kind == "file" and record.title.startswith("Séances et appel du groupe G-METHODO")
    [item] = record.items
    assert item["label"] == "appel du 09/12/2025 pour Maëlle Giraud (e07)"
    local = record.ours if record.ours.role == "local" else record.theirs
    assert local.author == BRUNO[0]
    text = (bruno / f"{YEAR}/sessions/P2/G-METHODO.yaml").read_text(encoding="utf-8")
    # in a rebase, "ours" is the remote side (Anne's), the local one (Bruno's) is replayed onto it
    assert conflict_blocks(text) == [(["      e07: excuse"], ["      e07: retard"])]
    assert "      e03: present\n      e04: present" in text  # Anne's other correction is merged in
    assert "+<<<<<<< distant" in git(bruno, "diff")  # visible to plain git too

    resolve_all(bruno, "ours" if record.ours.role == "local" else "theirs")
    final = sync(bruno)
    assert final.status == "ok", final.messages
    merged = remote_file(bare, f"{YEAR}/sessions/P2/G-METHODO.yaml")
    assert "      e07: retard" in merged and "      e03: present\n      e04: present" in merged
    assert subjects(bare, "main")[:2] == ["Maëlle en retard le 09/12", "Correction de l'appel du 09/12"]


def test_push_rejected_because_the_remote_moved(team: tuple[Path, Path, Path]) -> None:
    bare, anne, bruno = team
    take_attendance(anne, "G-METHODO", "2025-12-16", METHODO_MARKS)
    commit(anne, "Appel en Méthodo")
    take_attendance(bruno, "G-APPRO", "2025-12-16", APPRO_MARKS)
    commit(bruno, "Appel en Approfondissement")
    # Anne pushes while Bruno is pushing: his first push is rejected.
    hook = bruno / ".git/hooks/pre-push"
    hook.write_text(f"#!/bin/sh\n[ -e {bruno}/.raced ] && exit 0\ntouch {bruno}/.raced\n"
                    f"git -C {anne} push -q origin main\n", encoding="utf-8")
    hook.chmod(0o755)

    report = sync(bruno)

    assert report.status == "ok", report.messages
    assert any("a changé entre-temps" in m for m in report.messages)
    assert subjects(bare, "main")[:3] == ["Synchronisation : fusion des modifications d'Anne Durand",
                                          "Appel en Approfondissement", "Appel en Méthodo"]
    assert git(bruno, "status", "--porcelain", "--", "years") == ""


def test_remote_unreachable_keeps_the_local_commit(team: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, anne, _ = team
    git(anne, "remote", "set-url", "origin", str(tmp_path / "nowhere.git"))
    take_attendance(anne, "G-METHODO", "2025-12-16", METHODO_MARKS)
    commit(anne, "Appel hors ligne")

    report = sync(anne)

    assert report.status == "unreachable"
    assert "injoignable" in report.messages[-1] and "rien n'est perdu" in report.messages[-1]
    assert "vos 1 commit(s) non envoyés" in report.messages[-1]
    assert subjects(anne)[0] == "Appel hors ligne"
    assert git(anne, "status", "--porcelain") == ""


def test_uncommitted_edits_before_a_pull_are_kept(team: tuple[Path, Path, Path]) -> None:
    bare, anne, bruno = team
    take_attendance(anne, "G-METHODO", "2025-12-16", METHODO_MARKS)
    commit(anne, "Appel en Méthodo")
    assert sync(anne).status == "ok"
    add_interview(bruno, "e03", "2025-12-11", "bpetit", "Veut rester dans la filière")  # not committed

    report = sync(bruno)

    assert report.status == "ok", report.messages
    assert report.committed is not None
    assert report.committed.subject == "Entretien d'Inès Caron le 11/12/2025 avec Bruno Petit"
    assert "Veut rester dans la filière" in (bruno / "students/e03.yaml").read_text(encoding="utf-8")
    assert "Veut rester dans la filière" in remote_file(bare, "students/e03.yaml")
    assert "      e04: absent" in (bruno / f"{YEAR}/sessions/P2/G-METHODO.yaml").read_text(encoding="utf-8")
    assert authors(bare, "main")[1] == BRUNO[0]


def test_no_remote_commits_and_says_how_to_share(tmp_path: Path) -> None:
    from test_git_support import seed_school

    repo = seed_school(tmp_path / "alone")
    add_interview(repo, "e01", "2025-12-11", "adurand", "RAS")
    report = sync(repo)
    assert report.status == "no_remote"
    assert "git remote add origin" in report.messages[-1]
    assert subjects(repo)[0] == "Entretien de Zoé Arnaud le 11/12/2025 avec Anne Durand"


def test_missing_author_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_git_support import seed_school

    repo = seed_school(tmp_path / "anonymous")
    git(repo, "config", "--unset", "user.name")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_AUTHOR_NAME", raising=False)
    report = sync(repo)
    assert report.status == "error"
    assert 'git config --global user.name "Prénom Nom"' in report.messages[-1]
