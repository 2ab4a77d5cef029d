"""``aptui sync``: commit what is pending, fetch, merge or rebase, re-validate, push.

Nothing is ever lost: pending edits are committed first (never stashed or
discarded), a failed fetch or push leaves the local commits in place, a
rejected push is followed by a new pull and push, and a true conflict leaves
the merge open with *ours* in the files and the conflicts recorded (see
:mod:`aptui.gitsync.conflicts`) until the user picks a side.

After every merge or rebase the school is validated again: a merge that git
calls clean can still break the hour budget or the group rules; the new
errors are reported with the two commits that met.  The pull mode is
``git config aptui.pull rebase|merge`` (default merge), or ``--rebase`` /
``--merge``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aptui.diagnostics import Diagnostic
from aptui.gitsync import conflicts as cf
from aptui.gitsync.changes import of
from aptui.gitsync.commit import CommitResult, commit_all
from aptui.gitsync.moves import MoveConflict, apply_side, find_move_conflicts, to_record
from aptui.gitsync.runner import Git, GitError, classify_remote_error
from aptui.gitsync.syncstate import (
    Remote,
    ahead_behind,
    commit_line,
    errors_of,
    find_remote,
    load_errors_before,
    save_errors_before,
)

MAX_PUSH_ATTEMPTS = 3
NO_EDITOR = {"GIT_EDITOR": "true", "GIT_SEQUENCE_EDITOR": "true"}


@dataclass(slots=True)
class SyncReport:
    """What a sync did and what the user must know, in French."""

    status: str = "ok"
    """ok | up_to_date | no_remote | unreachable | auth | conflicts | error"""
    messages: list[str] = field(default_factory=list)
    committed: CommitResult | None = None
    received: int = 0
    sent: int = 0
    conflicts: list[cf.ConflictRecord] = field(default_factory=list)
    new_errors: list[Diagnostic] = field(default_factory=list)
    met: list[str] = field(default_factory=list)
    """The commits that met in the merge (ours, theirs, their base), one line each."""

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "up_to_date")

    def say(self, message: str) -> None:
        self.messages.append(message)

    def fail(self, status: str, message: str) -> SyncReport:
        self.status = status
        self.say(message)
        return self


def pull_mode(git: Git, override: str | None = None) -> str:
    mode = override or git.config("aptui.pull") or "merge"
    return mode if mode in ("merge", "rebase") else "merge"


def sync(root: Path, mode: str | None = None, push: bool = True, validate: bool = True,
         git: Git | None = None) -> SyncReport:
    """Synchronise the school with its remote; see the module docstring."""
    git = git or Git(root)
    report = SyncReport()
    try:
        git.require_repo()
        if _operation_in_progress(git) and not _finish_operation(git, report):
            return report
        git.require_author()
        report.committed = commit_all(git.root, git=git)
        if report.committed:
            report.say(f"Modifications en attente enregistrées : {report.committed.subject}")
        before = errors_of(git.root) if validate else set()
        remote = find_remote(git)
        if remote is None:
            return report.fail("no_remote", "Pas de dépôt distant : vos modifications sont enregistrées ici "
                               "seulement. Pour partager l'école : git remote add origin ADRESSE, puis aptui sync.")
        return _exchange(git, remote, pull_mode(git, mode), push, before, validate, report)
    except GitError as exc:
        return report.fail("error", exc.message)


def _exchange(git: Git, remote: Remote, mode: str, push: bool, before: set[tuple[str, str, str]],
              validate: bool, report: SyncReport) -> SyncReport:
    for _ in range(MAX_PUSH_ATTEMPTS):
        if not _fetch(git, remote, report):
            return report
        if git.rev(remote.tracking) is None:
            if push:
                _push(git, remote, report, first=True)
            return report
        ahead, behind = ahead_behind(git, remote.tracking)
        if behind:
            if not _integrate(git, remote, mode, ahead, report, before):
                return report
            _revalidate(git, before, validate, report)
            ahead, behind = ahead_behind(git, remote.tracking)
        if not ahead:
            if report.status == "ok" and not report.received:
                report.status = "up_to_date"
                report.say("L'école est à jour : rien à recevoir ni à envoyer.")
            return report
        if not push:
            report.say(f"{ahead} commit(s) à envoyer (aptui sync pour les envoyer).")
            return report
        if _push(git, remote, report):
            return report
        if report.status != "rejected":
            return report
        report.status = "ok"
        report.say("Le dépôt distant a changé entre-temps : nouvelle réception, puis nouvel envoi.")
    return report.fail("error", "Le dépôt distant change sans cesse : réessayez dans un moment (vos commits "
                       "sont enregistrés ici).")


def _kept_locally(git: Git, remote: Remote) -> str:
    ahead = ahead_behind(git, remote.tracking)[0] if git.rev(remote.tracking) else None
    count = f"vos {ahead} commit(s) non envoyés restent" if ahead else "vos modifications restent"
    return f"{count} enregistrés ici, rien n'est perdu ; relancez « aptui sync » plus tard."


def _fetch(git: Git, remote: Remote, report: SyncReport) -> bool:
    result = git.run("fetch", "--prune", remote.name, check=False)
    if result.ok:
        return True
    kind = classify_remote_error(result.stderr)
    if kind == "auth":
        report.fail("auth", f"Le dépôt distant « {remote.name} » refuse l'accès (identifiant, mot de passe ou "
                            f"clé SSH) : vérifiez vos droits. {_kept_locally(git, remote)}")
    else:
        report.fail("unreachable", f"Le dépôt distant « {remote.name} » ({remote.url}) est injoignable "
                                   f"(réseau, adresse ou serveur) : {_kept_locally(git, remote)}")
    return False


def _push(git: Git, remote: Remote, report: SyncReport, first: bool = False) -> bool:
    """True when pushed (or nothing to do); False with report.status set otherwise."""
    args = ["push", "--porcelain"] + (["-u"] if first or not remote.upstream_set else [])
    before = git.rev(remote.tracking)
    count = int(git.out("rev-list", "--count", "HEAD" if before is None else f"{remote.tracking}..HEAD"))
    result = git.run(*args, remote.name, f"HEAD:refs/heads/{remote.branch}", check=False)
    if result.ok:
        report.sent += count
        report.say(f"Envoyé : {count} commit(s) vers {remote.name}/{remote.branch}.")
        return True
    kind = classify_remote_error(result.stderr + result.text)
    if kind == "rejected":
        report.status = "rejected"
        return False
    if kind == "auth":
        report.fail("auth", f"Le dépôt distant refuse l'envoi (droits insuffisants ?) : {_kept_locally(git, remote)}")
    elif kind == "unreachable":
        report.fail("unreachable", f"Le dépôt distant est injoignable pour l'envoi : {_kept_locally(git, remote)}")
    else:
        detail = (result.stderr.strip().splitlines() or ["erreur inconnue"])[-1]
        report.fail("error", f"L'envoi a échoué ({detail}) : {_kept_locally(git, remote)}")
    return False


# --- integrating the remote's commits ---------------------------------------------------------
def _integrate(git: Git, remote: Remote, mode: str, ahead: int, report: SyncReport,
               before: set[tuple[str, str, str]]) -> bool:
    theirs = git.out("rev-parse", remote.tracking)
    ours = git.out("rev-parse", "HEAD")
    base = git.out("merge-base", ours, theirs)
    report.received += int(git.out("rev-list", "--count", f"HEAD..{theirs}"))
    report.met = [commit_line(git, ours, "local"), commit_line(git, theirs, "distant"),
                  commit_line(git, base, "ancêtre commun")]
    if not ahead:
        git.run("merge", "--ff-only", "-q", theirs)
        report.say(f"Reçu : {report.received} commit(s) de {remote.name}/{remote.branch} (avance rapide).")
        return True
    moves = find_move_conflicts(git, base, ours, theirs)
    if mode == "rebase" and not moves:
        return _rebase(git, theirs, report, before)
    if mode == "rebase":
        report.say("Un élève a été déplacé différemment des deux côtés : fusion plutôt que rebase.")
    return _merge(git, remote, theirs, moves, report, before)


def _merge(git: Git, remote: Remote, theirs: str, moves: list[MoveConflict], report: SyncReport,
           before: set[tuple[str, str, str]]) -> bool:
    ours = git.out("rev-parse", "HEAD")
    env = {**NO_EDITOR, cf.THEIRS_ENV: theirs}
    result = git.run("merge", "--no-ff", "--no-commit", theirs, check=False, env=env)
    if not result.ok and git.rev("MERGE_HEAD") is None:
        detail = (result.stderr.strip().splitlines() or ["erreur inconnue"])[-1]
        report.fail("error", f"La fusion n'a pas pu commencer ({detail}) ; rien n'a été modifié.")
        return False
    for move in moves:
        touched = apply_side(git, move, "ours")
        cf.save_record(git, to_record(git, move, ours, theirs))
        if touched:
            git.run("add", "--", *[p for p in touched if p not in cf.unmerged_paths(git)])
    cf.record_unmerged(git)
    records = cf.list_records(git)
    if records:
        save_errors_before(git, before)
        return _stopped_on_conflicts(git, records, report)
    git.run("commit", "--no-verify", "-q", "-m", merge_message(git, remote, theirs))
    report.say(f"Reçu et fusionné : {report.received} commit(s) de {remote.name}/{remote.branch}.")
    return True


def _rebase(git: Git, theirs: str, report: SyncReport, before: set[tuple[str, str, str]]) -> bool:
    result = git.run("rebase", theirs, check=False, env=NO_EDITOR)
    if result.ok:
        report.say(f"Reçu : {report.received} commit(s) ; vos commits ont été replacés après eux (rebase).")
        return True
    if not cf.rebase_in_progress(git):
        detail = (result.stderr.strip().splitlines() or ["erreur inconnue"])[-1]
        report.fail("error", f"Le rebase n'a pas pu commencer ({detail}) ; rien n'a été modifié.")
        return False
    cf.record_unmerged(git)
    save_errors_before(git, before)
    return _stopped_on_conflicts(git, cf.list_records(git), report)


def _stopped_on_conflicts(git: Git, records: list[cf.ConflictRecord], report: SyncReport) -> bool:
    report.conflicts = records
    report.fail("conflicts", f"{len(records)} conflit(s) : les deux côtés ont changé la même chose "
                             "différemment. Vos fichiers gardent votre version (sans marqueurs de conflit) ; "
                             "choisissez pour chacun avec « aptui sync --resolve » ou l'écran Conflits.")
    for record in records:
        report.say(f"  - {record.title}")
    return False


def merge_message(git: Git, remote: Remote, theirs: str) -> str:
    authors = git.run("log", "--format=%an", f"HEAD..{theirs}").text.split("\n")
    names = sorted({a for a in authors if a})
    subjects = [s for s in git.run("log", "--format=%s", f"HEAD..{theirs}").text.split("\n") if s]
    head = f"Synchronisation : fusion des modifications {of(', '.join(names) or remote.name)}"
    body = "\n".join(f"- {s}" for s in subjects[:30])
    return head + ("\n\n" + body if body else "")


# --- merge or rebase left open ---------------------------------------------------------------
def _operation_in_progress(git: Git) -> bool:
    return git.rev("MERGE_HEAD") is not None or cf.rebase_in_progress(git)


def _finish_operation(git: Git, report: SyncReport) -> bool:
    """Conclude a merge or rebase whose conflicts are all resolved; False if some remain."""
    cf.record_unmerged(git)
    records = cf.list_records(git)
    if records:
        return _stopped_on_conflicts(git, records, report)
    if git.rev("MERGE_HEAD") is not None:
        theirs = git.out("rev-parse", "MERGE_HEAD")
        remote = find_remote(git) or Remote("origin", "", "", "", False)
        git.run("commit", "--no-verify", "-q", "-m", merge_message(git, remote, theirs) + "\n\n(conflits résolus)")
        report.say("Fusion terminée avec vos choix.")
    else:
        result = git.run("rebase", "--continue", check=False, env=NO_EDITOR)
        if not result.ok and cf.rebase_in_progress(git):
            cf.record_unmerged(git)
            return _stopped_on_conflicts(git, cf.list_records(git), report)
        report.say("Rebase terminé avec vos choix.")
    before = load_errors_before(git)
    if before is not None:
        _revalidate(git, before, True, report)
    return True


def _revalidate(git: Git, before: set[tuple[str, str, str]], validate: bool, report: SyncReport) -> None:
    if not validate:
        return
    from aptui.pipeline import load_school

    try:
        result = load_school(git.root)
    except Exception as exc:  # noqa: BLE001 - a broken school must not hide the sync's outcome
        report.say(f"Attention : l'école ne se charge plus après la fusion ({exc}) : lancez « aptui validate ».")
        return
    new = [d for d in result.errors if (d.code, d.loc.path, d.message) not in before]
    report.new_errors = new
    if new:
        met = " ; ".join(report.met) if report.met else "la fusion"
        report.say(f"Attention : la fusion est propre pour git mais l'école a {len(new)} nouvelle(s) erreur(s) "
                    f"(rencontre de {met}) :")
        report.messages += [f"  {d.loc.path}:{d.loc.line}: {d.code} {d.message}" for d in new]


def resolve_all(root: Path, choice: str, git: Git | None = None) -> list[cf.ConflictRecord]:
    """Resolve every recorded conflict with the same side ("ours" or "theirs")."""
    git = git or Git(root)
    records = cf.list_records(git)
    for record in records:
        cf.resolve(git, record, choice)
    return records
