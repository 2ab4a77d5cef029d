"""`aptui init PATH`: a new, valid, empty school repository."""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from aptui.cli.common import usage_error
from aptui.pipeline import load_school
from aptui.render.diagnostics import format_text
from aptui.scaffold import install_schemas, pilote_ident, school_files, school_year_of, write_school


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "init", help="créer une nouvelle école (dépôt git, schémas, squelette d'année)",
        description="Crée une école vide et valide : school.yaml, staff.yaml, une année avec des périodes "
        "proposées entre les vacances de la zone, les schémas, un dépôt git.",
    )
    parser.add_argument("path", metavar="DOSSIER", help="dossier à créer (vide ou inexistant)")
    parser.add_argument("--name", default="Lycée professionnel", help="nom de l'établissement")
    parser.add_argument("--uai", default="0000000A", help="code UAI (7 chiffres + 1 lettre)")
    parser.add_argument("--academie", default=None,
                        help="académie (ex. Lyon, Créteil, Strasbourg) : donne la zone de vacances et les jours "
                             "fériés (Alsace-Moselle) ; demandée sur un terminal")
    parser.add_argument("--zone", choices=("A", "B", "C"), default=None,
                        help="zone de vacances (défaut : celle de l'académie, sinon B)")
    parser.add_argument("--pilote", default="Prénom Nom", metavar="'PRÉNOM NOM'", help="le pilote de l'AP")
    parser.add_argument("--year", metavar="AAAA-AAAA", help="année scolaire (défaut : l'année en cours)")
    parser.add_argument("--ci", action="append", choices=("gitlab", "github"), default=[],
                        help="écrire un fichier d'intégration continue : vérifie chaque envoi et le résultat de la "
                             "fusion de chaque merge request, y publie le résumé des changements")
    parser.add_argument("--aptui-source", metavar="EXIGENCE_PIP", default=None,
                        help="d'où la CI installe aptui (ex. « aptui @ git+https://…/aptui.git@v0.1.0 ») ; "
                             "modifiable ensuite par la variable APTUI_PIP")
    parser.add_argument("--no-git", action="store_true", help="ne pas initialiser de dépôt git")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = Path(args.path)
    if root.exists() and any(root.iterdir()):
        return usage_error(f"« {root} » n'est pas vide : choisissez un dossier nouveau ou vide")
    year_id = args.year or school_year_of(date.today())
    if len(year_id) != 9 or int(year_id[5:]) != int(year_id[:4]) + 1:
        return usage_error(f"année « {year_id} » invalide : écrivez par ex. 2026-2027")
    if args.aptui_source:
        from aptui.gitsync.ci import ci_text

        try:
            ci_text("gitlab", args.aptui_source)
        except ValueError as exc:
            return usage_error(str(exc))
    try:
        academy, zone, notes = place_of(args.academie, args.zone)
    except ValueError as exc:
        return usage_error(str(exc))
    first, _, last = args.pilote.strip().partition(" ")
    first, last = first or "Prénom", last or "Nom"
    root.mkdir(parents=True, exist_ok=True)
    write_school(root, school_files(args.name, args.uai, academy, zone, (first, last), year_id))
    for note in notes:
        print(note)
    install_schemas(root)
    result = load_school(root, use_cache=False)
    if result.diagnostics:
        print(format_text(result.diagnostics, root))
    committed = None
    if not args.no_git:
        committed = _git_init(root, args.ci, args.aptui_source, commit=not result.errors)
        from aptui.gitsync.identity import set_staff_id

        set_staff_id(root, pilote_ident(first, last))  # whoever creates the school is its pilote
    print(f"École créée dans {root} (année {year_id}). Prochaines étapes : complétez school.yaml, "
          f"staff.yaml, les barrettes de years/{year_id}/year.yaml, puis « aptui validate ».")
    if committed is not None:
        print(committed)
    return 1 if result.errors else 0


UNKNOWN_ACADEMY = "À préciser"


def interactive() -> bool:
    return sys.stdin.isatty()


def place_of(academy: str | None, zone: str | None) -> tuple[str, str, list[str]]:
    """(académie as written, zone, French notes) from the options, asked on a terminal when missing.

    ValueError (French) for an unknown académie or a zone that is not the académie's.
    """
    from aptui.model.academies import ACADEMY_ZONES, find_academy, known_list

    if academy is None and interactive():
        while True:
            answer = input("Académie de l'établissement (ex. Lyon, Créteil, Strasbourg ; Entrée : plus tard) : ")
            if not answer.strip() or find_academy(answer):
                academy = answer.strip() or None
                break
            print(f"Académie inconnue : « {answer.strip()} ». Académies : {known_list()}.")
    if academy is None or academy.strip() in ("", UNKNOWN_ACADEMY):
        chosen = zone or "B"
        return UNKNOWN_ACADEMY, chosen, [
            f"Académie non précisée : vacances de la zone {chosen}{'' if zone else ' (par défaut)'}. Écrivez "
            "l'académie dans school.yaml (« academie: Lyon ») ou recréez l'école avec --academie."]
    name = find_academy(academy)
    if name is None:
        raise ValueError(f"académie « {academy} » inconnue ; académies : {known_list()}")
    own = ACADEMY_ZONES[name]
    if own is None:
        chosen = zone or "B"
        return name, chosen, [
            f"L'académie {name} a son propre calendrier scolaire, qu'aptui ne connaît pas : déclarez ses vacances "
            f"dans « fermetures » de year.yaml (la zone {chosen} écrite dans school.yaml n'est qu'indicative)."]
    if zone is not None and zone != own:
        raise ValueError(f"l'académie {name} est en zone {own}, pas en zone {zone} : retirez --zone, ou "
                         "corrigez l'académie")
    return name, own, [f"Académie {name} : vacances de la zone {own}, périodes proposées entre elles."]


FIRST_COMMIT = "Création de l'école (aptui init)"


def _git_init(root: Path, ci: list[str], source: str | None, commit: bool) -> str:
    """A git repository with aptui's drivers (and CI files), and the first commit; says what was done."""
    subprocess.run(["git", "init", "-q", "--initial-branch=main", str(root)], check=True)
    from aptui.gitsync.ci import DEFAULT_SOURCE, write_ci_files
    from aptui.gitsync.install import install_git
    from aptui.gitsync.runner import Git

    git = Git(root)
    install_git(root, commit=False, git=git)
    if ci:
        write_ci_files(root, kinds=tuple(ci), source=source or DEFAULT_SOURCE)
    if not commit:
        return "Dépôt git créé ; corrigez les erreurs ci-dessus puis enregistrez : git add -A && git commit"
    if git.author() is None:
        return ("Dépôt git créé, sans commit : git ne connaît pas votre nom. Donnez-le (git config user.name "
                "\"Prénom Nom\" ; git config user.email …) puis : git add -A && git commit -m \"Création de l'école\"")
    git.run("add", "-A")
    git.run("commit", "-q", "--no-verify", "-m", FIRST_COMMIT)  # just validated above
    return (f"Premier commit : « {FIRST_COMMIT} ». Pour partager : git remote add origin ADRESSE && "
            "git push -u origin main ; les collègues rejoignent avec « aptui clone ADRESSE ».")
