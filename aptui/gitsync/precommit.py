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


def hook_index() -> dict[str, str]:
    """The index git gave the hook (absolute), to read what is really staged."""
    index = os.environ.get("GIT_INDEX_FILE")
    return {"GIT_INDEX_FILE": os.path.abspath(index)} if index else {}


def staged_tree(git: Git) -> str:
    return git.run("write-tree", env=hook_index()).text.strip()


def parents(git: Git) -> list[str]:
    return [rev for rev in ("HEAD", "MERGE_HEAD") if git.rev(rev)]


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
    if report.new_errors:
        lines.append(f"aptui : commit refusé, il ajoute {len(report.new_errors)} erreur(s) à l'école :")
        lines.append(format_text(report.new_errors[:SHOWN], root, excerpts=False))
        lines += _more(report.new_errors)
        lines.append("Corrigez-les (aptui validate), ou forcez avec « git commit --no-verify ».")
    if report.kept_errors:
        lines.append(f"aptui : {len(report.kept_errors)} erreur(s) déjà présentes avant ce commit ne le bloquent "
                     "pas (à corriger quand vous pourrez : aptui validate).")
    if report.new_warnings and len(heads) > 1:
        lines.append(f"aptui : la fusion ajoute {len(report.new_warnings)} avertissement(s) :")
        lines.append(format_text(report.new_warnings[:SHOWN], root, excerpts=False))
    return not report.blocked, "\n".join(line for line in lines if line)


def _more(diags: Sequence[object]) -> list[str]:
    return [f"… et {len(diags) - SHOWN} autre(s)."] if len(diags) > SHOWN else []
