"""`aptui demo`: a copy of the sample school in a fresh git repository with a short history, opened in the app."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from aptui.cli.common import UsageError, usage_error
from aptui.cli.tui import open_app, parse_today
from aptui.layout import Kind, classify

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
SOURCES = (REPO_ROOT / "sample_school", REPO_ROOT / "tests" / "fixtures" / "mini_school")

AUTHORS = {
    "pilote": ("Claire Moreau", "claire.moreau@lp-demo.invalid"),
    "teacher": ("Karim Benali", "karim.benali@lp-demo.invalid"),
}


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="essayer aptui sur une école d'exemple (copie dans un dépôt git temporaire)",
        description="Copie l'école d'exemple dans un nouveau dossier temporaire, en fait un dépôt git avec un "
        "court historique, affiche son chemin et l'ouvre dans l'application.",
    )
    parser.add_argument("--source", metavar="DOSSIER", help="école à copier (défaut : sample_school/)")
    parser.add_argument("--no-open", action="store_true", help="créer le dépôt sans ouvrir l'application")
    parser.add_argument("--today", metavar="AAAA-MM-JJ", help="date du jour à utiliser dans l'application")
    parser.set_defaults(run=run)


def source_school(explicit: str | None) -> Path:
    if explicit:
        path = Path(explicit)
        if not (path / "school.yaml").is_file():
            raise UsageError(f"« {path} » n'est pas une école aptui (pas de school.yaml)")
        return path
    for candidate in SOURCES:
        if (candidate / "school.yaml").is_file():
            return candidate
    raise UsageError("aucune école d'exemple trouvée (sample_school/ ni tests/fixtures/mini_school/)")


def history_steps(root: Path) -> list[tuple[str, str, list[str]]]:
    """(author, message, paths) of each commit, in the order a team would have written the files."""
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts)
    roles = {path: classify(path) for path in files}
    periods = sorted({r.period for r in roles.values() if r and r.period})
    taken: set[str] = set()

    def pick(test: Any) -> list[str]:
        chosen = [p for p in files if p not in taken and test(p, roles[p])]
        taken.update(chosen)
        return chosen

    steps = [("pilote", "Rentrée : établissement, équipe, élèves, divisions et calendrier de l'AP",
              pick(lambda p, r: r is None or r.kind in (Kind.SCHOOL, Kind.STAFF, Kind.STUDENT, Kind.YEAR,
                                                        Kind.DIVISION)))]
    for index, period in enumerate(periods):
        groups = pick(lambda p, r, period=period: r is not None and r.kind is Kind.GROUP and r.period == period)
        if groups:
            reason = "après les positionnements de rentrée" if index == 0 else "d'après les bilans de la période précédente"
            steps.append(("pilote", f"Groupes de besoin de {period}, {reason}", groups))
        sessions = pick(lambda p, r, period=period: r is not None and r.kind is Kind.SESSIONS and r.period == period)
        if sessions:
            steps.append(("teacher", f"Appels et activités des séances de {period}", sessions))
        bilans = pick(lambda p, r, period=period: r is not None and r.kind is Kind.BILANS and r.period == period)
        if bilans:
            steps.append(("teacher", f"Bilans de fin de période {period} : résultats et décisions", bilans))
    rest = [p for p in files if p not in taken]
    if rest:
        steps[-1] = (steps[-1][0], steps[-1][1], steps[-1][2] + rest)
    return [s for s in steps if s[2]]


def _git(root: Path, *args: str, author: str | None = None) -> None:
    command = ["git"]
    if author:
        name, email = AUTHORS[author]
        command += ["-c", f"user.name={name}", "-c", f"user.email={email}"]
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run([*command, *args], cwd=root, check=True, capture_output=True, env=env)


def build_demo(source: Path, target: Path) -> Path:
    """Copy a school into target, make it a git repository with a believable history."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".git", "__pycache__"))
    if not (target / "schema").is_dir():
        from aptui.scaffold import install_schemas

        install_schemas(target)
    _git(target, "init", "-q", "-b", "main")
    from aptui.gitsync.install import install_git

    install_git(target, commit=False)
    for author, message, paths in history_steps(target):
        _git(target, "add", "--", *paths)
        # The import is file by file: a step may reference what the next one adds.
        _git(target, "commit", "-q", "--no-verify", "-m", message, author=author)
    leftovers = subprocess.run(["git", "status", "--porcelain"], cwd=target, capture_output=True, text=True).stdout
    if leftovers.strip():
        _git(target, "add", "-A")
        _git(target, "commit", "-q", "-m", "Configuration du dépôt aptui", author="pilote")
    return target


def run(args: argparse.Namespace) -> int:
    try:
        source = source_school(args.source)
        today = parse_today(args.today)
    except UsageError as exc:
        return usage_error(str(exc))
    target = Path(tempfile.mkdtemp(prefix="aptui-demo-")) / "ecole"
    build_demo(source, target)
    print(f"École de démonstration : {target}")
    print(f"(historique : git -C {target} log --stat ; à la fin : git -C {target} diff)")
    if args.no_open:
        return 0
    return open_app(target, today)
