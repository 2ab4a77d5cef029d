"""Before concluding a merge or rebase left open: was it really done?

A merge step can fail after git wrote MERGE_HEAD but before it wrote the
index (a stale ``index.lock``, a full disk).  Committing that "merge" would
keep only the local side: the colleague's changes would vanish from the
school while the history says they were merged.  So before concluding,
aptui checks the merge's own result: every file that only the other side
changed must hold the other side's version, in the index and on disk.  If
not, the operation is aborted (nothing local is lost: the local commits and
pending edits are untouched) and done again from the start.
"""

from __future__ import annotations

from aptui.gitsync import conflicts as cf
from aptui.gitsync.runner import Git, GitError


def changed(git: Git, old: str, new: str) -> set[str]:
    output = git.run("diff", "--name-only", "-z", "--no-renames", old, new).stdout
    return {p.decode("utf-8", errors="replace") for p in output.split(b"\0") if p}


def _names(output: bytes) -> set[str]:
    return {p.decode("utf-8", errors="replace") for p in output.split(b"\0") if p}


def missing_changes(git: Git, base: str, ours: str, theirs: str) -> list[str]:
    """Paths only ``theirs`` changed whose version is not theirs in the index, or still ours on disk
    (an edit made on disk since the merge is not a missing change: it is kept)."""
    only_theirs = sorted(changed(git, base, theirs) - changed(git, base, ours))
    if not only_theirs:
        return []
    unmerged = set(cf.unmerged_paths(git))
    staged = _names(git.run("diff", "--cached", "--name-only", "-z", "--no-renames", theirs, "--",
                            *only_theirs).stdout)
    not_theirs = _names(git.run("diff", "--name-only", "-z", "--no-renames", theirs, "--", *only_theirs).stdout)
    not_ours = _names(git.run("diff", "--name-only", "-z", "--no-renames", ours, "--", *only_theirs).stdout)
    return sorted((staged | (not_theirs - not_ours)) - unmerged)


def open_operation(git: Git) -> tuple[str, str, str, str] | None:
    """("merge"|"rebase", base, ours, theirs) of the operation in progress, None without one."""
    theirs = git.rev("MERGE_HEAD")
    ours = git.rev("HEAD")
    if theirs and ours:
        base = git.run("merge-base", ours, theirs, check=False).text.strip()
        return ("merge", base, ours, theirs) if base else None
    if cf.rebase_in_progress(git):
        step = git.rev("REBASE_HEAD")
        parent = git.rev(f"{step}^") if step else None
        if step and parent and ours:
            return "rebase", parent, ours, step
        return ("rebase", "", ours or "", "") if ours else None
    return None


def incomplete(git: Git) -> list[str] | None:
    """The paths whose incoming changes are missing from the open operation (None: nothing open)."""
    operation = open_operation(git)
    if operation is None:
        return None
    kind, base, ours, theirs = operation
    if not base or not theirs:
        # a rebase stopped before its step was known cannot be checked: redoing it is the safe way
        return ["(étape du rebase inconnue)"] if kind == "rebase" and not cf.list_records(git) else []
    return missing_changes(git, base, ours, theirs)


def abort(git: Git) -> str:
    """Abort the merge or rebase in progress; the French line to report."""
    rebasing = cf.rebase_in_progress(git)
    result = git.run("rebase" if rebasing else "merge", "--abort", check=False)
    if not result.ok:
        from aptui.gitsync.runner import failure

        raise failure(result, git.root)
    cf.clear_records(git)
    from aptui.gitsync.decisions import take_decisions

    take_decisions(git)
    if git.rev("MERGE_HEAD") is not None or cf.rebase_in_progress(git):
        raise GitError("la fusion interrompue n'a pas pu être annulée : lancez « git merge --abort » "
                       "(ou « git rebase --abort »), puis relancez aptui sync.")
    return ("La fusion précédente avait été interrompue avant d'être faite (les modifications reçues n'y "
            "étaient pas) : elle est annulée et refaite depuis le début ; rien n'est perdu.")
