"""`aptui new-year [DOSSIER] [--from AAAA-AAAA] [--dry-run]`: the next school year from the previous one."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "new-year", help="créer l'année suivante : divisions promues, élèves repris, périodes et barrettes proposées",
        description="Crée years/<année suivante>/ depuis l'année qui se termine : calendrier et périodes entre "
        "les vacances de la zone, divisions promues par formation (2nde → 1re → Tle, avec « precedente »), "
        "élèves repris (redoublants au même niveau si leur fiche le dit : « aptui eleve orienter »), Terminales "
        "sortantes, barrettes reprises à confirmer, profils à confirmer. Un commit ; le résumé d'abord.",
    )
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    parser.add_argument("--from", dest="from_year", metavar="AAAA-AAAA", help="année de départ (défaut : la dernière)")
    parser.add_argument("--dry-run", action="store_true", help="afficher le résumé sans rien écrire")
    from aptui.cli.setup_run import add_force_option

    add_force_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from aptui.cli.common import UsageError, school_root
    from aptui.cli.setup_run import commit, refused
    from aptui.edit.apply import AppliedEdit, write_all
    from aptui.edit.base import EditRefused
    from aptui.edit.files import FileChangedOnDisk
    from aptui.year.command import NewYear

    try:
        root = school_root(args.path)
    except UsageError as exc:
        sys.stderr.write(f"aptui : erreur d'utilisation : {exc}\n")
        return 2
    command = NewYear(args.from_year)
    try:
        changes = command.plan(root)
        text = command.describe()
        print(text)
        if args.dry_run:
            print("\n(--dry-run : rien n'a été écrit)")
            return 0
        write_all(root, changes)
    except EditRefused as exc:
        return refused(exc.message)
    except FileChangedOnDisk as exc:
        return refused(str(exc))
    return commit(root, [AppliedEdit(command, text, tuple(changes))], force=args.force_errors)
