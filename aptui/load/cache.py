"""aptui's private cache folder, and the cache of parsed documents keyed by the content of each file.

Parsing YAML dominates a cold load; a file whose bytes did not change since
the last run is taken from here instead (an unpickle is ~20x faster than any
YAML parser).  The cache lives outside the school repository (in the user's
cache folder, found by ``platformdirs``), so it is never committed, and is
keyed by content, so it can never serve stale data.

Everything aptui keeps about a school outside its repository is in one
folder per school, ``<cache>/aptui/schools/<key>/`` (parse cache, saved
checks, history caches, the journal of a school that is not a git
repository), mode 0700 like ``<cache>/aptui`` itself: the files hold
students' personal data.  ``purge_school`` removes that folder (``aptui
forget``); it is rebuilt on the next run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

CACHE_VERSION = 1
PRIVATE = 0o700
SCHOOLS = "schools"
LEGACY_PREFIXES = ("parsed-", "checked-", "model-", "log-parsed-", "history-parsed-", "diff-parsed-")
"""Files of the first layout (one flat 0755 folder); removed when the private folder is made."""


def cache_root() -> Path:
    """``<user cache>/aptui`` (``$XDG_CACHE_HOME/aptui`` on Linux); not created here."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:  # cheaper than importing platformdirs on the warm path, and what it would answer on Linux
        return Path(xdg) / "aptui"
    import platformdirs

    return Path(platformdirs.user_cache_path("aptui", appauthor=False))


def school_key(root: Path) -> str:
    """The name of a school's cache folder: a hash of its absolute path (no name in clear)."""
    return hashlib.blake2b(str(Path(root).resolve()).encode(), digest_size=8).hexdigest()


def school_folder(root: Path) -> Path:
    """Where aptui keeps what it caches about one school folder (not created here)."""
    return cache_root() / SCHOOLS / school_key(root)


def cache_file(school_root: Path) -> Path:
    """Where the cache of parsed documents of one school is kept."""
    return school_folder(school_root) / "parsed.pickle"


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and the folders from the cache root down to it) with mode 0700.

    An existing folder is tightened to 0700; a symlink or a file in the way is
    refused (OSError): nothing personal is written through a link.
    """
    top = cache_root()
    top.parent.mkdir(parents=True, exist_ok=True)
    chain = [top, *[p for p in reversed(folder.parents) if top in p.parents]]
    if folder != top:
        chain.append(folder)
    for path in chain:
        try:
            path.mkdir(mode=PRIVATE)
        except FileExistsError:
            if path == top:
                _remove_legacy(top)
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
            raise OSError(f"{path} n'est pas un dossier (lien ?) : aptui n'y écrit pas")
        if stat.S_IMODE(info.st_mode) != PRIVATE:
            os.chmod(path, PRIVATE)
    return folder


def is_private(folder: Path) -> bool:
    """True when ``folder`` and the folders up to the cache root are real folders of ours, mode 0700.

    Checked before unpickling anything (a pickle runs code): a cache folder
    someone else could write to, or a link, is ignored.
    """
    top = cache_root()
    for path in (folder, *folder.parents):
        try:
            info = path.lstat()
        except OSError:
            return False
        if (stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid()
                or stat.S_IMODE(info.st_mode) & 0o077):
            return False
        if path == top:
            return True
    return False


def _remove_legacy(top: Path) -> None:
    """Drop the caches of the first layout (world-listable folder): they are rebuilt where they belong."""
    try:
        names = os.listdir(top)
    except OSError:
        return
    for name in names:
        if name.startswith(LEGACY_PREFIXES) and name.endswith(".pickle"):
            with contextlib.suppress(OSError):
                os.unlink(top / name)


def purge_school(root: Path) -> list[Path]:
    """Remove every cache aptui keeps about a school folder; the folders removed."""
    removed = []
    folder = school_folder(root)
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def write_private(target: Path, payload: Any) -> None:
    """Pickle ``payload`` to ``target`` atomically, in a private folder; raises OSError/PicklingError."""
    private_folder(target.parent)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-")
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sweep_stale_temps(target)


STALE_TEMP_SECONDS = 3600
"""A temporary file of a write older than this was left by a writer killed half-way (a write takes seconds)."""


def _sweep_stale_temps(target: Path) -> None:
    """Remove what writers of ``target`` killed half-way left (SIGKILL, a crash, a power cut): a few MB each."""
    limit = time.time() - STALE_TEMP_SECONDS
    for stray in target.parent.glob(f".{target.stem}-*"):
        with contextlib.suppress(OSError):
            if stray.stat().st_mtime < limit:
                stray.unlink()


class ParseCache:
    """digest -> parsed value; loaded once, saved once if anything changed."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.dirty = False
        if path is not None:
            self._read()

    def _read(self) -> None:
        assert self.path is not None
        if not is_private(self.path.parent):
            return
        try:
            with self.path.open("rb") as handle:
                version, entries = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            return
        if version == CACHE_VERSION and isinstance(entries, dict):
            self.entries = entries

    def get(self, digest: str) -> Any:
        value = self.entries.get(digest)
        if value is not None:
            self.used.add(digest)
        return value

    def put(self, digest: str, value: Any) -> None:
        self.entries[digest] = value
        self.used.add(digest)
        self.dirty = True

    def save(self) -> None:
        """Write the entries used by this load (older ones are dropped), atomically."""
        if self.path is None:
            return
        if not self.dirty and len(self.used) == len(self.entries):
            return
        kept = {digest: self.entries[digest] for digest in self.used}
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
            write_private(self.path, (CACHE_VERSION, kept))
