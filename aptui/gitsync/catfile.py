"""Reading many blobs through one ``git cat-file --batch`` process.

Starting one git process per file of a past revision costs milliseconds each;
one batch process answers thousands of requests in a fraction of a second.
The process lives only as long as the ``with`` block, so a long-running TUI
never accumulates child processes.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from types import TracebackType
from typing import IO

from aptui.gitsync.runner import Git, GitError

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
"""The id of git's empty tree (the "before" of a root commit)."""
SMALL_BATCH = 4096
"""Requests up to this size are written directly: every earlier request was answered (so read
by git), and a pipe always holds at least this much, so the write cannot block."""


class BlobReader:
    """Reads objects (``<sha>`` or ``<rev>:<path>``) through one batch process."""

    def __init__(self, git: Git) -> None:
        self.git = git
        self._proc = git.popen("cat-file", "--batch")
        self._lock = threading.Lock()

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the process (idempotent)."""
        proc = self._proc
        if proc.poll() is None:
            try:
                assert proc.stdin is not None
                proc.stdin.close()
            except OSError:
                pass
            try:
                proc.wait(timeout=5)
            except Exception:  # noqa: BLE001 - a stuck process is killed, whatever the cause
                proc.kill()
                proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()

    def read(self, spec: str) -> bytes | None:
        """The content of one object, or None if it does not exist."""
        return self.read_many([spec])[0]

    def read_many(self, specs: Sequence[str]) -> list[bytes | None]:
        """The contents of many objects, in order (None for a missing one)."""
        return [found[1] if found else None for found in self.objects(specs)]

    def tree(self, spec: str) -> dict[str, str] | None:
        """name -> blob id of the files directly in a folder (``<rev>:<folder>``), or None if absent."""
        found = self._answers([spec])[0]
        if found is None or found[1] != b"tree":
            return None
        return tree_blobs(found[2])

    def objects(self, specs: Sequence[str]) -> list[tuple[str, bytes] | None]:
        """(object id, contents) of many objects, in order (None for a missing one).

        Requests are written by a helper thread while answers are read, so a
        large batch cannot deadlock on full pipes.
        """
        return [(found[0], found[2]) if found else None for found in self._answers(specs)]

    def _answers(self, specs: Sequence[str]) -> list[tuple[str, bytes, bytes] | None]:
        """(object id, type, contents) of many objects, in order (None for a missing one)."""
        if not specs:
            return []
        with self._lock:
            stdin, stdout = self._pipes()
            requests = "".join(f"{spec}\n" for spec in specs).encode("utf-8")
            if len(requests) <= SMALL_BATCH:  # fits in an empty pipe: no writer thread needed
                _write_requests(stdin, requests)
                return [_read_answer(stdout) for _ in specs]
            writer = threading.Thread(target=_write_requests, args=(stdin, requests), daemon=True)
            writer.start()
            try:
                return [_read_answer(stdout) for _ in specs]
            finally:
                writer.join()

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        proc = self._proc
        if proc.poll() is not None or proc.stdin is None or proc.stdout is None:
            raise GitError("la lecture de l'historique git s'est arrêtée (git cat-file) : réessayez.")
        return proc.stdin, proc.stdout


def _write_requests(stdin: IO[bytes], requests: bytes) -> None:
    try:
        stdin.write(requests)
        stdin.flush()
    except OSError:
        pass  # the reader reports the broken process


def _read_answer(stdout: IO[bytes]) -> tuple[str, bytes, bytes] | None:
    header = stdout.readline()
    if not header:
        raise GitError("la lecture de l'historique git s'est arrêtée (git cat-file) : réessayez.")
    parts = header.split()
    if len(parts) < 3 or parts[-1] in (b"missing", b"ambiguous"):
        return None
    size = int(parts[2])
    data = stdout.read(size)
    stdout.read(1)  # the newline after the contents
    return parts[0].decode(), parts[1], data


def tree_blobs(raw: bytes) -> dict[str, str]:
    """name -> blob id of the files directly in a tree object (as ``cat-file`` gives it; no subtrees)."""
    files: dict[str, str] = {}
    at, size = 0, len(raw)
    while at < size:
        space = raw.index(b" ", at)
        nul = raw.index(b"\0", space)
        mode = raw[at:space]
        if mode not in (b"40000", b"160000"):  # a subtree, a submodule: not a blob
            files[raw[space + 1:nul].decode("utf-8", errors="replace")] = raw[nul + 1:nul + 21].hex()
        at = nul + 21
    return files


def ls_tree(git: Git, rev: str, pathspecs: Sequence[str] = ()) -> dict[str, str]:
    """path -> blob id of every file of a revision (optionally under some paths)."""
    if rev == EMPTY_TREE:
        return {}
    output = git.run("ls-tree", "-r", "-z", "--full-tree", rev, "--", *pathspecs).stdout
    files: dict[str, str] = {}
    for entry in output.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.partition(b"\t")
        fields = meta.split()
        if len(fields) == 3 and fields[1] == b"blob":
            files[path.decode("utf-8", errors="replace")] = fields[2].decode()
    return files
