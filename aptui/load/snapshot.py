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
state).  A file whose stat is the one recorded is not read again, unless it
changed too close to the moment the state was saved (a write in the same
clock tick could hide: such a file is hashed, as git does).  The stat is
size, mtime, ctime and inode: ``cp -p``, ``rsync -a`` and ``tar x`` restore
an old mtime on new bytes, but none can set the ctime (the kernel sets it
at every write) and rsync and tar write a new inode; a stat costs the same
with all four.
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

SNAPSHOT_VERSION = 3  # 2: the model state holds the analysis's parts (model/memo.py); 3: ctime and inode
RACY_NS = 2_000_000_000  # files changed this close to the save are checked by content

Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
Stamps = dict[str, tuple[int, int, int, int, str]]  # path -> (*Stat, content digest)


def snapshot_file(root: Path, kind: str) -> Path:
    """``checked.pickle`` or ``model.pickle`` in the school's private cache folder (load/cache.py)."""
    from aptui.load.cache import school_folder

    return school_folder(root) / f"{kind}.pickle"


# The code that decides what a load produces: any change there makes old states unreadable.
CODE_PARTS = ("load", "model", "rules", "schema", "pipeline.py", "layout.py", "vocab.py", "diagnostics.py")


def code_key() -> str:
    """Changes whenever the loading code, the rules or the schemas (or Python) change."""
    package = Path(__file__).resolve().parent.parent
    # the file size limit decides what is read (load/limits.py)
    parts = [sys.version, str(package), os.environ.get("APTUI_MAX_FILE_SIZE", "")]
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


class Scan(dict[str, Stat]):
    """The stats of a scan, and when it began (``at_ns``): the moment a state made from it describes.

    A state saved from a scan records ``at_ns`` as its time, not the time it is written: a file written
    just after its stat was taken, in the same clock tick, keeps that stat, and only a time taken before
    the scan makes it fall in the racy window (hashed at the next read).  A state written seconds later
    (in the background, pipeline.PendingSave) must not move that window past such a file.
    """

    at_ns: int = 0


def scan(root: Path) -> Scan:
    """Every .yaml file of the school (as discover finds them) with its stat (size, mtime, ctime, inode)."""
    found = Scan()
    found.at_ns = time.time_ns()
    for rel, entry in yaml_entries(root):
        try:
            info = entry.stat()
        except OSError:
            continue
        found[rel] = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    return found


def digest_of(root: Path, rel_path: str) -> str:
    """The content digest of a school file; "" for one aptui does not read (load/guard.py: no FIFO...)."""
    from aptui.load.guard import read_or_none
    from aptui.load.source import content_digest

    raw = read_or_none(root, rel_path)
    return "" if raw is None else content_digest(raw)


def current_stamps(root: Path, saved: Stamps, saved_at_ns: int, now: dict[str, Stat] | None = None) -> Stamps | None:
    """The stamps of the school now (``now``: a ``scan`` just made) if every file has the content
    recorded in ``saved``, else None."""
    if now is None:
        now = scan(root)
    if now.keys() != saved.keys():
        return None
    result: Stamps = {}
    trusted_before = saved_at_ns - RACY_NS
    for path, stat in now.items():
        old = saved[path]
        if stat[0] != old[0]:
            return None
        if stat != old[:4] or stat[1] >= trusted_before or stat[2] >= trusted_before:
            if digest_of(root, path) != old[4]:
                return None
        result[path] = (*stat, old[4])
    return result


def stamps_of(root: Path, digests: dict[str, str], before: dict[str, Stat]) -> Stamps:
    """Stamps for a state just loaded: sizes and mtimes taken *before* reading (a later write shows)."""
    return {path: (*before[path], digest) for path, digest in digests.items() if path in before}


def read(root: Path, kind: str, now: dict[str, Stat] | None = None) -> Any:
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


def write(root: Path, kind: str, stamps: Stamps, payload: Any, saved_at_ns: int = 0) -> None:
    """Save a state atomically; a cache that cannot be written only costs speed.

    ``saved_at_ns``: when the stamps were taken (``Scan.at_ns``), else now.
    """
    from aptui.load.cache import write_private

    _register_reducers()
    try:
        write_private(snapshot_file(root, kind),
                      (SNAPSHOT_VERSION, code_key(), saved_at_ns or time.time_ns(), stamps, payload))
    except (OSError, pickle.PicklingError, RecursionError):
        pass
