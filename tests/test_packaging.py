"""Install anywhere: a wheel built from the repository, installed in a fresh virtual environment,
runs `aptui demo --no-open` and `aptui validate` on the demo school, with no file of the repository.

Offline: the wheel is built with this environment's setuptools (``--no-build-isolation``), and the
fresh environment reaches the third-party dependencies through a ``.pth`` line (aptui itself comes
only from the wheel: the test checks where it was imported from).  About 20 s.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                                     ".mypy_cache", ".ruff_cache", ".hypothesis", "out", "snapshots")


def run(*argv: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{argv}: {proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("src") / "aptui"
    shutil.copytree(REPO, source, ignore=NOT_SOURCES)  # the build writes build/ and *.egg-info: not in the worktree
    out = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
        "-w", out, source, cwd=source)
    (built,) = out.glob("aptui-*.whl")
    return built


def test_the_wheel_carries_schemas_styles_and_the_sample_school(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for schema in (REPO / "aptui/schema").glob("*.json"):
        assert f"aptui/schema/{schema.name}" in names
    assert "aptui/tui/app.tcss" in names
    sample = {p.relative_to(REPO / "sample_school").as_posix() for p in (REPO / "sample_school").rglob("*") if p.is_file()}
    packaged = {n.removeprefix("aptui/data/sample_school/") for n in names if n.startswith("aptui/data/sample_school/")}
    assert sample and packaged == sample  # by reference: whatever sample_school/ holds when the wheel is built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env_dir = tmp_path_factory.mktemp("venv") / "env"
    run(sys.executable, "-m", "venv", "--without-pip", env_dir, cwd=env_dir.parent)
    python = env_dir / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel,
        cwd=env_dir.parent)
    # the dependencies (textual, PyYAML, ...) from this environment, after the venv's own site-packages
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=env_dir.parent).stdout.strip()
    Path(site, "deps-from-test-env.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return env_dir


def test_demo_and_validate_run_from_the_wheel_alone(venv: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HOME=str(tmp_path), GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"), TMPDIR=str(tmp_path),
               PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}")
    where = run(venv / "bin/python", "-c", "import aptui; print(aptui.__file__)", cwd=tmp_path, env=env).stdout
    assert Path(where.strip()).is_relative_to(venv), where  # aptui from the wheel, not from the repository
    demo = run(venv / "bin/aptui", "demo", "--no-open", cwd=tmp_path, env=env).stdout
    match = re.search(r"École de démonstration : (\S+)", demo)
    assert match, demo
    school = Path(match.group(1))
    assert school.is_relative_to(tmp_path)
    assert (school / "students").is_dir() and len(list((school / "students").glob("*.yaml"))) == len(
        list((REPO / "sample_school/students").glob("*.yaml")))
    log = run("git", "-C", school, "log", "--oneline", cwd=tmp_path, env=env).stdout.splitlines()
    assert len(log) > 12  # the import commits, then the dated edits of the demo
    proc = subprocess.run([venv / "bin/aptui", "validate", str(school)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "aucun problème" in proc.stdout + proc.stderr
