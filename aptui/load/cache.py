"""A cache of parsed documents keyed by the content of each file.

Parsing YAML dominates a cold load; a file whose bytes did not change since
the last run is taken from here instead (an unpickle is ~20x faster than any
YAML parser).  The cache lives outside the school repository (in the user's
cache folder), so it is never committed, and is keyed by content, so it can
never serve stale data.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

CACHE_VERSION = 1


def cache_file(school_root: Path) -> Path:
    """Where the cache of one school repository is kept."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "aptui"
    key = hashlib.blake2b(str(school_root.resolve()).encode(), digest_size=8).hexdigest()
    return base / f"parsed-{key}.pickle"


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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".parsed-")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((CACHE_VERSION, kept), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a cache that cannot be written only costs speed
