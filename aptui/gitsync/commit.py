"""Commits in domain words.

``commit_edits`` commits exactly the files some edits touched, with the
edits' own French descriptions; ``commit_all`` commits every pending change
of the school (before a sync, so that nothing can be lost), with a message
made from the semantic diff.

An applied edit (``aptui.edit``) is read through a small protocol: its
French message is ``describe()`` (on the applied edit itself, or on its
``command``/``edit`` attribute), its files are ``paths`` (or
``touched_paths``/``files``), relative to the school root or absolute.

aptui's own commits skip the pre-commit hook (``--no-verify``): the hook
guards commits made by hand, while aptui checks each edit itself and shows
the problems live; an attendance must never stay uncommitted because
another part of the school has an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aptui.gitsync.runner import Git, GitError
from aptui.layout import classify

FIRST_COMMIT_MESSAGE = "Création de l'école dans aptui"


@dataclass(frozen=True, slots=True)
class CommitResult:
    """A commit aptui made."""

    commit: str
    message: str
    paths: tuple[str, ...]

    @property
    def subject(self) -> str:
        return self.message.splitlines()[0]


def describe_edit(applied: Any) -> str:
    """The French description of an applied edit."""
    for target in (applied, getattr(applied, "command", None), getattr(applied, "edit", None)):
        describe = getattr(target, "describe", None)
        if callable(describe):
            return str(describe())
    message = getattr(applied, "message", None)
    if isinstance(message, str) and message:
        return message
    raise TypeError(f"{type(applied).__name__} n'a pas de describe() : impossible d'écrire le message")


def edit_paths(applied: Any, root: Path) -> list[str]:
    """The files an applied edit touched, relative to the root, '/'-separated."""
    for name in ("paths", "touched_paths", "files"):
        value = getattr(applied, name, None)
        if value is not None:
            return [relative(root, p) for p in value]
    raise TypeError(f"{type(applied).__name__} ne dit pas quels fichiers il a modifiés (paths)")


def relative(root: Path, path: str | Path) -> str:
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.resolve().relative_to(root.resolve())
        except ValueError:
            raise GitError(f"« {path} » est hors du dossier de l'école « {root} »") from None
    return candidate.as_posix()


def edits_message(descriptions: Sequence[str], changes_summary: str | None = None) -> str:
    """One edit: its description. Several: a summary line, then one bullet per edit."""
    unique = list(dict.fromkeys(d.strip() for d in descriptions if d.strip()))
    if len(unique) == 1:
        return unique[0]
    head = changes_summary or f"{len(unique)} modifications faites dans aptui"
    return head + "\n\n" + "\n".join(f"- {d}" for d in unique)


class CommitRefused(GitError):
    """The commit would add errors to the school (the no-new-errors rule, guard.py): nothing committed."""

    def __init__(self, message: str, new_errors: Sequence[Any]) -> None:
        super().__init__(message)
        self.new_errors = list(new_errors)


def commit_edits(root: Path, applied_edits: Iterable[Any], message: str | None = None,
                 git: Git | None = None, guarded: bool = False, force: bool = False) -> CommitResult | None:
    """Commit the files touched by some edits; None when nothing actually changed.

    ``guarded``: the commit goes through the no-new-errors rule, like the app's and sync's; it raises
    CommitRefused (nothing committed) when it would add errors, unless ``force``.
    """
    root = Path(root)
    edits = list(applied_edits)
    paths = sorted({p for edit in edits for p in edit_paths(edit, root)})
    if not paths:
        return None
    if message is None:
        descriptions = [describe_edit(edit) for edit in edits]
        summary = _summary(root, paths, git) if len(set(descriptions)) > 1 else None
        message = edits_message(descriptions, summary)
    git = git or Git(root)
    if git.is_repo() and git.has_commits() and all(_has_changes(edit) for edit in edits):
        from aptui.gitsync.appcommit import commit_own
        from aptui.gitsync.pending import OutsideOverlap, PendingEdit

        # only the edits' own lines: an outside change to the same files is not swept in ...
        guard = _guard(git) if guarded else None
        try:
            done = commit_own(git, [PendingEdit.of(edit) for edit in edits], message, guard,
                              lambda: _worktree_diagnostics(root), force)
        except OutsideOverlap:
            pass  # ... unless the edit cannot stand without it (a file created outside): the whole files
        else:
            if done.refused:
                raise CommitRefused(done.refused, done.new_errors)
            return done.result
    if guarded and not force and git.is_repo() and git.has_commits():
        guard = _guard(git)
        check = guard.check(None, ["HEAD"], _worktree_diagnostics(root))
        guard.save()
        if check.blocked:
            from aptui.gitsync.appcommit import refusal

            raise CommitRefused(refusal(check.new_errors), check.new_errors)
    return commit_paths(root, paths, message, git)


def _guard(git: Git) -> Any:
    from aptui.gitsync.guard import Guard

    return Guard(git)


def _worktree_diagnostics(root: Path) -> list[Any]:
    from aptui.pipeline import NotASchool, load_school

    try:
        return list(load_school(root).diagnostics)
    except NotASchool:
        return []


def _has_changes(edit: Any) -> bool:
    """An applied edit that knows the bytes it found and left (``aptui.edit.apply.AppliedEdit``)."""
    changes = getattr(edit, "changes", None)
    return isinstance(changes, tuple) and all(hasattr(c, "before") and hasattr(c, "after") for c in changes) \
        and hasattr(edit, "description")


def _summary(root: Path, paths: Sequence[str], git: Git | None) -> str | None:
    from aptui.gitsync.semantic import semantic_diff, summary_line

    try:
        report = semantic_diff(root, None, paths, budget=False, git=git)
    except GitError:
        return None
    return summary_line(report.changes) if report.changes else None


def commit_paths(root: Path, paths: Sequence[str], message: str, git: Git | None = None) -> CommitResult | None:
    """Commit exactly these paths (additions, changes and deletions)."""
    git = git or Git(root)
    git.require_repo()
    git.require_author()
    _refuse_during_merge(git)
    git.run("add", "-A", "--", *paths)
    if not git.run("diff", "--cached", "--quiet", "--", *paths, check=False).returncode:
        return None
    if git.has_commits():
        git.run("commit", "--no-verify", "-q", "-m", message, "--only", "--", *paths)
    else:
        git.run("commit", "--no-verify", "-q", "-m", message)
    return CommitResult(git.out("rev-parse", "HEAD"), message, tuple(paths))


def pending_paths(git: Git) -> list[str]:
    """Changed tracked files and new school files (what a sync must commit first)."""
    output = git.run("status", "--porcelain=v1", "-z", "--untracked-files=all").stdout
    paths: list[str] = []
    entries = output.split(b"\0")
    index = 0
    while index < len(entries):
        entry = entries[index]
        index += 1
        if len(entry) < 4:
            continue
        status, path = entry[:2].decode(), entry[3:].decode("utf-8", errors="replace")
        if status[0] in "RC":
            index += 1  # the original name of a rename follows
        if status == "??" and classify(path) is None and path != ".gitattributes":
            continue  # an editor's backup or a stray file is not the school's
        paths.append(path)
    return paths


def commit_all(root: Path, message: str | None = None, git: Git | None = None) -> CommitResult | None:
    """Commit every pending change of the school; the message says what it is in domain words."""
    root = Path(root)
    git = git or Git(root)
    git.require_repo()
    paths = pending_paths(git)
    if not paths:
        return None
    if message is None:
        message = _pending_message(root, git, paths)
    return commit_paths(root, paths, message, git)


def _pending_message(root: Path, git: Git, paths: Sequence[str]) -> str:
    from aptui.gitsync.semantic import commit_message, semantic_diff

    if not git.has_commits():
        return FIRST_COMMIT_MESSAGE
    try:
        report = semantic_diff(root, None, budget=False, git=git)
    except GitError:
        return "Modifications de l'école"
    if not report.changes:
        if report.other_files:
            return "Modifications de fichiers : " + ", ".join(report.other_files[:5])
        return "Commentaires ou mise en forme : " + ", ".join(paths[:5])
    return commit_message(report.changes)


def _refuse_during_merge(git: Git) -> None:
    if git.rev("MERGE_HEAD") is not None:
        raise GitError("une fusion est en cours : terminez-la d'abord (« aptui sync --resolve »).")
