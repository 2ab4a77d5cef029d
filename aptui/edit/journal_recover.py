"""The recovery of the edit journal (aptui/edit/journal.py): what a crash left is finished or undone.

A transaction without its ``COMMITTED`` marker is dropped (no school file was
touched); a committed one is rolled forward, or rolled back if a file it
touches was changed by someone else since.  The journal's lock is taken
exclusively without waiting, so a live writer's transaction is never touched.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aptui.edit.files import absolute, fsync_dir
from aptui.edit.journal import COMMITTED, PLAN, TEMP_PREFIX, digest, journal_dir, locked, refuse_link, restore


def recover(root: Path, sweep: bool = False) -> list[str]:
    """Finish or undo the edits a crash interrupted; French lines saying what was done (never raises).

    ``sweep``: also remove the ``.aptui-write-*`` files an older aptui left in
    the school folders (a walk of the tree: done when the app opens a school).
    """
    root = Path(root)
    try:
        folder = journal_dir(root)
        if not folder.is_dir():  # no aptui ever wrote here, so none is writing now
            return _swept(root) if sweep else []
        pending = [p for p in folder.iterdir() if p.is_dir()]
        if not pending and not sweep:
            return []
        with locked(folder, fcntl.LOCK_EX | fcntl.LOCK_NB) as alone:
            if not alone:
                return []  # another aptui is writing: its transactions are alive
            lines = [line for txn in sorted(pending) if (line := _recover_one(root, txn))]
            return lines + (_swept(root) if sweep else [])
    except OSError as exc:
        return [f"aptui : reprise d'une modification interrompue impossible ({exc.strerror or exc}) : "
                "elle sera retentée au prochain lancement"]


def _recover_one(root: Path, txn: Path) -> str | None:
    try:
        plan = json.loads((txn / PLAN).read_bytes())
    except (OSError, ValueError):
        shutil.rmtree(txn, ignore_errors=True)  # stopped before its plan: nothing was staged
        return None
    staged = [Path(item["new"]) for item in plan if item["new"]]
    if not (txn / COMMITTED).exists():
        _remove_temps(txn, staged)
        shutil.rmtree(txn, ignore_errors=True)
        return None
    paths = ", ".join(item["path"] for item in plan)
    states = [_state(root, item) for item in plan]
    if "foreign" in states:
        for item, state in zip(plan, states):
            if state == "after":
                old = Path(item["old"]).read_bytes() if item["old"] else None
                restore(txn, absolute(root, item["path"]), old, int(item["mode"]))
        _remove_temps(txn, staged)
        shutil.rmtree(txn, ignore_errors=True)
        return (f"aptui : une modification interrompue a été annulée (un de ses fichiers a changé depuis) : "
                f"{paths}")
    for item, state in zip(plan, states):
        if state == "before":
            target = absolute(root, item["path"])
            refuse_link(target)
            if item["new"] is None:
                target.unlink(missing_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(item["new"], target)
            fsync_dir(target.parent)
    _remove_temps(txn, staged)
    shutil.rmtree(txn, ignore_errors=True)
    return f"aptui : une modification interrompue a été terminée : {paths}"


def _state(root: Path, item: dict[str, Any]) -> str:
    """Whether a file of a committed transaction holds its old bytes, its new bytes, or something else."""
    try:
        raw: bytes | None = absolute(root, item["path"]).read_bytes()
    except FileNotFoundError:
        raw = None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR):
            return "foreign"
        raise
    now = digest(raw)
    if now == item["after"]:
        return "after"
    if now == item["before"] and (item["new"] is None or Path(item["new"]).exists()):
        return "before"
    return "foreign"


def _remove_temps(txn: Path, staged: Sequence[Path]) -> None:
    for path in staged:
        if path.parent != txn:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _swept(root: Path) -> list[str]:
    stray = sweep_stray_temps(root)
    return ["aptui : fichiers temporaires d'une écriture interrompue supprimés : " + ", ".join(stray)] if stray else []


def sweep_stray_temps(root: Path) -> list[str]:
    """Remove ``.aptui-write-*`` files an older aptui left in the school folders after a crash."""
    removed = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in files:
            if name.startswith(TEMP_PREFIX):
                path = Path(folder) / name
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path.relative_to(root).as_posix())
    return removed
