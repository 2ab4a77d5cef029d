"""Reading a school file's bytes without being knocked over by what the path holds.

Only regular files are read: a FIFO would block for ever, a device
(``/dev/zero``) would fill memory, a socket cannot be read.  A symbolic link
is followed only when it resolves to a school file inside the repository:
a committed link to ``/etc/passwd`` or to a private key must never have its
content printed (in a diagnostic, in CI logs).  A file larger than the size
limit is refused before any byte is read.  Every refusal is a ``Refused``
with a French message that names the path, never the content or the target.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from aptui.load.limits import MAX_FILE_SIZE_ENV, Limits, current_limits, megabytes

_CHUNK = 1 << 20


class Refused(Exception):
    """A path aptui will not read, with the code and the French message of its diagnostic."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "un tube nommé (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "un périphérique"
    if stat.S_ISSOCK(mode):
        return "une socket"
    if stat.S_ISDIR(mode):
        return "un dossier"
    return "un fichier spécial"


def inside(root: Path, rel_path: str) -> bool:
    """Whether ``rel_path`` (a link maybe) resolves to a visible file under the real root."""
    real_root = os.path.realpath(root)
    target = os.path.realpath(os.path.join(real_root, rel_path))
    try:
        relative = os.path.relpath(target, real_root)
    except ValueError:  # another drive (Windows)
        return False
    parts = Path(relative).parts
    if not parts or parts[0] == os.pardir or os.path.isabs(relative):
        return False
    # .git (config with tokens, objects), hidden folders and files are never school files
    return not any(part.startswith(".") for part in parts) and target.endswith((".yaml", ".yml"))


def check_path(root: Path, rel_path: str, limits: Limits | None = None) -> os.stat_result:
    """The stat of a school file that may be read; raises Refused (or OSError) otherwise."""
    limits = limits or current_limits()
    full = os.path.join(root, rel_path)
    info = os.lstat(full)
    if stat.S_ISLNK(info.st_mode):
        if not inside(root, rel_path):
            raise Refused(
                "APT008",
                "lien symbolique vers un fichier hors de l'école (ou caché) : aptui ne le suit pas et "
                "n'en lit rien ; remplacez le lien par le fichier lui-même (git rm, puis ajoutez le fichier)",
            )
        info = os.stat(full)
    if not stat.S_ISREG(info.st_mode):
        raise Refused(
            "APT009",
            f"ce chemin est {_kind_of(info.st_mode)}, pas un fichier ordinaire : aptui ne le lit pas ; "
            "supprimez-le ou remplacez-le par un vrai fichier YAML",
        )
    if info.st_size > limits.max_file_bytes:
        raise _too_big(info.st_size, limits)
    return info


def _too_big(size: int, limits: Limits) -> Refused:
    return Refused(
        "APT010",
        f"fichier trop gros ({megabytes(size)}, limite {megabytes(limits.max_file_bytes)}) : aptui ne le lit "
        f"pas ; un fichier d'école fait quelques dizaines de ko (scindez-le, ou relevez la limite avec "
        f"{MAX_FILE_SIZE_ENV})",
    )


def read_school_bytes(root: Path, rel_path: str, limits: Limits | None = None) -> bytes:
    """The bytes of one school file; raises Refused (not a file aptui reads) or OSError."""
    limits = limits or current_limits()
    check_path(root, rel_path, limits)
    # O_NONBLOCK: should the path have become a FIFO since the check, opening does not block
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(os.path.join(root, rel_path), flags)
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise Refused("APT009", f"ce chemin est {_kind_of(opened.st_mode)}, pas un fichier ordinaire : "
                                    "aptui ne le lit pas ; supprimez-le")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limits.max_file_bytes:  # it grew since the check
                raise _too_big(total, limits)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_or_none(root: Path, rel_path: str) -> bytes | None:
    """The bytes of a school file, or None when aptui would not read it (for excerpts, hashes)."""
    try:
        return read_school_bytes(root, rel_path)
    except (Refused, OSError):
        return None


_STRERROR = {
    errno.EACCES: "permission refusée (vérifiez les droits du fichier)",
    errno.EPERM: "opération non permise (vérifiez les droits du fichier)",
    errno.ENOENT: "le fichier a disparu pendant la lecture",
    errno.EISDIR: "c'est un dossier",
    errno.ELOOP: "trop de liens symboliques en chaîne",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENFILE: "trop de fichiers ouverts sur le système",
    errno.ENXIO: "périphérique absent",
    errno.EAGAIN: "fichier momentanément indisponible",
    errno.ENOMEM: "mémoire insuffisante",
    errno.ESTALE: "fichier réseau périmé (remontez le partage)",
}


def french_os_error(exc: OSError) -> str:
    """An OSError in French (its strerror is the system's English text)."""
    known = _STRERROR.get(exc.errno or 0)
    if known:
        return known
    name = errno.errorcode.get(exc.errno or 0, "inconnue")
    return f"erreur système {name}"


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
EXCERPT_WIDTH = 120


def source_lines(root: Path, rel_path: str) -> list[str]:
    """The lines of a school file to quote under a diagnostic: [] for a file aptui does not read
    (a link outside the school, a FIFO, a device, a file too big); control characters shown as ``?``."""
    raw = read_or_none(root, rel_path)
    if raw is None:
        return []
    return _CONTROL.sub("?", raw.decode("utf-8", errors="replace")).splitlines()


def line_window(line: str, column: int, width: int = EXCERPT_WIDTH) -> tuple[str, int]:
    """At most ``width`` characters of a source line around a (1-based) column, and the column there."""
    if len(line) <= width:
        return line, column
    start = max(0, min(column - 1 - width // 2, len(line) - width))
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(line) else ""
    return prefix + line[start:start + width] + suffix, column - start + len(prefix)
