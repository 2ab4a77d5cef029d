"""The pre-commit hook's check: the staged school may not add errors to its parent(s).

The hook checks exactly what git is about to commit: the index git hands
to the hook (``GIT_INDEX_FILE``: a temporary one for ``git commit -a`` or
``git commit FILE``), written as a tree.  Its parents are HEAD, and
MERGE_HEAD when a merge is being concluded.  Errors already in a parent are
listed, never blocking; a commit that adds one is refused with the new
errors named.  Conflict markers left in a file are an error (APT003): a
merge committed unresolved is refused.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from aptui.gitsync.guard import Guard
from aptui.gitsync.runner import Git

SHOWN = 30
COMMIT_REFUSED = "aptui : commit refusé, il ajoute {} erreur(s) à l'école :"
COMMIT_THEN = "Corrigez-les (aptui validate), ou forcez avec « git commit --no-verify »."
MERGE_REFUSED = "aptui : fusion refusée, elle ajoute {} erreur(s) à l'école :"
MERGE_THEN = ("La fusion attend, rien n'est perdu : corrigez les erreurs (aptui validate) puis « git commit », "
                 "ou annulez-la : « git merge --abort », ou gardez-la telle quelle : « git commit --no-verify ».")


def hook_index() -> dict[str, str]:
    """The index git gave the hook (absolute), to read what is really staged."""
    index = os.environ.get("GIT_INDEX_FILE")
    return {"GIT_INDEX_FILE": os.path.abspath(index)} if index else {}


def staged_tree(git: Git) -> str:
    return git.run("write-tree", env=hook_index()).text.strip()


def parents(git: Git) -> list[str]:
    """HEAD, and the commits being merged: MERGE_HEAD when a merge is concluded by « git commit »; from the
    pre-merge-commit hook (git has not written MERGE_HEAD yet), what « git pull » fetched to merge or the
    revisions « git merge » was given (GIT_REFLOG_ACTION says which command runs)."""
    heads = [rev for rev in ("HEAD", "MERGE_HEAD") if git.rev(rev)]
    if "MERGE_HEAD" not in heads:
        heads += [sha for sha in _merging(git) if sha not in heads]
    return heads


def _merging(git: Git) -> list[str]:
    action = os.environ.get("GIT_REFLOG_ACTION", "").split()
    if action[:1] == ["pull"]:
        fetched = git.git_path("FETCH_HEAD")
        lines = fetched.read_text(encoding="utf-8", errors="replace").splitlines() if fetched.is_file() else []
        return [line.split("\t", 1)[0] for line in lines if line and "\tnot-for-merge\t" not in line]
    if action[:1] == ["merge"]:
        revs = (git.rev(word) for word in action[1:] if not word.startswith("-"))
        return [rev for rev in revs if rev]
    return []


def check_staged(git: Git) -> tuple[bool, str]:
    """(commit allowed, French report) for what is staged."""
    from aptui.render.diagnostics import format_text

    guard = Guard(git)
    tree = staged_tree(git)
    heads = parents(git)
    report = guard.check(tree, heads)
    if not report.new_errors and not report.kept_errors and not report.new_warnings:
        return True, ""
    root = Path(git.root)
    lines: list[str] = []
    merging = len(heads) > 1
    if report.new_errors:
        refused, then = (MERGE_REFUSED, MERGE_THEN) if merging else (COMMIT_REFUSED, COMMIT_THEN)
        lines.append(refused.format(len(report.new_errors)))
        lines.append(format_text(report.new_errors[:SHOWN], root, excerpts=False))
        lines += _more(report.new_errors)
        lines.append(then)
    if report.kept_errors:
        lines.append(f"aptui : {len(report.kept_errors)} erreur(s) déjà présentes avant ce commit ne le bloquent "
                     "pas (à corriger quand vous pourrez : aptui validate).")
    if report.new_warnings and len(heads) > 1:
        lines.append(f"aptui : la fusion ajoute {len(report.new_warnings)} avertissement(s) :")
        lines.append(format_text(report.new_warnings[:SHOWN], root, excerpts=False))
    return not report.blocked, "\n".join(line for line in lines if line)


def _more(diags: Sequence[object]) -> list[str]:
    return [f"… et {len(diags) - SHOWN} autre(s)."] if len(diags) > SHOWN else []
