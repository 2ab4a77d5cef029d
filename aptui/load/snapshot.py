"""Warm runs: the checked state of a school, kept outside the tree, reused while no file changed.

Two files per school in its private cache folder (load/cache.py, next to the parse cache):

* ``checked-*.pickle``: the diagnostics and the number of documents, all that
  ``aptui validate`` prints.  Read by a warm validate that imports nothing
  else (no YAML, no schema, no model): a stat of every file and one small
  unpickle.
* ``model-*.pickle``: the documents (their entities, without their parsed
  values), the School, the diagnostics and the parts of the analysis and of
  the rules (model/memo.py: a period's hours, a year's calendar...), for the
  Workspace (TUI) to open a school without parsing, building, checking or
  analysing it again.  The parts name their input entities, which are the
  School's own objects again once unpickled (one pickle keeps identities).

Both are keyed by content: the set of school files with the blake2b digest
of each, plus the aptui code itself (a new version never reads an old
state).  A file whose size and mtime are those recorded is not read again,
unless its mtime is too close to the moment the state was saved (a write in
the same clock tick could hide: such a file is hashed, as git does).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Any

from aptui.load.discover import yaml_entries

SNAPSHOT_VERSION = 2  # 2: the model state holds the analysis's parts (model/memo.py)
RACY_NS = 2_000_000_000  # mtimes this close to the save are checked by content

Stamps = dict[str, tuple[int, int, str]]  # path -> (size, mtime_ns, content digest)


def snapshot_file(root: Path, kind: str) -> Path:
    """``checked.pickle`` or ``model.pickle`` in the school's private cache folder (load/cache.py)."""
    from aptui.load.cache import school_folder

    return school_folder(root) / f"{kind}.pickle"


# The code that decides what a load produces: any change there makes old states unreadable.
CODE_PARTS = ("load", "model", "rules", "schema", "pipeline.py", "layout.py", "vocab.py", "diagnostics.py")


def code_key() -> str:
    """Changes whenever the loading code, the rules or the schemas (or Python) change."""
    package = Path(__file__).resolve().parent.parent
    parts = [sys.version, str(package)]
    for part in CODE_PARTS:
        top = package / part
        if top.is_file():
            info = top.stat()
            parts.append(f"{part}:{info.st_size}:{info.st_mtime_ns}")
            continue
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".json")):
                    info = os.stat(os.path.join(folder, name))
                    parts.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _register_reducers() -> None:
    """Pickle frozen dataclasses as constructor calls: 3x faster to load than their default state.

    (The default goes through dataclasses' ``__setstate__``, a Python loop over
    ``fields()`` for each of the ~200,000 objects of a large school.)
    """
    import copyreg
    import dataclasses

    from aptui import diagnostics
    from aptui.load import builders, source
    from aptui.model import entities

    def register(cls: type) -> None:
        names = tuple(f.name for f in dataclasses.fields(cls))
        copyreg.pickle(cls, lambda obj: (cls, tuple([getattr(obj, n) for n in names])))

    for module in (entities, diagnostics, builders, source):
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
                register(value)


def scan(root: Path) -> dict[str, tuple[int, int]]:
    """Every .yaml file of the school (as discover finds them) with its size and mtime."""
    found: dict[str, tuple[int, int]] = {}
    for rel, entry in yaml_entries(root):
        try:
            info = entry.stat()
        except OSError:
            continue
        found[rel] = (info.st_size, info.st_mtime_ns)
    return found


def digest_of(path: Path) -> str:
    from aptui.load.source import content_digest

    try:
        return content_digest(path.read_bytes())
    except OSError:
        return ""


def current_stamps(root: Path, saved: Stamps, saved_at_ns: int,
                   now: dict[str, tuple[int, int]] | None = None) -> Stamps | None:
    """The stamps of the school now (``now``: a ``scan`` just made) if every file has the content
    recorded in ``saved``, else None."""
    if now is None:
        now = scan(root)
    if now.keys() != saved.keys():
        return None
    result: Stamps = {}
    trusted_before = saved_at_ns - RACY_NS
    for path, (size, mtime) in now.items():
        old_size, old_mtime, digest = saved[path]
        if size != old_size:
            return None
        if mtime != old_mtime or mtime >= trusted_before:
            if digest_of(root / path) != digest:
                return None
        result[path] = (size, mtime, digest)
    return result


def stamps_of(root: Path, digests: dict[str, str], before: dict[str, tuple[int, int]]) -> Stamps:
    """Stamps for a state just loaded: sizes and mtimes taken *before* reading (a later write shows)."""
    return {path: (*before[path], digest) for path, digest in digests.items() if path in before}


def read(root: Path, kind: str, now: dict[str, tuple[int, int]] | None = None) -> Any:
    """The saved state if it is still that of the school's files (``now``: a ``scan`` just made), else None."""
    from aptui.load.cache import is_private

    path = snapshot_file(root, kind)
    if not is_private(path.parent):
        return None  # never unpickle from a folder someone else could write to
    try:
        with path.open("rb") as handle:
            version, code, saved_at_ns, stamps, payload = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    if version != SNAPSHOT_VERSION or code != code_key():
        return None
    if current_stamps(root, stamps, saved_at_ns, now) is None:
        return None
    return payload


def write(root: Path, kind: str, stamps: Stamps, payload: Any) -> None:
    """Save a state atomically; a cache that cannot be written only costs speed."""
    from aptui.load.cache import write_private

    _register_reducers()
    try:
        write_private(snapshot_file(root, kind),
                      (SNAPSHOT_VERSION, code_key(), time.time_ns(), stamps, payload))
    except (OSError, pickle.PicklingError, RecursionError):
        pass
