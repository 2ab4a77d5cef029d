"""The school files of one revision, or of the working tree, parsed on demand.

A :class:`TreeSnapshot` lists a commit's files once (``git ls-tree``) and reads
blobs through a shared :class:`BlobReader`; parsed values are cached by blob
id in a :class:`ParsedBlobs`, so walking a long history parses each version
of a file once.  A :class:`WorktreeSnapshot` reads the files on disk.
Either can build a :class:`School` from some of its files (for the hour
budget before and after a change).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterable, Protocol

from aptui.gitsync.catfile import EMPTY_TREE, BlobReader, ls_tree
from aptui.gitsync.runner import Git
from aptui.layout import classify
from aptui.load.discover import find_school_files
from aptui.load.source import Document, parse_source
from aptui.model.entities import School

SCHOOL_PATHSPECS = ("school.yaml", "staff.yaml", "students", "years")

_UNREAD = object()


class ParsedBlobs:
    """blob id -> parsed value (None when the file does not parse)."""

    def __init__(self, limit: int = 200_000) -> None:
        self.values: dict[str, Any] = {}
        self.limit = limit

    def get(self, blob: str) -> Any:
        return self.values.get(blob, _UNREAD)

    def put(self, blob: str, raw: bytes | None, path: str) -> Any:
        value = parse_bytes(raw, path)
        if len(self.values) >= self.limit:
            self.values.clear()
        self.values[blob] = value
        return value


class StoredBlobs(ParsedBlobs):
    """ParsedBlobs kept between runs in the user's cache folder (keyed by blob id, never stale).

    A history command parses the same old versions of files at every run;
    unpickling them is many times faster than parsing them again.  Call
    ``save()`` at the end; only the blobs used by this run are kept.
    """

    def __init__(self, root: Path, name: str) -> None:
        super().__init__()
        from aptui.load.cache import ParseCache, cache_file

        self.store = ParseCache(cache_file(root).with_name(f"{name}-{cache_file(root).name}"))

    def get(self, blob: str) -> Any:
        value = self.values.get(blob, _UNREAD)
        if value is _UNREAD:
            stored = self.store.get(blob)
            if stored is not None:
                self.values[blob] = value = stored
        return value

    def put(self, blob: str, raw: bytes | None, path: str) -> Any:
        value = super().put(blob, raw, path)
        if value is not None:
            self.store.put(blob, value)
        return value

    def save(self) -> None:
        self.store.save()


def parse_bytes(raw: bytes | None, path: str) -> Any:
    """The values of a file's bytes, or None (missing, unreadable, conflict markers)."""
    if raw is None:
        return None
    parsed, _ = parse_source(raw, path)
    return parsed.data if parsed is not None else None


class Snapshot(Protocol):
    """The school files of one state of the repository."""

    label: str

    def paths(self) -> list[str]: ...

    def data(self, path: str) -> Any: ...

    def raw(self, path: str) -> bytes | None: ...

    def prefetch(self, paths: Iterable[str]) -> None: ...


class TreeSnapshot:
    """The school files of a commit (or of the empty tree).

    Blob ids come from ``known`` (e.g. a commit's raw diff), else from a full
    ``git ls-tree`` once ``paths()`` was needed, else from asking cat-file for
    ``<rev>:<path>`` (whose answer carries the blob id): walking a history
    needs no listing per commit.
    """

    def __init__(self, git: Git, reader: BlobReader, rev: str, parsed: ParsedBlobs,
                 label: str | None = None, known: dict[str, str | None] | None = None) -> None:
        self.git = git
        self.reader = reader
        self.rev = rev
        self.label = label or rev[:10]
        self.parsed = parsed
        self.known: dict[str, str | None] = dict(known or {})
        self._files: dict[str, str] | None = {} if rev == EMPTY_TREE else None

    @property
    def files(self) -> dict[str, str]:
        """path -> blob id, for every school file of the revision."""
        if self._files is None:
            self._files = ls_tree(self.git, self.rev, SCHOOL_PATHSPECS)
        return self._files

    def paths(self) -> list[str]:
        return sorted(self.files)

    def blob(self, path: str) -> str | None:
        if self._files is not None:
            return self._files.get(path)
        if path not in self.known:
            self._resolve([path])
        return self.known[path]

    def _resolve(self, paths: list[str]) -> None:
        """Ask cat-file for ``rev:path``: learn the blob ids and parse the contents."""
        for path, found in zip(paths, self.reader.objects([f"{self.rev}:{p}" for p in paths])):
            if found is None:
                self.known[path] = None
                continue
            blob, raw = found
            self.known[path] = blob
            if self.parsed.get(blob) is _UNREAD:
                self.parsed.put(blob, raw, path)

    def raw(self, path: str) -> bytes | None:
        blob = self.blob(path)
        return self.reader.read(blob) if blob else None

    def data(self, path: str) -> Any:
        blob = self.blob(path)
        if blob is None:
            return None
        value = self.parsed.get(blob)
        if value is _UNREAD:
            value = self.parsed.put(blob, self.reader.read(blob), path)
        return value

    def prefetch(self, paths: Iterable[str]) -> None:
        """Read and parse many files with one round trip to git."""
        paths = list(dict.fromkeys(paths))
        if self._files is None:
            unknown = [p for p in paths if p not in self.known]
            if unknown:
                self._resolve(unknown)
        wanted: dict[str, str] = {}
        for path in paths:
            blob = self.blob(path)
            if blob and blob not in wanted and self.parsed.get(blob) is _UNREAD:
                wanted[blob] = path
        blobs = list(wanted)
        for blob, raw in zip(blobs, self.reader.read_many(blobs)):
            self.parsed.put(blob, raw, wanted[blob])


class WorktreeSnapshot:
    """The school files on disk (what is not committed yet included)."""

    def __init__(self, root: Path, parsed: ParsedBlobs, label: str = "copie de travail") -> None:
        self.root = root
        self.label = label
        self.parsed = parsed
        self._paths: list[str] | None = None

    def paths(self) -> list[str]:
        if self._paths is None:
            self._paths = [s.path for s in find_school_files(self.root) if s.role is not None]
        return self._paths

    def raw(self, path: str) -> bytes | None:
        try:
            return (self.root / path).read_bytes()
        except OSError:
            return None

    def data(self, path: str) -> Any:
        raw = self.raw(path)
        if raw is None:
            return None
        key = "wt:" + hashlib.blake2b(raw, digest_size=16).hexdigest()
        value = self.parsed.get(key)
        if value is _UNREAD:
            value = self.parsed.put(key, raw, path)
        return value

    def prefetch(self, paths: Iterable[str]) -> None:
        return None


def year_paths(snapshot: Snapshot, years: Iterable[str]) -> list[str]:
    """school.yaml and every file of some school years."""
    prefixes = tuple(f"years/{year}/" for year in years)
    return [p for p in snapshot.paths() if p == "school.yaml" or p.startswith(prefixes)]


def build_from(snapshot: Snapshot, paths: list[str]) -> School:
    """A School built from some files of a snapshot (the builder is lenient)."""
    from aptui.pipeline import build_school

    snapshot.prefetch(paths)
    documents: dict[str, Document] = {}
    for path in paths:
        role = classify(path)
        data = snapshot.data(path)
        if role is not None and data is not None:
            documents[path] = Document(path, role, "", data)
    school, _ = build_school(Path(snapshot.label), documents)
    return school
