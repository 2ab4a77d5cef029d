"""Read, parse and schema-check a school's files on two cores (a cold load of a large school).

``read_all`` gives exactly what calling ``pipeline.read_document`` on each
file in order gives, in that order: the same documents, the same
diagnostics.  With enough files still to parse (not in the parse cache) and
two usable cores, a second process takes part:

- the parent keeps the ParseCache: files whose bytes are in it are read by
  the parent only (a cache hit costs less than sending a document back);
- the files to parse are shared by work stealing: the parent takes chunks
  from the front, the worker from the back (two counters under one lock), so
  a worker that gets no core (a loaded machine) only costs its last chunk;
- the worker sends each chunk's documents pickled as soon as they are read;
  the parent unpickles them between its own files, puts them in the cache and
  restores its own path and role objects on them;
- whatever the worker claimed and did not send (it died, or could not start)
  is read by the parent afterwards: a worker can make a load slower, never
  different.

The worker is forked where the platform can fork and the process has one
thread (a fork copies no other thread, and a lock held by one would never be
released in the child); otherwise it is spawned (a fresh interpreter that
imports the loader: worth it only on more files).  ``APTUI_WORKERS=1``
forces the serial loop, ``APTUI_WORKERS=2`` the second process whatever the
number of files (tests).  Thresholds and costs: docs/performance.md
(« Deux cœurs, règles à froid »).
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aptui.layout import FileRole
from aptui.load.cache import ParseCache
from aptui.load.guard import read_or_none
from aptui.load.source import Document, content_digest

if TYPE_CHECKING:  # multiprocessing is imported by a load that uses it (not on the warm path)
    from multiprocessing.connection import Connection

WORKERS_ENV = "APTUI_WORKERS"
FORK_MIN_FILES = 1200
"""Files to parse from which a forked worker pays (measured: docs/performance.md)."""
SPAWN_MIN_FILES = 3000
"""The same for a spawned worker, which first starts an interpreter and imports the loader (~0.2 s)."""
WORKER_CHUNK = 8  # files a worker reads before sending them (~3 ms of parsing: a short wait at the end)
PARENT_CHUNK = 8  # files the parent claims at a time

Job = tuple[str, FileRole]
Reader = Callable[[Path, str, FileRole, "ParseCache | None"], Document]


def usable_cores() -> int:
    """The cores this process may run on (its affinity where the platform tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def start_method() -> str | None:
    """``fork`` where it is safe (a platform that forks well, this process has one thread), else ``spawn``
    when the program's main module is safe to import again, else None (no second process).

    As multiprocessing's own default, macOS spawns (its system libraries do not survive a fork).  A
    spawned interpreter imports the caller's main script again: its top-level code would run twice
    (seen with a script without ``if __name__ == "__main__"``), so only aptui's own entry points spawn."""
    if hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1:
        return "fork"
    return "spawn" if _main_is_aptui() else None


def _main_is_aptui() -> bool:
    """Whether ``__main__`` is aptui's (``python -m aptui``, the ``aptui`` script) or no file (``-c``)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and str(spec.name).startswith("aptui"):
        return True
    file = getattr(main, "__file__", None)
    if file is None:
        return True
    path = Path(file)
    return path.stem in ("aptui", "aptui-script") or path.parent.name.startswith("aptui.")  # aptui.exe/__main__.py


def idle_cores(cores: int) -> float:
    """Cores left for a second process: those that neither this process nor any other wants now.

    On Linux the processes runnable at this instant (``/proc/loadavg``, this one included); elsewhere
    this one plus the 1-minute load average; where neither is known, every core but this one's.  Not
    the average on Linux: it lags by a minute, so a run right after a busy one (the previous validate
    of a benchmark, a pip install) would be refused the second core it now has."""
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            running = int(handle.read().split()[3].split("/")[0])
        return float(cores - running)
    except (OSError, ValueError, IndexError):
        pass
    try:
        return cores - 1 - os.getloadavg()[0]
    except (AttributeError, OSError):
        return float(cores - 1)


def second_process_possible() -> bool | None:
    """True/False when ``APTUI_WORKERS`` says so; else False without a core left for it; else None.

    A second process pays only with a core to itself: on a busy machine its pickled documents are
    extra work for cores already taken (measured slower), so the load stays serial there.  The work
    stealing bounds the cost of a core taken after this check (a worker that gets no time)."""
    forced = os.environ.get(WORKERS_ENV, "").strip()
    if forced in ("1", "2"):
        return forced == "2"
    cores = usable_cores()
    return None if cores >= 2 and idle_cores(cores) >= 0.5 else False


def workers_for(to_parse: int, method: str | None) -> int:
    """1 or 2: ``APTUI_WORKERS`` when set to one of them, else by the idle cores and the files to parse."""
    if method is None:
        return 1
    possible = second_process_possible()
    if possible is not None:
        return 2 if possible else 1
    return 2 if to_parse >= (FORK_MIN_FILES if method == "fork" else SPAWN_MIN_FILES) else 1


def read_all(root: Path, jobs: Sequence[Job], cache: ParseCache | None, read: Reader) -> list[Document]:
    """``read(root, path, role, cache)`` of every job, in order (``read`` is ``pipeline.read_document``)."""
    if second_process_possible() is not False:
        to_parse = list(range(len(jobs))) if cache is None or not cache.entries else _not_cached(root, jobs, cache)
        method = start_method()
        if to_parse and method is not None and workers_for(len(to_parse), method) == 2:
            try:
                with _stderr_for_children():
                    shared = SharedLoad(root, jobs, cache, read, to_parse, method)
            except (OSError, ValueError):  # no semaphore, no resource tracker to be had: one process
                pass
            else:
                return shared.run()
    return [read(root, path, role, cache) for path, role in jobs]


@contextmanager
def _stderr_for_children() -> Iterator[None]:
    """A real file as ``sys.stderr`` while multiprocessing starts its helpers.

    A spawned worker's semaphore starts multiprocessing's resource tracker, handed ``sys.stderr``'s file
    descriptor; in the app, Textual has replaced ``sys.stderr`` by a capture without one (``fileno()`` is
    -1) and the open failed with « bad value(s) in fds_to_keep ».  The helpers get the null device
    instead (the terminal is the app's)."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError and a ValueError
        usable = False
    if usable:
        yield
        return
    saved = sys.stderr
    with open(os.devnull, "w", encoding="utf-8") as null:
        sys.stderr = null
        try:
            yield
        finally:
            sys.stderr = saved


def _not_cached(root: Path, jobs: Sequence[Job], cache: ParseCache) -> list[int]:
    """Indexes of the jobs whose bytes are not in the cache (those the worker may take)."""
    result = []
    for index, (path, _role) in enumerate(jobs):
        raw = read_or_none(root, path)
        if raw is not None and content_digest(raw) not in cache.entries:
            result.append(index)
    return result


class SharedLoad:
    """One load shared with a worker process (see the module's docstring)."""

    def __init__(self, root: Path, jobs: Sequence[Job], cache: ParseCache | None, read: Reader,
                 to_parse: list[int], method: str) -> None:
        import multiprocessing

        self.root, self.jobs, self.cache, self.read = root, jobs, cache, read
        self.to_parse = to_parse
        self.context: Any = multiprocessing.get_context(method)
        # [front, back]: the parent claims to_parse[front:...], the worker to_parse[...:back]
        self.bounds = self.context.Array("i", [0, len(to_parse)], lock=True)
        self.results: list[Document | None] = [None] * len(jobs)
        self.from_worker = 0  # documents the worker read (for tests and measures)
        self.sentinel: int = -1  # the worker's process sentinel, once started

    def run(self) -> list[Document]:
        if self.context.get_start_method() == "fork":  # the schema checks, compiled once for both processes
            from aptui.load.schemas import prepare

            prepare({role.kind for _, role in self.jobs})
        receiver, sender = self.context.Pipe(duplex=False)
        worker = self.context.Process(
            target=work, args=(self.root, [self.jobs[i] for i in self.to_parse], self.bounds, sender, self.read),
            daemon=True,
        )
        try:
            with _stderr_for_children():
                worker.start()
        except Exception:  # noqa: BLE001 - no process to be had (or its arguments not sent): everything here
            receiver.close()
            return [self.read(self.root, path, role, self.cache) for path, role in self.jobs]
        finally:
            sender.close()
        self.sentinel = worker.sentinel
        try:
            self._own_share(receiver)
            self._drain(receiver, block=True)
        finally:
            receiver.close()
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()
                worker.join()
        for index, (path, role) in enumerate(self.jobs):  # what the worker claimed and never sent
            if self.results[index] is None:
                self.results[index] = self.read(self.root, path, role, self.cache)
        return [doc for doc in self.results if doc is not None]

    def _own_share(self, receiver: Connection) -> None:
        shared = set(self.to_parse)
        for index, (path, role) in enumerate(self.jobs):  # cache hits first: never the worker's
            if index not in shared:
                self.results[index] = self.read(self.root, path, role, self.cache)
        while True:
            with self.bounds.get_lock():
                front, back = self.bounds[0], self.bounds[1]
                end = min(front + PARENT_CHUNK, back)
                self.bounds[0] = end
            if front >= end:
                return
            for position in range(front, end):
                index = self.to_parse[position]
                path, role = self.jobs[index]
                self.results[index] = self.read(self.root, path, role, self.cache)
                self._drain(receiver, block=False)

    def _drain(self, receiver: Connection, block: bool) -> None:
        """Take the chunks the worker sent (all of them until it has ended, when ``block``).

        The end is the worker's process sentinel, not the pipe's end: a spawned worker that dies while
        starting leaves the pipe open (multiprocessing keeps its copy for the child)."""
        while True:
            try:
                if not receiver.poll():
                    if not block:
                        return
                    from multiprocessing.connection import wait

                    if receiver not in wait([receiver, self.sentinel]) and not receiver.poll():
                        return  # the worker has ended and nothing is left in the pipe
                payload = receiver.recv_bytes()
            except (EOFError, OSError):
                return
            start, docs = pickle.loads(payload)
            for position, doc in enumerate(docs, start):
                index = self.to_parse[position]
                path, role = self.jobs[index]
                doc.path, doc.role = path, role  # the parent's own objects, as a serial read gives
                if self.cache is not None and doc.parsed:  # what read_document puts in the cache
                    self.cache.put(doc.digest, (doc.data, doc.diagnostics))
                self.results[index] = doc
                self.from_worker += 1


def work(root: Path, jobs: list[Job], bounds: Any, sender: Connection, read: Reader) -> None:
    """The worker: claim chunks from the back, read them (no cache), send each as (first position, documents)."""
    import gc

    gc.disable()  # as the parent's load (pipeline.paused_gc); the process ends with the load
    try:
        while True:
            with bounds.get_lock():
                front, back = bounds[0], bounds[1]
                start = max(back - WORKER_CHUNK, front)
                bounds[1] = start
            if start >= back:
                return
            docs = [read(root, path, role, None) for path, role in jobs[start:back]]
            sender.send_bytes(pickle.dumps((start, docs), protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:  # noqa: BLE001 - the parent reads what was not sent, and says what fails there
        return
    finally:
        sender.close()
