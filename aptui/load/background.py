"""Saving the state of a full load off the critical path: in a child process, after the first screen.

A cold open of a large school spent ~2 s and ~100 MB of peak memory pickling
its state (the parse cache, ``checked`` and ``model``, load/snapshot.py) before
the app could show anything: pickle's memo holds one entry per object of the
model.  ``PendingSave.start`` forks a child that writes them while the parent
goes on: the child works on its own copy of the memory (copy-on-write, as it was
at the fork), so an edit made in the app meanwhile neither changes what it
writes nor waits for it, and the memo grows in the child, never in the parent.

What makes that safe is what makes every saved state safe: it is keyed by the
content digest of every file as read, and stamped with the time the files
were scanned before reading (``Scan.at_ns``), not the time it is written.  A
file changed since (an edit in the app, an editor) has another stat or falls
in the racy window, so it is hashed at the next read, the digest differs and
the state is not used: stale is never trusted.  The child also scans again
before writing and writes no school state when a stat moved (the parse
cache, keyed per file, is still right).  Each file is written to a temporary
name and renamed (cache.write_private): never half-written.

Where ``os.fork`` is missing (not Linux), the same writing runs in a thread.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aptui.diagnostics import Diagnostic
    from aptui.load.cache import ParseCache
    from aptui.model.analysis import Analysis
    from aptui.pipeline import LoadResult

CHILD_NICE = 10
"""The writer yields the processors to the app (and to the teacher's other programs)."""


@dataclass
class PendingSave:
    """The state of a school just loaded, not saved yet (pipeline.open_deferred)."""

    root: Path
    result: LoadResult
    loose: list[Diagnostic]
    before: dict[str, tuple[int, int, int, int]]
    """The scan made before reading (load/snapshot.Scan): the stamps, and the time the state records."""
    analysis: Analysis
    cache: ParseCache | None
    """The parse cache of the load; holds the parsed values until written."""
    written: bool = field(default=False, init=False)

    def write(self) -> None:
        """Save now, in this process (what the CLI does), then free the parsed values."""
        self._save(check_unchanged=False)
        self._release()

    def start(self) -> Writer:
        """Save in a child process (or a thread without ``fork``); this process frees its parsed values."""
        from aptui.load import snapshot

        snapshot._register_reducers()  # noqa: SLF001 - before the fork: the child imports nothing
        writer = Writer()
        if not hasattr(os, "fork") or sys.platform != "linux":
            thread = threading.Thread(target=self._in_thread, args=(writer,), name="aptui-save", daemon=True)
            writer.started = time.perf_counter()
            thread.start()
            return writer
        writer.started = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            self._in_child()
        writer.pid = pid
        self.written = True  # by the child
        self._release()
        threading.Thread(target=writer.reap, name="aptui-save-wait", daemon=True).start()
        return writer

    # --- the writing itself --------------------------------------------------
    def _save(self, check_unchanged: bool) -> None:
        from aptui.load import snapshot
        from aptui.pipeline import save_checked

        if self.written:
            return
        self.written = True
        if self.cache is not None:
            self.cache.save()
        if check_unchanged and dict(snapshot.scan(self.root)) != dict(self.before):
            return  # a file changed since the load: this state is already not the school's
        save_checked(self.root, self.result, self.loose, self.before, self.analysis)

    def _release(self) -> None:
        from aptui.pipeline import drop_parsed_values

        self.cache = None
        drop_parsed_values(self.result)

    def _in_child(self) -> None:
        """The forked writer: quiet, low priority, no collection; leaves by ``os._exit``."""
        code = 1
        try:
            gc.disable()  # a collection would touch (and copy) every page of the model
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the app's ctrl+c is not ours
            with contextlib.suppress(OSError):
                os.nice(CHILD_NICE)
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):  # neither the terminal nor a caller's pipe is held open
                os.dup2(null, fd)
            self._save(check_unchanged=True)
            code = 0
        except BaseException:  # noqa: BLE001 - a cache that cannot be written only costs speed
            code = 1
        finally:
            os._exit(code)

    def _in_thread(self, writer: Writer) -> None:
        try:
            self._save(check_unchanged=True)
            writer.ok = True
        except Exception:  # noqa: BLE001 - a cache that cannot be written only costs speed
            writer.ok = False
        finally:
            self._release()
            writer.seconds = time.perf_counter() - writer.started
            writer.done.set()


@dataclass
class Writer:
    """A background save under way: ``done`` once finished, with its time and (child) peak memory."""

    pid: int = 0
    started: float = 0.0
    done: threading.Event = field(default_factory=threading.Event)
    ok: bool = False
    seconds: float = 0.0
    peak_mb: float = 0.0
    """The child's own peak (``ru_maxrss``): the pages it shares with the app at the fork count in it."""

    def reap(self) -> None:
        """In a thread: wait for the child (no zombie), keep its exit and peak memory."""
        try:
            _, status, usage = os.wait4(self.pid, 0)
            self.ok = os.waitstatus_to_exitcode(status) == 0
            self.peak_mb = usage.ru_maxrss / 1024
        except ChildProcessError:
            self.ok = False
        self.seconds = time.perf_counter() - self.started
        self.done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the save to finish; True when it did (written or given up), False on timeout."""
        return self.done.wait(timeout)
