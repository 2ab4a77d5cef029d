"""Saving the state of a full load off the critical path: in a child process, after the first screen.

A cold open of a large school spent ~3 s and ~100 MB of peak memory pickling
its state (the parse cache, ``checked`` and ``model``, load/snapshot.py) before
the app could show anything: pickle's memo holds one entry per object pickled.
Now two children write them while the app goes on (``in_background``): the
parse cache one forked right after the build (the app then frees the parsed
values before the rules run: its peak is the model's, not the model's plus the
values'), the school's state one forked after the rules (``PendingSave.start``).
A child works on its own copy of the memory (copy-on-write, as it was at the
fork), so an edit made in the app meanwhile neither changes what it writes nor
waits for it, and the memo grows in the child, never in the app.

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
from collections.abc import Callable
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
    """The state of a school just loaded and checked, not saved yet (pipeline.open_deferred)."""

    root: Path
    result: LoadResult
    loose: list[Diagnostic]
    before: dict[str, tuple[int, int, int, int]]
    """The scan made before reading (load/snapshot.Scan): the stamps, and the time the state records."""
    analysis: Analysis
    cache_writer: Writer | None = None
    """The parse cache being written in the background since the build (pipeline.open_deferred)."""

    def write(self) -> None:
        """Save now, in this process (what the CLI does)."""
        from aptui.pipeline import save_checked

        save_checked(self.root, self.result, self.loose, self.before, self.analysis)

    def start(self, hold: bool = False) -> Writer:
        """Save in a child process (or a thread without ``fork``); the writer returned waits for the parse
        cache's too.  With ``hold``, neither writes before ``Writer.go`` (the app: once its first screen
        is usable, so that they take no processor from it), or before this process ends."""
        writer = in_background(self._unless_changed, held=True)
        writer.also = self.cache_writer
        if not hold:
            writer.go()
        return writer

    def _unless_changed(self) -> None:
        from aptui.load import snapshot

        if dict(snapshot.scan(self.root)) != dict(self.before):
            return  # a file changed since the load: this state is already not the school's
        self.write()


def save_parse_cache(cache: ParseCache, background: bool) -> Writer | None:
    """Write the parse cache of a load now, or in a child (which keeps the parsed values it needs,
    so that this process can free them before the rules run); the child waits for ``Writer.go``
    (PendingSave.start releases it with the school's state)."""
    if not background:
        cache.save()
        return None
    return in_background(cache.save, held=True)


_GATES: set[int] = set()
"""The write ends of the held children's pipes: a later child closes them (only the app may release)."""


def in_background(work: Callable[[], object], held: bool = False) -> Writer:
    """Run ``work`` in a forked child that writes files and nothing else (or in a thread without
    ``fork``); a failure there only costs speed.  ``held``: the child waits for ``Writer.go`` (or for
    this process to end: the pipe then closes) before it starts."""
    from aptui.load import snapshot

    snapshot._register_reducers()  # noqa: SLF001 - before the fork: the child imports nothing
    writer = Writer(started=time.perf_counter())
    if not hasattr(os, "fork") or sys.platform != "linux":
        if not held:
            writer.gate_event.set()
        threading.Thread(target=writer.run, args=(work,), name="aptui-save", daemon=True).start()
        return writer
    gate_read, gate_write = os.pipe() if held else (-1, -1)
    # ctrl+c and the hangup wait (blocked) until the child ignores them: none reaches it half set up
    unmasked = signal.pthread_sigmask(signal.SIG_BLOCK, _NOT_OURS)
    pid = os.fork()
    if pid == 0:  # the child: never returns
        _child(work, gate_read, gate_write, unmasked)
    signal.pthread_sigmask(signal.SIG_SETMASK, unmasked)
    with contextlib.suppress(OSError):  # its own process group, set on both sides (no race with the child)
        os.setpgid(pid, pid)
    writer.pid = pid
    if held:
        os.close(gate_read)
        writer.gate = gate_write
        _GATES.add(gate_write)
    threading.Thread(target=writer.reap, name="aptui-save-wait", daemon=True).start()
    return writer


_NOT_OURS = {signal.SIGINT, signal.SIGHUP}
"""The app's ctrl+c, the terminal's hangup: a writer goes on through them."""


def _child(work: Callable[[], object], gate_read: int, gate_write: int, unmasked: set[int | signal.Signals]) -> None:
    """The forked writer: quiet, low priority, no collection; leaves by ``os._exit``."""
    code = 1
    try:
        gc.disable()  # a collection would touch (and copy) every page of the model
        # Neither the app's ctrl+c nor the terminal's hangup (closed window, tmux pane killed: sent to the
        # app's process group) stops a write half-way: the state is saved even after the app is gone.
        with contextlib.suppress(OSError):
            os.setpgid(0, 0)
        for number in _NOT_OURS:
            signal.signal(number, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_SETMASK, unmasked)  # those that came meanwhile are dropped
        with contextlib.suppress(OSError):
            os.nice(CHILD_NICE)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # neither the terminal nor a caller's pipe is held open
            os.dup2(null, fd)
        for fd in (gate_write, *_GATES):  # else this child would keep another's pipe open
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        if gate_read >= 0:
            os.read(gate_read, 1)  # a byte (go) or the end of the pipe (the app ended): either way, write
        work()
        code = 0
    except BaseException:  # noqa: BLE001 - a cache that cannot be written only costs speed
        code = 1
    finally:
        os._exit(code)


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
    also: Writer | None = None
    """Another background save this one includes (the parse cache's, forked earlier)."""
    gate: int = -1
    """The write end of a held child's pipe (``go`` writes a byte to it)."""
    gate_event: threading.Event = field(default_factory=threading.Event)
    """The same for a writing thread (no ``fork``)."""

    def go(self) -> None:
        """Let a held writer (and ``also``) start; at once for one not held."""
        self.gate_event.set()
        if self.gate >= 0:
            gate, self.gate = self.gate, -1
            _GATES.discard(gate)
            with contextlib.suppress(OSError):
                os.write(gate, b"1")
            with contextlib.suppress(OSError):
                os.close(gate)
        if self.also is not None:
            self.also.go()

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

    def run(self, work: Callable[[], object]) -> None:
        """In a thread (no ``fork``): the work itself, once let go."""
        try:
            self.gate_event.wait()
            work()
            self.ok = True
        except Exception:  # noqa: BLE001 - a cache that cannot be written only costs speed
            self.ok = False
        self.seconds = time.perf_counter() - self.started
        self.done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Let it go (``go``) and wait for the save to finish (and ``also``); True when it did (written or
        given up), False on timeout."""
        self.go()
        return self.done.wait(timeout) and (self.also is None or self.also.wait(timeout))

    @property
    def succeeded(self) -> bool:
        """Once ``wait`` returned True: whether every file was written."""
        return self.ok and (self.also is None or self.also.succeeded)

    @property
    def largest_mb(self) -> float:
        """The largest peak of its children."""
        return max(self.peak_mb, self.also.largest_mb if self.also is not None else 0.0)
