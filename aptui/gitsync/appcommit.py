"""The commit of edits made in aptui: exactly their own changes, and never one that adds errors.

Used by the app (after each edit, or ``C`` in batch mode) and by ``aptui
sync`` (edits left pending by the app, even after a restart).  The commit's
tree is HEAD plus the edits' own changes (:mod:`aptui.gitsync.pending`); it
is checked against HEAD by the guard (:mod:`aptui.gitsync.guard`) with the
diagnostics the caller already has when the working tree is exactly that
tree (the app's usual case: nothing is loaded again).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from aptui.diagnostics import Diagnostic
from aptui.gitsync.commit import CommitResult, commit_paths, edits_message, pending_paths
from aptui.gitsync.guard import Guard
from aptui.gitsync.pending import (
    OutsideOverlap,
    PendingEdit,
    build_tree,
    commit_tree,
    head_bytes,
    load_pending,
    own_contents,
    save_pending,
)
from aptui.gitsync.runner import Git, GitError
from aptui.load.guard import Refused, read_school_bytes

SHOWN = 5


@dataclass(slots=True)
class AppCommit:
    """The outcome of committing the app's edits."""

    result: CommitResult | None = None
    refused: str = ""
    """Why there is no commit although there were changes (new errors), in French."""
    new_errors: list[Diagnostic] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def worktree_is(git: Git, contents: dict[str, bytes | None]) -> bool:
    """Whether the working tree's school files are exactly HEAD with these contents."""
    if set(pending_paths(git)) != set(contents):
        return False
    for path, data in contents.items():
        try:  # never a FIFO, a link outside the school nor a file over the limit (load/guard.py)
            on_disk: bytes | None = read_school_bytes(git.root, path)
        except FileNotFoundError:
            on_disk = None
        except (OSError, Refused):
            return False
        if on_disk != data:
            return False
    return True


def refusal(new_errors: Sequence[Diagnostic]) -> str:
    shown = " ; ".join(f"{d.loc.path}:{d.loc.line}: {d.message}" for d in new_errors[:SHOWN])
    more = f" (et {len(new_errors) - SHOWN} autre(s))" if len(new_errors) > SHOWN else ""
    return (f"pas de commit : la modification ajouterait {len(new_errors)} erreur(s) à l'école — {shown}{more}. "
            "Elle reste sur le disque et en attente ; corrigez, et elle sera enregistrée avec la correction.")


def commit_own(git: Git, edits: Sequence[PendingEdit], message: str, guard: Guard | None = None,
               diagnostics: Callable[[], list[Diagnostic]] | None = None, force: bool = False) -> AppCommit:
    """Commit the edits' own changes; refused (nothing committed) when the commit adds errors.

    Raises OutsideOverlap when a file's outside changes touch the same lines as an edit.
    """
    git.require_repo()
    git.require_author()
    if git.rev("MERGE_HEAD") is not None:
        raise GitError("une fusion est en cours : terminez-la d'abord (« aptui sync --resolve »).")
    paths = sorted({p for e in edits for p in e.paths})
    if not git.has_commits():
        return AppCommit(commit_paths(git.root, paths, message, git))
    before = {p: head_bytes(git, p) for p in paths}
    contents = own_contents(git, edits)
    if not contents:
        return AppCommit()
    tree = build_tree(git, contents)
    if guard is not None:
        known = diagnostics() if diagnostics is not None and worktree_is(git, contents) else None
        check = guard.check(tree, ["HEAD"], known)
        guard.save()
        if check.blocked and not force:
            return AppCommit(refused=refusal(check.new_errors), new_errors=check.new_errors)
    commit = commit_tree(git, tree, message, sorted(contents), before)
    return AppCommit(CommitResult(commit, message, tuple(sorted(contents))))


def commit_app_edits(git: Git, guard: Guard, force: bool = False) -> AppCommit:
    """Commit the edits the app left pending (``aptui sync``), with their own descriptions."""
    edits = load_pending(git)
    if not edits:
        save_pending(git, [])
        return AppCommit()
    message = edits_message([e.description for e in edits])
    try:
        done = commit_own(git, edits, message, guard, lambda: _worktree_diagnostics(git), force)
    except OutsideOverlap as exc:
        return AppCommit(messages=[exc.message])
    if done.refused:
        done.refused = "Modifications de l'application en attente : " + done.refused
        return done
    save_pending(git, [])
    if done.result is not None:
        done.messages.append(f"Modifications faites dans aptui enregistrées : {done.result.subject}")
    return done


def _worktree_diagnostics(git: Git) -> list[Diagnostic]:
    from aptui.pipeline import NotASchool, load_school

    try:
        return load_school(git.root).diagnostics
    except NotASchool:
        return []
