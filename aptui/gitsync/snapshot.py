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
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from aptui import vocab as v
from aptui.gitsync.catfile import EMPTY_TREE, BlobReader, ls_tree
from aptui.gitsync.runner import Git
from aptui.layout import Kind, classify
from aptui.load.discover import find_school_files
from aptui.load.guard import read_or_none
from aptui.load.limits import current_limits
from aptui.load.source import Document, parse_source
from aptui.model.entities import School

SCHOOL_PATHSPECS = ("school.yaml", "staff.yaml", "students", "years")

_UNREAD = object()


class ParsedBlobs:
    """blob id -> parsed value (None when the file does not parse)."""

    def __init__(self, limit: int = 200_000) -> None:
        self.values: dict[str, Any] = {}
        self.limit = limit
        self.documents: dict[tuple[str, str], Document] = {}
        """(path, content key) -> the Document built from that file: both sides of a diff share the
        unchanged files' documents, hence their entities (and the parts of the analysis built on them)."""
        self.derived: dict[Any, Any] = {}
        """Facts computed from parsed values (e.g. the teachers' names), shared by the snapshots."""

    def get(self, blob: str) -> Any:
        return self.values.get(blob, _UNREAD)

    def put(self, blob: str, raw: bytes | None, path: str) -> Any:
        return self.put_value(blob, parse_bytes(raw, path))

    def save(self) -> None:
        """Nothing kept between runs (see StoredBlobs)."""

    def put_value(self, key: str, value: Any) -> Any:
        if len(self.values) >= self.limit:
            self.values.clear()
        self.values[key] = value
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

    def put_value(self, key: str, value: Any) -> Any:
        super().put_value(key, value)
        if value is not None:
            self.store.put(key, value)
        return value

    def save(self) -> None:
        self.store.save()


def parse_bytes(raw: bytes | None, path: str) -> Any:
    """The values of a file's bytes, or None (missing, unreadable, conflict markers, over the size limit)."""
    if raw is None or len(raw) > current_limits().max_file_bytes:
        return None
    parsed, _ = parse_source(raw, path)
    return parsed.data if parsed is not None else None


class Snapshot(Protocol):
    """The school files of one state of the repository."""

    label: str

    def paths(self) -> list[str]: ...

    def paths_in(self, folder: str) -> list[str]: ...

    def data(self, path: str) -> Any: ...

    def raw(self, path: str) -> bytes | None: ...

    def prefetch(self, paths: Iterable[str]) -> None: ...

    def content_key(self, path: str) -> str | None: ...


class TreeSnapshot:
    """The school files of a commit (or of the empty tree).

    Blob ids come from ``known`` (e.g. a commit's raw diff), else from a full
    ``git ls-tree`` once ``paths()`` was needed, else from asking cat-file for
    ``<rev>:<path>`` (whose answer carries the blob id): walking a history
    needs no listing per commit.
    """

    def __init__(self, git: Git, reader: BlobReader, rev: str, parsed: ParsedBlobs,
                 label: str | None = None, known: dict[str, str | None] | None = None,
                 focus: str | None = None) -> None:
        self.git = git
        # One student's history: a bilans file (the whole school's bilans of a period) is read
        # as that student's bilan only (see focused_bilans), so it is kept small between runs.
        self.focus = focus
        self.reader = reader
        self.rev = rev
        self.label = label or rev[:10]
        self.parsed = parsed
        self.known: dict[str, str | None] = dict(known or {})
        self._files: dict[str, str] | None = {} if rev == EMPTY_TREE else None
        self._folders: dict[str, list[str]] = {}

    @property
    def files(self) -> dict[str, str]:
        """path -> blob id, for every school file of the revision."""
        if self._files is None:
            self._files = ls_tree(self.git, self.rev, SCHOOL_PATHSPECS)
        return self._files

    def paths(self) -> list[str]:
        return sorted(self.files)

    def paths_in(self, folder: str) -> list[str]:
        """The files directly in a folder (``folder/name``), read from its tree: no listing of the commit."""
        if self._files is not None:
            return _direct_children(self._files, folder)
        listed = self._folders.get(folder)
        if listed is None:
            entries = self.reader.tree(f"{self.rev}:{folder}") or {}
            listed = self._folders[folder] = sorted(f"{folder}/{name}" for name in entries)
            for path in listed:
                self.known.setdefault(path, entries[path[len(folder) + 1:]])
        return listed

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
            key = self._key(path, blob)
            if self.parsed.get(key) is _UNREAD:
                self._put(key, raw, path)

    def _key(self, path: str, blob: str) -> str:
        """The key of a file's parsed value: its blob id (with the focus for a focused bilans file)."""
        if self.focus is not None and _is_bilans(path):
            return f"{blob}@{self.focus}"
        return blob

    def _put(self, key: str, raw: bytes | None, path: str) -> Any:
        if self.focus is not None and key.endswith(f"@{self.focus}"):
            return self.parsed.put_value(key, focused_bilans(parse_bytes(raw, path), str(self.focus)))
        return self.parsed.put(key, raw, path)

    def raw(self, path: str) -> bytes | None:
        blob = self.blob(path)
        return self.reader.read(blob) if blob else None

    def content_key(self, path: str) -> str | None:
        """A key of the file's bytes (None when absent): equal keys, equal contents."""
        return self.blob(path)

    def data(self, path: str) -> Any:
        blob = self.blob(path)
        if blob is None:
            return None
        key = self._key(path, blob)
        value = self.parsed.get(key)
        if value is _UNREAD:
            value = self._put(key, self.reader.read(blob), path)
        return value

    def prefetch(self, paths: Iterable[str]) -> None:
        """Read and parse many files with one round trip to git."""
        paths = list(dict.fromkeys(paths))
        if self._files is None:
            unknown = [p for p in paths if p not in self.known]
            if unknown:
                self._resolve(unknown)
        wanted: dict[str, tuple[str, str]] = {}
        for path in paths:
            blob = self.blob(path)
            if blob:
                key = self._key(path, blob)
                if key not in wanted and self.parsed.get(key) is _UNREAD:
                    wanted[key] = (blob, path)
        keys = list(wanted)
        for key, raw in zip(keys, self.reader.read_many([wanted[k][0] for k in keys])):
            self._put(key, raw, wanted[key][1])


def _is_bilans(path: str) -> bool:
    role = classify(path) if "/bilans/" in path else None
    return role is not None and role.kind is Kind.BILANS


def focused_bilans(data: Any, student: str) -> Any:
    """A parsed bilans file reduced to one student's bilan: what a history of that student reads of it.

    Unreadable stays unreadable (None); the detectors read ``data["bilans"]`` as a mapping and, for
    one student's history, only that student's entry (detect_files.bilan_changes, context.bilan).
    """
    if data is None:
        return None
    bilans = data.get(v.BILANS) if isinstance(data, dict) else None
    if not isinstance(bilans, dict):
        return {}
    return {v.BILANS: {key: entry for key, entry in bilans.items() if str(key) == student}}


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

    def paths_in(self, folder: str) -> list[str]:
        return _direct_children(self.paths(), folder)

    def raw(self, path: str) -> bytes | None:
        return read_or_none(self.root, path)  # a regular school file within the limits (load/guard.py)

    def content_key(self, path: str) -> str | None:
        """A key of the file's bytes (None when absent): equal keys, equal contents."""
        raw = self.raw(path)
        return None if raw is None else "wt:" + hashlib.blake2b(raw, digest_size=16).hexdigest()

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


def _direct_children(paths: Iterable[str], folder: str) -> list[str]:
    prefix = folder + "/"
    depth = prefix.count("/")
    return sorted(p for p in paths if p.startswith(prefix) and p.count("/") == depth)


def year_paths(snapshot: Snapshot, years: Iterable[str]) -> list[str]:
    """school.yaml and every file of some school years."""
    prefixes = tuple(f"years/{year}/" for year in years)
    return [p for p in snapshot.paths() if p == "school.yaml" or p.startswith(prefixes)]


def build_from(snapshot: Snapshot, paths: list[str]) -> School:
    """A School built from some files of a snapshot (the builder is lenient)."""
    from aptui.pipeline import build_school

    snapshot.prefetch(paths)
    shared: dict[tuple[str, str], Document] | None = getattr(getattr(snapshot, "parsed", None), "documents", None)
    documents: dict[str, Document] = {}
    for path in paths:
        role = classify(path)
        data = snapshot.data(path)
        if role is not None and data is not None:
            key = snapshot.content_key(path) if shared is not None else None
            doc = shared.get((path, key)) if shared is not None and key is not None else None
            if doc is None:
                doc = Document(path, role, "", data)
                if shared is not None and key is not None:
                    shared[(path, key)] = doc
            documents[path] = doc
    school, _ = build_school(Path(snapshot.label), documents)
    return school
