"""``aptui install-git``: aptui's merge and diff drivers and its pre-commit hook.

git does not clone configuration, so each clone needs this step once (as
with nbdime's ``config-git`` or mergiraf): ``.gitattributes`` (committed,
shared) says which files use the ``aptui`` drivers; ``.git/config`` (local)
says which command runs them; ``.git/hooks/pre-commit`` refuses a commit
whose staged school has errors.  Web merge buttons ignore drivers: merge in
aptui (``aptui sync``) rather than on the forge when files may conflict.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from aptui.gitsync.runner import Git
from aptui.gitsync.textconv import XFUNCNAME

ATTRIBUTES_LINE = "*.yaml merge=aptui diff=aptui"
ATTRIBUTES_BLOCK = (
    "# aptui : fusion et diff des fichiers de l'école par leur sens (aptui install-git)\n"
    f"{ATTRIBUTES_LINE}\n"
)
HOOK_MARKER = "# aptui pre-commit hook"
STAGED_DIR = "aptui-staged"


@dataclass(slots=True)
class InstallReport:
    """What install-git did, in French."""

    messages: list[str] = field(default_factory=list)
    attributes_changed: bool = False
    ok: bool = True


def aptui_command() -> str:
    """How git should run aptui: this Python, so that PATH does not matter.

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
    git.run("config", "merge.aptui.driver", f"{command} merge-driver %O %A %B %P")
    git.run("config", "diff.aptui.textconv", f"{command} textconv")
    git.run("config", "diff.aptui.xfuncname", XFUNCNAME)
    git.run("config", "diff.aptui.cachetextconv", "true")  # git log -p: each blob converted once, kept in notes


def hook_text(command: str) -> str:
    return (
        "#!/bin/sh\n"
        f"{HOOK_MARKER} (installé par « aptui install-git »)\n"
        "# Refuse un commit dont les fichiers indexés ont des erreurs ; contourner : git commit --no-verify\n"
        f"exec {command} pre-commit\n"
    )


def install_hook(git: Git, command: str) -> str:
    """Write the pre-commit hook unless another tool's hook is there; a French line saying what was done."""
    path = git.git_path("hooks/pre-commit")
    if path.is_file() and HOOK_MARKER not in path.read_text(encoding="utf-8", errors="replace"):
        return (f"Un autre hook pre-commit existe ({path}) : il est gardé. Ajoutez-y la ligne "
                f"« {command} pre-commit » pour vérifier l'école avant chaque commit.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(hook_text(command), encoding="utf-8")
    path.chmod(0o755)
    return "Hook pre-commit installé : un commit avec des erreurs dans l'école est refusé."


def install_git(root: Path, command: str | None = None, hook: bool = True, commit: bool = True,
                git: Git | None = None) -> InstallReport:
    """Install drivers, attributes and hook in a school repository."""
    git = git or Git(root)
    git.require_repo()
    command = command or aptui_command()
    report = InstallReport()
    configure_drivers(git, command)
    report.messages.append("Pilotes git installés : fusion par le sens (merge=aptui) et diff en mots du métier "
                           "(diff=aptui ; « git diff --no-textconv » montre le YAML brut).")
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
def staged_school(git: Git) -> Path:
    """The staged tree written out under .git/aptui-staged/ (a stable folder, so the parse cache helps;
    ``pre_commit_check`` removes it once checked)."""
    target = git.git_path(STAGED_DIR)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    git.run("checkout-index", "-a", "-f", f"--prefix={target}/")
    return target


def pre_commit_check(root: Path, git: Git | None = None) -> tuple[bool, str]:
    """(commit allowed, French report) for what is staged."""
    from aptui.pipeline import load_school
    from aptui.render.diagnostics import format_text

    git = git or Git(root)
    folder = staged_school(git)
    try:  # the staged copy is a full copy of the school: removed once checked (privacy)
        if not (folder / "school.yaml").is_file():
            return True, ""
        result = load_school(folder)
        if not result.errors:
            return True, ""
        text = format_text(result.errors, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    message = (f"aptui : commit refusé, l'école indexée a {len(result.errors)} erreur(s) :\n{text}\n"
               "Corrigez-les (aptui validate), ou forcez avec « git commit --no-verify ».")
    return False, message
