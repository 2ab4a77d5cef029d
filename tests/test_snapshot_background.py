"""The saved state written in the background (load/background.py): never half-written, never written for a
school that changed meanwhile, never stale-but-trusted after an edit made while it is written."""

from __future__ import annotations

import os
import pickle
import signal
import time
from pathlib import Path

import pytest

import aptui.load.background as background
from aptui.edit import MoveStudent
from aptui.load import snapshot
from aptui.load.cache import ParseCache, cache_file
from aptui.workspace import Workspace

YEAR = "2025-2026"
MOVE = MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", None)


def test_the_states_are_written_by_a_child_and_the_app_keeps_no_parsed_value(mini_school: Path) -> None:
    workspace = Workspace(mini_school, defer_save=True)
    pending = workspace.pending_save
    assert pending is not None
    assert snapshot.read(mini_school, "model") is None  # nothing written yet
    assert pending.cache_writer is not None and pending.cache_writer.pid != os.getpid()
    writer = pending.start()
    assert writer.pid > 0  # a child process, not this one
    assert writer.wait(60) and writer.ok and pending.cache_writer.wait(60) and pending.cache_writer.ok
    assert writer.peak_mb > 0
    assert all(doc.data is None for doc in workspace.result.documents.values() if doc.built)
    assert snapshot.read(mini_school, "model") is not None
    assert len(ParseCache(cache_file(mini_school)).entries) == len(workspace.result.documents)
    warm = Workspace(mini_school)
    assert warm.result.diagnostics == workspace.result.diagnostics


def test_no_state_is_written_for_a_school_that_changed_since_its_load(mini_school: Path) -> None:
    workspace = Workspace(mini_school, defer_save=True)
    pending = workspace.pending_save
    assert pending is not None
    workspace.apply(MOVE)  # an edit between the load and the background write
    writer = pending.start()
    assert writer.wait(60) and writer.ok
    assert not snapshot.snapshot_file(mini_school, "model").exists()
    assert "e06" in (mini_school / f"years/{YEAR}/groups/P2/G-APPRO.yaml").read_text(encoding="utf-8")
    assert Workspace(mini_school).result.diagnostics == workspace.result.diagnostics


def test_an_edit_made_while_the_state_is_written_makes_it_untrusted(mini_school: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The child scans again before writing, but an edit can land just after that scan: the state then
    names the old content of the edited file, and the next open must not use it."""
    workspace = Workspace(mini_school, defer_save=True)
    pending = workspace.pending_save
    assert pending is not None
    edited = f"years/{YEAR}/groups/P2/G-APPRO.yaml"
    path = mini_school / edited
    old = path.read_bytes()
    # Same size, same mtime: only the content (and the ctime, which no one can set back) differ.
    info = path.stat()
    path.write_bytes(old.replace(b"e0", b"e9", 1))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    with monkeypatch.context() as patch:
        patch.setattr(snapshot, "scan", lambda root: pending.before)  # the re-scan saw nothing
        writer = pending.start()
        assert writer.wait(60) and writer.ok
    assert snapshot.snapshot_file(mini_school, "model").exists()  # written with the old digest...
    assert snapshot.read(mini_school, "model") is None  # ...and refused
    assert Workspace(mini_school).result.documents[edited].digest != workspace.result.documents[edited].digest


def test_a_state_records_the_time_its_files_were_scanned_not_the_time_it_is_written(
        mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file written in the clock tick of its stat keeps that stat: it is trusted only if it changed
    before the racy window, which must start at the scan (a background write comes seconds later)."""
    workspace = Workspace(mini_school, defer_save=True)
    pending = workspace.pending_save
    assert pending is not None
    scanned_at = getattr(pending.before, "at_ns", 0)
    assert scanned_at > 0
    time.sleep(0.05)
    pending.write()
    with snapshot.snapshot_file(mini_school, "model").open("rb") as handle:
        _, _, saved_at_ns, _, _ = pickle.load(handle)
    assert saved_at_ns == scanned_at


def test_a_held_writer_writes_nothing_before_go(mini_school: Path) -> None:
    workspace = Workspace(mini_school, defer_save=True)
    pending = workspace.pending_save
    assert pending is not None
    writer = pending.start(hold=True)
    assert not writer.done.wait(0.5)  # held: nothing written before go
    assert not snapshot.snapshot_file(mini_school, "model").exists()
    assert not cache_file(mini_school).exists()
    writer.go()
    assert writer.wait(60) and writer.succeeded
    assert snapshot.read(mini_school, "model") is not None and cache_file(mini_school).exists()


def test_a_writer_that_fails_only_costs_speed(mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise OSError(28, "No space left on device")

    writer = background.in_background(broken)
    assert writer.wait(60) and not writer.ok
    assert not list(snapshot.snapshot_file(mini_school, "model").parent.glob(".model-*"))


def test_a_writer_outlives_the_terminal_s_hangup(mini_school: Path) -> None:
    # closing the terminal (or tmux's pane) hangs up the app's process group: a writer there died
    # half-way, its temporary file left in the cache folder and no state saved
    workspace = Workspace(mini_school, defer_save=True)
    pending = workspace.pending_save
    assert pending is not None
    writer = pending.start(hold=True)
    try:
        assert os.getpgid(writer.pid) != os.getpgid(0)  # not in the app's process group
        os.kill(writer.pid, signal.SIGHUP)  # nor stopped by a hangup sent to it
    finally:
        writer.go()
    assert writer.wait(60) and writer.succeeded
    assert snapshot.read(mini_school, "model") is not None


def test_the_temporary_files_of_a_killed_writer_are_swept_by_the_next_one(mini_school: Path) -> None:
    folder = snapshot.snapshot_file(mini_school, "model").parent
    folder.mkdir(parents=True, exist_ok=True)
    stale, live = folder / ".model-k1ll3d", folder / ".model-wr1t1ng"
    stale.write_bytes(b"half a pickle")
    live.write_bytes(b"another writer's, under way")
    hours_ago = time.time() - 3 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    Workspace(mini_school)  # a cold open: saves the state
    assert snapshot.read(mini_school, "model") is not None
    assert not stale.exists() and live.exists()
