"""Helpers of the import and set-up tests: a new school in a real git repository, the CLI in-process."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from aptui.cli.main import main

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
XML = FIXTURES / "ElevesSansAdresses.xml"
CSV = FIXTURES / "EXP_Liste_des_eleves_par_division.csv"
YEAR = "2025-2026"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def commits(root: Path) -> int:
    return int(git(root, "rev-list", "--count", "HEAD").strip())


def last_message(root: Path) -> str:
    return git(root, "log", "-1", "--format=%B").strip()


def new_school(tmp_path: Path, name: str = "ecole") -> Path:
    """`aptui init`, an author, and a first commit of what init wrote (init commits itself when git knows the author)."""
    root = tmp_path / name
    assert main(["init", str(root), "--year", YEAR, "--pilote", "Anne Durand"]) == 0
    git(root, "config", "user.name", "Anne Durand")
    git(root, "config", "user.email", "anne.durand@example.invalid")
    git(root, "add", "-A")
    if git(root, "status", "--porcelain").strip():
        git(root, "commit", "-q", "-m", "init")
    return root


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run aptui in this process, names shown as on a terminal (APTUI_NAMES=1; the masking of names in
    logs is tested in test_privacy_masked_commands.py); (exit status, stdout, stderr)."""
    capsys.readouterr()
    saved = os.environ.get("APTUI_NAMES")
    os.environ["APTUI_NAMES"] = "1"
    try:
        code = main(list(args))
    finally:
        if saved is None:
            del os.environ["APTUI_NAMES"]
        else:
            os.environ["APTUI_NAMES"] = saved
    out, err = capsys.readouterr()
    return code, out, err


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(root).parts}
