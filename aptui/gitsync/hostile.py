"""What git's helpers (merge driver, textconv, merges of unmerged paths) may read by meaning.

A merge or a diff runs on blobs anyone who can open a merge request wrote.  The round-trip
reader (ruamel.yaml) is only ever given a text the bounded reader accepted (load/admit.py:
within the size limit, parsed by ``load/yamlread.py`` within its limits).  Anything else is
merged line by line by git itself (``git merge-file``, in C) or shown as plain text, with a
French message saying why.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from aptui.load.admit import refusal
from aptui.load.guard import Refused, check_path
from aptui.load.limits import Limits, current_limits

__all__ = ["fallback_message", "file_refusal", "line_merge", "refusal", "refusal_of"]

def refusal_of(base: str, ours: str, theirs: str, limits: Limits | None = None) -> str | None:
    """The first refusal among the three versions of a merge (« version distante : ... »)."""
    for name, text in (("ancêtre commun", base), ("version locale", ours), ("version distante", theirs)):
        found = refusal(text, limits)
        if found is not None:
            return f"{name} : {found}"
    return None


def file_refusal(path: str | os.PathLike[str], limits: Limits | None = None) -> str | None:
    """Why a file git handed us (a temporary copy of a blob) is not read at all, or None."""
    limits = limits or current_limits()
    full = Path(path)
    try:
        check_path(full.parent, full.name, limits)
    except Refused as refused:
        return refused.message.split(" : ")[0]
    except OSError as exc:
        return f"illisible ({exc.__class__.__name__})"
    return None


def line_merge(base: str, ours: str, theirs: str, labels: tuple[str, str, str], size: int = 7) -> tuple[str, bool]:
    """git's own line merge of three texts: (merged text with markers, clean)."""
    with tempfile.TemporaryDirectory(prefix="aptui-merge-") as folder:
        names = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            names.append(str(path))
        done = subprocess.run(
            ["git", "merge-file", "-p", f"--marker-size={size}", "-L", labels[0], "-L", labels[1], "-L", labels[2],
             *names], capture_output=True, check=False)
    return done.stdout.decode("utf-8", errors="replace"), done.returncode == 0


def fallback_message(path: str, reason: str) -> str:
    """The French line a merge that fell back to git's line merge prints."""
    return (f"aptui : {path} : fusion ligne à ligne par git, sans lecture par le sens ({reason}) ; "
            "vérifiez ce fichier, puis lancez aptui validate")
