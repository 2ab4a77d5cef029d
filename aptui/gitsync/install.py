"""``aptui install-git``: aptui's merge and diff drivers and its pre-commit hook.

git does not clone configuration, so each clone needs this step once (as
with nbdime's ``config-git`` or mergiraf): ``.gitattributes`` (committed,
shared) says which files use the ``aptui`` drivers; ``.git/config`` (local)
says which command runs them (a launcher in ``.git/`` that finds aptui even
after its venv moved: :mod:`aptui.gitsync.launcher`); ``.git/hooks/pre-commit``
(and ``pre-merge-commit``, for the merge a plain ``git pull`` commits) refuses a commit that adds
errors to the school (:mod:`aptui.gitsync.guard`).  Web merge buttons ignore drivers: merge in
aptui (``aptui sync``) rather than on the forge when files may conflict.
"""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

from aptui.gitsync.launcher import DRIVER_ARGS, launcher_command, program_exists, program_of
from aptui.gitsync.runner import Git
from aptui.gitsync.textconv import XFUNCNAME

ATTRIBUTES_LINE = "*.yaml merge=aptui diff=aptui"
ATTRIBUTES_BLOCK = (
    "# aptui : fusion et diff des fichiers de l'école par leur sens (aptui install-git)\n"
    f"{ATTRIBUTES_LINE}\n"
)
HOOK_MARKER = "# aptui pre-commit hook"


@dataclass(slots=True)
class InstallReport:
    """What install-git did, in French."""

    messages: list[str] = field(default_factory=list)
    attributes_changed: bool = False
    ok: bool = True


def aptui_command() -> str:
    """This Python running aptui (``install-git --command`` may give another command; by default
    git runs the launcher, see ``launcher.launcher_command``).

    ``-m aptui`` once the git commands are registered in the main parser,
    else their own module (which parses the same commands).
    """
    python = shlex.quote(os.path.abspath(sys.executable))
    try:
        from aptui.cli.main import COMMANDS
    except ImportError:  # pragma: no cover - the package is broken
        COMMANDS = ()
    registered = "aptui.cli.gitsetup" in COMMANDS
    return f"{python} -m {'aptui' if registered else 'aptui.cli.gitsetup'}"


def write_attributes(root: Path) -> bool:
    """Add the aptui line to .gitattributes; True when the file changed."""
    path = root / ".gitattributes"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if any(line.strip() == ATTRIBUTES_LINE for line in text.splitlines()):
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + ATTRIBUTES_BLOCK, encoding="utf-8")
    return True


def configure_drivers(git: Git, command: str) -> None:
    git.run("config", "merge.aptui.name", "aptui : fusion des fichiers de l'école (élèves, appel, bilans)")
    git.run("config", "merge.aptui.driver", f"{command} {DRIVER_ARGS}")
    git.run("config", "diff.aptui.textconv", f"{command} textconv")
    git.run("config", "diff.aptui.xfuncname", XFUNCNAME)
    git.run("config", "diff.aptui.cachetextconv", "true")  # git log -p: each blob converted once, kept in notes


def configure_pull(git: Git) -> str | None:
    """Make a plain « git pull » merge when the teacher's git has no say (pull.rebase and pull.ff unset):
    since git 2.27 such a pull stops on diverged branches (« Need to specify how to reconcile divergent
    branches »), an English dead end for a teacher who knows little git.  Merging lets the aptui merge
    driver join both sides' marks; a rebase, chosen by the user, is kept (it uses the driver too).  And the
    merge commits without opening an editor, unless the branch's merge options say otherwise.
    The French message to show when the clone's config was changed, else None."""
    said = []
    if git.config("pull.rebase") is None and git.config("pull.ff") is None:
        git.run("config", "pull.rebase", "false")
        said.append("« git pull » fusionne le travail reçu avec le vôtre (pull.rebase false dans ce clone).")
    key = no_edit_key(git)
    if key is not None and git.config(key) is None:
        # a merge git commits itself opens an editor on its message (vi, by default, for many): a dead end
        # for a teacher; the message git writes says what was merged (the hooks check the result)
        git.run("config", key, "--no-edit")
        said.append("Une fusion faite par « git pull » n'ouvre pas d'éditeur pour son message (" + key + " --no-edit).")
    return " ".join(said) if said else None


def no_edit_key(git: Git) -> str | None:
    """``branch.<current>.mergeOptions``: git merge's default options for the school's branch (None detached)."""
    branch = git.run("symbolic-ref", "-q", "--short", "HEAD", check=False).text.strip()
    return f"branch.{branch}.mergeOptions" if branch else None


HOOKS = ("pre-commit", "pre-merge-commit")
"""git runs pre-commit before a commit, pre-merge-commit before the commit of a merge it made itself (a plain
« git pull » that merged without conflict): both run the same check of the school about to be committed."""
HOOK_PURPOSE = {
    "pre-commit": "Refuse un commit qui ajoute des erreurs à l'école ; contourner : git commit --no-verify",
    "pre-merge-commit": "Refuse une fusion (git pull, git merge) qui ajoute des erreurs à l'école ; "
                        "contourner : git commit --no-verify",
}


def hook_text(command: str, hook: str = "pre-commit") -> str:
    return (
        "#!/bin/sh\n"
        f"{HOOK_MARKER} (installé par « aptui install-git »)\n"
        f"# {HOOK_PURPOSE[hook]}\n"
        f"exec {command} pre-commit\n"
    )


def install_hook(git: Git, command: str) -> str:
    """Write the hooks unless another tool's hook is there; French lines saying what was done."""
    said = []
    for hook in HOOKS:
        path = git.git_path(f"hooks/{hook}")
        if path.is_file() and HOOK_MARKER not in path.read_text(encoding="utf-8", errors="replace"):
            said.append(f"Un autre hook {hook} existe ({path}) : il est gardé. Ajoutez-y la ligne "
                        f"« {command} pre-commit » pour vérifier l'école avant chaque "
                        + ("commit." if hook == "pre-commit" else "fusion faite par git pull ou git merge."))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(hook_text(command, hook), encoding="utf-8")
        path.chmod(0o755)
    if len(said) < len(HOOKS):
        said.insert(0, "Hooks pre-commit et pre-merge-commit installés : un commit, ou une fusion faite par "
                       "« git pull », qui ajoute des erreurs à l'école est refusé.")
    return "\n".join(said)


def repair_hook(git: Git) -> None:
    """Point aptui's own hooks at the launcher when the program they run is gone, and add the pre-merge-commit
    hook to a clone set up before it existed (its pre-commit hook is aptui's)."""
    path = git.git_path("hooks/pre-commit")
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8", errors="replace")
    line = next((ln for ln in text.splitlines() if ln.startswith("exec ")), "")
    if HOOK_MARKER not in text:
        return
    if not program_exists(program_of(line.removeprefix("exec "))):
        install_hook(git, launcher_command(git))
    elif not git.git_path("hooks/pre-merge-commit").exists():
        install_hook(git, line.removeprefix("exec ").removesuffix(" pre-commit"))


def install_git(root: Path, command: str | None = None, hook: bool = True, commit: bool = True,
                git: Git | None = None) -> InstallReport:
    """Install drivers, attributes and hook in a school repository."""
    git = git or Git(root)
    git.require_repo()
    command = command or launcher_command(git)
    report = InstallReport()
    configure_drivers(git, command)
    report.messages.append("Pilotes git installés : fusion par le sens (merge=aptui) et diff en mots du métier "
                           "(diff=aptui ; « git diff --no-textconv » montre le YAML brut).")
    pull = configure_pull(git)
    if pull is not None:
        report.messages.append(pull)
    report.attributes_changed = write_attributes(git.root)
    if report.attributes_changed:
        report.messages.append(".gitattributes : ligne « *.yaml merge=aptui diff=aptui » ajoutée.")
        if commit and git.has_commits() and git.author() is not None:
            from aptui.gitsync.commit import commit_paths

            commit_paths(git.root, [".gitattributes"], "Pilotes git d'aptui pour les fichiers de l'école", git)
            report.messages.append(".gitattributes enregistré (commit) : les autres clones en profiteront.")
    if hook:
        report.messages.append(install_hook(git, command))
    return report


# --- the pre-commit check --------------------------------------------------------------------
def pre_commit_check(root: Path, git: Git | None = None) -> tuple[bool, str]:
    """(commit allowed, French report) for what is staged: see ``aptui.gitsync.precommit``."""
    from aptui.gitsync.precommit import check_staged

    return check_staged(git or Git(root))
