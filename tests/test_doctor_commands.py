"""`aptui doctor`: every failing check gives the exact command to run, and running it (in a shell, as the
teacher would paste it, with only the words in capitals filled in) makes the check pass."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from test_git_support import ANNE, commit, git, set_mark
from test_git_support import clone as clone_of
from test_onboarding import aptui, env_without_identity, joined, remote  # noqa: F401 - fixtures

FILL = {"VOTRE_ADRESSE": "bruno.petit@example.org", "PRÉNOM NOM": "Bruno Petit"}


def doctor(clone: Path, env: dict[str, str]) -> tuple[int, str]:
    proc = aptui("doctor", str(clone), cwd=clone, env=env)
    assert "Traceback" not in proc.stderr
    return proc.returncode, proc.stdout


def commands(out: str) -> list[str]:
    return [line.strip()[2:] for line in out.splitlines() if line.strip().startswith("$ ")]


BREAKAGES = ["driver-unset", "driver-missing-program", "textconv-unset", "attributes", "hook", "hook-not-executable",
             "identity", "staff-unset", "staff-unknown", "remote", "cache", "merge", "pull-unset", "merge-hook"]


def break_clone(clone: Path, env: dict[str, str], breakage: str, tmp_path: Path) -> dict[str, str]:
    if breakage == "driver-unset":
        git(clone, "config", "--unset", "merge.aptui.driver")
    elif breakage == "driver-missing-program":
        git(clone, "config", "merge.aptui.driver", "/nulle/part/python -m aptui merge-driver %O %A %B %P")
    elif breakage == "textconv-unset":
        git(clone, "config", "--unset", "diff.aptui.textconv")
    elif breakage == "merge-hook":  # a clone set up before aptui checked the merges a plain git pull commits
        (clone / ".git/hooks/pre-merge-commit").unlink()
    elif breakage == "pull-unset":  # a clone set up before install_git said how « git pull » reconciles
        git(clone, "config", "--unset", "pull.rebase")
    elif breakage == "attributes":
        (clone / ".gitattributes").write_text("", encoding="utf-8")
        git(clone, "commit", "-qam", "Sans attributs", "--no-verify")
    elif breakage == "hook":
        (clone / ".git/hooks/pre-commit").unlink()
    elif breakage == "hook-not-executable":
        (clone / ".git/hooks/pre-commit").chmod(0o644)
    elif breakage == "identity":
        git(clone, "config", "--unset", "user.email")
    elif breakage == "staff-unset":
        git(clone, "config", "--unset", "aptui.staff")
    elif breakage == "staff-unknown":
        git(clone, "config", "aptui.staff", "zzz")
    elif breakage == "remote":
        git(clone, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    elif breakage == "cache":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x", encoding="utf-8")
        env = {**env, "XDG_CACHE_HOME": str(blocker)}
    elif breakage == "merge":  # a true conflict met by a plain git pull
        other = clone_of(tmp_path / "remote.git", tmp_path / "anne", ANNE)
        set_mark(other, "G-METHODO", "2025-12-09", "e07", "excuse")
        commit(other, "Maëlle excusée")
        git(other, "push", "-q")
        set_mark(clone, "G-METHODO", "2025-12-09", "e07", "retard")
        commit(clone, "Maëlle en retard")
        pulled = subprocess.run(["git", "-C", str(clone), "-c", "pull.rebase=false", "pull", "-q"], env=env,
                                capture_output=True, text=True)
        assert pulled.returncode != 0
    return env


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_the_command_doctor_gives_fixes_what_it_found(joined: tuple[Path, dict[str, str]],  # noqa: F811
                                                        breakage: str, tmp_path: Path) -> None:
    clone, env = joined
    assert doctor(clone, env)[0] == 0
    env = break_clone(clone, env, breakage, tmp_path)
    code, out = doctor(clone, env)
    assert code == 1, out
    [command] = commands(out)
    for word, value in FILL.items():
        command = command.replace(word, value)
    command = command.replace("ADRESSE_DU_DÉPÔT", shlex.quote(str(tmp_path / "remote.git")))
    assert not any(word in command for word in ("VOTRE_", "ADRESSE_DU", "DOSSIER_DE", "PRÉNOM")), command
    doctor_again = f"{shlex.quote(sys.executable)} -m aptui doctor {shlex.quote(str(clone))}"
    if breakage == "merge":  # a merge is concluded by choosing; here every side is the same text
        command += " --take local"
    proc = subprocess.run(["bash", "-c", f"{command} >/dev/null </dev/null && {doctor_again}"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, (command, proc.stdout, proc.stderr)
    assert "[à corriger]" not in proc.stdout


def test_a_foreign_hook_is_told_the_line_to_add(joined: tuple[Path, dict[str, str]], tmp_path: Path) -> None:  # noqa: F811
    clone, env = joined
    hook = clone / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho autre outil\n", encoding="utf-8")
    hook.chmod(0o755)
    code, out = doctor(clone, env)
    assert "[attention] hook pre-commit : un autre hook" in out
    [command] = commands(out)
    subprocess.run(["bash", "-c", command], check=True, cwd=tmp_path, env=env)
    text = hook.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/sh\necho autre outil\n") and text.rstrip().endswith("pre-commit || exit 1")
    assert "[ok] hook pre-commit" in doctor(clone, env)[1]


def test_outside_the_school_folder_the_command_names_it(tmp_path: Path) -> None:
    repo = tmp_path / "depot"
    repo.mkdir()
    git(repo, "init", "-q")
    proc = aptui("doctor", str(repo), cwd=repo, env=env_without_identity(tmp_path / "home"))
    assert proc.returncode == 1
    assert "doctor DOSSIER_DE_L_ÉCOLE" in proc.stdout
