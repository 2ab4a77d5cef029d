"""`aptui import csv FICHIER --map COLONNE=champ…`: another tool's CSV export."""

from __future__ import annotations

import argparse
import sys
from functools import partial
from typing import Any


def add_parser(kinds: Any) -> None:
    from aptui.cli.import_main import add_common_options
    from aptui.imports.mapped_csv import FIELDS

    fields = ", ".join(f"{name} ({label})" for name, label in FIELDS.items())
    parser = kinds.add_parser(
        "csv", help="un CSV d'un autre outil, ses colonnes associées aux champs (--map)",
        description=f"Importe un CSV quelconque. Champs : {fields}. Encodage et séparateur détectés "
        "(UTF-8 sinon Latin-1 ; « ; », « , », tabulation, « | ») sauf s'ils sont donnés.",
    )
    add_common_options(parser)
    parser.add_argument("--map", action="append", default=[], metavar="COLONNE=champ", required=True,
                        help="associer une colonne à un champ (répéter ; nom, prenom et division obligatoires)")
    parser.add_argument("--encodage", metavar="ENC", help="encodage du fichier (ex. utf-8, iso-8859-1)")
    parser.add_argument("--separateur", metavar="SEP", help="séparateur de colonnes (ex. « ; », « , », tab)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from aptui.cli.import_main import run_import
    from aptui.imports.mapped_csv import CsvLayout, parse_map, read_mapped_csv

    try:
        columns = parse_map(args.map)
    except ValueError as exc:
        sys.stderr.write(f"aptui : erreur d'utilisation : {exc}\n")
        return 2
    separator = "\t" if args.separateur in ("tab", "\\t") else args.separateur
    layout = CsvLayout(columns, args.encodage, separator)
    return run_import(args, partial(_read, layout=layout, reader=read_mapped_csv))


def _read(raw: bytes, source: str, layout: Any, reader: Any) -> Any:
    return reader(raw, source, layout)
