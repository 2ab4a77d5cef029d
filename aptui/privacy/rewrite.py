"""Forgetting in the git history too: every commit of this clone rewritten with ``git filter-repo``.

The forgotten student's old file is removed from every commit; their id,
« Prénom Nom » and « Nom Prénom » are replaced by the pseudonym in every
file and every commit message.  ``git filter-repo`` (PyPI
``git-filter-repo``) then expires the reflogs and prunes the old objects.
The remotes it removes (to prevent an accidental push) are put back, and
the user is told to force-push; other clones must be cloned again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from aptui import layout
from aptui.gitsync.runner import Git
from aptui.privacy.forget import COMMIT_SUBJECT, ID_CHARS, PREFIX, ForgetError, Person

INSTALL_HINT = ("git filter-repo n'est pas installé : installez-le (« pip install git-filter-repo », ou le "
                "paquet de votre système), puis relancez avec --rewrite-history. Rien n'a été réécrit.")


def filter_repo_command() -> list[str] | None:
    """How to run git filter-repo here, or None when it is not installed."""
    beside = Path(sys.executable).parent / "git-filter-repo"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("git-filter-repo")
    return [found] if found else None


def person_from_history(git: Git, student: str) -> Person:
    """An already forgotten student: their names from the last version of their file in the history, their
    pseudonym from the forget commit."""
    from aptui.load.source import parse_source

    path = _repo_path(git, layout.student_path(student))
    last = git.run("rev-list", "-n", "1", "--all", "--", path, check=False).text.strip()
    if not last:
        raise ForgetError(f"élève inconnu : {student} (ni fiche, ni trace dans l'historique git)")
    listed = git.run("ls-tree", last, "--", path, check=False).text.strip()
    spec = f"{last}:{path}" if listed else f"{last}^:{path}"
    raw = git.run("show", spec, check=False).stdout
    parsed = parse_source(raw, path)[0] if raw else None
    data = parsed.data if parsed is not None and isinstance(parsed.data, dict) else {}
    subjects = git.run("log", "--all", "--format=%s", "--diff-filter=D", "--", path, check=False).text
    found = re.search(re.escape(COMMIT_SUBJECT.format("")) + rf"({PREFIX}[0-9a-f]+)", subjects)
    pseudonym = found.group(1) if found else PREFIX + "inconnu"
    return Person(student, _name(data.get("prenom")), _name(data.get("nom")), pseudonym, _name(data.get("ine")))


def _name(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _repo_path(git: Git, school_path: str) -> str:
    """A school path as the repository names it (the school may be a subfolder)."""
    prefix = git.out("rev-parse", "--show-prefix").strip()
    return prefix + school_path


def expressions(person: Person) -> str:
    """git filter-repo's --replace-text / --replace-message rules."""
    lines = [f"literal:{name}==>{person.pseudonym}" for name in person.full_names]
    if person.ine:
        lines.append(f"literal:{person.ine}==>{person.pseudonym}")
    lines.append(f"regex:(?<![{ID_CHARS}]){re.escape(person.ident)}(?![{ID_CHARS}])==>{person.pseudonym}")
    return "\n".join(lines) + "\n"


def rewrite_history(root: Path, person: Person) -> list[str]:
    """Rewrite every commit of the clone at ``root``; French lines saying what was done and what to do next.

    Refuses (ForgetError) without git filter-repo, or with uncommitted changes
    (filter-repo resets the working tree: they would be lost).
    """
    command = filter_repo_command()
    if command is None:
        raise ForgetError(INSTALL_HINT)
    git = Git(root)
    git.require_repo()
    if git.run("status", "--porcelain", "--untracked-files=no", check=False).text.strip():
        raise ForgetError("des modifications ne sont pas enregistrées : enregistrez-les d'abord (aptui sync ou "
                          "git commit) ; la réécriture remet les fichiers à l'état du dernier commit")
    top = Path(git.out("rev-parse", "--show-toplevel").strip())
    remotes = {name: git.out("remote", "get-url", name).strip()
               for name in git.out("remote").split() if name}
    from aptui.privacy.forget import purge_caches
    from aptui.privacy.stores import prune_everything, purge_stores

    purge_stores(root, person)  # before the rewrite: what no ref reaches is pruned by it
    purge_caches(root)
    with tempfile.TemporaryDirectory(prefix="aptui-forget-") as private:  # 0700, removed at once
        rules = Path(private) / "rules.txt"
        rules.write_text(expressions(person), encoding="utf-8")
        proc = subprocess.run(
            [*command, "--force", "--invert-paths", "--path", _repo_path(git, layout.student_path(person.ident)),
             "--replace-text", str(rules), "--replace-message", str(rules)],
            cwd=top, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        detail = (proc.stderr.strip().splitlines() or ["erreur inconnue"])[-1]
        raise ForgetError(f"git filter-repo a échoué ({detail}) : l'historique n'a pas été réécrit")
    for name, url in remotes.items():
        if name not in git.out("remote").split():
            git.run("remote", "add", name, url)
    prune_everything(top)  # reflogs and unreachable objects (old pending bytes, old notes) gone now
    lines = [f"Historique réécrit : {person.ident} et son nom n'apparaissent plus dans aucun commit de ce clone "
             f"(remplacés par {person.pseudonym}) ; les anciens objets sont supprimés."]
    if remotes:
        names = ", ".join(remotes)
        lines += [f"Dépôt(s) distant(s) ({names}) : envoyez l'historique réécrit avec « git push --force --all » "
                  "puis « git push --force --tags » ; chaque collègue doit recloner le dépôt (ses anciens commits "
                  "contiennent encore les données), et l'administrateur de la forge purger les anciennes "
                  "références (merge requests, pipelines, sauvegardes)."]
    return lines
