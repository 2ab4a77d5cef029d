"""File changes as data, and writing them safely.

An edit is planned as a list of ``FileChange`` (the bytes before and after),
then written: each write re-checks that the file still holds the bytes the
plan was computed from (a teacher may have saved the same file in an editor,
or ``git pull`` may have changed it), and replaces it atomically, so a crash
never leaves half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

TEMP_PREFIX = ".aptui-write-"


class FileChangedOnDisk(Exception):
    """A file no longer holds the bytes an edit was computed from."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"le fichier {path} a changé sur le disque depuis sa lecture : rechargé, refaites la modification"
        )


@dataclass(frozen=True)
class FileChange:
    """The bytes of one school file before and after an edit."""

    path: str  # relative to the school root, "/"-separated
    before: bytes | None  # None: the file did not exist
    after: bytes | None  # None: the file is deleted

    def inverse(self) -> FileChange:
        """The change that undoes this one."""
        return FileChange(self.path, self.after, self.before)


def absolute(root: Path, rel_path: str) -> Path:
    """The file of a relative school path; refuses paths that leave the school."""
    parts = PurePosixPath(rel_path).parts
    if not parts or PurePosixPath(rel_path).is_absolute() or ".." in parts:
        raise ValueError(f"chemin hors de l'école : {rel_path}")
    return root.joinpath(*parts)


def read_bytes(root: Path, rel_path: str) -> bytes | None:
    """The current bytes of a school file, or None if it does not exist."""
    try:
        return absolute(root, rel_path).read_bytes()
    except FileNotFoundError:
        return None


def check_unchanged(root: Path, change: FileChange) -> None:
    """Raise FileChangedOnDisk unless the file holds exactly ``change.before``."""
    if read_bytes(root, change.path) != change.before:
        raise FileChangedOnDisk(change.path)


def write_atomic(root: Path, change: FileChange) -> None:
    """Write one change: re-check the current bytes, then replace (or delete) the file atomically."""
    check_unchanged(root, change)
    target = absolute(root, change.path)
    if change.after is None:
        target.unlink(missing_ok=True)
        _fsync_dir(target.parent)
        _prune_empty_dirs(root, target.parent)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(change.after)
            handle.flush()
            os.fsync(handle.fileno())
        if change.before is not None:
            os.chmod(temp, target.stat().st_mode & 0o7777)  # keep the file's permissions
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_dir(target.parent)


def _umask() -> int:
    """The process umask, read without os.umask (which would briefly change it for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable; some file systems cannot fsync a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _prune_empty_dirs(root: Path, folder: Path) -> None:
    """Remove folders left empty by a deletion (git does not track them anyway)."""
    root = root.resolve()
    folder = folder.resolve()
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
