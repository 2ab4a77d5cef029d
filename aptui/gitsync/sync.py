"""``aptui sync``: commit what is pending, fetch, merge or rebase, re-validate, push.

Nothing is ever lost: pending edits are committed first (never stashed or
discarded), a failed fetch or push leaves the local commits in place, a
rejected push is followed by a new pull and push, and a true conflict leaves
the merge open, with markers around each conflicting entry and a record in
domain words (see :mod:`aptui.gitsync.conflicts`), until the user picks a side.

Every step checks the clone first (the merge driver's configuration is
repaired when missing or broken; a merge left open is concluded only if it
really holds the incoming changes, else it is done again) and one rule holds
for every commit and every push: no new errors (:mod:`aptui.gitsync.guard`).
Pending edits that add errors are not committed; a push that would bring the
team new errors is held back, with the errors and the commits that brought
them, unless ``force_errors`` (``--force-errors``; in the app, a confirmation
whose default is No).  The pull mode is ``git config aptui.pull
rebase|merge`` (default merge), or ``--rebase`` / ``--merge``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aptui.diagnostics import Diagnostic
from aptui.gitsync import conflicts as cf
from aptui.gitsync.commit import CommitResult, commit_all, pending_paths
from aptui.gitsync.guard import Guard, GuardReport
from aptui.gitsync.runner import Git, GitError
from aptui.gitsync.syncstate import Remote, ahead_behind, commit_line, find_remote

MAX_PUSH_ATTEMPTS = 3
SHOWN_ERRORS = 20


@dataclass(slots=True)
class SyncReport:
    """What a sync did and what the user must know, in French."""

    status: str = "ok"
    """ok | up_to_date | no_remote | unreachable | auth | conflicts | errors | error"""
    messages: list[str] = field(default_factory=list)
    committed: CommitResult | None = None
    received: int = 0
    sent: int = 0
    conflicts: list[cf.ConflictRecord] = field(default_factory=list)
    new_errors: list[Diagnostic] = field(default_factory=list)
    """Errors the sync brought (received, merged, or held back from the push)."""
    new_warnings: list[Diagnostic] = field(default_factory=list)
    met: list[str] = field(default_factory=list)
    """The commits that met in the merge (ours, theirs, their base), one line each."""
    held: bool = False
    """The push was held back because it would bring new errors (status "errors")."""

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "up_to_date")

    def say(self, message: str) -> None:
        self.messages.append(message)

    def fail(self, status: str, message: str) -> SyncReport:
        self.status = status
        self.say(message)
        return self


@dataclass(slots=True)
class SyncContext:
    """One sync's repository, options and guard."""

    git: Git
    report: SyncReport
    guard: Guard
    mode: str = "merge"
    push: bool = True
    validate: bool = True
    force_errors: bool = False


def pull_mode(git: Git, override: str | None = None) -> str:
    mode = override or git.config("aptui.pull") or "merge"
    return mode if mode in ("merge", "rebase") else "merge"


def sync(root: Path, mode: str | None = None, push: bool = True, validate: bool = True,
         git: Git | None = None, force_errors: bool = False) -> SyncReport:
    """Synchronise the school with its remote; see the module docstring."""
    from aptui.gitsync import integrate
    from aptui.gitsync.launcher import repair

    git = git or Git(root)
    report = SyncReport()
    try:
        git.require_repo()
        ctx = SyncContext(git, report, Guard(git), pull_mode(git, mode), push, validate, force_errors)
        if not integrate.index_usable(ctx):
            return report
        repaired = repair(git)
        if repaired:
            report.say(repaired)
        if not integrate.settle_open_operation(ctx):
            return report
        git.require_author()
        if not commit_pending(ctx):
            return report
        remote = find_remote(git)
        if remote is None:
            return report.fail("no_remote", "Pas de dépôt distant : vos modifications sont enregistrées ici "
                               "seulement. Pour partager l'école : git remote add origin ADRESSE, puis aptui sync.")
        return _exchange(ctx, remote)
    except GitError as exc:
        return report.fail("error", exc.message)
    finally:
        if "ctx" in locals():
            ctx.guard.save()


# --- pending edits -----------------------------------------------------------------------------
def commit_pending(ctx: SyncContext) -> bool:
    """Commit the pending edits unless they add errors; False (nothing committed) when they do."""
    from aptui.gitsync.appcommit import commit_app_edits
    from aptui.gitsync.pending import save_pending

    git, report = ctx.git, ctx.report
    done = commit_app_edits(git, ctx.guard, ctx.force_errors)
    report.messages += done.messages
    if done.refused:
        report.new_errors = done.new_errors
        report.fail("errors", done.refused)
        return False
    if done.result is not None:
        report.committed = done.result
    if not pending_paths(git):
        return True
    if ctx.validate and git.has_commits():
        check = ctx.guard.check(None, ["HEAD"], _worktree_diagnostics(git))
        if check.blocked and not ctx.force_errors:
            report.new_errors = check.new_errors
            report.fail("errors", f"Vos modifications en attente ajoutent {len(check.new_errors)} erreur(s) à "
                                  "l'école : elles restent sur le disque, sans commit, et rien n'est envoyé. "
                                  "Corrigez-les (aptui validate), ou « aptui sync --force-errors » pour les "
                                  "enregistrer et les envoyer quand même.")
            report.messages += error_lines(check)
            return False
    report.committed = commit_all(git.root, git=git)
    if report.committed:
        report.say(f"Modifications en attente enregistrées : {report.committed.subject}")
    save_pending(git, [])  # everything on disk is committed now
    return True


def _worktree_diagnostics(git: Git) -> list[Diagnostic]:
    from aptui.pipeline import NotASchool, load_school

    try:
        return load_school(git.root).diagnostics
    except NotASchool:
        return []


def error_lines(check: GuardReport, git: Git | None = None) -> list[str]:
    """« path:line: CODE message » for each new error, with the commit that brought it when known."""
    lines = []
    for diag in check.new_errors[:SHOWN_ERRORS]:
        commit = check.brought_by(diag)
        origin = f" — apportée par {commit_line(git, commit, 'le commit')}" if commit and git else ""
        lines.append(f"  {diag.loc.path}:{diag.loc.line}: {diag.code} {diag.message}{origin}")
    if len(check.new_errors) > SHOWN_ERRORS:
        lines.append(f"  … et {len(check.new_errors) - SHOWN_ERRORS} autre(s) (aptui validate).")
    return lines


# --- exchanging with the remote ------------------------------------------------------------------
def _exchange(ctx: SyncContext, remote: Remote) -> SyncReport:
    from aptui.gitsync import integrate, transport

    git, report = ctx.git, ctx.report
    for _ in range(MAX_PUSH_ATTEMPTS):
        if not transport.fetch(git, remote, report):
            return report
        if git.rev(remote.tracking) is None:
            if ctx.push and push_allowed(ctx, None):
                transport.push(git, remote, report, first=True)
            return report
        ahead, behind = ahead_behind(git, remote.tracking)
        if behind:
            if not integrate.integrate(ctx, remote, ahead):
                return report
            ahead, behind = ahead_behind(git, remote.tracking)
        if not ahead:
            if report.status == "ok" and not report.received:
                report.status = "up_to_date"
                report.say("L'école est à jour : rien à recevoir ni à envoyer.")
            return report
        if not ctx.push:
            report.say(f"{ahead} commit(s) à envoyer (aptui sync pour les envoyer).")
            return report
        if not push_allowed(ctx, remote.tracking):
            return report
        if transport.push(git, remote, report):
            return report
        if report.status != "rejected":
            return report
        report.status = "ok"
        report.say("Le dépôt distant a changé entre-temps : nouvelle réception, puis nouvel envoi.")
    return report.fail("error", "Le dépôt distant change sans cesse : réessayez dans un moment (vos commits "
                       "sont enregistrés ici).")


def push_allowed(ctx: SyncContext, tracking: str | None) -> bool:
    """No push that brings the team new errors, unless forced; the errors and their commits are said."""
    if not ctx.validate:
        return True
    git, report = ctx.git, ctx.report
    check = ctx.guard.check_range(git.rev(tracking) if tracking else None, "HEAD")
    if not check.blocked:
        return True
    report.new_errors = check.new_errors
    lines = error_lines(check, git)
    if ctx.force_errors:
        report.say(f"Envoi forcé (--force-errors) malgré {len(check.new_errors)} nouvelle(s) erreur(s) :")
        report.messages += lines
        return True
    report.held = True
    report.fail("errors", f"Envoi retenu : vos commits ajouteraient {len(check.new_errors)} erreur(s) à l'école "
                          "de l'équipe. Ils restent enregistrés ici ; corrigez (aptui validate), puis aptui sync "
                          "— ou « aptui sync --force-errors » pour envoyer quand même.")
    report.messages += lines
    return False


def resolve_all(root: Path, choice: str, git: Git | None = None) -> list[cf.ConflictRecord]:
    """Resolve every recorded conflict with the same side ("ours" or "theirs")."""
    git = git or Git(root)
    records = cf.list_records(git)
    for record in records:
        cf.resolve(git, record, choice)
    return records
