"""Bringing the remote's commits in: fast-forward, merge or rebase, and concluding what was left open.

Each step checks its own result before going on: a merge whose incoming
changes are not in the index or the files is aborted and done again
(:mod:`aptui.gitsync.recovery`), the paths git left unmerged are merged by
meaning from the index stages (:mod:`aptui.gitsync.stages`), and a merge is
committed only when nothing is left unresolved.  The merge commit records
the decisions taken (conflicts resolved, a deleted group against a move
into it).  After every integration the school is checked against its
parents: errors and warnings the received commits or the merge brought are
reported, with the commits that brought them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aptui.french import of
from aptui.gitsync import conflicts as cf
from aptui.gitsync import recovery
from aptui.gitsync.decisions import add_decisions, decisions_paragraph, take_decisions
from aptui.gitsync.failures import local_cause, lock_message, wait_for_lock
from aptui.gitsync.moves import MoveConflict, apply_side, find_move_conflicts, to_record
from aptui.gitsync.runner import Git, GitResult
from aptui.gitsync.stages import merge_unmerged
from aptui.gitsync.syncstate import Remote, commit_line, find_remote

if TYPE_CHECKING:
    from aptui.gitsync.sync import SyncContext, SyncReport

NO_EDITOR = {"GIT_EDITOR": "true", "GIT_SEQUENCE_EDITOR": "true"}
MAX_REBASE_STEPS = 500


def index_usable(ctx: SyncContext) -> bool:
    """No sync starts while the index is locked (a live git: wait a little; a stale lock: say so)."""
    lock = ctx.git.git_path("index.lock")
    if not lock.exists() or wait_for_lock(ctx.git.root, lock):
        return True
    ctx.report.fail("error", f"Synchronisation non commencée : {lock_message(ctx.git.root, lock)}")
    return False


def _detail(git: Git, result: GitResult) -> str:
    cause = local_cause(result.stderr, git.root, git.git_path("."))
    if cause is not None:
        return cause
    return (result.stderr.strip().splitlines() or ["erreur inconnue"])[-1]


# --- a merge or rebase left open --------------------------------------------------------------------
def settle_open_operation(ctx: SyncContext) -> bool:
    """Conclude, redo or keep waiting on a merge/rebase left open; False when the sync must stop."""
    git, report = ctx.git, ctx.report
    if git.rev("MERGE_HEAD") is None and not cf.rebase_in_progress(git):
        stale = cf.list_records(git)
        if stale:
            cf.clear_records(git)
            report.say(f"{len(stale)} conflit(s) enregistré(s) lors d'une ancienne fusion, terminée depuis : "
                       "oubliés (rien n'est réécrit).")
        take_decisions(git)
        return True
    missing = recovery.incomplete(git)
    if missing:
        report.say(recovery.abort(git))
        return True
    return finish_operation(ctx)


def finish_operation(ctx: SyncContext) -> bool:
    """Conclude a merge or rebase whose conflicts are all resolved; False if some remain."""
    git, report = ctx.git, ctx.report
    if not _all_resolved(ctx):
        return False
    if git.rev("MERGE_HEAD") is not None:
        theirs = git.out("rev-parse", "MERGE_HEAD")
        ours = git.out("rev-parse", "HEAD")
        remote = find_remote(git) or Remote("origin", "", "", "", False)
        _commit_merge(git, merge_message(git, remote, theirs, take_decisions(git)))
        report.say("Fusion terminée avec vos choix.")
        _check_merge(ctx, [ours, theirs])
        return True
    for _ in range(MAX_REBASE_STEPS):
        _record_step_decisions(git)
        result = git.run("rebase", "--continue", check=False, env=NO_EDITOR)
        if result.ok:
            break
        if "no changes" in (result.stderr + result.text).lower():
            result = git.run("rebase", "--skip", check=False, env=NO_EDITOR)  # already upstream: nothing lost
            if result.ok:
                break
        if not cf.rebase_in_progress(git) or local_cause(result.stderr, git.root, git.git_path(".")):
            report.fail("error", f"Le rebase n'a pas pu être terminé : {_detail(git, result)} (vos commits sont "
                                 "intacts : relancez aptui sync une fois le problème réglé).")
            return False
        if not _all_resolved(ctx):
            return False
    take_decisions(git)
    report.say("Rebase terminé avec vos choix.")
    return True


def _record_step_decisions(git: Git) -> None:
    """The choices made on this rebase step go into the message of the commit it replays."""
    decisions = take_decisions(git)
    message = git.git_path("rebase-merge/message")
    if not decisions or not message.is_file():
        return
    text = message.read_text(encoding="utf-8").rstrip("\n")
    message.write_text(f"{text}\n\n{decisions_paragraph(decisions)}\n\n(conflits résolus lors du rebase)\n",
                       encoding="utf-8")


def _all_resolved(ctx: SyncContext) -> bool:
    """Merge by meaning what git left unmerged; True when nothing waits for the user."""
    git, report = ctx.git, ctx.report
    outcome = merge_unmerged(git)
    add_decisions(git, outcome.notes)
    report.messages += outcome.notes
    fresh: list[cf.ConflictRecord] = []
    stale: list[cf.ConflictRecord] = []
    for record in cf.list_records(git):
        (fresh if cf.is_fresh(git, record) else stale).append(record)
    for record in stale:
        report.say(cf.drop_stale(git, record).message)
    if fresh:
        return _stopped_on_conflicts(report, fresh)
    left = cf.unmerged_paths(git)
    if left:
        report.fail("conflicts", "Fichier(s) résolu(s) à la main mais pas encore marqués : " + ", ".join(left) +
                    " — vérifiez-les, puis « git add " + " ".join(left) + " » et relancez aptui sync.")
        return False
    return True


def _stopped_on_conflicts(report: SyncReport, records: list[cf.ConflictRecord]) -> bool:
    report.conflicts = records
    report.fail("conflicts", f"{len(records)} conflit(s) : les deux côtés ont changé la même chose différemment. "
                             "Chaque conflit est montré dans son fichier entre marqueurs <<<<<<< et >>>>>>> (git "
                             "diff le montre aussi) ; choisissez avec « aptui sync --resolve » ou l'écran Conflits.")
    for record in records:
        report.say(f"  - {record.title}")
    return False


# --- integrating the remote's commits ---------------------------------------------------------------
def integrate(ctx: SyncContext, remote: Remote, ahead: int) -> bool:
    git, report = ctx.git, ctx.report
    theirs = git.out("rev-parse", remote.tracking)
    ours = git.out("rev-parse", "HEAD")
    base = git.out("merge-base", ours, theirs)
    report.received += int(git.out("rev-list", "--count", f"HEAD..{theirs}"))
    report.met = [commit_line(git, ours, "local"), commit_line(git, theirs, "distant"),
                  commit_line(git, base, "ancêtre commun")]
    if not ahead:
        result = git.run("merge", "--ff-only", "-q", theirs, check=False)
        if not result.ok:
            report.fail("error", f"La réception n'a pas pu être appliquée : {_detail(git, result)}")
            return False
        report.say(f"Reçu : {report.received} commit(s) de {remote.name}/{remote.branch} (avance rapide).")
        _check_received(ctx, ours, theirs)
        return True
    moves = find_move_conflicts(git, base, ours, theirs)
    if ctx.mode == "rebase" and not moves:
        return _rebase(ctx, theirs)
    if ctx.mode == "rebase":
        report.say("Un élève a été déplacé différemment des deux côtés : fusion plutôt que rebase.")
    return _merge(ctx, remote, theirs, base, moves)


def _merge(ctx: SyncContext, remote: Remote, theirs: str, base: str, moves: list[MoveConflict]) -> bool:
    git, report = ctx.git, ctx.report
    ours = git.out("rev-parse", "HEAD")
    result = git.run("merge", "--no-ff", "--no-commit", theirs, check=False, env={**NO_EDITOR, cf.THEIRS_ENV: theirs})
    if not result.ok and git.rev("MERGE_HEAD") is None:
        report.fail("error", f"La fusion n'a pas pu commencer ({_detail(git, result)}) ; rien n'a été modifié.")
        return False
    if git.rev("MERGE_HEAD") is None:
        report.fail("error", "La fusion n'a rien laissé à enregistrer : relancez aptui sync.")
        return False
    if recovery.missing_changes(git, base, ours, theirs):
        detail = _detail(git, result) if not result.ok else "fichiers non mis à jour"
        try:
            recovery.abort(git)
        except Exception:  # noqa: BLE001 - the next sync checks again before concluding anything
            pass
        report.fail("error", f"La fusion a échoué en cours de route : {detail}. Elle n'est pas enregistrée ; "
                             "relancez aptui sync une fois le problème réglé (rien n'est perdu).")
        return False
    for move in moves:
        touched = apply_side(git, move, "ours")
        cf.save_record(git, to_record(git, move, ours, theirs, base))
        if touched:
            unmerged = set(cf.unmerged_paths(git))
            git.run("add", "--", *[p for p in touched if p not in unmerged])
    if not _all_resolved(ctx):
        return False
    _commit_merge(git, merge_message(git, remote, theirs, take_decisions(git)))
    report.say(f"Reçu et fusionné : {report.received} commit(s) de {remote.name}/{remote.branch}.")
    _check_merge(ctx, [ours, theirs])
    return True


def _rebase(ctx: SyncContext, theirs: str) -> bool:
    git, report = ctx.git, ctx.report
    result = git.run("rebase", theirs, check=False, env=NO_EDITOR)
    if result.ok:
        report.say(f"Reçu : {report.received} commit(s) ; vos commits ont été replacés après eux (rebase).")
        return True
    if not cf.rebase_in_progress(git):
        report.fail("error", f"Le rebase n'a pas pu commencer ({_detail(git, result)}) ; rien n'a été modifié.")
        return False
    if recovery.incomplete(git):
        recovery.abort(git)
        report.fail("error", f"Le rebase a échoué en cours de route : {_detail(git, result)}. Vos commits sont "
                             "intacts ; relancez aptui sync une fois le problème réglé.")
        return False
    return finish_operation(ctx)


def _commit_merge(git: Git, message: str) -> None:
    git.run("commit", "--no-verify", "-q", "-m", message)


def merge_message(git: Git, remote: Remote, theirs: str, decisions: list[str] | None = None) -> str:
    authors = git.run("log", "--format=%an", f"HEAD..{theirs}").text.split("\n")
    names = sorted({a for a in authors if a})
    subjects = [s for s in git.run("log", "--no-merges", "--format=%s", f"HEAD..{theirs}").text.split("\n") if s]
    head = f"Synchronisation : fusion des modifications {of(', '.join(names) or remote.name)}"
    parts = [head]
    if decisions:
        parts.append(decisions_paragraph(decisions) + "\n\n(conflits résolus)")
    if subjects:
        parts.append("\n".join(f"- {s}" for s in subjects[:30]))
    return "\n\n".join(parts)


# --- what the received commits or the merge brought ---------------------------------------------------
def _check_received(ctx: SyncContext, old: str, new: str) -> None:
    """After a fast-forward: the errors the received commits brought, each with its commit."""
    from aptui.gitsync.sync import error_lines

    if not ctx.validate:
        return
    check = ctx.guard.check_range(old, new)
    if check.new_errors:
        ctx.report.new_errors = check.new_errors
        ctx.report.say(f"Attention : les commits reçus ajoutent {len(check.new_errors)} nouvelle(s) erreur(s) "
                       "à l'école (à corriger par leurs auteurs ou par vous : aptui validate) :")
        ctx.report.messages += error_lines(check, ctx.git)


def _check_merge(ctx: SyncContext, parents: list[str]) -> None:
    """After a merge: the errors and warnings the merge itself brought (neither side had them)."""
    from aptui.gitsync.sync import error_lines

    if not ctx.validate:
        return
    check = ctx.guard.check(ctx.guard.tree("HEAD") or "", parents)
    ctx.report.new_errors, ctx.report.new_warnings = check.new_errors, check.new_warnings
    if check.new_errors:
        met = " ; ".join(ctx.report.met) if ctx.report.met else "la fusion"
        ctx.report.say(f"Attention : la fusion est propre pour git mais l'école a {len(check.new_errors)} "
                       f"nouvelle(s) erreur(s) (rencontre de {met}) :")
        ctx.report.messages += error_lines(check)
    if check.new_warnings:
        ctx.report.say(f"La fusion ajoute {len(check.new_warnings)} avertissement(s) :")
        ctx.report.messages += [f"  {d.loc.path}:{d.loc.line}: {d.code} {d.message}" for d in check.new_warnings[:10]]
