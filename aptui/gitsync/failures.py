"""The real cause of a local git failure, in French: a full disk, a permission, a lock.

``.git/index.lock`` has two very different meanings: another git process is
working in the repository right now (wait; deleting the lock would corrupt
the index), or a git process died and left it behind (delete it).  aptui
tells them apart by looking for a live git process working in this
repository (``/proc``), and never tells the user to delete the lock while
one runs.
"""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

NO_SPACE_HINTS = ("no space left on device", "disk quota exceeded", "enospc")
PERMISSION_HINTS = ("permission denied", "insufficient permission", "read-only file system", "operation not permitted")
LOCK_HINTS = ("index.lock", ".lock': file exists", "unable to create", "unable to write index")


def live_git_processes(root: Path) -> list[tuple[int, str]]:
    """(pid, command line) of the git processes working in this repository (Linux; else empty)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    try:
        top = root.resolve()
    except OSError:
        return []
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            if not argv or not os.path.basename(argv[0].decode(errors="replace")).startswith("git"):
                continue
            cwd = Path(os.readlink(entry / "cwd"))
        except OSError:
            continue
        if cwd == top or top in cwd.parents:
            found.append((int(entry.name), " ".join(a.decode(errors="replace") for a in argv if a)))
    return found


def lock_message(root: Path, lock: Path) -> str:
    """Why the index is locked and what to do, in French."""
    holders = live_git_processes(root)
    if holders:
        pid, command = holders[0]
        return (f"un autre programme git travaille en ce moment dans ce dépôt (processus {pid} : {command[:80]}) : "
                "attendez qu'il finisse, puis relancez. Ne supprimez pas .git/index.lock tant qu'il tourne.")
    try:
        since = datetime.fromtimestamp(lock.stat().st_mtime).strftime("%d/%m/%Y %H:%M")
    except OSError:
        since = "un moment"
    return (f"le verrou {lock} a été laissé par un programme git interrompu (créé le {since} ; aucun git ne "
            f"travaille dans ce dépôt) : supprimez-le (rm {lock}), puis relancez. Rien n'est perdu.")


def wait_for_lock(root: Path, lock: Path, seconds: float = 3.0) -> bool:
    """Wait a little for a live git process to release the lock; True once it is gone."""
    deadline = time.monotonic() + seconds
    while lock.exists():
        if not live_git_processes(root) or time.monotonic() > deadline:
            return not lock.exists()
        time.sleep(0.1)
    return True


def local_cause(stderr: str, root: Path, git_dir: Path | None = None) -> str | None:
    """A French explanation for a full disk, a permission or a lock; None for anything else."""
    lowered = stderr.lower()
    if any(hint in lowered for hint in NO_SPACE_HINTS):
        return ("le disque est plein (plus de place pour écrire dans le dépôt) : libérez de la place, puis "
                "relancez. Rien n'est perdu.")
    if any(hint in lowered for hint in PERMISSION_HINTS) and "publickey" not in lowered:
        return (f"git n'a pas le droit d'écrire dans « {root} » (permissions, ou dossier en lecture seule) : "
                "vérifiez les droits du dossier (ls -l), puis relancez. Rien n'est perdu.")
    if any(hint in lowered for hint in LOCK_HINTS):
        lock = (git_dir or root / ".git") / "index.lock"
        if lock.exists():
            return lock_message(root, lock)
        return ("un autre programme git travaillait dans ce dépôt (.git/index.lock) : il a fini depuis ; "
                "relancez.")
    return None
