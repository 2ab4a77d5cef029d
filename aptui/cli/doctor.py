"""`aptui doctor [DOSSIER]`: check a clone (drivers, hook, identity, staff id, remote, cache) and say what to fix."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from aptui.gitsync.runner import GitError


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "doctor", help="vérifier qu'un clone de l'école est prêt (pilotes git, hook, identité, dépôt distant)",
        description="Vérifie le clone : pilote de fusion et diff d'aptui (et que leur programme existe), hook "
                    "pre-commit, identité git, identifiant dans staff.yaml, dépôt distant joignable, dossier de "
                    "cache. Dit quoi faire pour chaque problème ; code 1 s'il y en a.",
    )
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    parser.add_argument("--offline", action="store_true", help="ne pas contacter le dépôt distant")
    parser.set_defaults(run=run)


def report(root: Path, remote: bool = True) -> tuple[int, str]:
    """(exit code, French text) of the checks of a clone."""
    from aptui.gitsync.doctor import Status, diagnose

    findings = diagnose(root, remote=remote)
    problems = [f for f in findings if f.status is Status.PROBLEM]
    lines = [f"Vérification du clone {root.resolve()} :", *(f"  {f.text()}" for f in findings), ""]
    if problems:
        lines.append(f"{len(problems)} problème(s) à corriger : " + ", ".join(f.topic for f in problems) + ".")
    else:
        lines.append("Tout est prêt : « aptui sync » chaque jour pour recevoir et envoyer le travail de l'équipe.")
    return (1 if problems else 0), "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    root = Path(args.path)
    if not root.is_dir():
        sys.stderr.write(f"aptui : erreur d'utilisation : le dossier « {root} » n'existe pas\n")
        return 2
    try:
        code, text = report(root, remote=not args.offline)
    except GitError as exc:
        sys.stderr.write(f"aptui doctor : {exc.message}\n")
        return 1
    print(text)
    return code
