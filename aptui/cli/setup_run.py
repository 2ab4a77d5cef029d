"""Running set-up edits from the command line: plan, write, one commit, French messages.

Shared by ``aptui import``, ``aptui new-year`` and the set-up commands
(``aptui eleve``, ``equipe``, ``division``, ``barrette``, ``periode``).
Every run is all or nothing: when one of its edits is refused, the edits
already written by the same run are undone, and nothing is committed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aptui.cli.common import UsageError, school_root

if TYPE_CHECKING:
    from aptui.edit.apply import AppliedEdit
    from aptui.edit.base import Command


def add_school_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-C", "--ecole", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")


def refused(message: str) -> int:
    sys.stderr.write(f"aptui : refusé : {message}\n")
    return 1


def run_edits(root_arg: str, commands: Sequence[Command], message: str | None = None, quiet: bool = False) -> int:
    """Apply the commands in order, print what each did, commit them together. Exit status."""
    from aptui.edit.apply import apply_command, undo_edit
    from aptui.edit.base import EditRefused
    from aptui.edit.files import FileChangedOnDisk

    try:
        root = school_root(root_arg)
    except UsageError as exc:
        sys.stderr.write(f"aptui : erreur d'utilisation : {exc}\n")
        return 2
    applied: list[AppliedEdit] = []
    try:
        for command in commands:
            applied.append(apply_command(root, command))
    except (EditRefused, FileChangedOnDisk) as exc:
        for edit in reversed(applied):
            undo_edit(root, edit)
        return refused(exc.message if isinstance(exc, EditRefused) else str(exc))
    done = [edit for edit in applied if edit.changes]
    if not done:
        print("Rien à changer : l'école est déjà ainsi.")
        return 0
    if not quiet:
        for edit in done:
            print(edit.description)
    return commit(root, done, message)


def commit(root: Path, edits: Sequence[AppliedEdit], message: str | None = None) -> int:
    """One commit of the edits; without git or an author the files stay written and we say so."""
    from aptui.gitsync.commit import commit_edits
    from aptui.gitsync.runner import AuthorMissing, Git, GitError

    git = Git(root)
    if not git.is_repo():
        print(f"(pas de dépôt git dans {root} : fichiers écrits, sans commit)")
        return 0
    try:
        result = commit_edits(root, edits, message=message, git=git)
    except AuthorMissing as exc:
        sys.stderr.write(f"aptui : fichiers écrits mais non enregistrés dans git : {exc.message}\n")
        return 1
    except GitError as exc:
        sys.stderr.write(f"aptui : fichiers écrits mais le commit a échoué : {exc.message}\n")
        return 1
    if result is not None:
        print(f"Enregistré : commit {result.commit[:7]}")
    return 0


def confirm(question: str, assume_yes: bool) -> bool:
    """Yes with --yes; otherwise ask on a terminal; never yes when nobody can answer."""
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        return False
    answer = input(f"{question} [o/N] ").strip().lower()
    return answer in ("o", "oui", "y", "yes")
