"""A teacher joins the team: `aptui clone` (identity asked once, stored), `aptui doctor` (each broken
thing found, with what to do), `aptui init` (the first commit).  Real git: a bare remote and clones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_git_support import ANNE, git, make_remote

from aptui.gitsync.identity import STAFF_ENV
from aptui.gitsync.onboarding import Member, clone_target, matching_members


def env_without_identity(home: Path) -> dict[str, str]:
    """A new teacher's machine: no global git identity, no staff id."""
    env = {k: val for k, val in os.environ.items()
           if not k.startswith(("GIT_AUTHOR", "GIT_COMMITTER")) and k != STAFF_ENV}
    home.mkdir(parents=True, exist_ok=True)
    env.update(HOME=str(home), GIT_CONFIG_GLOBAL=str(home / "gitconfig"), GIT_CONFIG_NOSYSTEM="1")
    return env


def aptui(*args: str, cwd: Path, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aptui", *args], cwd=cwd, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture()
def remote(tmp_path: Path) -> Path:
    return make_remote(tmp_path)


@pytest.fixture()
def joined(tmp_path: Path, remote: Path) -> tuple[Path, dict[str, str]]:
    """Bruno's clone, made by `aptui clone` with his answers typed on standard input."""
    env = env_without_identity(tmp_path / "home")
    proc = aptui("clone", str(remote), "bruno", "--no-open", cwd=tmp_path, env=env,
                 stdin="Bruno Petit\nbruno.petit@example.org\n\n")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return tmp_path / "bruno", env


def test_clone_asks_identity_and_staff_once_and_stores_them(joined: tuple[Path, dict[str, str]]) -> None:
    clone, env = joined
    assert git(clone, "config", "--local", "user.name").strip() == "Bruno Petit"
    assert git(clone, "config", "--local", "user.email").strip() == "bruno.petit@example.org"
    # the empty answer took the guess from the git identity: Bruno Petit is bpetit in staff.yaml
    assert git(clone, "config", "--local", "aptui.staff").strip() == "bpetit"
    assert "merge-driver %O %A %B %P" in git(clone, "config", "merge.aptui.driver")
    assert git(clone, "config", "diff.aptui.cachetextconv").strip() == "true"
    assert (clone / ".git/hooks/pre-commit").is_file()
    # asked once: the clone is ready, doctor has nothing to say, and nothing asks again
    proc = aptui("doctor", str(clone), cwd=clone, env=env)
    assert proc.returncode == 0, proc.stdout
    assert "[ok] membre de l'équipe : Bruno Petit (bpetit)" in proc.stdout


def test_clone_answers_by_number_or_option_and_reasks_a_wrong_answer(tmp_path: Path, remote: Path) -> None:
    env = env_without_identity(tmp_path / "home")
    proc = aptui("clone", str(remote), "c1", "--no-open", "--name", "Camille Remplaçante", "--email", "c@example.org",
                 cwd=tmp_path, env=env, stdin="zz\n1\n")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "« zz » n'est pas dans la liste" in proc.stdout
    assert git(tmp_path / "c1", "config", "aptui.staff").strip() == "adurand"  # 1. Anne Durand
    proc = aptui("clone", str(remote), "c2", "--no-open", "--name", "X", "--email", "x@example.org", "--staff", "bpetit",
                 cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Qui êtes-vous" not in proc.stdout
    assert git(tmp_path / "c2", "config", "aptui.staff").strip() == "bpetit"


def test_clone_without_answers_says_what_to_do_and_exits_1(tmp_path: Path, remote: Path) -> None:
    env = env_without_identity(tmp_path / "home")
    proc = aptui("clone", str(remote), "c", "--no-open", cwd=tmp_path, env=env, stdin="")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "git config aptui.staff VOTRE_ID" in proc.stdout
    assert "[à corriger] identité git" in proc.stdout
    assert (tmp_path / "c/school.yaml").is_file()  # the clone itself is kept


def test_clone_refuses_a_non_empty_folder_and_an_unreachable_remote(tmp_path: Path) -> None:
    env = env_without_identity(tmp_path / "home")
    (tmp_path / "full").mkdir()
    (tmp_path / "full/x").write_text("x")
    assert aptui("clone", "nowhere.git", "full", "--no-open", cwd=tmp_path, env=env).returncode == 2
    proc = aptui("clone", str(tmp_path / "nowhere.git"), "c", "--no-open", cwd=tmp_path, env=env)
    assert proc.returncode == 1 and "aptui clone :" in proc.stderr and "Traceback" not in proc.stderr


def doctor(clone: Path, env: dict[str, str]) -> tuple[int, str]:
    proc = aptui("doctor", str(clone), cwd=clone, env=env)
    assert "Traceback" not in proc.stderr
    return proc.returncode, proc.stdout


@pytest.mark.parametrize(("breakage", "expected"), [
    ("driver-unset", "[à corriger] pilote de fusion : non configuré"),
    ("driver-missing-program", "[à corriger] pilote de fusion : le programme « /nulle/part/python » n'existe pas"),
    ("textconv-unset", "[à corriger] diff lisible (textconv) : non configuré"),
    ("attributes", "[à corriger] attributs (.gitattributes)"),
    ("hook", "[à corriger] hook pre-commit : absent"),
    ("identity", "[à corriger] identité git : nom ou e-mail inconnu"),
    ("staff-unset", "[à corriger] membre de l'équipe : ce clone ne sait pas qui vous êtes"),
    ("staff-unknown", "[à corriger] membre de l'équipe : « zzz » n'est pas dans staff.yaml"),
    ("remote", "[à corriger] dépôt distant :"),
    ("cache", "[à corriger] cache :"),
])
def test_doctor_finds_each_broken_thing(joined: tuple[Path, dict[str, str]], breakage: str, expected: str) -> None:
    clone, env = joined
    if breakage == "driver-unset":
        git(clone, "config", "--unset", "merge.aptui.driver")
    elif breakage == "driver-missing-program":
        git(clone, "config", "merge.aptui.driver", "/nulle/part/python -m aptui merge-driver %O %A %B %P")
    elif breakage == "textconv-unset":
        git(clone, "config", "--unset", "diff.aptui.textconv")
    elif breakage == "attributes":
        (clone / ".gitattributes").write_text("", encoding="utf-8")
    elif breakage == "hook":
        (clone / ".git/hooks/pre-commit").unlink()
    elif breakage == "identity":
        git(clone, "config", "--unset", "user.email")
    elif breakage == "staff-unset":
        git(clone, "config", "--unset", "aptui.staff")
    elif breakage == "staff-unknown":
        git(clone, "config", "aptui.staff", "zzz")
    elif breakage == "remote":
        git(clone, "remote", "set-url", "origin", str(clone.parent / "gone.git"))
    elif breakage == "cache":
        blocker = clone.parent / "not-a-folder"
        blocker.write_text("x", encoding="utf-8")
        env = {**env, "XDG_CACHE_HOME": str(blocker)}
    code, out = doctor(clone, env)
    assert code == 1, out
    assert expected in out, out
    fixes = [line for line in out.splitlines() if line.strip().startswith("→")]
    problems = [line for line in out.splitlines() if "[à corriger]" in line]
    assert len(problems) == 1 and len(fixes) >= 1  # one thing broken, one thing said, with what to do
    assert out.rstrip().endswith(f"1 problème(s) à corriger : {problems[0].split('] ')[1].split(' :')[0]}.")


def test_doctor_outside_a_repository_says_so(tmp_path: Path) -> None:
    proc = aptui("doctor", str(tmp_path), cwd=tmp_path, env=env_without_identity(tmp_path / "home"))
    assert proc.returncode == 1 and "n'est pas un dépôt git" in proc.stderr


def test_init_makes_the_first_commit_and_knows_its_pilote(tmp_path: Path) -> None:
    env = {**env_without_identity(tmp_path / "home"), "GIT_AUTHOR_NAME": ANNE[0], "GIT_AUTHOR_EMAIL": ANNE[1],
           "GIT_COMMITTER_NAME": ANNE[0], "GIT_COMMITTER_EMAIL": ANNE[1]}
    proc = aptui("init", "ecole", "--pilote", "Claire Fontaine", "--year", "2026-2027", "--ci", "gitlab",
                 cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    school = tmp_path / "ecole"
    assert git(school, "log", "--format=%s %an").strip() == "Création de l'école (aptui init) Anne Durand"
    assert git(school, "status", "--porcelain") == ""  # everything committed, the CI file too
    assert "school.yaml" in git(school, "ls-files") and ".gitlab-ci.yml" in git(school, "ls-files")
    assert git(school, "config", "aptui.staff").strip() == "cfontaine"


def test_init_without_identity_keeps_the_files_and_says_how_to_commit(tmp_path: Path) -> None:
    proc = aptui("init", "ecole", cwd=tmp_path, env=env_without_identity(tmp_path / "home"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "git config user.name" in proc.stdout
    assert (tmp_path / "ecole/school.yaml").is_file()


def test_guessing_the_staff_id_from_the_git_identity() -> None:
    members = [Member("adurand", "Anne", "Durand"), Member("lmartin", "Léa-Rose", "Martin"), Member("bpetit", "Bruno", "Petit")]
    assert matching_members(members, "anne durand", None) == [members[0]]
    assert matching_members(members, "MARTIN Lea Rose", None) == [members[1]]
    assert matching_members(members, "B.", "bpetit@ac-test.fr") == [members[2]]
    assert matching_members(members, "Quelqu'un", "lea-rose.martin@ac-test.fr") == [members[1]]
    assert matching_members(members, "Inconnu", "x@y.fr") == []
    assert clone_target("https://forge.example/lycee/ap-ecole.git", None) == Path("ap-ecole")
    assert clone_target("git@forge.example:ap.git", None) == Path("ap")
    assert clone_target("x", "ici") == Path("ici")


def test_clone_of_a_bare_remote_whose_head_names_no_branch_checks_out_the_school(tmp_path: Path, remote: Path) -> None:
    # `git init --bare` keeps HEAD -> master; the school was pushed as main: git alone clones an empty folder
    git(remote, "symbolic-ref", "HEAD", "refs/heads/nowhere")
    env = env_without_identity(tmp_path / "home")
    proc = aptui("clone", str(remote), "c3", "--no-open", "--name", "X", "--email", "x@example.org", "--staff", "bpetit",
                 cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "n'a pas de school.yaml" not in proc.stdout
    assert (tmp_path / "c3" / "school.yaml").is_file()
    assert git(tmp_path / "c3", "rev-parse", "--abbrev-ref", "HEAD").strip() == git(remote, "for-each-ref",
                                                                                    "--format=%(refname:short)",
                                                                                    "refs/heads").split()[0]
