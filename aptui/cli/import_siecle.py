"""`aptui import siecle FICHIER`: ElevesSansAdresses.xml (or its zip) or EXP_Liste_des_eleves_par_division.csv."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(kinds: Any) -> None:
    from aptui.cli.import_main import add_common_options

    parser = kinds.add_parser(
        "siecle", help="export SIECLE : ElevesSansAdresses.xml (ou son zip) ou EXP_Liste_des_eleves_par_division.csv",
        description="Importe un export SIECLE (XML, zip ou CSV par division). Les élèves sont reconnus par "
        "leur INE, puis par leur nom et leur date de naissance, puis par leur nom.",
    )
    add_common_options(parser)
    parser.set_defaults(run=run)


def read_siecle(raw: bytes, source: str) -> Any:
    from aptui.imports.siecle_csv import looks_like_siecle_csv, read_siecle_csv
    from aptui.imports.siecle_xml import read_siecle_export

    if looks_like_siecle_csv(raw):
        return read_siecle_csv(raw, source)
    return read_siecle_export(raw, source)


def run(args: argparse.Namespace) -> int:
    from aptui.cli.import_main import run_import

    return run_import(args, read_siecle)
