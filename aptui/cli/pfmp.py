"""`aptui pfmp DIVISION [DOSSIER] [--du D --au D [--motif M]] [--retirer --du D] [--year A]`.

Declares, removes or lists a division's PFMP weeks through the edit commands
(aptui/edit/commands_pfmp.py): a minimal diff of the division file, written
atomically, checked, and committed when the school is a git repository.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from aptui.cli.common import UsageError, school_root, usage_error
from aptui.rules.common import french_date


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "pfmp", help="déclarer, retirer ou lister les semaines de PFMP d'une division",
        description="Les semaines de PFMP d'une division : ses élèves sont en entreprise, la barrette a lieu "
                    "sans eux. Sans --du : la liste. Chaque modification est vérifiée et enregistrée dans git.",
    )
    parser.add_argument("division", metavar="DIVISION", help="identifiant de la division (ex. 1MELEC1)")
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    parser.add_argument("--du", dest="start", type=_day, metavar="AAAA-MM-JJ", help="premier jour de la PFMP")
    parser.add_argument("--au", dest="end", type=_day, metavar="AAAA-MM-JJ", help="dernier jour de la PFMP")
    parser.add_argument("--motif", default="", help="libellé facultatif (ex. « PFMP 2 »)")
    parser.add_argument("--retirer", action="store_true", help="retirer la PFMP qui commence le jour --du")
    parser.add_argument("--year", metavar="AAAA-AAAA", help="année scolaire (défaut : la plus récente)")
    parser.add_argument("--no-commit", action="store_true", help="écrire le fichier sans faire de commit git")
    parser.add_argument("--force-errors", action="store_true",
                        help="enregistrer même si la PFMP ajoute des erreurs à l'école (refusé sinon)")
    parser.set_defaults(run=run)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date « {text} » invalide : écrivez-la AAAA-MM-JJ (ex. 2026-01-12)") from None


def run(args: argparse.Namespace) -> int:
    from aptui.workspace import Workspace

    try:
        root = school_root(args.path)
    except UsageError as exc:
        return usage_error(str(exc))
    workspace = Workspace(root)
    school = workspace.result.school
    year_id = args.year or (max(school.years) if school.years else None)
    if year_id is None or year_id not in school.years:
        return usage_error(f"année « {year_id or '?'} » inconnue dans {root} : donnez --year AAAA-AAAA")
    division = school.years[year_id].divisions.get(args.division)
    if division is None:
        known = ", ".join(sorted(school.years[year_id].divisions)) or "aucune"
        return usage_error(f"division « {args.division} » inconnue en {year_id} (divisions : {known})")
    if args.start is None:
        if args.end is not None or args.retirer:
            return usage_error("donnez --du (le premier jour de la PFMP)")
        return _list(workspace, year_id, args.division)
    if not args.retirer and args.end is None:
        return usage_error("donnez --au (le dernier jour de la PFMP), ou --retirer pour la retirer")
    return _edit(workspace, root, year_id, args)


def _list(workspace: Any, year_id: str, division_id: str) -> int:
    calendar = workspace.analysis.division_calendar(year_id, division_id)
    spans = calendar.placements
    if not spans:
        print(f"{division_id} ({year_id}) : aucune PFMP déclarée.")
        return 0
    print(f"PFMP de {division_id} ({year_id}) : {calendar.placement_weeks()} semaine(s)")
    for span in spans:
        reason = f" — {span.reason}" if span.reason else ""
        print(f"  du {french_date(span.start)} au {french_date(span.end)}{reason}")
    return 0


def _edit(workspace: Any, root: Path, year_id: str, args: argparse.Namespace) -> int:
    from aptui.edit import AddWorkPlacement, EditRefused, FileChangedOnDisk, RemoveWorkPlacement

    command = (RemoveWorkPlacement(year_id, args.division, args.start) if args.retirer
               else AddWorkPlacement(year_id, args.division, args.start, args.end, args.motif))
    try:
        applied = workspace.apply(command)
    except EditRefused as exc:
        sys.stderr.write(f"aptui : refusé : {exc.message}\n")
        return 1
    except FileChangedOnDisk as exc:
        sys.stderr.write(f"aptui : {exc}\n")
        return 1
    print(applied.description)
    errors = [d for d in workspace.result.diagnostics if d.is_error]
    if errors:
        print(f"{len(errors)} erreur(s) dans l'école : lancez « aptui validate » pour les voir")
    if not args.no_commit:
        return _commit(root, applied, args.force_errors)
    return 0


def _commit(root: Path, applied: Any, force: bool = False) -> int:
    """The edit's commit, through the no-new-errors rule (refused: undone, exit 4, like set-up commands)."""
    from aptui.cli.setup_run import NEW_ERRORS_EXIT
    from aptui.edit.apply import undo_edit
    from aptui.gitsync.commit import CommitRefused, commit_edits
    from aptui.gitsync.runner import Git, GitError

    git = Git(root)
    if not git.is_repo():
        print("(pas de dépôt git : le fichier est écrit, sans commit)")
        return 0
    try:
        result = commit_edits(root, [applied], git=git, guarded=True, force=force)
    except CommitRefused as exc:
        undo_edit(root, applied)
        shown = "\n".join(f"  {d.loc.path}:{d.loc.line}:{d.loc.column}: erreur {d.code}: {d.message}"
                          for d in exc.new_errors[:20])
        sys.stderr.write(f"aptui : refusé : la modification ajouterait {len(exc.new_errors)} erreur(s) à l'école ; "
                         f"elle est annulée :\n{shown}\nCorrigez d'abord, ou enregistrez avec --force-errors.\n")
        return NEW_ERRORS_EXIT
    except GitError as exc:
        sys.stderr.write(f"aptui : fichier écrit, mais pas de commit : {exc.message}\n")
        return 0
    if result is not None:
        print(f"commit {result.commit[:8]} : {result.subject}")
    return 0
