"""The pre-commit hook of `aptui install-git`, and the hook manifest for the pre-commit framework."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from datetime import date
from pathlib import Path

import pytest
import yaml
from test_git_support import YEAR, git, group_file, seed_school

from aptui.cli.main import build_parser, main
from aptui.edit import AddInterview, apply_command
from aptui.gitsync.install import install_git

REPO_ROOT = Path(__file__).resolve().parent.parent
# The languages the pre-commit framework knows (pre-commit 3.x/4.x, `language:`).
PRE_COMMIT_LANGUAGES = {"conda", "coursier", "dart", "docker", "docker_image", "dotnet", "fail", "golang",
                        "haskell", "julia", "lua", "node", "perl", "pygrep", "python", "r", "ruby", "rust",
                        "swift", "unsupported", "unsupported_script", "system", "script"}
HOOK_KEYS = {"id", "name", "entry", "language", "alias", "files", "exclude", "types", "types_or", "exclude_types",
             "additional_dependencies", "args", "always_run", "fail_fast", "pass_filenames", "description",
             "language_version", "log_file", "require_serial", "stages", "verbose", "minimum_pre_commit_version"}


def commit(repo: Path, message: str) -> subprocess.CompletedProcess[str]:
    """A commit by hand, hooks included."""
    return subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], capture_output=True, text=True)


def drop_from_group(repo: Path, student: str) -> None:
    path = group_file(repo, "G-APPRO")
    path.write_text(path.read_text(encoding="utf-8").replace(f"  - {student}\n", ""), encoding="utf-8")


@pytest.fixture()
def school(tmp_path: Path) -> Path:
    repo = seed_school(tmp_path / "school")
    install_git(repo)  # hook included
    return repo


def test_hook_lets_a_valid_commit_through(school: Path) -> None:
    apply_command(school, AddInterview("e01", date(2025, 12, 11), "adurand", "Point d'étape"))
    git(school, "add", "-A")
    done = commit(school, "Entretien de Zoé Arnaud")
    assert done.returncode == 0, done.stderr
    assert git(school, "log", "-1", "--format=%s").strip() == "Entretien de Zoé Arnaud"


def test_hook_refuses_staged_errors_and_names_them(school: Path) -> None:
    drop_from_group(school, "e02")
    git(school, "add", "-A")
    refused = commit(school, "e02 sans groupe")
    assert refused.returncode == 1
    assert "aptui : commit refusé, il ajoute" in refused.stderr
    # the hook's output reaches GUIs and CI logs: the student is named by id only (render/names.py)
    assert "e02 n'est dans aucun groupe" in refused.stderr
    assert "Bernier" not in refused.stderr and "Yanis" not in refused.stderr
    assert "git commit --no-verify" in refused.stderr
    assert not (school / ".git" / "aptui-staged").exists()  # the staged copy of the school is gone
    assert git(school, "log", "-1", "--format=%s").strip() == "Création de l'école"
    assert git(school, "diff", "--cached", "--name-only").strip() == f"{YEAR}/groups/P2/G-APPRO.yaml"


def test_hook_names_students_only_when_asked(school: Path) -> None:
    drop_from_group(school, "e02")
    git(school, "add", "-A")
    refused = subprocess.run(["git", "-C", str(school), "commit", "-q", "-m", "x"], capture_output=True, text=True,
                             env={**os.environ, "APTUI_NAMES": "1"})
    assert refused.returncode == 1 and "Yanis Bernier (e02) n'est dans aucun groupe" in refused.stderr


def test_hook_checks_what_is_staged_not_the_working_tree(school: Path) -> None:
    apply_command(school, AddInterview("e01", date(2025, 12, 11), "adurand", "Point d'étape"))
    git(school, "add", "students/e01.yaml")
    drop_from_group(school, "e02")  # an error left unstaged does not block a valid commit
    assert commit(school, "Entretien").returncode == 0
    git(school, "add", f"{YEAR}/groups/P2/G-APPRO.yaml")  # once staged, the same error is refused
    assert commit(school, "e02 sans groupe").returncode == 1


def test_pre_commit_framework_manifest_is_valid() -> None:
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and [h["id"] for h in hooks] == ["aptui-validate"]
    hook = hooks[0]
    assert set(hook) <= HOOK_KEYS
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["language"] in PRE_COMMIT_LANGUAGES and hook["language"] == "python"
    # language: python pip-installs this repository: its console script must be the entry's program
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    program, *words = hook["entry"].split()
    assert project["scripts"][program] == "aptui.cli.main:main"
    # aptui validate checks the whole school from the repository root: no file names, always
    assert hook["pass_filenames"] is False and hook["always_run"] is True
    for pattern in (hook.get("files"), hook.get("exclude")):
        if pattern is not None:
            re.compile(pattern)
    args = build_parser().parse_args([*words, *hook.get("args", [])])
    assert args.command == "validate" and args.path == "." and args.errors_only


def test_manifest_entry_passes_a_valid_school_and_fails_a_broken_one(school: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    hook = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    argv = [*hook["entry"].split()[1:], *hook["args"]]
    monkeypatch.chdir(school)  # pre-commit runs hooks at the repository root
    assert main(argv) == 0
    drop_from_group(school, "e02")
    assert main(argv) == 1


def test_hook_accepts_a_commit_that_adds_no_error_while_head_has_errors(school: Path) -> None:
    drop_from_group(school, "e02")  # committed without the hook (as the app or --no-verify would)
    git(school, "commit", "-q", "-a", "--no-verify", "-m", "e02 sans groupe")
    apply_command(school, AddInterview("e01", date(2025, 12, 11), "adurand", "Point d'étape"))
    git(school, "add", "students/e01.yaml")
    done = commit(school, "Entretien de Zoé Arnaud")
    assert done.returncode == 0, done.stderr
    assert "déjà présentes avant ce commit ne le bloquent pas" in done.stderr
    assert git(school, "log", "-1", "--format=%s").strip() == "Entretien de Zoé Arnaud"


def test_hook_refuses_a_commit_that_adds_an_error_while_head_already_has_one(school: Path) -> None:
    drop_from_group(school, "e02")
    git(school, "commit", "-q", "-a", "--no-verify", "-m", "e02 sans groupe")
    drop_from_group(school, "e05")
    refused = subprocess.run(["git", "-C", str(school), "commit", "-q", "-a", "-m", "e05 sans groupe"],
                             capture_output=True, text=True)  # -a: git hands the hook a temporary index
    assert refused.returncode == 1
    assert "e05 n'est dans aucun groupe" in refused.stderr
    assert "e02 n'est" not in refused.stderr
    assert git(school, "log", "-1", "--format=%s").strip() == "e02 sans groupe"


def test_hook_keeps_no_copy_of_the_staged_school(school: Path) -> None:
    drop_from_group(school, "e02")
    git(school, "add", "-A")
    assert commit(school, "e02 sans groupe").returncode == 1
    leftovers = list((school / ".git").rglob("*.yaml"))
    assert leftovers == []
