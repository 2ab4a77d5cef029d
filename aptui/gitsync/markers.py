"""Standard conflict markers around only what could not be merged (as mergiraf does).

A true conflict must be visible to every git tool (``git diff``, ``git
status``, lazygit, the forge): the merge driver writes the merged file with
``<<<<<<<`` / ``=======`` / ``>>>>>>>`` around the conflicting entries only.
The merge by meaning is run twice, once keeping ours and once taking theirs
for every conflicting entry: the two texts differ exactly there, so a line
diff of them gives the smallest regions to mark.  A file that is not YAML
falls back to git's own line merge (``git merge-file``).
"""

from __future__ import annotations

import subprocess
import tempfile
from difflib import SequenceMatcher
from pathlib import Path

from aptui.gitsync.merge3 import WHOLE_FILE, MergeResult, merge_texts

MARKER_SIZE = 7


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"  # a marker must start on its own line
    return lines


def mark_differences(ours: str, theirs: str, ours_label: str, theirs_label: str, size: int = MARKER_SIZE) -> str:
    """Ours, with each region where theirs differs shown as a standard conflict block."""
    a, b = _lines(ours), _lines(theirs)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out += a[i1:i2]
            continue
        out.append(f"{'<' * size} {ours_label}\n")
        out += a[i1:i2]
        out.append(f"{'=' * size}\n")
        out += b[j1:j2]
        out.append(f"{'>' * size} {theirs_label}\n")
    return "".join(out)


def merge_file(base: str, ours: str, theirs: str, labels: tuple[str, str, str], size: int = MARKER_SIZE) -> str:
    """git's line merge of three texts, with markers where both sides changed the same lines."""
    with tempfile.TemporaryDirectory(prefix="aptui-merge-") as folder:
        names = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8")
            names.append(str(path))
        result = subprocess.run(
            ["git", "merge-file", "-p", f"--marker-size={size}", "-L", labels[0], "-L", labels[1], "-L",
             labels[2], *names], capture_output=True, check=False)
    if result.returncode < 0 or result.returncode > 127:
        # git could not merge at all: show both whole sides rather than hide one
        return mark_differences(ours, theirs, labels[0], labels[2], size)
    return result.stdout.decode("utf-8", errors="replace")


def conflict_text(base: str, ours: str, theirs: str, path: str, result: MergeResult,
                  labels: tuple[str, str, str] = ("local", "ancêtre", "distant"), size: int = MARKER_SIZE) -> str:
    """The text to leave in the working tree for a merge that met conflicts."""
    if result.clean:
        return result.text or ""
    if any(c.key == WHOLE_FILE for c in result.conflicts):
        return merge_file(base, ours, theirs, labels, size)
    with_theirs = merge_texts(base, ours, theirs, path, {c.key: "theirs" for c in result.conflicts})
    if result.text is None or with_theirs.text is None:
        return merge_file(base, ours, theirs, labels, size)
    return mark_differences(result.text, with_theirs.text, labels[0], labels[2], size)
