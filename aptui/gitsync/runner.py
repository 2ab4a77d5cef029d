"""A small git runner: ``git -C root ...`` as subprocesses, with French errors.

Every command run is recorded in a :class:`CommandLog` (lazygit's ``@`` log:
the exact command line, its exit status, its duration), kept in memory so
the TUI can show what aptui did to the repository.

Git runs with ``LC_ALL=C`` so its messages can be recognised (they are
translated into French by aptui, never shown raw as the only explanation),
and with ``GIT_TERMINAL_PROMPT=0`` unless the caller is interactive, so that
a password prompt can never freeze the TUI.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

GIT = "git"
# Options given to every command: paths unquoted (accents), no pager, no colour.
BASE_OPTIONS: tuple[str, ...] = ("-c", "core.quotepath=false", "-c", "color.ui=false")


@dataclass(frozen=True, slots=True)
class CommandRecord:
    """One git command as it was run."""

    args: tuple[str, ...]
    """The arguments after ``git -C ROOT`` (what a person would type)."""
    cwd: str
    """The repository the command ran in."""
    returncode: int
    """Exit status (-1 while a long-running process is still open)."""
    seconds: float
    """Wall-clock duration."""
    started: datetime
    """When the command started."""
    stderr_tail: str = ""
    """The last lines git wrote on its error output (for the log view)."""

    @property
    def command_line(self) -> str:
        return "git " + " ".join(shlex.quote(arg) for arg in self.args)


class CommandLog:
    """The recent git commands run by aptui, oldest first (thread-safe)."""

    def __init__(self, limit: int = 500) -> None:
        self._records: deque[CommandRecord] = deque(maxlen=limit)
        self._lock = threading.Lock()

    def add(self, record: CommandRecord) -> None:
        with self._lock:
            self._records.append(record)

    def records(self) -> list[CommandRecord]:
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        with self._lock:
            self._records.clear()


COMMAND_LOG = CommandLog()
"""The process-wide log shown by the TUI (``@``)."""


@dataclass(frozen=True, slots=True)
class GitResult:
    """The outcome of one git command."""

    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8", errors="replace")


class GitError(Exception):
    """A git command failed; ``message`` is French and says what to do."""

    def __init__(self, message: str, result: GitResult | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.result = result

    @property
    def git_output(self) -> str:
        return self.result.stderr.strip() if self.result else ""


class NotARepository(GitError):
    """The folder is not inside a git repository."""


class AuthorMissing(GitError):
    """git does not know who the author of a commit is."""


AUTHOR_HELP = (
    "git ne sait pas qui vous êtes : chaque modification de l'école est signée par son auteur. "
    "Tapez une fois, dans un terminal :\n"
    '    git config --global user.name "Prénom Nom"\n'
    '    git config --global user.email "prenom.nom@ac-academie.fr"\n'
    "puis recommencez."
)


class Git:
    """Runs git in one repository and records every command."""

    def __init__(self, root: Path | str, log: CommandLog | None = None, interactive: bool = False) -> None:
        # absolute: paths handed to git (GIT_INDEX_FILE, --prefix) are resolved from ``-C root``
        self.root = Path(root).absolute()
        self.log = log if log is not None else COMMAND_LOG
        self.interactive = interactive

    # -- running ------------------------------------------------------------------
    def env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        env = dict(os.environ)
        env["LC_ALL"] = "C"
        env["LANGUAGE"] = "C"
        env.pop("GIT_DIR", None)  # a hook's or driver's GIT_DIR must not leak into -C
        env.pop("GIT_WORK_TREE", None)
        env.pop("GIT_INDEX_FILE", None)
        if not self.interactive:
            env["GIT_TERMINAL_PROMPT"] = "0"
            env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
        if extra:
            env.update(extra)
        return env

    def argv(self, args: Sequence[str]) -> list[str]:
        return [GIT, "-C", str(self.root), *BASE_OPTIONS, *args]

    def run(
        self,
        *args: str,
        check: bool = True,
        input: bytes | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> GitResult:
        """Run one command; raise GitError (French) on failure when check is true."""
        started = datetime.now()
        clock = time.perf_counter()
        try:
            proc = subprocess.run(
                self.argv(args), input=input, capture_output=True, env=self.env(env),
                timeout=timeout, stdin=None if input is not None else subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise GitError("git n'est pas installé (commande « git » introuvable) : installez git.") from None
        except subprocess.TimeoutExpired:
            self._record(args, -1, time.perf_counter() - clock, started, "délai dépassé")
            raise GitError(f"git {args[0]} ne répond pas (délai de {timeout:.0f} s dépassé).") from None
        stderr = proc.stderr.decode("utf-8", errors="replace")
        self._record(args, proc.returncode, time.perf_counter() - clock, started, stderr)
        result = GitResult(tuple(args), proc.returncode, proc.stdout, stderr)
        if check and not result.ok:
            raise failure(result, self.root)
        return result

    def popen(self, *args: str) -> subprocess.Popen[bytes]:
        """Start a long-lived process (``cat-file --batch``); the caller closes it."""
        self._record(args, -1, 0.0, datetime.now(), "")
        return subprocess.Popen(
            self.argv(args), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=self.env(),
        )

    def _record(self, args: Sequence[str], code: int, seconds: float, started: datetime, stderr: str) -> None:
        tail = "\n".join(stderr.strip().splitlines()[-3:])
        self.log.add(CommandRecord(tuple(args), str(self.root), code, seconds, started, tail))

    # -- small queries -----------------------------------------------------------
    def out(self, *args: str) -> str:
        """The standard output of a command that must succeed, stripped."""
        return self.run(*args).text.strip()

    def succeeds(self, *args: str) -> bool:
        return self.run(*args, check=False).ok

    def config(self, key: str) -> str | None:
        result = self.run("config", "--get", key, check=False)
        value = result.text.strip()
        return value if result.ok and value else None

    def is_repo(self) -> bool:
        return self.root.is_dir() and self.succeeds("rev-parse", "--git-dir")

    def require_repo(self) -> None:
        if not self.is_repo():
            raise NotARepository(
                f"« {self.root} » n'est pas un dépôt git : créez-le avec « git init » "
                "(ou « aptui init »), ou placez-vous dans le dossier de l'école."
            )

    def git_path(self, name: str) -> Path:
        """A path inside .git (``git rev-parse --git-path``), absolute."""
        path = Path(self.out("rev-parse", "--git-path", name))
        return path if path.is_absolute() else self.root / path

    def toplevel(self) -> Path:
        return Path(self.out("rev-parse", "--show-toplevel"))

    def rev(self, spec: str) -> str | None:
        """The full commit id of a revision, or None if it does not exist."""
        result = self.run("rev-parse", "-q", "--verify", f"{spec}^{{commit}}", check=False)
        return result.text.strip() if result.ok else None

    def has_commits(self) -> bool:
        return self.rev("HEAD") is not None

    def current_branch(self) -> str | None:
        result = self.run("symbolic-ref", "-q", "--short", "HEAD", check=False)
        return result.text.strip() if result.ok else None

    # -- author ----------------------------------------------------------------------
    def author(self) -> tuple[str, str] | None:
        """(name, email) git will sign commits with, or None when unknown."""
        name = os.environ.get("GIT_AUTHOR_NAME") or self.config("user.name")
        email = os.environ.get("GIT_AUTHOR_EMAIL") or self.config("user.email")
        return (name, email) if name and email else None

    def require_author(self) -> tuple[str, str]:
        author = self.author()
        if author is None:
            raise AuthorMissing(AUTHOR_HELP)
        return author


# --- French explanations of git failures -----------------------------------------------
UNREACHABLE_HINTS = (
    "could not resolve host", "connection refused", "connection timed out", "network is unreachable",
    "does not appear to be a git repository", "could not read from remote repository",
    "unable to access", "no route to host", "failed to connect", "operation timed out",
    "repository not found", "no such file or directory",
)
AUTH_HINTS = (
    "authentication failed", "permission denied", "returned error: 403", "returned error: 401", "could not read username",
    "could not read password", "terminal prompts disabled", "host key verification failed",
    "invalid username or password", "access denied",
)
REJECTED_HINTS = ("[rejected]", "non-fast-forward", "fetch first", "cannot lock ref", "but expected",
                  "failed to update ref")
"""The remote branch moved (before or during the push): receive, then push again."""


def classify_remote_error(stderr: str) -> str | None:
    """"auth", "unreachable", "rejected" or None for a failed fetch or push."""
    lowered = stderr.lower()
    if any(hint in lowered for hint in REJECTED_HINTS):
        return "rejected"
    if any(hint in lowered for hint in AUTH_HINTS):
        return "auth"
    if any(hint in lowered for hint in UNREACHABLE_HINTS):
        return "unreachable"
    return None


def failure(result: GitResult, root: Path) -> GitError:
    """The French error for a failed command, with git's own words attached."""
    stderr = result.stderr.lower()
    command = result.args[0] if result.args else "git"
    if "not a git repository" in stderr:
        return NotARepository(f"« {root} » n'est pas un dépôt git (git init, ou le bon dossier).", result)
    if "please tell me who you are" in stderr or "unable to auto-detect email" in stderr:
        return AuthorMissing(AUTHOR_HELP, result)
    if command not in ("fetch", "push", "pull", "ls-remote"):
        from aptui.gitsync.failures import local_cause  # a full disk, a permission, a lock

        cause = local_cause(result.stderr, root, _git_dir(root))
        if cause is not None:
            return GitError(f"« git {command} » : {cause}", result)
    kind = classify_remote_error(result.stderr) if command in ("fetch", "push", "pull", "ls-remote") else None
    if kind == "auth":
        return GitError("le dépôt distant a refusé l'accès (identifiant, mot de passe ou clé SSH) : "
                        "vérifiez vos droits sur le dépôt de l'école.", result)
    if kind == "unreachable":
        return GitError("le dépôt distant est injoignable (réseau coupé, adresse erronée ou serveur "
                        "arrêté) : réessayez plus tard.", result)
    detail = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"code {result.returncode}"
    return GitError(f"la commande « git {command} » a échoué : {detail}", result)


def _git_dir(root: Path) -> Path | None:
    """The repository's git folder, without running git (a full disk must not hide the cause)."""
    for folder in (root, *root.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            text = dot.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                target = Path(text.removeprefix("gitdir:").strip())
                return target if target.is_absolute() else folder / target
        if (folder / "HEAD").is_file() and (folder / "objects").is_dir():
            return folder
    return None
