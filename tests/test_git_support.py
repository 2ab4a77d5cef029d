"""Helpers for the git tests: a bare remote, clones with their own authors, and
small edits written as plain text (as a teacher's editor or aptui would).

No test lives here; the scenarios are in the other ``test_git_*.py`` files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from aptui.gitsync.install import install_git

FIXTURE = Path(__file__).parent / "fixtures" / "mini_school"
YEAR = "years/2025-2026"
ANNE = ("Anne Durand", "anne.durand@example.org")
BRUNO = ("Bruno Petit", "bruno.petit@example.org")

PROJET_GROUP = """\
# yaml-language-server: $schema=../../../../schema/group.schema.json
titre: Projet pro
type: projet-professionnel
barrette: B-2NDE
enseignants:
  - adurand
eleves: []
"""


def git(cwd: Path, *args: str, check: bool = True) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    result = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True, env=env)
    if check and result.returncode:
        raise AssertionError(f"git {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def set_author(repo: Path, author: tuple[str, str]) -> None:
    git(repo, "config", "user.name", author[0])
    git(repo, "config", "user.email", author[1])


def drop_last_sessions(school: Path) -> None:
    """Remove the 16/12 sessions of P2, so that teachers can take that attendance in the tests."""
    for group in ("G-APPRO", "G-METHODO"):
        path = school / f"{YEAR}/sessions/P2/{group}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: text.index("  - date: 2025-12-16")], encoding="utf-8")


def seed_school(dest: Path) -> Path:
    """The mini school as a fresh repository with one commit by Anne."""
    shutil.copytree(FIXTURE, dest)
    drop_last_sessions(dest)
    (dest / f"{YEAR}/groups/P2/G-PROJET.yaml").write_text(PROJET_GROUP, encoding="utf-8")
    git(dest, "init", "-q", "-b", "main")
    set_author(dest, ANNE)
    install_git(dest, hook=False, commit=False)
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "Création de l'école")
    return dest


def no_global_git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a teacher's git with no settings of its own, whatever the machine running the tests says."""
    empty = tmp_path / "empty-gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))


def make_remote(tmp_path: Path) -> Path:
    """A bare remote holding the seed school."""
    seed = seed_school(tmp_path / "seed")
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    git(seed, "remote", "add", "origin", str(bare))
    git(seed, "push", "-q", "-u", "origin", "main")
    return bare


def clone(bare: Path, dest: Path, author: tuple[str, str]) -> Path:
    git(bare.parent, "clone", "-q", str(bare), str(dest))
    set_author(dest, author)
    install_git(dest)
    return dest


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def remote_file(bare: Path, path: str) -> str:
    return git(bare, "show", f"main:{path}")


# --- edits as plain text -------------------------------------------------------------------------
def take_attendance(repo: Path, group: str, day: str, marks: dict[str, str], period: str = "P2") -> None:
    path = repo / f"{YEAR}/sessions/{period}/{group}.yaml"
    lines = [f"  - date: {day}", '    debut: "14:00"', "    duree_min: 120", "    activite: Séance du jour",
             "    appel:"] + [f"      {student}: {mark}" for student, mark in marks.items()]
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")


def set_mark(repo: Path, group: str, day: str, student: str, mark: str, period: str = "P2") -> None:
    path = repo / f"{YEAR}/sessions/{period}/{group}.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - date: {day}")
    end = text.find("  - date:", start + 5)
    end = len(text) if end < 0 else end
    block = text[start:end]
    head, _, tail = block.partition(f"      {student}: ")
    tail = tail[tail.index("\n"):]
    path.write_text(text[:start] + head + f"      {student}: {mark}" + tail + text[end:], encoding="utf-8")


def group_file(repo: Path, group: str, period: str = "P2") -> Path:
    return repo / f"{YEAR}/groups/{period}/{group}.yaml"


def members(repo: Path, group: str, period: str = "P2") -> list[str]:
    text = group_file(repo, group, period).read_text(encoding="utf-8")
    block = text.split("eleves:", 1)[1].split("arrivees:", 1)[0]
    return [line.strip()[2:] for line in block.splitlines() if line.strip().startswith("- ")]


def move_student(repo: Path, student: str, source: str, target: str, day: str, reason: str,
                 period: str = "P2") -> None:
    """A dated move inside a period: one line leaves a group, one arrives in another, with an arrival."""
    source_path = group_file(repo, source, period)
    source_path.write_text(source_path.read_text(encoding="utf-8").replace(f"  - {student}\n", "", 1),
                           encoding="utf-8")
    path = group_file(repo, target, period)
    text = path.read_text(encoding="utf-8")
    current = members(repo, target, period)
    new = sorted(current + [student])
    if "eleves: []" in text:
        text = text.replace("eleves: []", "eleves:\n" + "".join(f"  - {s}\n" for s in new).rstrip("\n"))
    else:
        old_block = "eleves:\n" + "".join(f"  - {s}\n" for s in current)
        text = text.replace(old_block, "eleves:\n" + "".join(f"  - {s}\n" for s in new))
    if "arrivees:" not in text:
        text = text.rstrip("\n") + "\narrivees:\n"
    text += f"  - date: {day}\n    eleve: {student}\n    depuis: {source}\n    motif: {reason}\n"
    path.write_text(text, encoding="utf-8")


def add_interview(repo: Path, student: str, day: str, teacher: str, notes: str) -> None:
    path = repo / f"students/{student}.yaml"
    text = path.read_text(encoding="utf-8")
    entry = f"  - date: {day}\n    enseignant: {teacher}\n    notes: {notes}\n"
    if "entretiens:" in text:
        text = text.replace("entretiens:\n", "entretiens:\n" + entry, 1)
    else:
        text = text.rstrip("\n") + "\nentretiens:\n" + entry
    path.write_text(text, encoding="utf-8")
