"""Reading a school on two cores gives exactly what the serial loop gives (load/parallel.py).

``APTUI_WORKERS=1`` forces the serial loop, ``APTUI_WORKERS=2`` the second
process: documents, their order, their diagnostics, the parse cache and the
checked school must be the same, and the worker must really have read part of
the files (else the comparison proves nothing).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLE_SCHOOL

from aptui.load import parallel
from aptui.load.cache import ParseCache, cache_file
from aptui.load.discover import find_school_files
from aptui.pipeline import load_documents, load_school, read_document


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from aptui.gen import generate_school

    root = tmp_path_factory.mktemp("parallel") / "school"
    generate_school(root, students=120, years=2, seed=5)
    # a few broken files, so that diagnostics of every stage travel back from the worker
    (root / "students" / "zz-broken.yaml").write_text("id: [oops\n", encoding="utf-8")
    (root / "students" / "zz-schema.yaml").write_text("id: 12\nnom: 3\n", encoding="utf-8")
    (root / "stray.yaml").write_text("a: 1\n", encoding="utf-8")
    return root


def _jobs(root: Path) -> list[tuple[str, object]]:
    return [(s.path, s.role) for s in find_school_files(root) if s.role is not None]


def _state(documents: dict[str, object]) -> list[tuple[object, ...]]:
    return [(path, d.path, d.role, d.digest, d.data, d.diagnostics, d.parsed, d.checked)  # type: ignore[attr-defined]
            for path, d in documents.items()]


def _slow_in_parent(root: Path, path: str, role: object, cache: object) -> object:
    """read_document, 1 ms slower in the parent: the worker surely gets files, even on a loaded machine."""
    if str(os.getpid()) == os.environ["APTUI_TEST_PARENT"]:
        time.sleep(0.001)
    return read_document(root, path, role, cache)  # type: ignore[arg-type]


@pytest.mark.parametrize("which", ["sample", "generated"])
def test_two_processes_read_what_one_reads(which: str, generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = SAMPLE_SCHOOL if which == "sample" else generated
    monkeypatch.setenv("APTUI_TEST_PARENT", str(os.getpid()))
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    serial_docs, serial_diags = load_documents(root, use_cache=False)
    serial = load_school(root, use_cache=False)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    shared = parallel.SharedLoad(root, _jobs(root), None, _slow_in_parent, list(range(len(serial_docs))),  # type: ignore[arg-type]
                                 parallel.start_method() or "fork")
    docs = shared.run()
    assert shared.from_worker > 0  # the worker did read part of the school
    assert [d.path for d in docs] == list(serial_docs)
    two_docs, two_diags = load_documents(root, use_cache=False)
    assert _state(two_docs) == _state(serial_docs)
    assert two_diags == serial_diags
    # the parent's own role objects are on every document, as after a serial read
    assert all(a.role is b.role for a, b in zip(two_docs.values(), serial_docs.values(), strict=True))
    two = load_school(root, use_cache=False)
    assert two.school == serial.school
    assert two.diagnostics == serial.diagnostics


def test_cache_hits_stay_with_the_parent(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a parse cache holding part of the files, the worker gets only the others; the cache then
    holds what a serial load puts in it."""
    jobs = _jobs(generated)
    stored = cache_file(generated)
    half = ParseCache(stored)
    for path, role in jobs[::2]:
        read_document(generated, path, role, half)  # type: ignore[arg-type]
    half.save()
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    serial_cache = ParseCache(stored)
    serial = [read_document(generated, path, role, serial_cache) for path, role in jobs]  # type: ignore[arg-type]

    cache = ParseCache(stored)
    pending = parallel._not_cached(generated, jobs, cache)  # type: ignore[arg-type]
    cached = {i for i in range(0, len(jobs), 2) if serial[i].parsed}  # a file that does not parse is never cached
    assert not cached & set(pending)
    assert set(range(1, len(jobs), 2)) - set(pending) <= {i for i in range(len(jobs)) if serial[i].digest in half.entries}
    monkeypatch.setenv("APTUI_TEST_PARENT", str(os.getpid()))
    shared = parallel.SharedLoad(generated, jobs, cache, _slow_in_parent, pending,  # type: ignore[arg-type]
                                 parallel.start_method() or "fork")
    docs = shared.run()
    assert 0 < shared.from_worker <= len(pending)
    assert [(d.path, d.digest, d.data, d.diagnostics) for d in docs] == \
        [(d.path, d.digest, d.data, d.diagnostics) for d in serial]
    assert cache.entries == serial_cache.entries
    assert cache.used == serial_cache.used


def _fails_in_worker(root: Path, path: str, role: object, cache: object) -> object:
    if str(os.getpid()) != os.environ["APTUI_TEST_PARENT"]:
        raise MemoryError("the worker breaks down")
    return read_document(root, path, role, cache)  # type: ignore[arg-type]


def test_a_failing_worker_changes_nothing(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the worker claimed and never sent is read by the parent: same documents, same order."""
    monkeypatch.setenv("APTUI_TEST_PARENT", str(os.getpid()))
    jobs = _jobs(generated)
    serial = [read_document(generated, path, role, None) for path, role in jobs]  # type: ignore[arg-type]
    shared = parallel.SharedLoad(generated, jobs, None, _fails_in_worker, list(range(len(jobs))),  # type: ignore[arg-type]
                                 parallel.start_method() or "fork")
    docs = shared.run()
    assert shared.from_worker == 0
    assert [(d.path, d.data, d.diagnostics) for d in docs] == [(d.path, d.data, d.diagnostics) for d in serial]


def test_small_schools_stay_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.WORKERS_ENV, raising=False)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    monkeypatch.setattr(parallel, "idle_cores", lambda cores: 1.0)
    assert parallel.workers_for(549, "fork") == 1  # sample_school: never slower
    assert parallel.workers_for(parallel.FORK_MIN_FILES, "fork") == 2
    assert parallel.workers_for(parallel.FORK_MIN_FILES, "spawn") == 1
    monkeypatch.setattr(parallel, "idle_cores", lambda cores: 0.0)  # a busy machine: no core for a worker
    assert parallel.workers_for(5000, "fork") == 1
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    monkeypatch.setattr(parallel, "idle_cores", lambda cores: 1.0)  # (never so with one core: said anyway)
    assert parallel.workers_for(5000, "fork") == 1
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    assert parallel.workers_for(10, "fork") == 2
    assert parallel.workers_for(5000, None) == 1  # no safe way to start a second process


def test_spawn_only_from_aptui_s_own_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    """A spawned worker imports the main script again: a script of someone else's could run twice."""
    import types

    monkeypatch.setattr(parallel.threading, "active_count", lambda: 3)  # threads: no fork
    for file, safe in (("/usr/bin/aptui", True), ("/home/x/report.py", False), (None, True)):
        main = types.ModuleType("__main__")
        if file is not None:
            main.__file__ = file
        monkeypatch.setitem(sys.modules, "__main__", main)
        assert parallel.start_method() == ("spawn" if safe else None), file


def test_the_parallel_load_is_used_when_forced(generated: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """load_documents goes through read_all: forced to two processes, a shared load reads the school."""
    seen: list[int] = []
    real_run = parallel.SharedLoad.run

    def spy(self: parallel.SharedLoad) -> list[object]:
        docs = real_run(self)
        seen.append(self.from_worker)
        return docs  # type: ignore[return-value]

    monkeypatch.setattr(parallel.SharedLoad, "run", spy)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    school = tmp_path / "school"
    shutil.copytree(generated, school)
    load_documents(school, use_cache=True)
    assert len(seen) == 1  # a shared load (that its worker takes part is tested above, with a slower parent)
    seen.clear()
    load_documents(school, use_cache=True)  # all in the cache now but the file that does not parse
    assert seen in ([], [0], [1])


def _dies_in_worker(root: Path, path: str, role: object, cache: object) -> object:
    if str(os.getpid()) != os.environ["APTUI_TEST_PARENT"]:
        os._exit(3)  # no goodbye: as a spawned worker that fails while starting
    return read_document(root, path, role, cache)  # type: ignore[arg-type]


def test_a_dead_worker_with_its_pipe_still_open_does_not_hang(generated: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """multiprocessing keeps a spawned child's copy of the pipe: its death is no end of file.  The
    parent watches the worker's process instead (simulated: a copy of the pipe's end kept open here)."""
    import threading

    monkeypatch.setenv("APTUI_TEST_PARENT", str(os.getpid()))
    jobs = _jobs(generated)
    shared = parallel.SharedLoad(generated, jobs, None, _dies_in_worker, list(range(len(jobs))),  # type: ignore[arg-type]
                                 parallel.start_method() or "fork")
    real, kept = shared.context, []

    class KeepsTheWriteEnd:
        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

        def Pipe(self, duplex: bool = True) -> object:  # noqa: N802 - multiprocessing's name
            receiver, sender = real.Pipe(duplex=duplex)
            kept.append(os.dup(sender.fileno()))
            return receiver, sender

    shared.context = KeepsTheWriteEnd()
    done: list[list[object]] = []
    runner = threading.Thread(target=lambda: done.append(shared.run()), daemon=True)  # type: ignore[arg-type]
    runner.start()
    runner.join(timeout=60)
    for fd in kept:
        os.close(fd)
    assert done, "the parent waited for a worker that had died"
    assert [d.path for d in done[0]] == [path for path, _ in jobs]  # type: ignore[attr-defined]
    assert shared.from_worker == 0


SPAWNED_FROM_THE_APP = """
import io, os, sys, threading
from pathlib import Path
from aptui.load import parallel
from aptui.pipeline import load_documents

class Captured(io.TextIOBase):  # as Textual's capture of stderr while the app runs: no descriptor
    def write(self, text): return len(text)
    def fileno(self): return -1

result = []
def load():
    assert parallel.start_method() == "spawn"  # a second thread: never fork
    try:
        told = []  # the loading screen's progress, as the app passes it (a closure: not picklable)
        result.append(len(load_documents(Path(sys.argv[1]), use_cache=False, progress=lambda *a: told.append(a))[0]))
    except BaseException as exc:
        result.append(repr(exc))

sys.stderr = Captured()
thread = threading.Thread(target=load)
thread.start()
thread.join()
print(result[0], file=sys.__stdout__)
"""


def test_the_app_s_loading_thread_reads_on_two_cores_with_textual_s_stderr(generated: Path) -> None:
    """The app loads in a thread (spawn) while Textual has replaced sys.stderr by a capture without a file
    descriptor; multiprocessing's resource tracker is handed sys.stderr's: the open failed
    (« bad value(s) in fds_to_keep »), then pickling the progress-counting reader for the worker did."""
    import subprocess

    expected = len(load_documents(generated, use_cache=False)[0])
    env = {**os.environ, parallel.WORKERS_ENV: "2"}
    run = subprocess.run([sys.executable, "-c", SPAWNED_FROM_THE_APP, str(generated)], capture_output=True,
                         text=True, env=env, timeout=300)
    assert run.stdout.strip() == str(expected), run.stdout + run.stderr[-800:]
