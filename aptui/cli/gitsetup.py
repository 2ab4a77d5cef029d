"""The git plumbing commands: `aptui install-git`, and the commands git itself runs:
`aptui merge-driver %O %A %B %P`, `aptui textconv FILE`, `aptui pre-commit`.

The module also runs on its own (``python -m aptui.cli.gitsetup merge-driver …``)
so that git can call it before these commands are registered in ``aptui``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aptui.gitsync.runner import Git, GitError


def add_parser(subparsers: Any) -> None:
    install = subparsers.add_parser(
        "install-git",
        help="installer les pilotes git d'aptui (fusion, diff lisible) et le hook pre-commit",
        description="Installe dans le dépôt de l'école : le pilote de fusion par le sens (élèves, appel, "
                    "bilans), le diff en mots du métier (git diff, git log -p), et un hook qui refuse un "
                    "commit dont l'école a des erreurs. À faire une fois par clone.",
    )
    install.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    install.add_argument("--no-hook", action="store_true", help="ne pas installer le hook pre-commit")
    install.add_argument("--no-commit", action="store_true", help="ne pas enregistrer .gitattributes (commit)")
    install.add_argument("--command", default=None, metavar="CMD",
                         help="commande qui lance aptui pour git (défaut : ce Python, « -m aptui »)")
    install.set_defaults(run=run_install)

    driver = subparsers.add_parser("merge-driver", help="(lancé par git) fusionner un fichier de l'école")
    for name in ("base", "ours", "theirs", "path"):
        driver.add_argument(name)
    driver.add_argument("marker_size", nargs="?", type=int, default=7, help="taille des marqueurs (%%L)")
    driver.set_defaults(run=run_merge_driver)

    textconv = subparsers.add_parser("textconv", help="(lancé par git) un fichier de l'école en mots du métier")
    textconv.add_argument("file")
    textconv.set_defaults(run=run_textconv)

    hook = subparsers.add_parser("pre-commit", help="(lancé par git) vérifier l'école indexée avant un commit")
    hook.add_argument("path", nargs="?", default=".", metavar="DOSSIER")
    hook.set_defaults(run=run_pre_commit)


def run_install(args: argparse.Namespace) -> int:
    from aptui.gitsync.install import install_git

    try:
        report = install_git(Path(args.path), args.command, hook=not args.no_hook, commit=not args.no_commit)
    except GitError as exc:
        sys.stderr.write(f"aptui install-git : {exc.message}\n")
        return 2
    print("\n".join(report.messages))
    return 0


def run_merge_driver(args: argparse.Namespace) -> int:
    """Exit 0: merged. Exit 1: a true conflict; the file holds the merge with standard conflict
    markers around just the conflicting entries, and a record in domain words is kept."""
    from aptui.gitsync import conflicts as cf
    from aptui.gitsync.driver import merge_path
    from aptui.gitsync.hostile import fallback_message, file_refusal
    from aptui.gitsync.markers import merge_file

    git = Git(Path.cwd())
    # a version too big (or not a plain file) is not even read: git's line merge, in C, takes it
    refused = next((f"{name} : {why}" for name, p in (("ancêtre commun", args.base), ("version locale", args.ours),
                                                      ("version distante", args.theirs))
                    if (why := file_refusal(p)) is not None), None)
    if refused is not None:
        sys.stderr.write(fallback_message(args.path, refused) + "\n")
        return _line_merge(args)
    try:
        base, ours, theirs = (Path(p).read_text(encoding="utf-8") for p in (args.base, args.ours, args.theirs))
    except (OSError, UnicodeDecodeError):
        sys.stderr.write(fallback_message(args.path, "version illisible en UTF-8") + "\n")
        return _line_merge(args)
    try:
        text, record = merge_path(git, args.path, base, ours, theirs, args.marker_size,
                                  _say)
    except GitError:
        text, record = merge_file(base, ours, theirs, ("local", "ancêtre commun", "distant"), args.marker_size), None
        Path(args.ours).write_text(text, encoding="utf-8")
        return 1
    Path(args.ours).write_text(text, encoding="utf-8")
    if record is None:
        cf.delete_record(git, args.path)
        return 0
    cf.save_record(git, record)
    return 1


def _line_merge(args: argparse.Namespace) -> int:
    """A file aptui cannot read as text: git's own line merge, markers included (never ours alone)."""
    import subprocess

    done = subprocess.run(["git", "merge-file", f"--marker-size={args.marker_size}", "-L", "local", "-L",
                           "ancêtre commun", "-L", "distant", args.ours, args.base, args.theirs], check=False)
    return 0 if done.returncode == 0 else 1


def run_textconv(args: argparse.Namespace) -> int:
    from aptui.gitsync.textconv import main as textconv

    return textconv([args.file])


def run_pre_commit(args: argparse.Namespace) -> int:
    from aptui.gitsync.install import pre_commit_check

    try:
        allowed, message = pre_commit_check(Path(args.path))
    except GitError as exc:
        sys.stderr.write(f"aptui pre-commit : {exc.message}\n")
        return 1
    if message:
        sys.stderr.write(message + "\n")
    return 0 if allowed else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run these commands without the main parser (git calls them this way if needed)."""
    parser = argparse.ArgumentParser(prog="aptui")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.run(args))


def _say(line: str) -> None:
    """A French line on stderr (git shows it to the user)."""
    sys.stderr.write(line + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
