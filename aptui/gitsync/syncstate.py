"""What a sync needs to know about the repository: its remote, how far apart the
two sides are, and the commits that met."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from aptui.gitsync.runner import Git, GitError


@dataclass(frozen=True, slots=True)
class Remote:
    """The remote branch the current branch syncs with."""

    name: str
    url: str
    branch: str
    tracking: str
    """The remote-tracking ref, e.g. refs/remotes/origin/main."""
    upstream_set: bool


def find_remote(git: Git) -> Remote | None:
    """The upstream of the current branch, else origin (or the only remote); None without any."""
    branch = git.current_branch()
    if branch is None:
        raise GitError("aucune branche n'est active (HEAD détachée) : revenez sur la branche de l'école, "
                       "par exemple « git switch main ».")
    name, merge = git.config(f"branch.{branch}.remote"), git.config(f"branch.{branch}.merge")
    if name and merge and name != ".":
        remote_branch, upstream_set = merge.removeprefix("refs/heads/"), True
    else:
        remotes = git.out("remote").split()
        if not remotes:
            return None
        name = "origin" if "origin" in remotes else remotes[0]
        remote_branch, upstream_set = branch, False
    url = git.config(f"remote.{name}.url") or ""
    return Remote(name, url, remote_branch, f"refs/remotes/{name}/{remote_branch}", upstream_set)


def ahead_behind(git: Git, tracking: str) -> tuple[int, int]:
    """(commits only here, commits only on the remote)."""
    left, right = git.out("rev-list", "--left-right", "--count", f"HEAD...{tracking}").split()
    return int(left), int(right)


def commit_line(git: Git, rev: str, role: str) -> str:
    """« local 1a2b3c4 (Anne Durand, 18/11/2025 : Appel du …) »."""
    text = git.run("log", "-1", "--format=%h%x1f%an%x1f%aI%x1f%s", rev, check=False).text.strip()
    fields = text.split("\x1f")
    if len(fields) < 4:
        return f"{role} {rev[:7]}"
    short, author, date, subject = fields
    when = datetime.fromisoformat(date).strftime("%d/%m/%Y")
    return f"{role} {short} ({author}, {when} : {subject})"
