"""`aptui report budget|students|groups|attendance [PATH] [--year Y] [--period P] [--format ...]`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from aptui.cli.common import UsageError, open_school, usage_error
from aptui.model.analysis import Analysis
from aptui.reports.tables import REPORTS, pick_year, render

KIND_HELP = "budget (heures par division), students (élèves), groups (groupes), attendance (assiduité)"


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report", help="tableaux : budget, élèves, groupes, assiduité",
        description="Affiche un tableau de l'école. " + KIND_HELP,
    )
    parser.add_argument("kind", choices=sorted(REPORTS), metavar="TYPE", help=KIND_HELP)
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    parser.add_argument("--year", metavar="AAAA-AAAA", help="année scolaire (défaut : la dernière)")
    parser.add_argument("--period", metavar="PÉRIODE", help="limiter à une période (ex. P2)")
    parser.add_argument("--format", choices=("text", "markdown", "csv", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = open_school(args.path)
    except UsageError as exc:
        return usage_error(str(exc))
    analysis = Analysis(result.school)
    year = pick_year(analysis, args.year)
    if year is None:
        known = ", ".join(result.school.year_ids()) or "aucune"
        return usage_error(f"année « {args.year} » inconnue (années : {known})")
    if args.period and year.period(args.period) is None:
        known = ", ".join(p.id for p in year.periods)
        return usage_error(f"période « {args.period} » inconnue en {year.id} (périodes : {known})")
    table = REPORTS[args.kind](analysis, year, args.period)
    print(render(table, args.format))
    if result.errors:
        print(f"attention : l'école a {len(result.errors)} erreur(s) (aptui validate) ; "
              "les chiffres portent sur ce qui a pu être lu.", file=sys.stderr)
    return 0
