"""`aptui import siecle|csv FICHIER [DOSSIER]`: students and divisions from the school's systems.

The summary is always printed first; with ``--dry-run`` nothing else
happens.  Students that a newer export no longer lists are marked left only
after a confirmation (``--yes`` for scripts).  Every import is one commit
whose message is the summary; a second identical import changes nothing and
makes no commit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from aptui.cli.common import UsageError, school_root
from aptui.cli.setup_run import add_force_option, commit, confirm, refused

Reader = Callable[[bytes, str], Any]


def add_parser(subparsers: Any) -> None:
    from aptui.cli import import_csv, import_siecle

    parser = subparsers.add_parser(
        "import", help="importer les élèves et les divisions (export SIECLE, autre CSV)",
        description="Crée ou met à jour les élèves et les divisions d'une année depuis un export. "
        "Le résumé s'affiche d'abord ; chaque import est un commit.",
    )
    kinds = parser.add_subparsers(dest="import_kind", metavar="FORMAT", required=True)
    import_siecle.add_parser(kinds)
    import_csv.add_parser(kinds)


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FICHIER", help="le fichier exporté")
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    parser.add_argument("--year", metavar="AAAA-AAAA", help="année scolaire (défaut : celle de l'export, "
                        "sinon la dernière de l'école)")
    parser.add_argument("--dry-run", action="store_true", help="afficher le résumé sans rien écrire")
    parser.add_argument("--yes", action="store_true",
                        help="marquer sortis, sans demander, les élèves absents de l'export")
    parser.add_argument("--date-sortie", metavar="AAAA-MM-JJ", type=date.fromisoformat,
                        help="date de sortie des absents (défaut : date de l'export, sinon aujourd'hui)")
    add_force_option(parser)


def run_import(args: argparse.Namespace, reader: Reader) -> int:
    from aptui.edit.base import EditRefused
    from aptui.edit.files import FileChangedOnDisk
    from aptui.imports.rows import ExportUnreadable

    try:
        root = school_root(args.path)
        raw = _read_file(Path(args.file))
    except UsageError as exc:
        sys.stderr.write(f"aptui : erreur d'utilisation : {exc}\n")
        return 2
    try:
        read = reader(raw, args.file)
        return _import(root, args, read)
    except ExportUnreadable as exc:
        sys.stderr.write(f"aptui : import impossible : {exc.message}\n")
        return 1
    except EditRefused as exc:
        return refused(exc.message)
    except FileChangedOnDisk as exc:
        return refused(str(exc))


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"le fichier « {path} » n'existe pas") from None
    except OSError as exc:
        raise UsageError(f"le fichier « {path} » est illisible ({exc.strerror})") from None


def _import(root: Path, args: argparse.Namespace, read: Any) -> int:
    from aptui.edit.apply import AppliedEdit, write_all
    from aptui.edit.base import Snapshot
    from aptui.edit.setup_common import year_ids
    from aptui.imports.command import ImportStudents, refuse_unknown_year
    from aptui.imports.summary import summary_text

    year = refuse_unknown_year(args.year or read.year_hint, year_ids(Snapshot(root)))
    absent_day = args.date_sortie or read.exported_on or date.today()
    command = ImportStudents(year, read, absent_day, mark_absent=args.yes)
    changes = command.plan(root)
    outcome = command.outcome
    _mask_rows(read, outcome)
    if outcome.absent and not args.yes and not args.dry_run and sys.stdin.isatty():
        print(summary_text(outcome))
        print()
        question = f"Marquer sortis le {absent_day:%d/%m/%Y} les {len(outcome.absent)} élève(s) absent(s) de l'export ?"
        if not confirm(question, False):
            print("Les absents ne sont pas marqués sortis ; le reste de l'import est enregistré.")
        else:
            command = ImportStudents(year, read, absent_day, mark_absent=True)
            changes = command.plan(root)
            outcome = command.outcome
    text = summary_text(outcome)
    print(text)
    if args.dry_run:
        print("\n(--dry-run : rien n'a été écrit)")
        return 0
    if not changes:
        print("\nRien à changer : l'école est déjà à jour.")
        return 0
    write_all(root, changes)
    return commit(root, [AppliedEdit(command, text, tuple(changes))], force=args.force_errors)


def _mask_rows(read: Any, outcome: Any) -> None:
    """The export's students masked too where names are (a log): new ones are not in the files yet."""
    from aptui.render.names import remember_people

    ids = {s.line: s.id for s in (*outcome.students, *outcome.absent) if s.line}
    remember_people((ids.get(row.line, f"ligne {row.line}"), row.first_name, row.last_name) for row in read.rows)
