"""File changes as data, and the checks around writing them.

An edit is planned as a list of ``FileChange`` (the bytes before and after),
then written all together (``aptui.edit.journal``): each write re-checks that
the file still holds the bytes the plan was computed from (a teacher may
have saved the same file in an editor, or ``git pull`` may have changed it),
and the files are replaced through a journal, so a crash never leaves half a
file nor half an edit.  Nothing is read or written through a symbolic link.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from aptui.load.limits import current_limits, megabytes


class FileChangedOnDisk(Exception):
    """A file no longer holds the bytes an edit was computed from."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"le fichier {path} a changé sur le disque depuis sa lecture : rechargé, refaites la modification"
        )


class WriteFailed(Exception):
    """The disk refused an edit (read-only folder, full disk, link...); nothing was changed.

    ``message`` is French and says what to do; the edit can be tried again.
    """

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class UnsafePath(WriteFailed):
    """A school path that is a symbolic link (or not a regular file): aptui neither reads nor writes it."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path} est un lien symbolique ou n'est pas un fichier ordinaire : aptui n'écrit pas "
                         "à travers ; remplacez-le par un vrai fichier")


class TooBig(UnsafePath):
    """A school file over the size limit: the loader does not read it, no edit reads it either."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        self.path = path
        WriteFailed.__init__(self, f"{path} fait plus de {megabytes(limit)} : aptui ne le lit pas ; scindez-le, "
                             "ou relevez la limite (APTUI_MAX_FILE_SIZE)")


_ERRNO_TEXTS = {
    errno.EROFS: "le disque est en lecture seule",
    errno.EACCES: "droit d'écriture refusé (dossier ou fichier en lecture seule)",
    errno.EPERM: "opération non permise (dossier ou fichier protégé)",
    errno.ENOSPC: "le disque est plein",
    errno.EDQUOT: "votre quota disque est atteint",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.ENOENT: "un dossier a disparu pendant l'écriture",
    errno.ELOOP: "un lien symbolique est sur le chemin",
    errno.ENAMETOOLONG: "nom de fichier trop long",
}


def french_os_error(exc: OSError, what: str) -> WriteFailed:
    """The French explanation of a failed write of ``what`` (a path or an edit)."""
    cause = _ERRNO_TEXTS.get(exc.errno or 0, f"erreur système {exc.errno}" if exc.errno else "erreur système")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        todo = "libérez de la place"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        todo = "rendez le dossier de l'école modifiable (droits d'écriture)"
    else:
        todo = "corrigez la cause"
    return WriteFailed(f"impossible d'écrire {what} : {cause}. Rien n'a été modifié ; {todo}, "
                       "puis réessayez (la modification est gardée)")


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
    """The file of a relative school path; refuses paths that leave the school or go through a link."""
    parts = PurePosixPath(rel_path).parts
    if not parts or PurePosixPath(rel_path).is_absolute() or ".." in parts:
        raise ValueError(f"chemin hors de l'école : {rel_path}")
    current = root
    for index, part in enumerate(parts):
        current = current / part
        try:
            info = current.lstat()
        except FileNotFoundError:
            break
        except NotADirectoryError:
            raise UnsafePath("/".join(parts[:index])) from None
        if stat.S_ISLNK(info.st_mode):
            raise UnsafePath("/".join(parts[: index + 1]))
    return root.joinpath(*parts)


PLANNED: ContextVar[Mapping[str, bytes | None] | None] = ContextVar("aptui_planned", default=None)
"""Bytes planned by earlier commands of one edit (``edit/together.py``): read as if already written."""


def read_bytes(root: Path, rel_path: str) -> bytes | None:
    """The current bytes of a school file, or None if it does not exist (never through a link)."""
    planned = PLANNED.get()
    if planned is not None and rel_path in planned:
        return planned[rel_path]
    path = absolute(root, rel_path)
    try:  # O_NONBLOCK: a FIFO named like a school file never blocks the open (refused below)
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePath(rel_path) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnsafePath(rel_path)
        limit = current_limits().max_file_bytes
        raw = handle.read(limit + 1)  # never more than the loader would read (load/limits.py)
        if len(raw) > limit:
            raise TooBig(rel_path, len(raw), limit)
        return raw


def check_unchanged(root: Path, change: FileChange) -> None:
    """Raise FileChangedOnDisk unless the file holds exactly ``change.before``."""
    if read_bytes(root, change.path) != change.before:
        raise FileChangedOnDisk(change.path)


def write_atomic(root: Path, change: FileChange) -> None:
    """Write one change: re-check the current bytes, then replace (or delete) the file atomically."""
    from aptui.edit.apply import write_all

    write_all(root, [change])


def umask() -> int:
    """The process umask, read without os.umask (which would briefly change it for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; some file systems cannot fsync a folder."""
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


def prune_empty_dirs(root: Path, folder: Path) -> None:
    """Remove folders left empty by a deletion (git does not track them anyway)."""
    root = root.resolve()
    folder = folder.resolve()
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
