"""`aptui gen-sample PATH`: write an invented school (demos, tests, benchmarks)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

DEFAULT_STUDENTS, DEFAULT_YEARS, DEFAULT_SEED = 225, 2, 2025


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "gen-sample",
        help="générer une école fictive (élèves, groupes, séances, appels, bilans)",
        description=(
            "Écrit une école inventée, complète et valide : élèves (noms inventés), divisions, "
            "barrettes, groupes de besoin qui évoluent de période en période, séances avec l'appel, "
            "bilans. Mêmes options => fichiers identiques à l'octet près."
        ),
    )
    parser.add_argument("path", metavar="DOSSIER", help="dossier à créer (inexistant ou vide)")
    parser.add_argument("--students", "--eleves", dest="students", type=int, default=DEFAULT_STUDENTS, metavar="N",
                        help=f"nombre d'élèves, environ 25 par division (défaut : {DEFAULT_STUDENTS})")
    parser.add_argument("--years", "--annees", dest="years", type=int, default=DEFAULT_YEARS,
                        metavar="A", help=f"nombre d'années scolaires (défaut : {DEFAULT_YEARS})")
    parser.add_argument("--seed", "--graine", dest="seed", type=int, default=DEFAULT_SEED,
                        metavar="S", help=f"graine du hasard (défaut : {DEFAULT_SEED})")
    parser.add_argument("--last-year", "--derniere-annee", dest="last_year", default="2025-2026",
                        metavar="AAAA-AAAA", help="dernière année scolaire générée (défaut : 2025-2026)")
    parser.add_argument("--commits", type=int, default=0, metavar="C",
                        help="faire du dossier un dépôt git avec C modifications datées par plusieurs "
                             "enseignants (appels, déplacements motivés, bilans, entretiens) (défaut : 0, pas de dépôt)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from aptui.gen import check_arguments, generate_school

    root = Path(args.path)
    if root.exists() and not root.is_dir():
        return _usage(f"« {root} » est un fichier : donnez un dossier inexistant ou vide")
    if root.exists() and any(root.iterdir()):
        return _usage(f"« {root} » n'est pas vide : choisissez un dossier nouveau ou vide")
    try:
        check_arguments(args.students, args.years, args.last_year)
    except ValueError as exc:
        return _usage(str(exc))
    if args.commits < 0:
        return _usage(f"nombre de commits négatif : {args.commits}")
    started = time.perf_counter()
    generate_school(root, students=args.students, years=args.years, seed=args.seed, last_year=args.last_year)
    files = sum(1 for path in root.rglob("*") if path.is_file())
    print(f"École fictive écrite dans {root} : {files} fichiers en {time.perf_counter() - started:.1f} s "
          f"(graine {args.seed}). Vérifiez-la avec « aptui validate {root} ».")
    if args.commits:
        from aptui.gen.history import build_history

        report = build_history(root, args.commits, args.seed)
        names = ", ".join(author.name for author in report.authors)
        print(f"Dépôt git : {report.import_commits} commits d'import puis {report.commits} modifications "
              f"en {report.seconds:.1f} s, par {names}. Lisez-les avec « aptui log {root} ».")
    return 0


def _usage(message: str) -> int:
    sys.stderr.write(f"aptui : erreur d'utilisation : {message}\n")
    return 2
