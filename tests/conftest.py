"""Shared fixtures: copies of the test schools, an isolated parse cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MINI_SCHOOL = FIXTURES / "mini_school"
REPO_ROOT = Path(__file__).parent.parent
SAMPLE_SCHOOL = REPO_ROOT / "sample_school"


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the user's real parse cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def mini_school(tmp_path: Path) -> Path:
    """A writable copy of the small valid school."""
    target = tmp_path / "school"
    shutil.copytree(MINI_SCHOOL, target)
    return target
