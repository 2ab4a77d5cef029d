"""Edits made in aptui and not committed yet: one list, kept across restarts, committed exactly.

The app's pending edits (batch mode, or an edit whose commit was refused)
are kept in ``.git/aptui-pending.json`` with the bytes before and after each
file change stored as git blobs (never as copies in the working tree), so
that what the Git screen lists after a restart is what ``C`` commits, and
``aptui sync`` commits them with their own French descriptions.

An edit's commit holds only the lines the edit changed: the commit's tree is
HEAD with each file's own change applied (a three-way line merge when the
file also has changes made outside aptui; refused, with an explanation,
when both touch the same lines), built in a temporary index; the user's own
index keeps what they staged.  An outside change is never swept into an
edit's commit.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aptui.gitsync.runner import Git, GitError

PENDING_FILE = "aptui-pending.json"


@dataclass(frozen=True, slots=True)
class PendingChange:
    """One file as an edit found it and left it (None: absent)."""

    path: str
    before: bytes | None
    after: bytes | None


@dataclass(frozen=True, slots=True)
class PendingEdit:
    """An edit waiting for its commit: its French description and its own file changes."""

    description: str
    changes: tuple[PendingChange, ...]

    @property
    def paths(self) -> list[str]:
        return [c.path for c in self.changes]

    def describe(self) -> str:
        return self.description

    @classmethod
    def of(cls, applied: Any) -> PendingEdit:
        """From an applied edit (``aptui.edit.apply.AppliedEdit``) or a PendingEdit."""
        if isinstance(applied, PendingEdit):
            return applied
        return cls(str(applied.description),
                   tuple(PendingChange(c.path, c.before, c.after) for c in applied.changes))


class OutsideOverlap(GitError):
    """A file changed by an edit was also changed outside aptui, on the same lines."""


# --- kept across restarts --------------------------------------------------------------------------
def _store(git: Git, data: bytes | None) -> str | None:
    if data is None:
        return None
    return git.run("hash-object", "-w", "--stdin", input=data).text.strip()


def _fetch(git: Git, blob: str | None) -> bytes | None:
    if blob is None:
        return None
    result = git.run("cat-file", "blob", blob, check=False)
    if not result.ok:
        raise ValueError(blob)
    return result.stdout


def save_pending(git: Git, edits: Sequence[PendingEdit]) -> None:
    """Keep the pending edits (an empty list removes the file)."""
    path = git.git_path(PENDING_FILE)
    if not edits:
        path.unlink(missing_ok=True)
        return
    data = [{"description": e.description,
             "changes": [{"path": c.path, "before": _store(git, c.before), "after": _store(git, c.after)}
                         for c in e.changes]} for e in edits]
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(path)


def load_pending(git: Git) -> list[PendingEdit]:
    """The pending edits kept, without those already committed (by a sync or by hand)."""
    return [e for e in load_raw_pending(git) if not _committed(git, e)]


def load_raw_pending(git: Git) -> list[PendingEdit]:
    """Every edit the pending list holds, committed since or not."""
    try:
        data = json.loads(git.git_path(PENDING_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    edits = []
    for entry in data if isinstance(data, list) else []:
        try:
            changes = tuple(PendingChange(str(c["path"]), _fetch(git, c.get("before")), _fetch(git, c.get("after")))
                            for c in entry["changes"])
            edits.append(PendingEdit(str(entry["description"]), changes))
        except (KeyError, TypeError, ValueError):
            continue
    return edits


def _committed(git: Git, edit: PendingEdit) -> bool:
    return all(head_bytes(git, c.path) == c.after for c in edit.changes)


def head_bytes(git: Git, path: str) -> bytes | None:
    result = git.run("cat-file", "blob", f"HEAD:{path}", check=False)
    return result.stdout if result.ok else None


# --- a commit of the edits' own changes ---------------------------------------------------------------
def apply_change(current: bytes | None, change: PendingChange) -> bytes | None:
    """``current`` with the change's own difference applied; OutsideOverlap when they collide."""
    if current == change.before:
        return change.after
    if current == change.after:
        return current  # already there
    if current is None or change.before is None or change.after is None:
        raise OutsideOverlap(_overlap_message(change.path))
    merged = _merge_file(current, change.before, change.after)
    if merged is None:
        raise OutsideOverlap(_overlap_message(change.path))
    return merged


def _overlap_message(path: str) -> str:
    return (f"{path} : ce fichier a aussi des modifications faites hors d'aptui, sur les mêmes lignes que la "
            "modification de l'application : enregistrez-les d'abord (touche C de l'écran Git, ou git commit), "
            "ou annulez-les ; la modification reste sur le disque et en attente.")


def _merge_file(current: bytes, base: bytes, other: bytes) -> bytes | None:
    with tempfile.TemporaryDirectory(prefix="aptui-own-") as folder:
        names = []
        for name, data in (("current", current), ("base", base), ("other", other)):
            target = Path(folder) / name
            target.write_bytes(data)
            names.append(str(target))
        result = subprocess.run(["git", "merge-file", "-p", "-q", *names], capture_output=True, check=False)
    return result.stdout if result.returncode == 0 else None


def own_contents(git: Git, edits: Iterable[PendingEdit]) -> dict[str, bytes | None]:
    """path -> what the commit must hold: HEAD's version with each edit's own change applied in order."""
    contents: dict[str, bytes | None] = {}
    for edit in edits:
        for change in edit.changes:
            current = contents[change.path] if change.path in contents else head_bytes(git, change.path)
            contents[change.path] = apply_change(current, change)
    return {p: c for p, c in contents.items() if c != head_bytes(git, p)}


def build_tree(git: Git, contents: dict[str, bytes | None]) -> str:
    """HEAD's tree with these files replaced (None: removed), built in a temporary index."""
    with tempfile.TemporaryDirectory(prefix="aptui-index-", dir=git.git_path(".")) as folder:
        env = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
        git.run("read-tree", "HEAD", env=env)
        for path, data in contents.items():
            if data is None:
                git.run("update-index", "--force-remove", "--", path, env=env)
            else:
                blob = _store(git, data)
                git.run("update-index", "--add", "--cacheinfo", f"{_mode(git, path)},{blob},{path}", env=env)
        return git.run("write-tree", env=env).text.strip()


def _mode(git: Git, path: str) -> str:
    listed = git.run("ls-tree", "HEAD", "--", path, check=False).text.split()
    return listed[0] if listed and listed[0] in ("100644", "100755") else "100644"


@dataclass(slots=True)
class OwnCommit:
    """A commit of the edits' own changes (or why there is none)."""

    commit: str | None = None
    tree: str | None = None
    paths: tuple[str, ...] = ()
    messages: list[str] = field(default_factory=list)


def commit_tree(git: Git, tree: str, message: str, paths: Sequence[str], before: dict[str, bytes | None]) -> str:
    """Record the tree as a commit on HEAD; the user's index follows for these paths only."""
    head = git.out("rev-parse", "HEAD")
    commit = git.run("commit-tree", tree, "-p", head, input=message.encode("utf-8")).text.strip()
    subject = message.splitlines()[0] if message else ""
    git.run("update-ref", "-m", f"commit (aptui): {subject}", "HEAD", commit, head)
    for path in paths:
        _follow_in_index(git, path, before.get(path), commit)
    return commit


def _follow_in_index(git: Git, path: str, old_head: bytes | None, commit: str) -> None:
    """Where the user's index held HEAD's old version of a path, it now holds the new one."""
    listed = git.run("ls-files", "-s", "--", path).text.split()
    staged = _fetch(git, listed[1]) if len(listed) >= 2 else None
    if staged != old_head:
        return  # the user staged something of their own: kept
    new = git.run("ls-tree", commit, "--", path).text.split()
    if len(new) >= 3:
        git.run("update-index", "--add", "--cacheinfo", f"{new[0]},{new[2]},{path}")
    else:
        git.run("update-index", "--force-remove", "--", path)
