"""`aptui site DESTINATION [DOSSIER] [--annee A] [--anonymize]`: the year's reports as a static site."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "site", help="les rapports de l'année en pages HTML liées (à ouvrir dans un navigateur)",
        description="Écrit dans DESTINATION les rapports de l'année en pages HTML statiques liées entre elles "
                    "(accueil, divisions, groupes, élèves, périodes), qui s'ouvrent depuis le disque (file://) "
                    "ou se publient sur GitLab/GitHub Pages à accès restreint. Elles contiennent des données "
                    "personnelles : voir le README (« Site des rapports »).",
    )
    parser.add_argument("dest", metavar="DESTINATION", help="dossier à écrire (nouveau, vide, ou un site déjà écrit)")
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    parser.add_argument("--annee", "--year", dest="annee", metavar="AAAA-AAAA", help="année (défaut : la dernière)")
    parser.add_argument("--anonymize", action="store_true",
                        help="pseudonymes à la place des noms, textes libres retirés (comme aptui export --anonymize)")
    parser.add_argument("--seed", help="avec --anonymize : même graine, mêmes pseudonymes")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from aptui.cli.common import UsageError, school_root, usage_error

    try:
        root = school_root(args.path)
    except UsageError as exc:
        return usage_error(str(exc))
    dest = Path(args.dest)
    if dest.exists() and (not dest.is_dir() or _foreign(dest)):
        return usage_error(f"« {dest} » existe et n'est pas un site aptui : choisissez un dossier nouveau ou vide")
    if args.anonymize:
        from aptui.privacy.anonymize import AnonymizeError, anonymize_school

        with tempfile.TemporaryDirectory(prefix="aptui-site-") as private:
            try:
                anonymize_school(root, Path(private) / "ecole", args.seed)
            except AnonymizeError as exc:
                sys.stderr.write(f"aptui site : {exc.message}\n")
                return 1
            return _write(Path(private) / "ecole", dest, args.annee, anonymous=True)
    return _write(root, dest, args.annee, anonymous=False)


def _foreign(dest: Path) -> bool:
    """A non-empty folder that holds anything but what aptui site writes (never overwrite someone's files)."""
    entries = list(dest.iterdir())
    return bool(entries) and not (dest / "index.html").is_file() or any(
        e.suffix != ".html" or e.is_dir() for e in entries)


def _write(root: Path, dest: Path, year_id: str | None, anonymous: bool) -> int:
    from aptui.cli.common import UsageError, open_school, usage_error
    from aptui.model.analysis import Analysis
    from aptui.reports.tables import pick_year
    from aptui.site.build import write_site

    try:
        result = open_school(str(root), use_cache=not anonymous)
    except UsageError as exc:
        return usage_error(str(exc))
    analysis = Analysis(result.school)
    year = pick_year(analysis, year_id)
    if year is None:
        known = ", ".join(result.school.year_ids()) or "aucune"
        return usage_error(f"année « {year_id} » inconnue (années : {known})")
    for old in dest.glob("*.html") if dest.is_dir() else ():
        old.unlink()
    written = write_site(analysis, year, dest)
    if result.errors:
        sys.stderr.write(f"attention : l'école a {len(result.errors)} erreur(s) (aptui validate) ; "
                         "le site porte sur ce qui a pu être lu.\n")
    what = "anonymisé " if anonymous else ""
    print(f"Site {what}de {year.id} écrit dans {dest} : {len(written)} page(s). "
          f"Ouvrez {(dest / 'index.html').resolve().as_uri()}")
    if not anonymous:
        print("Il contient des données personnelles d'élèves : ne le publiez qu'avec un accès restreint (README).")
    return 0
