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
from typing import Any

from aptui.gitsync.identity import STAFF_KEY, staff_id
from aptui.gitsync.install import HOOK_MARKER, no_edit_key
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
    command: str = ""
    """The exact command line to run (a word in capitals is to fill in: VOTRE_ADRESSE…)."""

    def text(self) -> str:
        line = f"[{self.status.value}] {self.topic} : {self.message}"
        if self.fix:
            line += f"\n    → {self.fix}"
        if self.command:
            line += f"\n      $ {self.command}"
        return line


def ok(topic: str, message: str) -> Finding:
    return Finding(topic, Status.OK, message)


def problem(topic: str, message: str, fix: str, command: str = "") -> Finding:
    return Finding(topic, Status.PROBLEM, message, fix, command)


def aptui_command() -> str:
    """How to run this aptui from a shell: « aptui » when it is the one on PATH, else its full path."""
    import sys

    beside = Path(sys.executable).parent / "aptui"
    on_path = shutil.which("aptui")
    if on_path and beside.is_file() and Path(on_path).resolve() == beside.resolve():
        return "aptui"
    if beside.is_file() and os.access(beside, os.X_OK):
        return shlex.quote(str(beside))
    return f"{shlex.quote(sys.executable)} -m aptui"


def here(git: Git) -> str:
    return shlex.quote(str(git.root.resolve()))


def install_command(git: Git) -> str:
    return f"{aptui_command()} install-git {here(git)}"


INSTALL_FIX = "réinstallez les pilotes et le hook d'aptui dans ce clone"


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
        return problem(topic, f"non configuré ({key} absent de .git/config)", INSTALL_FIX, install_command(git))
    why = program_problem(command)
    if why is not None:
        return problem(topic, why, INSTALL_FIX + " (la commande est réécrite avec l'aptui courant)",
                       install_command(git))
    return ok(topic, command)


def check_pull(git: Git) -> Finding:
    topic = "git pull"
    rebase, ff = git.config("pull.rebase"), git.config("pull.ff")
    merges = rebase in (None, "false")
    if ff == "only" and merges:
        return Finding(topic, Status.WARNING, "pull.ff only : « git pull » refusera de réunir votre travail et "
                       "celui reçu quand les deux ont avancé", "« aptui sync » les réunit, ou « git pull --no-ff »")
    if rebase is None and ff is None:
        return problem(topic, "ni pull.rebase ni pull.ff : « git pull » s'arrêtera (« Need to specify how to "
                       "reconcile divergent branches ») dès que vous et l'équipe aurez tous deux avancé",
                       INSTALL_FIX + " (« git pull » fusionnera avec le pilote d'aptui)", install_command(git))
    key = no_edit_key(git) if merges else None
    if key is not None and git.config(key) is None:
        return Finding(topic, Status.WARNING, "une fusion faite par « git pull » ouvrira un éditeur pour son "
                       "message (souvent vi : « :wq » pour en sortir)", INSTALL_FIX + " (" + key + " --no-edit)",
                       install_command(git))
    return ok(topic, "fusion" if merges else f"rebase (pull.rebase {rebase})")


def check_attributes(git: Git) -> Finding:
    topic = "attributs (.gitattributes)"
    out = git.run("check-attr", "merge", "diff", "--", "school.yaml", check=False).text
    if "merge: aptui" in out and "diff: aptui" in out:
        return ok(topic, "les fichiers .yaml utilisent merge=aptui et diff=aptui")
    return problem(topic, "les fichiers .yaml ne sont pas confiés aux pilotes d'aptui",
                   "aptui install-git réécrit .gitattributes et l'enregistre (un commit, que « aptui sync » "
                   "partage avec l'équipe)", install_command(git))


UNCHECKED = {"pre-commit": "un commit à la main n'est pas vérifié",
             "pre-merge-commit": "une fusion faite par « git pull » n'est pas vérifiée"}


def check_hook(git: Git, hook: str = "pre-commit") -> Finding:
    topic = f"hook {hook}"
    path = git.git_path(f"hooks/{hook}")
    if not path.is_file():
        return problem(topic, f"absent ({path}) : {UNCHECKED[hook]}", INSTALL_FIX, install_command(git))
    text = path.read_text(encoding="utf-8", errors="replace")
    if HOOK_MARKER not in text and "aptui" not in text:
        from aptui.gitsync.launcher import launcher_command

        line = shlex.quote(f"{launcher_command(git)} pre-commit || exit 1")
        return Finding(topic, Status.WARNING, f"un autre hook est en place ({path}) et n'appelle pas aptui",
                       "ajoutez-y la vérification d'aptui (avant un « exec » ou un « exit » final s'il y en a)",
                       f"printf '\\n%s\\n' {line} >> {shlex.quote(str(path))}")
    if not os.access(path, os.X_OK):
        return problem(topic, f"{path} n'est pas exécutable : git l'ignore", "rendez-le exécutable",
                       f"chmod +x {shlex.quote(str(path))}")
    for line in text.splitlines():
        if line.startswith("exec "):
            why = program_problem(line[len("exec "):])
            if why is not None:
                return problem(topic, why, INSTALL_FIX, install_command(git))
    return ok(topic, "installé")


# --- who uses the clone -------------------------------------------------------------------------
def check_identity(git: Git) -> Finding:
    topic = "identité git"
    author = git.author()
    if author is None:
        name, email = git.config("user.name"), git.config("user.email")
        missing = [part for part, value in (("nom", name), ("e-mail", email)) if not value]
        commands = []
        if not name:
            commands.append(f"git -C {here(git)} config user.name \"PRÉNOM NOM\"")
        if not email:
            commands.append(f"git -C {here(git)} config user.email VOTRE_ADRESSE")
        return problem(topic, f"nom ou e-mail inconnu (manque : {' et '.join(missing) or 'nom ou e-mail'}) : git "
                              "refusera les commits",
                       "donnez-les à git pour ce clone (remplacez PRÉNOM NOM et VOTRE_ADRESSE)",
                       " && ".join(commands) or f"git -C {here(git)} config user.email VOTRE_ADRESSE")
    return ok(topic, f"{author[0]} <{author[1]}>")


def check_staff(root: Path) -> Finding:
    topic = "membre de l'équipe"
    members = staff_members(root)
    ids = [m.id for m in members]
    known = staff_id(root)
    listed = ", ".join(ids) or "aucun"
    guess = _guess_staff(root, members)
    command = f"git -C {shlex.quote(str(root.resolve()))} config {STAFF_KEY} {guess or 'VOTRE_ID'}"
    said = (f"vous êtes sans doute {guess} (d'après votre identité git)" if guess
            else f"remplacez VOTRE_ID par le vôtre (identifiants : {listed})")
    if known is None:
        return problem(topic, "ce clone ne sait pas qui vous êtes dans staff.yaml (auteur par défaut des bilans, "
                       "entretiens et appels)", f"{said} ; git config {STAFF_KEY} VOTRE_ID", command)
    if known not in ids:
        return problem(topic, f"« {known} » n'est pas dans staff.yaml",
                       f"{said} ; git config {STAFF_KEY} VOTRE_ID, ou ajoutez-vous à staff.yaml "
                       "(aptui equipe)", command)
    member = members[ids.index(known)]
    return ok(topic, member.label)


def _guess_staff(root: Path, members: list[Any]) -> str | None:
    """The staff id the git identity names, when exactly one."""
    from aptui.gitsync.onboarding import matching_members

    git = Git(root)
    found = matching_members(members, git.config("user.name"), git.config("user.email"))
    return found[0].id if len(found) == 1 else None


# --- the team's remote and the local cache ------------------------------------------------------
def check_remote(git: Git) -> Finding:
    topic = "dépôt distant"
    branch = git.current_branch()
    remote = (git.config(f"branch.{branch}.remote") if branch else None) or (
        "origin" if "origin" in git.run("remote", check=False).text.split() else None)
    if remote is None:
        return Finding(topic, Status.WARNING, "aucun : ce clone ne partage rien avec l'équipe",
                       "donnez l'adresse du dépôt de l'équipe (remplacez ADRESSE_DU_DÉPÔT), puis synchronisez",
                       f"git -C {here(git)} remote add origin ADRESSE_DU_DÉPÔT && {aptui_command()} sync {here(git)}")
    url = git.config(f"remote.{remote}.url") or remote
    try:
        git.run("ls-remote", "--heads", remote, timeout=REMOTE_TIMEOUT)
    except GitError as exc:
        return problem(topic, f"{url} : {exc.message}",
                       "si l'adresse a changé, donnez la nouvelle (remplacez ADRESSE_DU_DÉPÔT) ; sinon vérifiez le "
                       f"réseau et vos droits, puis réessayez : git -C {here(git)} ls-remote {remote}",
                       f"git -C {here(git)} remote set-url {remote} ADRESSE_DU_DÉPÔT && "
                       f"git -C {here(git)} ls-remote --heads {remote}")
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
        fix, command = _cache_fix(folder)
        return problem(topic, f"{folder} n'est pas accessible en écriture ({exc.strerror})", fix, command)
    root = git.root.resolve()
    if folder.resolve().is_relative_to(root) and not git.succeeds("check-ignore", "-q", str(folder)):
        relative = folder.resolve().relative_to(root).parts[0]
        return problem(topic, f"{folder} est dans le dépôt et n'est pas ignoré : il serait envoyé à l'équipe",
                       "ignorez ce dossier dans le dépôt (ou placez XDG_CACHE_HOME hors du dépôt)",
                       f"printf '%s\\n' {shlex.quote('/' + relative + '/')} >> {shlex.quote(str(root / '.gitignore'))}")
    return ok(topic, str(folder))


def _cache_fix(folder: Path) -> tuple[str, str]:
    """What to do when the cache folder cannot be written: the variable, or the rights of a folder."""
    configured = os.environ.get("XDG_CACHE_HOME")
    if configured:
        return (f"XDG_CACHE_HOME ({configured}) ne désigne pas un dossier où vous pouvez écrire : retirez-la "
                "(aptui prend alors le cache habituel), ou donnez-en un autre", "unset XDG_CACHE_HOME")
    blocked = next((p for p in (folder, *folder.parents) if p.exists()), folder)
    if not blocked.is_dir():
        return f"{blocked} est un fichier, pas un dossier : déplacez-le", f"mv {shlex.quote(str(blocked))} " + \
            shlex.quote(str(blocked) + ".bak")
    return "rendez-vous propriétaire de ce dossier, lisible par vous seul", f"chmod 700 {shlex.quote(str(blocked))}"


def check_merges(git: Git) -> Finding:
    topic = "fusion"
    if git.run("ls-files", "-u", check=False).text.strip():
        return problem(topic, "une fusion est inachevée (fichiers en conflit)",
                       "choisissez pour chaque conflit, puis terminez la fusion",
                       f"{aptui_command()} sync {here(git)} --resolve")
    return ok(topic, "aucune fusion en cours")


CHECKS: tuple[Callable[[Git], Finding], ...] = (
    lambda git: check_driver(git, "merge.aptui.driver", "pilote de fusion"),
    lambda git: check_driver(git, "diff.aptui.textconv", "diff lisible (textconv)"),
    check_attributes,
    check_pull,
    check_hook,
    lambda git: check_hook(git, "pre-merge-commit"),
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
        return [problem("école", f"« {root} » n'a pas de school.yaml",
                        "vérifiez le clone du dossier de l'école (celui qui contient school.yaml)",
                        f"{aptui_command()} doctor DOSSIER_DE_L_ÉCOLE")]
    return [check(git) for check in CHECKS if remote or check is not check_remote]
