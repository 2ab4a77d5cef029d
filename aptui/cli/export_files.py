"""`aptui export groupes PÉRIODE [DOSSIER]` and `aptui export appel [DOSSIER] [--periode P]`.

Text formats (CSV) go to standard output without ``-o``; XLSX and ODS need ``-o FICHIER``.
The format is taken from ``--format``, else from the file's extension, else CSV.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from aptui.exports.sheets import BINARY_FORMATS, FORMATS, table_bytes

SUBCOMMANDS = ("groupes", "appel")
SEPARATORS = {";": ";", ",": ",", "tab": "\t"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", dest="export_format", choices=FORMATS,
                        help="groupes/appel : csv (défaut), xlsx ou ods (ces deux-là avec -o)")
    parser.add_argument("-o", "--output", metavar="FICHIER", help="groupes/appel : fichier à écrire (défaut : "
                                                                   "la sortie standard, en CSV)")
    parser.add_argument("--periode", "--period", dest="periode", metavar="PÉRIODE",
                        help="appel : une seule période (défaut : toute l'année)")
    parser.add_argument("--annee", "--year", dest="annee", metavar="AAAA-AAAA",
                        help="groupes/appel : année scolaire (défaut : la dernière)")
    parser.add_argument("--separateur", choices=sorted(SEPARATORS), default=";",
                        help="CSV : séparateur (défaut « ; », celui d'Excel en français ; « , » ou « tab »)")
    parser.add_argument("--bom", action="store_true",
                        help="CSV : marque d'ordre UTF-8 en tête, pour qu'Excel lise les accents")


def run_files(args: argparse.Namespace) -> int:
    from aptui.cli.common import UsageError, open_school, usage_error
    from aptui.exports.appel import appel_table
    from aptui.exports.groupes import groups_table
    from aptui.model.analysis import Analysis
    from aptui.reports.tables import pick_year

    if args.anonymize or args.student:
        return usage_error(f"--anonymize et --student ne s'appliquent pas à « export {args.dest} »")
    if args.dest == "groupes":
        if args.path == "." and args.more is None and not args.periode:
            return usage_error("précisez la période : aptui export groupes PÉRIODE [DOSSIER]")
        if not args.periode and args.more is None and (Path(args.path) / "school.yaml").is_file():
            return usage_error(f"précisez la période avant le dossier : aptui export groupes PÉRIODE {args.path}")
        period, folder = (args.periode, args.path) if args.periode else (args.path, args.more or ".")
        if args.periode and args.more is not None:
            return usage_error(f"argument en trop : « {args.more} »")
    else:
        if args.more is not None:
            return usage_error(f"argument en trop : « {args.more} »")
        period, folder = args.periode, args.path
    fmt = _format(args)
    if fmt in BINARY_FORMATS and not args.output:
        return usage_error(f"le format {fmt} est un fichier binaire : précisez où l'écrire avec -o FICHIER "
                           f"(ex. -o {args.dest}.{fmt})")
    try:
        result = open_school(folder)
    except UsageError as exc:
        return usage_error(str(exc))
    analysis = Analysis(result.school)
    year = pick_year(analysis, args.annee)
    if year is None:
        known = ", ".join(result.school.year_ids()) or "aucune"
        return usage_error(f"année « {args.annee} » inconnue (années : {known})")
    if period is not None and year.period(period) is None:
        known = ", ".join(p.id for p in year.sorted_periods()) or "aucune"
        return usage_error(f"période « {period} » inconnue en {year.id} (périodes : {known})")
    table = groups_table(analysis, year, period) if args.dest == "groupes" else appel_table(analysis, year, period)
    data = table_bytes(table, fmt, SEPARATORS[args.separateur], args.bom)
    if result.errors:
        sys.stderr.write(f"attention : l'école a {len(result.errors)} erreur(s) (aptui validate) ; "
                         "l'export porte sur ce qui a pu être lu.\n")
    if not args.output:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        write_file(Path(args.output), data)
    except OSError as exc:
        sys.stderr.write(f"aptui export : impossible d'écrire « {args.output} » : {exc.strerror or exc}\n")
        return 1
    print(f"{len(table.rows)} ligne(s) écrite(s) dans {args.output} ({fmt}).")
    return 0


def _format(args: argparse.Namespace) -> str:
    if args.export_format:
        return str(args.export_format)
    suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
    return suffix if suffix in FORMATS else "csv"


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a reader never sees half a file)."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temp = tempfile.mkstemp(prefix=".aptui-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
