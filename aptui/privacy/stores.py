"""What aptui keeps about a school beside its files, purged of a forgotten student.

Besides the parse cache and the saved state (one private folder per school,
``load/cache.py``), aptui keeps in the repository's ``.git``:

* ``aptui-pending.json``: the app's edits waiting for their commit (bytes as git blobs);
* ``aptui/journal/``: an edit being written (a crash may leave one: completed or undone by
  ``edit/journal.recover``);
* ``aptui-conflicts/`` and ``aptui-decisions.json``: the conflicts of a merge and the choices made;
* ``aptui-staged/`` and ``aptui-guard/tree/``: the copies the hook and the guard check;
* ``refs/notes/textconv/*``: git's cache of aptui's readable diffs (``diff.aptui.cachetextconv``).

``purge_stores`` rewrites the pending edits with the student's id and names replaced by the
pseudonym (edits of the student's own file dropped), removes what an old merge left, and says,
in French, what it did and what it could not do.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from aptui import layout
from aptui.gitsync import conflicts as cf
from aptui.gitsync.decisions import DECISIONS_FILE
from aptui.gitsync.pending import PENDING_FILE, PendingChange, PendingEdit, load_raw_pending, save_pending
from aptui.gitsync.runner import Git
from aptui.privacy.forget import Person, id_pattern
from aptui.render.names import NameMask


@dataclass
class StoresPurged:
    """What was purged (paths, refs) and what could not be (French lines)."""

    purged: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


def replacer(person: Person) -> NameMask:
    return NameMask([(person.pseudonym, person.first_name, person.last_name)])


def scrub_text(person: Person, text: str) -> str:
    """The id, the full names and the INE replaced by the pseudonym."""
    text = replacer(person).names(id_pattern(person.ident).sub(person.pseudonym, text))
    return text.replace(person.ine, person.pseudonym) if person.ine else text


def _scrub_bytes(person: Person, data: bytes | None) -> bytes | None:
    if data is None:
        return None
    text = data.decode("utf-8", errors="surrogateescape")
    return scrub_text(person, text).encode("utf-8", errors="surrogateescape")


def purge_pending(git: Git, person: Person) -> bool:
    """The pending edits with the student replaced by the pseudonym; True when the list changed."""
    path = git.git_path(PENDING_FILE)
    if not path.is_file():
        return False
    own = layout.student_path(person.ident)
    kept: list[PendingEdit] = []
    for edit in load_raw_pending(git):
        changes = tuple(PendingChange(scrub_text(person, c.path), _scrub_bytes(person, c.before),
                                      _scrub_bytes(person, c.after)) for c in edit.changes if c.path != own)
        if changes:
            kept.append(PendingEdit(scrub_text(person, edit.description), changes))
    path.unlink(missing_ok=True)
    save_pending(git, kept)
    return True


def purge_notes(git: Git) -> list[str]:
    """Every ``refs/notes/textconv/*`` (git's cache of converted texts) deleted."""
    refs = git.run("for-each-ref", "--format=%(refname)", "refs/notes/textconv/", check=False).text.split()
    for ref in refs:
        git.run("update-ref", "-d", ref, check=False)
    return refs


def purge_stores(root: Path, person: Person) -> StoresPurged:
    """Purge ``.git``'s aptui stores of ``person`` (nothing to do outside a repository)."""
    from aptui.edit.journal import journal_dir
    from aptui.edit.journal_recover import recover

    git = Git(root)
    done = StoresPurged()
    if not git.is_repo():
        return done
    if purge_pending(git, person):
        done.purged.append(str(git.git_path(PENDING_FILE)))
    if git.rev("MERGE_HEAD") is None and not cf.rebase_in_progress(git):
        if cf.list_records(git) or cf.conflicts_dir(git).exists():
            cf.clear_records(git)
            _remove_tree(cf.conflicts_dir(git))
            done.purged.append(str(cf.conflicts_dir(git)))
        decisions = git.git_path(DECISIONS_FILE)
        if decisions.exists():
            decisions.unlink()
            done.purged.append(str(decisions))
    recover(root)
    journal = journal_dir(root)
    waiting = [p for p in journal.iterdir() if p.is_dir()] if journal.is_dir() else []
    if waiting:
        done.left.append(f"{journal} : {len(waiting)} modification(s) en cours d'écriture par une autre session "
                         "d'aptui (fermez-la, puis relancez aptui forget).")
    done.purged += purge_notes(git)
    return done


def _remove_tree(folder: Path) -> None:
    import shutil

    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder, ignore_errors=True)


def unreachable_objects(root: Path) -> int:
    """How many objects no ref reaches any more (old pending bytes, old textconv notes…)."""
    proc = subprocess.run(["git", "fsck", "--unreachable", "--no-reflogs", "--no-progress"], cwd=root,
                          capture_output=True, text=True, check=False)
    return sum(1 for line in proc.stdout.splitlines() if line.startswith("unreachable "))


def prune_everything(root: Path) -> None:
    """Reflogs expired and every unreachable object pruned now (after a history rewrite)."""
    for args in (["reflog", "expire", "--expire=now", "--expire-unreachable=now", "--all"],
                 ["gc", "-q", "--prune=now"]):
        subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
