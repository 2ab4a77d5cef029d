"""`aptui export --anonymize DEST [DOSSIER] [--student ID] [--seed S]` and `aptui export --student ID DEST [DOSSIER]`;
`aptui export groupes PÉRIODE [DOSSIER]` and `aptui export appel [DOSSIER] [--periode P]` (cli/export_files.py)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="copie anonymisée de l'école, ou tout ce qui est détenu sur un élève (droit d'accès)",
        usage="aptui export --anonymize|--student ÉLÈVE DESTINATION [DOSSIER]\n"
              "              aptui export groupes PÉRIODE [DOSSIER] [--format csv|xlsx|ods] [-o FICHIER]\n"
              "              aptui export appel [DOSSIER] [--periode P] [--format csv|xlsx|ods] [-o FICHIER]",
        description="groupes PÉRIODE : la composition des groupes (une ligne par élève et par groupe, avec la "
                    "division et le créneau), pour l'emploi du temps ou la vie scolaire (Pronote/EDT, groupes "
                    "à effectif variable ; colonnes décrites dans docs/exports.md). appel : les marques "
                    "d'appel de chaque séance. "
                    "--anonymize : une copie valide de l'école où noms, notes et identifiants sont remplacés "
                    "par des pseudonymes stables ou retirés (voir docs/privacy.md). --student ID seul : tout ce "
                    "que l'école détient sur cet élève (fiche, groupes, appel, bilans, historique), en fichiers "
                    "lisibles. Les deux ensemble : l'export de l'élève, anonymisé.",
    )
    parser.add_argument("dest", metavar="DESTINATION", help="dossier à créer (nouveau ou vide : rien n'est écrasé), "
                                                           "ou « groupes » / « appel »")
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    parser.add_argument("more", nargs="?", metavar="DOSSIER", help="après « groupes PÉRIODE » : dossier de l'école")
    parser.add_argument("--anonymize", action="store_true", help="anonymiser (pseudonymes, textes libres retirés)")
    parser.add_argument("--student", metavar="ÉLÈVE", help="un seul élève (son identifiant)")
    parser.add_argument("--seed", help="avec --anonymize : même graine, mêmes pseudonymes (défaut : la clé "
                                       "secrète de ce clone, .git/aptui/pseudonym-key)")
    from aptui.cli.export_files import add_arguments

    add_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from aptui.cli.common import UsageError, recover_edits, school_root, usage_error
    from aptui.cli.export_files import SUBCOMMANDS, run_files
    from aptui.privacy.access import export_student
    from aptui.privacy.anonymize import AnonymizeError, anonymize_school

    if args.dest in SUBCOMMANDS:
        return run_files(args)
    if args.more is not None:
        return usage_error(f"argument en trop : « {args.more} »")
    if not args.anonymize and not args.student:
        return usage_error("précisez --anonymize (copie anonymisée) ou --student ÉLÈVE (droit d'accès)")
    try:
        root = school_root(args.path)
    except UsageError as exc:
        return usage_error(str(exc))
    recover_edits(root)
    dest = Path(args.dest)
    try:
        if args.anonymize and args.student:
            with tempfile.TemporaryDirectory(prefix="aptui-anon-") as private:
                mapping = anonymize_school(root, Path(private) / "ecole", args.seed)
                if args.student not in mapping:
                    raise AnonymizeError(f"élève inconnu : {args.student}")
                written = export_student(Path(private) / "ecole", mapping[args.student], dest)
        elif args.anonymize:
            mapping = anonymize_school(root, dest, args.seed)
            written = sorted(p for p in dest.rglob("*") if p.is_file())
        else:
            written = export_student(root, args.student, dest)
    except AnonymizeError as exc:
        sys.stderr.write(f"aptui export : {exc.message}\n")
        return 1
    what = "Copie anonymisée" if args.anonymize else f"Données de l'élève {args.student}"
    print(f"{what} écrite dans {dest} : {len(written)} fichier(s).")
    if args.anonymize and not args.student:
        print(f"Vérifiez-la avec « aptui validate {dest} ». La table des pseudonymes n'est écrite nulle part.")
    return 0
