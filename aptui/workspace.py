"""An open school: its loaded model, edits with undo, and incremental reloads.

Shared by the TUI and the CLI.  Edits go through ``apply`` (which refuses if
a touched file changed since it was loaded), then only the changed files are
parsed again; the model and the diagnostics are rebuilt from the kept
documents.  A file watcher can poll ``changed_on_disk`` (a stat scan) and
call ``reload``.  Not thread-safe: use it from one thread (the TUI's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aptui.diagnostics import Diagnostic
from aptui.edit.apply import AppliedEdit, apply_command, undo_edit, write_all
from aptui.edit.files import FileChangedOnDisk, WriteFailed
from aptui.edit.journal_recover import recover
from aptui.layout import FileRole
from aptui.load.discover import find_school_files, is_school_root, remember_roles
from aptui.load.guard import read_or_none
from aptui.load.source import Document, content_digest
from aptui.model.analysis import Analysis
from aptui.pipeline import (
    LoadResult,
    NotASchool,
    Progress,
    assemble,
    open_deferred,
    paused_gc,
    read_document,
)

if TYPE_CHECKING:
    from aptui.edit.base import Command
    from aptui.load.background import PendingSave


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What a cheap poll compares: size, modification and change times, inode (load/snapshot.py's stat)."""

    size: int
    mtime_ns: int
    ctime_ns: int = 0  # ``cp -p`` restores an old mtime, never the ctime
    inode: int = 0


def _stamp(path: Path) -> FileStamp | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return FileStamp(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class Workspace:
    """A school folder opened for reading and editing."""

    def __init__(self, root: Path, use_cache: bool = True, progress: Progress | None = None,
                 defer_save: bool = False) -> None:
        """Open a school; ``progress`` is told how the load goes (pipeline.Progress); with ``defer_save``,
        the state of a full load is left in ``pending_save`` for the caller to save (the app: in the
        background), else it is saved before this returns."""
        self.root = Path(root)
        self.pending_edits: list[AppliedEdit] = []  # applied since the last commit (the git layer commits them)
        self._undo: list[AppliedEdit] = []
        self._redo: list[tuple[AppliedEdit, AppliedEdit | None]] = []  # (undone edit, its pending revert if any)
        self._use_cache = use_cache
        # An edit a crash interrupted is completed (or undone) before anything is read (edit/journal.py).
        self.recovered: list[str] = recover(self.root, sweep=True)
        """French lines saying what the recovery did (shown once by the app)."""
        self.pending_save: PendingSave | None = None
        """The first load's state, not saved yet (``defer_save``): load/background.py."""
        self._full_load(progress, defer_save)

    # --- state -------------------------------------------------------------

    @property
    def result(self) -> LoadResult:
        return self._result

    @property
    def analysis(self) -> Analysis:
        return self._analysis

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def next_undo(self) -> AppliedEdit | None:
        """The edit ctrl+z would undo (to name it in a question)."""
        return self._undo[-1] if self._undo else None

    def clear_pending(self) -> None:
        """The pending edits were committed."""
        self.pending_edits.clear()

    # --- edits -------------------------------------------------------------

    def apply(self, command: Command) -> AppliedEdit:
        """Write an edit if the files are still those loaded; reload what it changed.

        Raises EditRefused (nothing written), FileChangedOnDisk (nothing
        written, the changed files reloaded: the user redoes the edit) or
        WriteFailed (the disk refused, nothing changed: the same command can
        be applied again once the cause is fixed).
        """
        digests = {path: doc.digest for path, doc in self._result.documents.items()}
        try:
            applied = apply_command(self.root, command, digests)
        except FileChangedOnDisk:
            self.reload()
            raise
        except WriteFailed:
            self.reload()  # nothing changed, normally: the stamps say so cheaply
            raise
        self.reload(applied.paths)
        if applied.changes:
            self._undo.append(applied)
            self._redo.clear()  # a new edit: what was undone before cannot be redone over it
            self.pending_edits.append(applied)
        return applied

    def undo(self) -> AppliedEdit | None:
        """Undo the last edit (ctrl+z); None when there is nothing to undo.

        An edit whose files changed since cannot be undone any more: it is
        dropped and FileChangedOnDisk is raised.
        """
        if not self._undo:
            return None
        applied = self._undo.pop()
        try:
            undo_edit(self.root, applied)
        except FileChangedOnDisk:
            self.reload()
            raise
        except WriteFailed:
            self._undo.append(applied)  # nothing changed: it can still be undone once the disk allows
            raise
        revert = None
        if self.pending_edits and self.pending_edits[-1] is applied:
            self.pending_edits.pop()  # never committed: as if it never happened
        else:
            revert = applied.reverted()
            self.pending_edits.append(revert)
        self._redo.append((applied, revert))
        self.reload(applied.paths)
        return applied

    def redo(self) -> AppliedEdit | None:
        """Redo the last undone edit (ctrl+y); None when there is nothing to redo.

        As ``undo``: an edit whose files changed since cannot be redone, it is
        dropped and FileChangedOnDisk is raised.
        """
        if not self._redo:
            return None
        applied, revert = self._redo.pop()
        try:
            write_all(self.root, applied.changes)
        except FileChangedOnDisk:
            self.reload()
            raise
        except WriteFailed:
            self._redo.append((applied, revert))  # nothing changed: it can still be redone once the disk allows
            raise
        if revert is not None and self.pending_edits and self.pending_edits[-1] is revert:
            self.pending_edits.pop()  # its undo was never committed: neither happened
        else:
            self.pending_edits.append(applied)
        self._undo.append(applied)
        self.reload(applied.paths)
        return applied

    # --- reloading -----------------------------------------------------------

    def changed_on_disk(self) -> list[str]:
        """School files created, deleted or modified since loaded, by size and mtime (no reading)."""
        current = {source.path: _stamp(self.root / source.path) for source in find_school_files(self.root)}
        changed = {path for path, stamp in current.items() if self._stamps.get(path) != stamp}
        changed |= set(self._stamps) - set(current)
        return sorted(changed)

    def reload(self, paths: Iterable[str] | None = None) -> list[str]:
        """Re-read the files whose bytes changed (only ``paths`` if given) and rebuild; returns them.

        Raises NotASchool if the folder lost its school.yaml.
        """
        if not is_school_root(self.root):
            raise NotASchool(str(self.root))
        found = {source.path: source.role for source in find_school_files(self.root)}
        unknown = {p for p, role in found.items() if role is None}
        if unknown != self._unknown:
            return self._full_reload(unknown)  # a stray file appeared or went: let the loader report it
        candidates = set(found) | set(self._result.documents) if paths is None else set(paths)
        documents = dict(self._result.documents)
        changed = [path for path in sorted(candidates) if self._refresh(path, found.get(path), documents)]
        if changed:
            self._rebuild(documents, self._loose)
        return changed

    def _refresh(self, path: str, role: FileRole | None, documents: dict[str, Document]) -> bool:
        """Bring one document up to date; True if its content changed."""
        known = documents.get(path)
        if role is None:  # deleted (or not a school file)
            self._stamps.pop(path, None)
            return documents.pop(path, None) is not None
        stamp = _stamp(self.root / path)
        if known is not None and stamp == self._stamps.get(path):
            return False
        self._stamps[path] = stamp  # taken before reading: a later write shows up at the next poll
        raw = read_or_none(self.root, path)  # (no FIFO, device or link out of the school: load/guard.py)
        digest = "" if raw is None else content_digest(raw)
        if known is not None and known.digest == digest:
            return False
        documents[path] = read_document(self.root, path, role, None)
        return True

    def _full_reload(self, unknown: set[str]) -> list[str]:
        """Load everything again; returns the paths whose content or presence changed."""
        before = {path: doc.digest for path, doc in self._result.documents.items()}
        strays = unknown ^ self._unknown
        self._full_load()
        after = {path: doc.digest for path, doc in self._result.documents.items()}
        return sorted({p for p in before.keys() | after.keys() if before.get(p) != after.get(p)} | strays)

    def _full_load(self, progress: Progress | None = None, defer_save: bool = False) -> None:
        from aptui.load import snapshot

        # Stamps before reading: a write during the load shows up at the next poll.  One scan
        # (os.scandir, its stats) serves these stamps and the saved state's check.
        scanned = snapshot.scan(self.root)
        # From the saved state when no file changed since the last check (no parse, build or rules).
        # After a full load, the analysis keeps the rules' parts for the next edit (model/memo.py).
        self._result, self._loose, self._analysis, pending = open_deferred(
            self.root, self._use_cache, scanned, progress, background=defer_save)
        if pending is not None and defer_save:
            self.pending_save = pending
        elif pending is not None:
            pending.write()
        remember_roles({path: doc.role for path, doc in self._result.documents.items()})
        sources = find_school_files(self.root)
        # A file not in the scan (created meanwhile) has no stamp: the next poll reloads it.
        self._stamps = {
            s.path: FileStamp(*scanned[s.path]) if s.path in scanned else None for s in sources
        }
        self._unknown = {s.path for s in sources if s.role is None}

    def _rebuild(self, documents: dict[str, Document], loose: list[Diagnostic]) -> None:
        """The model, analysis and diagnostics of a set of documents (pipeline.assemble)."""
        if list(documents) != sorted(documents):
            documents = {path: documents[path] for path in sorted(documents)}
        with paused_gc():
            self._result, self._analysis = assemble(self.root, documents, loose, previous=self._analysis)
        self._loose = loose
