"""`aptui forget ÉLÈVE [DOSSIER] [--rewrite-history] [--yes]`: the right to erasure (aptui/privacy/forget.py)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "forget",
        help="effacer les données personnelles d'un élève (droit à l'effacement), en un commit",
        description="Remplace l'identifiant de l'élève par un pseudonyme partout (les heures restent justes), "
                    "retire son nom, ses notes, ses entretiens, les motifs écrits à son sujet ; un commit ; "
                    "purge les caches d'aptui. --rewrite-history efface aussi l'historique git de ce clone "
                    "(git filter-repo).",
    )
    parser.add_argument("student", metavar="ÉLÈVE", help="identifiant de l'élève")
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    parser.add_argument("--rewrite-history", action="store_true",
                        help="réécrire aussi tout l'historique git de ce clone (git filter-repo requis)")
    parser.add_argument("--yes", action="store_true", help="ne pas demander de confirmation")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from aptui.cli.common import UsageError, recover_edits, school_root, usage_error
    from aptui.edit.files import WriteFailed
    from aptui.gitsync.runner import GitError
    from aptui.privacy.forget import ForgetError, forget_student, what_remains
    from aptui.privacy.rewrite import filter_repo_command, person_from_history, rewrite_history

    try:
        root = school_root(args.path)
    except UsageError as exc:
        return usage_error(str(exc))
    recover_edits(root)
    if args.rewrite_history and filter_repo_command() is None:
        from aptui.privacy.rewrite import INSTALL_HINT

        sys.stderr.write(f"aptui forget : {INSTALL_HINT}\n")
        return 2
    present = (root / "students" / f"{args.student}.yaml").exists()
    if not args.yes and not _confirmed(args.student, present, args.rewrite_history):
        sys.stderr.write("aptui forget : abandon, rien n'a été modifié.\n")
        return 1
    try:
        if present:
            result = forget_student(root, args.student)
            person = result.plan.person
            print(what_remains(root, result))
        elif args.rewrite_history:
            from aptui.gitsync.runner import Git

            person = person_from_history(Git(root), args.student)
        else:
            sys.stderr.write(f"aptui forget : élève inconnu : {args.student} (pas de fiche students/"
                             f"{args.student}.yaml) ; s'il est déjà oublié, --rewrite-history efface l'historique\n")
            return 1
        if args.rewrite_history:
            print("\n".join(rewrite_history(root, person)))
    except (ForgetError, WriteFailed) as exc:
        sys.stderr.write(f"aptui forget : {exc.message}\n")
        return 1
    except GitError as exc:
        sys.stderr.write(f"aptui forget : {exc.message}\n")
        return 1
    return 0


def _confirmed(student: str, present: bool, rewrite: bool) -> bool:
    if not sys.stdin.isatty():
        sys.stderr.write("aptui forget : confirmez avec --yes (pas de terminal pour demander).\n")
        return False
    what = ("les données personnelles de " + student) if present else ("l'historique de " + student)
    extra = " et réécrire tout l'historique git de ce clone" if rewrite else ""
    answer = input(f"Effacer {what}{extra} ? C'est définitif. [o/N] ").strip().lower()
    return answer in ("o", "oui", "y", "yes")
