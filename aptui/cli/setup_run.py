"""Running set-up edits from the command line: plan, write, one commit, French messages.

Shared by ``aptui import``, ``aptui new-year`` and the set-up commands
(``aptui eleve``, ``equipe``, ``division``, ``barrette``, ``periode``).
Every run is all or nothing: when one of its edits is refused, the edits
already written by the same run are undone, and nothing is committed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from aptui.cli.common import UsageError, school_root

if TYPE_CHECKING:
    from aptui.edit.apply import AppliedEdit
    from aptui.edit.base import Command


def add_school_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-C", "--ecole", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    add_force_option(parser)


def add_force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force-errors", action="store_true",
                        help="enregistrer même si la modification ajoute des erreurs à l'école (refusé sinon)")


NEW_ERRORS_EXIT = 4
"""Nothing written: the edit would add errors to the school (as aptui sync's code 4)."""


def refused(message: str) -> int:
    sys.stderr.write(f"aptui : refusé : {message}\n")
    return 1


def run_edits(root_arg: str, commands: Sequence[Command], message: str | None = None, quiet: bool = False,
              force: bool = False) -> int:
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
    return commit(root, done, message, force)


def commit(root: Path, edits: Sequence[AppliedEdit], message: str | None = None, force: bool = False) -> int:
    """One commit of the edits; without git or an author the files stay written and we say so.

    The commit goes through the no-new-errors rule (gitsync/guard.py), like the app's and sync's: when
    it would add errors to the school, the edits are undone, the new errors shown, and nothing is
    committed (exit 4), unless ``force`` (``--force-errors``).
    """
    from aptui.edit.apply import undo_edit
    from aptui.gitsync.commit import CommitRefused, commit_edits
    from aptui.gitsync.runner import AuthorMissing, Git, GitError

    git = Git(root)
    if not git.is_repo():
        print(f"(pas de dépôt git dans {root} : fichiers écrits, sans commit)")
        return 0
    try:
        result = commit_edits(root, edits, message=message, git=git, guarded=True, force=force)
    except CommitRefused as exc:
        for edit in reversed(list(edits)):
            undo_edit(root, edit)
        shown = "\n".join(f"  {d.loc.path}:{d.loc.line}:{d.loc.column}: erreur {d.code}: {d.message}"
                          for d in exc.new_errors[:20])
        sys.stderr.write(f"aptui : refusé : la modification ajouterait {len(exc.new_errors)} erreur(s) à "
                         f"l'école ; rien n'est écrit ni enregistré :\n{shown}\n"
                         "Corrigez d'abord (aptui validate), ou enregistrez quand même avec --force-errors.\n")
        return NEW_ERRORS_EXIT
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


def add_year_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", metavar="AAAA-AAAA", help="année scolaire (défaut : la dernière de l'école)")


def year_of(args: argparse.Namespace) -> str:
    """The --year given, or the school's latest year (UsageError when the school has none)."""
    if getattr(args, "year", None):
        return str(args.year)
    root = Path(args.ecole)
    years = sorted(p.name for p in (root / "years").glob("????-????") if (p / "year.yaml").is_file())
    if not years:
        raise UsageError(f"aucune année dans {root}/years : créez-en une (« aptui new-year »)")
    return years[-1]


def day_arg(text: str) -> date:
    """An argparse type: AAAA-MM-JJ or JJ/MM/AAAA."""
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date « {text} » invalide : écrivez AAAA-MM-JJ (ex. 2025-09-15)") from None


def yes_no(text: str) -> bool:
    if text.lower() in ("oui", "o", "true", "1", "yes"):
        return True
    if text.lower() in ("non", "n", "false", "0", "no"):
        return False
    raise argparse.ArgumentTypeError(f"« {text} » : répondez oui ou non")


def run_built(args: argparse.Namespace, build: Callable[[argparse.Namespace], Sequence[Command]]) -> int:
    """Build the commands from the arguments (usage errors exit 2), then run them as one commit."""
    try:
        commands = build(args)
    except UsageError as exc:
        sys.stderr.write(f"aptui : erreur d'utilisation : {exc}\n")
        return 2
    if getattr(args, "ask_first", False) and not _confirmed(args, commands):
        print("Rien n'a été écrit.")
        return 1
    return run_edits(args.ecole, commands, force=bool(getattr(args, "force_errors", False)))


def _confirmed(args: argparse.Namespace, commands: Sequence[Command]) -> bool:
    """Show what the edits would change, then ask (``--yes`` answers for scripts)."""
    from aptui.edit.base import EditRefused

    try:
        root = school_root(args.ecole)
        for command in commands:
            command.plan(root)
            print(f"À faire : {command.describe()}")
    except (UsageError, EditRefused):
        return True  # run_edits reports the problem itself
    return confirm("Confirmer ?", bool(getattr(args, "yes", False)))
