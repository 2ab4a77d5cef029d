"""The loader pipeline: files -> documents -> model -> rules -> diagnostics.

Like beancount's loader, each stage collects its problems and the next stage
goes on with what loaded, so the user sees every problem of the school in one
run, never only the first.

    discover  find the .yaml files and their roles (layout.py)
    parse     bytes -> values with positions (load/source.py, cached by content)
    schema    JSON Schema conformance of each document (load/schemas.py)
    build     documents -> immutable School (load/build.py)
    rules     School -> diagnostics (rules/)
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aptui.diagnostics import Diagnostic, Loc, error, warning
from aptui.layout import FileRole
from aptui.load import fastread
from aptui.load.build import assemble_school
from aptui.load.cache import ParseCache, cache_file
from aptui.load.discover import find_school_files, is_school_root
from aptui.load.guard import Refused, french_os_error, read_school_bytes
from aptui.load.lazypos import LazySource, settle
from aptui.load.parallel import read_all
from aptui.load.schemas import conform, conforms_fast
from aptui.load.source import Document, conflict_markers, content_digest, decode, note_diagnostics, parse_source
from aptui.model.entities import School

if TYPE_CHECKING:
    from aptui.load.background import PendingSave
    from aptui.model.analysis import Analysis


class NotASchool(Exception):
    """The folder holds no school.yaml: a usage error, not a validation problem."""


@dataclass(slots=True)
class LoadResult:
    """A loaded school and everything said about it."""

    school: School
    documents: dict[str, Document]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def read_document(root: Path, rel_path: str, kind_role: FileRole, cache: ParseCache | None) -> Document:
    """Read, parse and schema-check one file (the per-file stages); never raises on what the file holds.

    Only a regular file within its limits is read (load/guard.py); the
    document keeps what passed its schema (load/prune.py).
    """
    try:
        raw = read_school_bytes(root, rel_path)
    except Refused as refused:
        doc = Document(rel_path, kind_role, "")
        doc.diagnostics.append(error(refused.code, refused.message, Loc(rel_path, 1, 1)))
        return doc
    except OSError as exc:
        doc = Document(rel_path, kind_role, "")
        doc.diagnostics.append(error(
            "APT002", f"fichier illisible : {french_os_error(exc)} : corrigez ses droits ou supprimez-le",
            Loc(rel_path, 1, 1),
        ))
        return doc
    digest = content_digest(raw)
    doc = Document(rel_path, kind_role, digest)
    cached = cache.get(digest) if cache is not None else None
    if cached is not None:
        doc.data, diags = cached
        doc.parsed = doc.checked = True
        if getattr(doc.data, "where", None) is not None:  # read by the fast reader: positions on demand
            doc.lazy = LazySource(str(root), rel_path, digest)
        # Cached diagnostics were made for the same bytes, maybe under another name.
        doc.diagnostics = [Diagnostic(d.code, d.severity, d.message, Loc(rel_path, d.loc.line, d.loc.column))
                           for d in diags]
        return doc
    if fastread.reader() == fastread.FAST and _read_fast(doc, root, raw):
        if cache is not None:
            cache.put(digest, (doc.data, []))
        return doc
    parsed, diags = parse_source(raw, rel_path)
    if parsed is not None:
        diags += note_diagnostics(parsed.notes, rel_path)
        if parsed.data is None:
            diags.append(error("APT001", "fichier vide : il doit contenir un dictionnaire YAML", Loc(rel_path, 1, 1)))
        else:
            doc.data, schema_diags = conform(kind_role.kind, parsed.data, rel_path, parsed.text)
            diags += _not_said_twice(schema_diags, diags)
        doc.parsed = doc.checked = True
    doc.diagnostics = diags
    if cache is not None and parsed is not None:
        cache.put(digest, (doc.data, diags))
    return doc


def _read_fast(doc: Document, root: Path, raw: bytes) -> bool:
    """Read ``doc`` with the fast reader when its guard lets the file through and its schema holds (nothing
    to say about it: no position needed now); False: the positioned reader reads it (load/fastread.py)."""
    if conflict_markers(raw, doc.path):
        return False
    text = decode(raw, doc.path)[0]
    data = fastread.read_fast(text) if text is not None else None
    if data is None or not conforms_fast(doc.role.kind, data):
        return False
    doc.data, doc.lazy = data, LazySource(str(root), doc.path, doc.digest)
    doc.parsed = doc.checked = True
    return True


def _not_said_twice(schema_diags: list[Diagnostic], reader_diags: list[Diagnostic]) -> list[Diagnostic]:
    """The schema's diagnostics but those on the line of a value the reader already refused (a number
    too big, a tagged value: the schema then sees its text, or points at its key)."""
    said = {d.loc.line for d in reader_diags if d.code in ("APT101", "APT011")}
    return [d for d in schema_diags if d.loc.line not in said] if said else schema_diags


Progress = Callable[[str, int, int], None]
"""Told how a load goes: (stage, done, total); stages ``saved`` (reading the saved state), ``files``
(``done`` of ``total`` files read) and ``check`` (model and rules).  May raise to stop the load."""


def load_documents(root: Path, use_cache: bool = True, progress: Progress | None = None,
                   cache: ParseCache | None = None) -> tuple[dict[str, Document], list[Diagnostic]]:
    """Discover, parse and schema-check every school file under root.

    ``cache``: a parse cache the caller saves later (pipeline.PendingSave); without one, the parse
    cache is read and saved here (with ``use_cache``).
    """
    if not is_school_root(root):
        raise NotASchool(str(root))
    own_cache = cache is None
    if own_cache and use_cache:
        cache = ParseCache(cache_file(root))
    documents: dict[str, Document] = {}
    diagnostics: list[Diagnostic] = []
    sources = find_school_files(root)
    jobs = [(source.path, source.role) for source in sources if source.role is not None]
    reader = read_document if progress is None else _Counted(read_document, progress, len(jobs))
    read = iter(read_all(root, jobs, cache, reader))  # on two cores when worth it (load/parallel.py)
    for source in sources:
        if source.role is None:
            diagnostics.append(warning(
                "APT006",
                "fichier YAML inconnu de l'organisation d'une école : déplacez-le ou supprimez-le "
                "(voir docs/format.md)",
                Loc(source.path, 1, 1),
            ))
            continue
        doc = next(read)
        documents[source.path] = doc
        diagnostics.extend(doc.diagnostics)
    if progress is not None:
        progress("files", len(jobs), len(jobs))
    if own_cache and cache is not None:
        cache.save()
    return documents, diagnostics


PROGRESS_EVERY = 25
"""Files read between two progress calls."""


class _Counted:
    """``read`` telling ``progress`` every PROGRESS_EVERY files (those this process reads: with a second
    process, its share arrives at the end).  A spawned worker gets ``read`` itself (``__reduce__``): the
    app's progress is not picklable, nor the worker's to tell."""

    def __init__(self, read: Callable[[Path, str, FileRole, ParseCache | None], Document], progress: Progress,
                 total: int) -> None:
        self.read, self.progress, self.total = read, progress, total
        self.done = 0

    def __call__(self, root: Path, path: str, role: FileRole, cache: ParseCache | None) -> Document:
        if self.done % PROGRESS_EVERY == 0:
            self.progress("files", self.done, self.total)
        self.done += 1
        return self.read(root, path, role, cache)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_same, (self.read,))


def _same(read: Callable[[Path, str, FileRole, ParseCache | None], Document],
          ) -> Callable[[Path, str, FileRole, ParseCache | None], Document]:
    return read


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a school loads, then freeze what loaded.

    A load allocates millions of long-lived, acyclic objects: each automatic
    collection scanned all of them again and took half of a cold load.  After
    the load they are moved to the permanent generation (``gc.freeze``), so the
    TUI's later collections do not scan the model either.  Refcounting still
    frees a model that a reload replaces.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def build_school(root: Path, documents: dict[str, Document]) -> tuple[School, list[Diagnostic]]:
    """The School of the documents (those that did not load are remembered as unreadable)."""
    return assemble_school(str(root), documents.values())


def assemble(
    root: Path, documents: dict[str, Document], loose: Iterable[Diagnostic], run_rules: bool = True,
    previous: Analysis | None = None, after_build: Callable[[dict[str, Document]], None] | None = None,
) -> tuple[LoadResult, Analysis]:
    """The last stages, shared by load_school and the Workspace: model, analysis, rules, sorted diagnostics.

    ``documents`` in path order; ``loose`` the diagnostics of no document (APT006).
    Each document's entities are memoised on it, so a Workspace that kept
    its unchanged documents rebuilds only the changed files' entities; with
    the ``previous`` analysis, the analysis and the rules take over every
    part (a period's hours, a year's references...) whose entities are the
    same objects (model/memo.py), with the very results a full check gives.
    """
    from aptui.model.analysis import Analysis
    from aptui.rules import check_school
    from aptui.rules.waiting import fold as waiting_on_unreadable

    school, build_diagnostics = build_school(root, documents)
    if after_build is not None:  # before the rules (pipeline.open_deferred: the parse cache, the values)
        after_build(documents)
    diagnostics = [d for doc in documents.values() for d in doc.diagnostics]
    diagnostics += loose
    diagnostics += build_diagnostics
    analysis = Analysis(school, previous)
    held: list[Diagnostic] = []
    if run_rules:
        checked = check_school(school, analysis)
        analysis.settle()
        if school.info is None:  # one problem, not a flood: what depends on school.yaml waits on it
            held = [d for d in checked if d.code.startswith(WAITING_ON_SCHOOL)]
            checked = [d for d in checked if not d.code.startswith(WAITING_ON_SCHOOL)]
        diagnostics += checked
    if school.info is None:
        waiting = (f" ; les contrôles du calendrier et du budget (zone, référentiel) l'attendent ({len(held)} "
                   "problème(s) non signalé(s) d'ici là)") if held else ""
        # a note when school.yaml's own error is there (one problem, one error), else the error
        said = any(d.is_error and d.loc.path == "school.yaml" for d in diagnostics)
        diagnostics.append((warning if said else error)(
            "APT102", f"school.yaml illisible : corrigez-le d'abord{waiting}", Loc("school.yaml", 1, 1)))
    # what the rules found only because a file is unreadable waits on it (one note on that file)
    diagnostics = waiting_on_unreadable(diagnostics, school.unreadable)
    return LoadResult(school, documents, ordered_diagnostics(diagnostics)), analysis


# The rules that read school.yaml: the calendar (its zone's holidays) and the budget (its hour preset).
WAITING_ON_SCHOOL = ("APT3", "APT4")


def ordered_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """As ``sorted_diagnostics`` (file, line, column, code; no duplicates), then by message.

    A total order: the same problems always print in the same order, however
    the rules produced them (a full check, or parts kept from the last one).
    """
    diagnostics = list(diagnostics)
    settle(d.loc for d in diagnostics)  # the positions of a fast-read file's problems, one file at a time
    return sorted(set(diagnostics), key=lambda d: (*d.sort_key(), d.message, d.severity.value))


def loose_diagnostics(documents: dict[str, Document], diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of load_documents that belong to no document (stray files)."""
    per_document = {id(d) for doc in documents.values() for d in doc.diagnostics}
    return [d for d in diagnostics if id(d) not in per_document]


def load_school(root: Path, use_cache: bool = True, run_rules: bool = True) -> LoadResult:
    """Load a whole school and check it; raises NotASchool for a wrong folder."""
    if not run_rules:
        with paused_gc():
            documents, diagnostics = load_documents(root, use_cache)
            return assemble(root, documents, loose_diagnostics(documents, diagnostics), run_rules)[0]
    return open_checked(root, use_cache)[0]


def open_checked(root: Path, use_cache: bool = True) -> tuple[LoadResult, list[Diagnostic]]:
    """A checked school and its loose diagnostics: from the saved state when no file changed.

    With the cache, a full load saves its state (load/snapshot.py) for the
    next run; the documents of a saved state keep their entities but not
    their parsed values (nothing reads them after the build).
    """
    result, loose, _ = open_analysed(root, use_cache)
    return result, loose


def open_analysed(root: Path, use_cache: bool = True, scanned: dict[str, tuple[int, int, int, int]] | None = None,
                  ) -> tuple[LoadResult, list[Diagnostic], Analysis]:
    """As ``open_checked``, with the Analysis of the school: the one the rules used after a full load
    (its parts serve the next edit); after a saved state, one holding the parts saved with it.
    ``scanned``: ``snapshot.scan(root)`` made by the caller just before (not made again)."""
    result, loose, analysis, pending = open_deferred(root, use_cache, scanned)
    if pending is not None:
        pending.write()
    return result, loose, analysis


def open_deferred(root: Path, use_cache: bool = True, scanned: dict[str, tuple[int, int, int, int]] | None = None,
                  progress: Progress | None = None, background: bool = False,
                  ) -> tuple[LoadResult, list[Diagnostic], Analysis, PendingSave | None]:
    """As ``open_analysed``, but the state of a full load is not saved yet: the PendingSave returned
    (None after an open from the saved state, or without the cache) saves it, now (``write``) or in a
    child process (``start``, load/background.py).  The parse cache is written once the school is built
    (with ``background``, by a child: ``PendingSave.cache_writer``), and the parsed values freed before
    the rules run."""
    from aptui.load import snapshot
    from aptui.load.background import PendingSave, save_parse_cache
    from aptui.model.analysis import Analysis

    if not is_school_root(root):
        raise NotASchool(str(root))
    if use_cache:
        if progress is not None:
            progress("saved", 0, 0)
        with paused_gc():
            if scanned is None:
                scanned = snapshot.scan(root)
            state = snapshot.read(root, "model", scanned)
        if state is not None:
            documents, school, diagnostics, loose, memo = state
            # The parts of the check that saved the state (model/memo.py), pickled with the School:
            # the dashboard's hours and the first edit reuse them instead of computing them again.
            return LoadResult(school, documents, diagnostics), loose, Analysis(school, memo=memo), None
    writers = []
    cache: ParseCache | None = None

    def built(documents: dict[str, Document]) -> None:
        nonlocal cache
        if cache is not None:
            writers.append(save_parse_cache(cache, background))
            cache = None  # with the documents' values below, what held the parsed values
        drop_parsed_values(documents)

    with paused_gc():
        before = (scanned if scanned is not None else snapshot.scan(root)) if use_cache else {}
        cache = ParseCache(cache_file(root)) if use_cache else None
        documents, diagnostics = load_documents(root, use_cache, progress, cache)
        if progress is not None:
            progress("check", 0, 0)
        loose = loose_diagnostics(documents, diagnostics)
        result, analysis = assemble(root, documents, loose, after_build=built)
    if not use_cache:
        return result, loose, analysis, None
    return result, loose, analysis, PendingSave(root, result, loose, before, analysis, writers[0] if writers else None)


def drop_parsed_values(documents: dict[str, Document]) -> None:
    """Free the parsed values of the documents built (~115 MB on 1,500 students, 3 years): nothing reads
    them after the build (the entities and their positions are in the contributions; the rules read
    the School), as after an open from the saved state, whose documents never had them."""
    for doc in documents.values():
        if doc.built and doc.data is not None:
            doc.parsed, doc.data = doc.ok, None


def save_checked(root: Path, result: LoadResult, loose: list[Diagnostic],
                 before: dict[str, tuple[int, int, int, int]], analysis: Analysis) -> None:
    """Save the state of a school just checked, for warm runs (validate, TUI); ``before``: the scan made
    before reading (its ``at_ns``, when it began, is the time the state records: load/snapshot.py)."""
    from aptui.load import snapshot

    stamps = snapshot.stamps_of(root, {p: d.digest for p, d in result.documents.items()}, before)
    for stray in loose:
        if stray.loc.path in before:  # a stray file: its presence matters, not its bytes
            stamps[stray.loc.path] = (*before[stray.loc.path], snapshot.digest_of(root, stray.loc.path))
    documents = {
        path: Document(doc.path, doc.role, doc.digest, None, doc.diagnostics, doc.contribution, doc.built, doc.ok)
        for path, doc in result.documents.items()
    }
    at_ns = getattr(before, "at_ns", 0)
    with paused_gc():
        snapshot.write(root, "checked", stamps, (result.diagnostics, len(result.documents)), at_ns)
        snapshot.write(root, "model", stamps, (documents, result.school, result.diagnostics, loose, analysis.memo),
                       at_ns)
