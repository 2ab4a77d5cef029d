"""Talking to the remote: fetch and push, with French messages that say what is kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aptui.gitsync.runner import Git, classify_remote_error
from aptui.gitsync.syncstate import Remote, ahead_behind

if TYPE_CHECKING:
    from aptui.gitsync.sync import SyncReport


def kept_locally(git: Git, remote: Remote) -> str:
    ahead = ahead_behind(git, remote.tracking)[0] if git.rev(remote.tracking) else None
    count = f"vos {ahead} commit(s) non envoyés restent" if ahead else "vos modifications restent"
    return f"{count} enregistrés ici, rien n'est perdu ; relancez « aptui sync » plus tard."


def fetch(git: Git, remote: Remote, report: SyncReport) -> bool:
    result = git.run("fetch", "--prune", remote.name, check=False)
    if result.ok:
        return True
    kind = classify_remote_error(result.stderr)
    if kind == "auth":
        report.fail("auth", f"Le dépôt distant « {remote.name} » refuse l'accès (identifiant, mot de passe ou "
                            f"clé SSH) : vérifiez vos droits. {kept_locally(git, remote)}")
    else:
        from aptui.gitsync.failures import local_cause

        cause = local_cause(result.stderr, git.root)
        if cause is not None:
            report.fail("error", f"La réception a échoué : {cause}")
        else:
            report.fail("unreachable", f"Le dépôt distant « {remote.name} » ({remote.url}) est injoignable "
                                       f"(réseau, adresse ou serveur) : {kept_locally(git, remote)}")
    return False


def push(git: Git, remote: Remote, report: SyncReport, first: bool = False) -> bool:
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
        report.fail("auth", f"Le dépôt distant refuse l'envoi (droits insuffisants ?) : {kept_locally(git, remote)}")
    elif kind == "unreachable":
        report.fail("unreachable", f"Le dépôt distant est injoignable pour l'envoi : {kept_locally(git, remote)}")
    else:
        detail = (result.stderr.strip().splitlines() or ["erreur inconnue"])[-1]
        report.fail("error", f"L'envoi a échoué ({detail}) : {kept_locally(git, remote)}")
    return False
