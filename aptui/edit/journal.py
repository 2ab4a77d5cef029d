"""Multi-file edits that a crash cannot leave half done: an intent journal, replayed at the next start.

A move touches two group files; renaming each into place is atomic, but a
crash between the two renames would leave the student in no group.  So an
edit is written as a transaction in a journal folder outside the working
tree (``.git/aptui/journal/`` in a repository, the school's private cache
folder otherwise), where ``git add -A`` can never pick anything up:

1. ``plan.json``: each file's path and the digests of its bytes before and
   after, fsynced;
2. the new bytes of every file (``N.new``) and a copy of its old bytes
   (``N.old``), fsynced;
3. the ``COMMITTED`` marker, fsynced with its folder: from here on the edit
   will be completed, never left half done;
4. each new file renamed over its target (same file system, atomic);
5. the transaction folder removed.

``recover(root)`` (aptui/edit/journal_recover.py, run when a school is opened:
the app, every CLI command that reads a school) looks at what a crash left: a transaction without the
marker is dropped (no school file was touched), a committed one is rolled
forward; if a file it touches was changed by someone else since, the edit
is rolled back instead (no half edit either way).

When the journal is on another file system than a school folder (rare: a
repository whose ``.git`` lives elsewhere), the new bytes are staged next to
their target as ``.aptui-write-*`` (listed in ``.git/info/exclude`` and in
the plan, so that the recovery removes them).

Writers hold a shared lock on ``journal/.lock`` for the length of a
transaction; the recovery takes it exclusively without waiting, so it never
touches the transaction of a live process.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import signal
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aptui.edit.files import FileChange, UnsafePath, absolute, fsync_dir, prune_empty_dirs, umask

TEMP_PREFIX = ".aptui-write-"
JOURNAL_FOLDER = "journal"
PLAN = "plan.json"
COMMITTED = "COMMITTED"
LOCK = ".lock"
CRASH_ENV = "APTUI_CRASH_AT"
"""Tests only: kill this process (SIGKILL) at the N-th step of the writer (the kill test)."""

_steps = 0


def _crash_point() -> None:
    """A step of the writer where the kill test may stop the process dead."""
    at = os.environ.get(CRASH_ENV)
    if not at:
        return
    global _steps
    _steps += 1
    if _steps == int(at):
        os.kill(os.getpid(), signal.SIGKILL)


# --- where ----------------------------------------------------------------------------------------


def git_dir(root: Path) -> Path | None:
    """The .git folder of the repository holding ``root`` (a worktree's own), or None."""
    for folder in (root, *root.resolve().parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            text = dot.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                target = Path(text[len("gitdir:"):].strip())
                return target if target.is_absolute() else (folder / target).resolve()
    return None


def journal_dir(root: Path, create: bool = False) -> Path:
    """``.git/aptui/journal`` in a repository, else ``journal`` in the school's private cache folder."""
    repo = git_dir(root)
    if repo is None:
        from aptui.load.cache import private_folder, school_folder

        folder = school_folder(root) / JOURNAL_FOLDER
        return private_folder(folder) if create else folder
    folder = repo / "aptui" / JOURNAL_FOLDER
    if create:
        for path in (repo / "aptui", folder):
            with contextlib.suppress(FileExistsError):
                path.mkdir(mode=0o700)
    return folder


@contextlib.contextmanager
def locked(folder: Path, mode: int) -> Iterator[bool]:
    """Hold the journal's lock (shared for a writer, exclusive for a recovery); False if not obtained."""
    fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, mode)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # releases the lock


# --- writing ----------------------------------------------------------------------------------------


@dataclass
class _Entry:
    change: FileChange
    target: Path
    new: Path | None  # the staged new bytes (None for a deletion)
    old: Path | None  # the copy of the old bytes (None for a file the edit creates)
    mode: int

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.change.path,
            "before": digest(self.change.before),
            "after": digest(self.change.after),
            "new": str(self.new) if self.new is not None else None,
            "old": str(self.old) if self.old is not None else None,
            "mode": self.mode,
        }


def digest(raw: bytes | None) -> str | None:
    return hashlib.blake2b(raw, digest_size=16).hexdigest() if raw is not None else None


def write_transaction(root: Path, changes: Sequence[FileChange]) -> None:
    """Write every change or none, through the journal (module docstring); OSError if the disk refuses.

    The caller has checked that each file still holds ``change.before``.  On an
    error nothing is left changed (rolled back); if even the rollback fails the
    committed journal stays and the next start completes the edit.
    """
    if not changes:
        return
    folder = journal_dir(root, create=True)
    with locked(folder, fcntl.LOCK_SH):
        txn = folder / secrets.token_hex(8)
        txn.mkdir(mode=0o700)
        try:
            entries = _stage(root, txn, changes)
        except BaseException:
            _drop(root, txn, None)
            raise
        done: list[_Entry] = []
        try:
            for entry in entries:
                _apply(entry)
                done.append(entry)
                _crash_point()
        except BaseException:
            if _roll_back(txn, done):
                _drop(root, txn, entries)
            raise
        for parent in {entry.target.parent for entry in entries}:
            fsync_dir(parent)
        _crash_point()
        _drop(root, txn, entries)


def _stage(root: Path, txn: Path, changes: Sequence[FileChange]) -> list[_Entry]:
    """Steps 1 to 3: the plan, the new and old bytes, the marker; returns the entries to apply."""
    entries = []
    for index, change in enumerate(changes):
        target = absolute(root, change.path)
        new = None
        if change.after is not None:
            same_device = _device(txn) == _device(target.parent)
            new = txn / f"{index}.new" if same_device else target.parent / f"{TEMP_PREFIX}{txn.name}-{index}"
            if not same_device:
                _exclude_temps(root)
        old = txn / f"{index}.old" if change.before is not None else None
        entries.append(_Entry(change, target, new, old, _mode_for(target, change)))
    _write_file(txn / PLAN, json.dumps([e.as_json() for e in entries], indent=1).encode())
    fsync_dir(txn)
    _crash_point()
    for entry in entries:
        if entry.new is not None and entry.change.after is not None:
            entry.target.parent.mkdir(parents=True, exist_ok=True)
            _write_file(entry.new, entry.change.after, entry.mode)
            _crash_point()
        if entry.old is not None and entry.change.before is not None:
            _write_file(entry.old, entry.change.before)
    _write_file(txn / COMMITTED, b"")
    fsync_dir(txn)
    _crash_point()
    return entries


def _apply(entry: _Entry) -> None:
    """Step 4 for one file: rename the new bytes over the target, or delete it."""
    refuse_link(entry.target)
    if entry.new is None:
        with contextlib.suppress(FileNotFoundError):
            entry.target.unlink()
        fsync_dir(entry.target.parent)
        return
    os.replace(entry.new, entry.target)


def _roll_back(txn: Path, done: Sequence[_Entry]) -> bool:
    """Give the files already replaced their old bytes; False if that failed too (left to recovery)."""
    try:
        for entry in reversed(done):
            restore(txn, entry.target, entry.change.before, entry.mode)
    except OSError:
        return False
    return True


def restore(txn: Path, target: Path, raw: bytes | None, mode: int) -> None:
    """Put exactly ``raw`` in ``target`` (None: no file), atomically, staged in the transaction's folder."""
    refuse_link(target)
    if raw is None:
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = txn if _device(txn) == _device(target.parent) else target.parent
    temp = staging / f"{TEMP_PREFIX}{secrets.token_hex(4)}"
    try:
        _write_file(temp, raw, mode)
        os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _drop(root: Path, txn: Path, entries: Sequence[_Entry] | None) -> None:
    """Step 5: forget a transaction (its staged files, then its folder); prune folders left empty."""
    for entry in entries or ():
        if entry.new is not None and entry.new.parent != txn:
            with contextlib.suppress(FileNotFoundError):
                entry.new.unlink()
    shutil.rmtree(txn, ignore_errors=True)
    for entry in entries or ():
        if entry.change.after is None:
            prune_empty_dirs(root, entry.target.parent)


def _write_file(path: Path, raw: bytes, mode: int = 0o600) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        view = memoryview(raw)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fchmod(fd, mode)
        os.fsync(fd)
    finally:
        os.close(fd)


def _mode_for(target: Path, change: FileChange) -> int:
    """The permissions the file keeps (or gets, when new)."""
    if change.before is not None:
        with contextlib.suppress(OSError):
            return stat.S_IMODE(target.stat().st_mode)
    return 0o666 & ~umask()


def _device(folder: Path) -> int:
    """The file system of a folder, or of its nearest existing parent."""
    for path in (folder, *folder.parents):
        try:
            return path.stat().st_dev
        except FileNotFoundError:
            continue
    return -1


def refuse_link(target: Path) -> None:
    try:
        info = target.lstat()
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePath(target.name)


def _exclude_temps(root: Path) -> None:
    """Staged files next to their target: make sure ``git add -A`` ignores them (.git/info/exclude)."""
    repo = git_dir(root)
    if repo is None:
        return
    exclude = repo / "info" / "exclude"
    pattern = f"{TEMP_PREFIX}*"
    text = exclude.read_text(encoding="utf-8") if exclude.is_file() else ""
    if pattern not in text.splitlines():
        exclude.parent.mkdir(parents=True, exist_ok=True)
        exclude.write_text(text + ("" if not text or text.endswith("\n") else "\n") + pattern + "\n",
                           encoding="utf-8")
