"""The clone's staff id lives in its local git config."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from aptui.gitsync.identity import STAFF_ENV, set_staff_id, staff_id


def test_staff_id_round_trips_in_local_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STAFF_ENV, raising=False)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert staff_id(tmp_path) is None
    set_staff_id(tmp_path, "mdupont")
    assert staff_id(tmp_path) == "mdupont"
    local = subprocess.run(["git", "-C", str(tmp_path), "config", "--local", "aptui.staff"],
                           capture_output=True, text=True, check=True)
    assert local.stdout.strip() == "mdupont"
    monkeypatch.setenv(STAFF_ENV, "bpetit")
    assert staff_id(tmp_path) == "bpetit"


def test_no_repository_means_nobody(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STAFF_ENV, raising=False)
    assert staff_id(tmp_path / "absent") is None
