"""``aptui doctor``: is this clone ready for the team's daily work, and if not, what to do.

Each check returns a :class:`Finding` (ok, warning or problem, a French
sentence, and what to run).  Nothing here changes the clone: fixing is
``aptui install-git``, ``git config`` or the network, and the finding says
which.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from aptui.gitsync.identity import STAFF_KEY, staff_id
from aptui.gitsync.install import HOOK_MARKER
from aptui.gitsync.onboarding import staff_members
from aptui.gitsync.runner import Git, GitError

REMOTE_TIMEOUT = 20.0


class Status(Enum):
    OK = "ok"
    WARNING = "attention"
    PROBLEM = "à corriger"


@dataclass(frozen=True, slots=True)
class Finding:
    """The result of one check, in French."""

    topic: str
    status: Status
    message: str
    fix: str = ""

    def text(self) -> str:
        line = f"[{self.status.value}] {self.topic} : {self.message}"
        return f"{line}\n    → {self.fix}" if self.fix else line


def ok(topic: str, message: str) -> Finding:
    return Finding(topic, Status.OK, message)


def problem(topic: str, message: str, fix: str) -> Finding:
    return Finding(topic, Status.PROBLEM, message, fix)


INSTALL_FIX = "lancez « aptui install-git » dans le dossier de l'école"


# --- programs git runs -----------------------------------------------------------------------
def program_problem(command: str) -> str | None:
    """Why a command recorded in git config cannot run (None: it can)."""
    try:
        words = shlex.split(command)
    except ValueError:
        return f"commande illisible : {command}"
    if not words:
        return "commande vide"
    program = words[0]
    found = program if os.sep in program else shutil.which(program)
    if found is None or not Path(found).is_file():
        return f"le programme « {program} » n'existe pas (environnement Python déplacé ou supprimé ?)"
    if not os.access(found, os.X_OK):
        return f"le programme « {program} » n'est pas exécutable"
    if "-m" in words[1:-1]:  # « python -m aptui … »: that Python must still have aptui
        module = words[words.index("-m") + 1].split(".")[0]
        probe = subprocess.run([found, "-c", f"import {module}"], capture_output=True, timeout=60)
        if probe.returncode != 0:
            return f"le Python « {program} » n'a pas le module {module} installé"
    return None


def check_driver(git: Git, key: str, topic: str) -> Finding:
    command = git.config(key)
    if command is None:
        return problem(topic, f"non configuré ({key} absent de .git/config)", INSTALL_FIX)
    why = program_problem(command)
    if why is not None:
        return problem(topic, why, INSTALL_FIX + " (il réécrit la commande avec le Python courant)")
    return ok(topic, command)


def check_attributes(git: Git) -> Finding:
    topic = "attributs (.gitattributes)"
    out = git.run("check-attr", "merge", "diff", "--", "school.yaml", check=False).text
    if "merge: aptui" in out and "diff: aptui" in out:
        return ok(topic, "les fichiers .yaml utilisent merge=aptui et diff=aptui")
    return problem(topic, "les fichiers .yaml ne sont pas confiés aux pilotes d'aptui",
                   INSTALL_FIX + ", puis enregistrez .gitattributes (git commit)")


def check_hook(git: Git) -> Finding:
    topic = "hook pre-commit"
    path = git.git_path("hooks/pre-commit")
    if not path.is_file():
        return problem(topic, f"absent ({path}) : un commit à la main n'est pas vérifié", INSTALL_FIX)
    text = path.read_text(encoding="utf-8", errors="replace")
    if HOOK_MARKER not in text and "aptui" not in text:
        return Finding(topic, Status.WARNING, f"un autre hook est en place ({path}) et n'appelle pas aptui",
                       "ajoutez-y la ligne du hook d'aptui (voir « aptui install-git »)")
    if not os.access(path, os.X_OK):
        return problem(topic, f"{path} n'est pas exécutable : git l'ignore", f"chmod +x {path}")
    for line in text.splitlines():
        if line.startswith("exec "):
            why = program_problem(line[len("exec "):])
            if why is not None:
                return problem(topic, why, INSTALL_FIX)
    return ok(topic, "installé")


# --- who uses the clone -------------------------------------------------------------------------
def check_identity(git: Git) -> Finding:
    topic = "identité git"
    author = git.author()
    if author is None:
        return problem(topic, "nom ou e-mail inconnu : git refusera les commits",
                       'git config user.name "Prénom Nom" && git config user.email "prenom.nom@ac-academie.fr"')
    return ok(topic, f"{author[0]} <{author[1]}>")


def check_staff(root: Path) -> Finding:
    topic = "membre de l'équipe"
    members = staff_members(root)
    ids = [m.id for m in members]
    known = staff_id(root)
    listed = ", ".join(ids) or "aucun"
    if known is None:
        return problem(topic, "ce clone ne sait pas qui vous êtes dans staff.yaml (auteur par défaut des bilans, "
                       "entretiens et appels)", f"git config {STAFF_KEY} VOTRE_ID (identifiants : {listed})")
    if known not in ids:
        return problem(topic, f"« {known} » n'est pas dans staff.yaml",
                       f"git config {STAFF_KEY} VOTRE_ID (identifiants : {listed}), ou ajoutez-vous à staff.yaml")
    member = members[ids.index(known)]
    return ok(topic, member.label)


# --- the team's remote and the local cache ------------------------------------------------------
def check_remote(git: Git) -> Finding:
    topic = "dépôt distant"
    branch = git.current_branch()
    remote = (git.config(f"branch.{branch}.remote") if branch else None) or (
        "origin" if "origin" in git.run("remote", check=False).text.split() else None)
    if remote is None:
        return Finding(topic, Status.WARNING, "aucun : ce clone ne partage rien avec l'équipe",
                       "git remote add origin ADRESSE_DU_DÉPÔT, puis « aptui sync »")
    url = git.config(f"remote.{remote}.url") or remote
    try:
        git.run("ls-remote", "--heads", remote, timeout=REMOTE_TIMEOUT)
    except GitError as exc:
        return problem(topic, f"{url} : {exc.message}", "vérifiez le réseau, l'adresse (git remote -v) et vos droits")
    return ok(topic, f"{url} joignable")


def check_cache(git: Git) -> Finding:
    topic = "cache"
    from aptui.load.cache import cache_file, private_folder

    folder = cache_file(git.root).parent
    try:
        private_folder(folder)  # 0700: the cache holds the students' data
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as exc:
        return problem(topic, f"{folder} n'est pas accessible en écriture ({exc.strerror})",
                       "donnez un dossier inscriptible dans XDG_CACHE_HOME, ou corrigez les droits de ce dossier")
    root = git.root.resolve()
    if folder.resolve().is_relative_to(root) and not git.succeeds("check-ignore", "-q", str(folder)):
        return problem(topic, f"{folder} est dans le dépôt et n'est pas ignoré : il serait envoyé à l'équipe",
                       "ajoutez ce dossier à .gitignore, ou placez XDG_CACHE_HOME hors du dépôt")
    return ok(topic, str(folder))


def check_merges(git: Git) -> Finding:
    topic = "fusion"
    if git.run("ls-files", "-u", check=False).text.strip():
        return problem(topic, "une fusion est inachevée (fichiers en conflit)", "aptui sync --resolve")
    return ok(topic, "aucune fusion en cours")


CHECKS: tuple[Callable[[Git], Finding], ...] = (
    lambda git: check_driver(git, "merge.aptui.driver", "pilote de fusion"),
    lambda git: check_driver(git, "diff.aptui.textconv", "diff lisible (textconv)"),
    check_attributes,
    check_hook,
    check_identity,
    lambda git: check_staff(git.root),
    check_remote,
    check_cache,
    check_merges,
)


def diagnose(root: Path, remote: bool = True) -> list[Finding]:
    """Every check of a clone, in order; raises GitError when root is not a git repository."""
    git = Git(root)
    git.require_repo()
    if not (root / "school.yaml").is_file():
        return [problem("école", f"« {root} » n'a pas de school.yaml", "placez-vous dans le dossier de l'école")]
    return [check(git) for check in CHECKS if remote or check is not check_remote]
