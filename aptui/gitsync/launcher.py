"""How git runs aptui, and whether a clone's configuration still works.

git does not clone configuration, and a recorded command can rot: a venv
moved or recreated leaves ``merge.aptui.driver`` pointing to a Python that no
longer exists, and git then treats every school file as a conflict with
*ours* in it and no markers.  ``install-git`` therefore records a small
launcher in ``.git/`` that finds aptui again (the Python it was installed
with, else ``aptui`` on PATH, else a ``python3`` that can import it) and,
when aptui cannot be found at all, still merges with git's own line merge
and its standard markers, so that a conflict is never hidden.

``driver_problem`` says what is wrong with a clone; ``repair`` fixes it
(local configuration only: nothing is committed).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from aptui.gitsync.runner import Git

LAUNCHER = "aptui-git"
"""The launcher's name in the repository's git folder."""
DRIVER_ARGS = "merge-driver %O %A %B %P %L"
LOCAL_ATTRIBUTES = "info/attributes"
ATTRIBUTE_LINE = "*.yaml merge=aptui diff=aptui"


def module_name() -> str:
    """``aptui`` once the git commands are registered in the main parser, else their own module."""
    try:
        from aptui.cli.main import COMMANDS
    except ImportError:  # pragma: no cover - the package is broken
        return "aptui.cli.gitsetup"
    return "aptui" if "aptui.cli.gitsetup" in COMMANDS else "aptui.cli.gitsetup"


def launcher_text(python: str, module: str) -> str:
    py = shlex.quote(python)
    return f"""#!/bin/sh
# aptui : lanceur pour git (pilote de fusion, diff, hook), écrit par « aptui install-git ».
# Il retrouve aptui même si l'environnement Python d'origine a été déplacé ou recréé.
PY={py}
if [ -x "$PY" ]; then exec "$PY" -m {module} "$@"; fi
if command -v aptui >/dev/null 2>&1; then exec aptui "$@"; fi
for candidate in python3 python; do
  if command -v "$candidate" >/dev/null 2>&1 && (cd / && "$candidate" -c 'import aptui.pipeline') 2>/dev/null; then
    exec "$candidate" -m aptui "$@"
  fi
done
echo "aptui introuvable (ni $PY, ni « aptui » dans le PATH) :" \
  "réinstallez aptui, puis lancez « aptui install-git » dans ce dépôt." >&2
case "$1" in
  merge-driver)
    # sans aptui, la fusion ligne à ligne de git, avec des marqueurs de conflit visibles
    git merge-file --marker-size="${{6:-7}}" -L local -L "ancêtre commun" -L distant "$3" "$2" "$4" && exit 0
    exit 1 ;;
  textconv) exec cat "$2" ;;
  pre-commit) echo "aptui : l'école n'est pas vérifiée avant ce commit." >&2; exit 0 ;;
esac
exit 127
"""


def write_launcher(git: Git, python: str | None = None) -> Path:
    """Write (or refresh) the launcher; returns its path."""
    path = Path(os.path.abspath(git.git_path(LAUNCHER)))  # git runs it from any folder
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(launcher_text(os.path.abspath(python or sys.executable), module_name()), encoding="utf-8")
    path.chmod(0o755)
    return path


def launcher_command(git: Git) -> str:
    """The command git records: the launcher, written now."""
    return shlex.quote(str(write_launcher(git)))


# --- is the clone's configuration usable? ---------------------------------------------------------
def program_of(command: str) -> str | None:
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    return words[0] if words else None


def program_exists(program: str | None) -> bool:
    if not program:
        return False
    if os.sep in program:
        return os.path.isfile(program) and os.access(program, os.X_OK)
    return shutil.which(program) is not None


def driver_problem(git: Git) -> str | None:
    """None when git will merge school files with aptui; else what is wrong, in French."""
    command = git.config("merge.aptui.driver")
    if not command:
        return "le pilote de fusion d'aptui n'est pas configuré dans ce clone (git ne copie pas la configuration)"
    program = program_of(command)
    if not program_exists(program):
        return f"le pilote de fusion d'aptui pointe vers un programme absent ({program})"
    attribute = git.run("check-attr", "merge", "--", "school.yaml", check=False).text
    if not attribute.strip().endswith(": aptui"):
        return "les fichiers de l'école ne sont pas associés au pilote (.gitattributes sans « merge=aptui »)"
    return None


def repair(git: Git) -> str | None:
    """Make git merge school files with aptui (local configuration only); a French line, or None if
    nothing was needed."""
    problem = driver_problem(git)
    if problem is None:
        return None
    from aptui.gitsync.install import configure_drivers, configure_pull, repair_hook

    configure_drivers(git, launcher_command(git))
    configure_pull(git)  # and a plain « git pull » that merges, with no editor (as install-git does)
    attribute = git.run("check-attr", "merge", "--", "school.yaml", check=False).text
    if not attribute.strip().endswith(": aptui"):
        local = git.git_path(LOCAL_ATTRIBUTES)
        local.parent.mkdir(parents=True, exist_ok=True)
        text = local.read_text(encoding="utf-8") if local.is_file() else ""
        local.write_text(text + ("" if not text or text.endswith("\n") else "\n") + ATTRIBUTE_LINE + "\n",
                         encoding="utf-8")
    repair_hook(git)
    return (f"Réparé : {problem} ; aptui l'a configuré pour ce clone (le même effet que « aptui install-git »).")
