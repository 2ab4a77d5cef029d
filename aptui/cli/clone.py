"""`aptui clone URL [DOSSIER]`: join the team in one command.

Clones the school, checks the git identity (asked and kept in the clone's
config when git has none), installs aptui's drivers and hook, asks once which
teacher of staff.yaml you are (kept in ``git config aptui.staff``), then opens
the app.  Every question has an option, for scripts: ``--name``, ``--email``,
``--staff``; answers are also read from standard input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from aptui.cli.common import usage_error
from aptui.gitsync.runner import Git, GitError


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "clone", help="rejoindre l'équipe : cloner l'école, installer les pilotes git, dire qui vous êtes",
        description="Clone le dépôt de l'école, vérifie votre identité git, installe les pilotes d'aptui "
                    "(fusion par le sens, diff lisible, hook), vous demande une fois qui vous êtes dans "
                    "staff.yaml, puis ouvre l'application.",
    )
    parser.add_argument("url", metavar="ADRESSE", help="adresse du dépôt de l'école (https://…, git@…, chemin)")
    parser.add_argument("folder", nargs="?", default=None, metavar="DOSSIER",
                        help="dossier à créer (défaut : le nom du dépôt)")
    parser.add_argument("--staff", metavar="ID", help="votre identifiant dans staff.yaml (sinon : demandé)")
    parser.add_argument("--name", metavar="'PRÉNOM NOM'", help="votre nom pour git, si git ne le connaît pas")
    parser.add_argument("--email", metavar="ADRESSE", help="votre e-mail pour git, si git ne le connaît pas")
    parser.add_argument("--no-open", action="store_true", help="ne pas ouvrir l'application à la fin")
    parser.set_defaults(run=run)


def ask(question: str) -> str | None:
    """One answer from standard input (a terminal or a script); None at end of input."""
    sys.stdout.write(question)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stdout.write("\n")
        return None
    if not sys.stdin.isatty():
        sys.stdout.write(line if line.endswith("\n") else line + "\n")  # a script's answer, shown as typed
    return line.rstrip("\n")


def run(args: argparse.Namespace) -> int:
    from aptui.gitsync.onboarding import clone_target

    target = clone_target(args.url, args.folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        return usage_error(f"« {target} » existe déjà et n'est pas vide : choisissez un autre DOSSIER")
    try:
        code = join(args, target)
    except GitError as exc:
        sys.stderr.write(f"aptui clone : {exc.message}\n")
        return 1
    if code or args.no_open:
        return code
    from aptui.cli.tui import open_app

    return open_app(target, None)


def join(args: argparse.Namespace, target: Path) -> int:
    """Every step but opening the app; 0 when the clone is ready."""
    from aptui.cli.doctor import report
    from aptui.gitsync.identity import set_staff_id, staff_id
    from aptui.gitsync.install import install_git
    from aptui.gitsync.onboarding import (
        check_out_a_branch,
        choose_member,
        ensure_identity,
        matching_members,
        staff_members,
    )

    print(f"Clonage de {args.url} dans {target}…")
    Git(Path.cwd(), interactive=sys.stdin.isatty()).run("clone", "--quiet", args.url, str(target.resolve()))
    git = Git(target)
    branch_note = check_out_a_branch(git)
    if branch_note:
        print(branch_note)
    if not (target / "school.yaml").is_file():
        print(f"Attention : {target} n'a pas de school.yaml à sa racine ; est-ce bien le dépôt de l'école ?")
    identity = ensure_identity(git, ask, args.name, args.email)
    if identity is None:
        print("Identité git inconnue : les commits seront refusés. Donnez-la avec "
              "« git config user.name \"Prénom Nom\" » et « git config user.email … ».")
    else:
        print(f"Identité git : {identity[0]} <{identity[1]}>")
    print("\n".join(install_git(target, git=git).messages))
    members = staff_members(target)
    member = next((m for m in members if m.id == (args.staff or staff_id(target))), None)
    if member is None and args.staff:
        print(f"« {args.staff} » n'est pas dans staff.yaml.")
    if member is None:
        guess = matching_members(members, *(identity or (None, None)))
        member = choose_member(members, guess, ask)
    if member is not None:
        set_staff_id(target, member.id)
        print(f"Vous êtes {member.label} : enregistré pour ce clone (git config aptui.staff), "
              "auteur par défaut de vos appels, bilans et entretiens.")
    else:
        print("Qui vous êtes reste à dire : « git config aptui.staff VOTRE_ID » dans le dossier de l'école.")
    code, text = report(target, remote=True)
    print(text)
    if args.no_open:
        print(f"Ouvrir l'application : « aptui {target} ».")
    return code
