"""A warm `aptui validate` reuses the saved check only while no file changed, even when a tool
put the old mtime back on new bytes (``cp -p``, ``rsync -a``, ``tar x``): the stamp holds the
ctime and the inode too, which no such tool can restore."""

from __future__ import annotations

import os
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

from aptui.load import snapshot
from aptui.pipeline import open_checked

DIVISION = "years/2025-2026/divisions/2MELEC1.yaml"


@pytest.fixture
def checked_school(mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini school, every file last written long ago, checked once (its state saved)."""
    # Files older than the save by more than RACY_NS are trusted on their stamp alone.
    monkeypatch.setattr(snapshot, "RACY_NS", 0)
    old = (int(time.time()) - 3600) * 10**9  # whole seconds: what cp -p and tar restore exactly
    for path in mini_school.rglob("*.yaml"):
        os.utime(path, ns=(old, old))
    result, _ = open_checked(mini_school)
    assert result.diagnostics == []
    assert snapshot.read(mini_school, "checked") is not None
    return mini_school


def _same_size_fault(path: Path) -> bytes:
    text = path.read_text(encoding="utf-8")
    assert "niveau: 2nde" in text
    return text.replace("niveau: 2nde", "niveau: 9nde").encode("utf-8")  # same size, not a level


def test_a_same_size_edit_with_the_old_mtime_restored_is_seen(checked_school: Path) -> None:
    target = checked_school / DIVISION
    before = target.stat()
    target.write_bytes(_same_size_fault(target))
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # what cp -p does
    after = target.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert snapshot.read(checked_school, "checked") is None
    result, _ = open_checked(checked_school)
    assert [(d.code, d.loc.path) for d in result.errors] == [("APT101", DIVISION)]


def _edited_copy(school: Path, folder: Path) -> Path:
    """The division file with a same-size fault, and the original's mtime."""
    target = school / DIVISION
    edited = folder / "2MELEC1.yaml"
    edited.write_bytes(_same_size_fault(target))
    stat = target.stat()
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return edited


def test_cp_p_of_an_edited_copy_is_seen(checked_school: Path, tmp_path: Path) -> None:
    target = checked_school / DIVISION
    mtime = target.stat().st_mtime_ns
    subprocess.run(["cp", "-p", str(_edited_copy(checked_school, tmp_path)), str(target)], check=True)
    assert target.stat().st_mtime_ns == mtime
    assert snapshot.read(checked_school, "checked") is None


def test_tar_x_of_an_edited_copy_is_seen(checked_school: Path, tmp_path: Path) -> None:
    target = checked_school / DIVISION
    mtime = target.stat().st_mtime_ns
    archive = tmp_path / "backup.tar"
    with tarfile.open(archive, "w") as tar:
        tar.add(_edited_copy(checked_school, tmp_path), arcname=DIVISION)
    with tarfile.open(archive) as tar:
        tar.extractall(checked_school, filter="data")  # restores the archived mtime
    assert target.stat().st_mtime_ns == mtime
    assert snapshot.read(checked_school, "checked") is None
    result, _ = open_checked(checked_school)
    assert [(d.code, d.loc.path) for d in result.errors] == [("APT101", DIVISION)]


def test_an_untouched_school_is_served_from_the_saved_state(checked_school: Path) -> None:
    state = snapshot.read(checked_school, "checked")
    assert state is not None and list(state[0]) == [] and state[1] > 10
