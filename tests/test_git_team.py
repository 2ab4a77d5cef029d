"""A team as it really works: plain git beside aptui, clones without the driver or with a broken one,
stale locks, broken edits, a group deleted while a colleague moves a student into it.

Real git everywhere: a bare remote and clones in tmp_path; hooks and drivers run as git runs them.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from test_git_support import (
    ANNE,
    BRUNO,
    YEAR,
    add_interview,
    clone,
    commit,
    git,
    group_file,
    make_remote,
    members,
    move_student,
    no_global_git_config,
    remote_file,
    set_author,
    set_mark,
    take_attendance,
)
from test_git_sync import conflict_blocks

from aptui.cli import sync as sync_cli
from aptui.gitsync import conflicts as cf
from aptui.gitsync.runner import Git
from aptui.gitsync.sync import sync
from aptui.pipeline import load_school

SESSIONS = f"{YEAR}/sessions/P2/G-METHODO.yaml"
CHARLOTTE = ("Charlotte Morel", "charlotte.morel@example.org")


def plain_clone(bare: Path, dest: Path, author: tuple[str, str]) -> Path:
    """A fresh clone, as a teacher gets it with git alone: no driver, no hook."""
    git(bare.parent, "clone", "-q", str(bare), str(dest))
    set_author(dest, author)
    return dest


def pull(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(repo), "-c", "pull.rebase=false", "pull", "-q", "origin", "main"],
                          capture_output=True, text=True)


def hand_commit(repo: Path, message: str) -> subprocess.CompletedProcess[str]:
    """git add -A + git commit, hooks included."""
    git(repo, "add", "-A")
    return subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], capture_output=True, text=True)


def read(repo: Path, path: str = SESSIONS) -> str:
    return (repo / path).read_text(encoding="utf-8")


@pytest.fixture()
def bare(tmp_path: Path) -> Path:
    return make_remote(tmp_path)


# --- a true conflict seen by plain git ----------------------------------------------------------
def _true_conflict(bare: Path, tmp_path: Path) -> tuple[Path, Path]:
    anne, bruno = clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)
    set_mark(anne, "G-METHODO", "2025-12-09", "e07", "excuse")
    commit(anne, "Maëlle excusée le 09/12")
    git(anne, "push", "-q")
    set_mark(bruno, "G-METHODO", "2025-12-09", "e07", "retard")
    set_mark(bruno, "G-METHODO", "2025-12-09", "e03", "present")  # another mark: merges cleanly
    commit(bruno, "Appel du 09/12 corrigé")
    assert pull(bruno).returncode != 0
    return anne, bruno


def _diverged(bare: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Bruno's clone, one commit of his own behind one Anne pushed (other marks): a pull must merge."""
    no_global_git_config(tmp_path, monkeypatch)
    anne, bruno = clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)
    set_mark(anne, "G-METHODO", "2025-12-09", "e07", "excuse")
    commit(anne, "Maëlle excusée le 09/12")
    git(anne, "push", "-q")
    set_mark(bruno, "G-METHODO", "2025-12-09", "e03", "retard")
    commit(bruno, "Inès en retard le 09/12")
    return bruno


def test_a_bare_git_pull_in_a_clone_aptui_set_up_merges_both_teachers_marks(
        bare: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """« git pull », with no option and no pull.rebase in the teacher's own git config: since git 2.27 it stops
    on diverged branches unless the clone says how to reconcile them; install_git says « merge »."""
    bruno = _diverged(bare, tmp_path, monkeypatch)
    pulled = subprocess.run(["git", "-C", str(bruno), "pull", "-q"], capture_output=True, text=True)
    assert pulled.returncode == 0, pulled.stderr
    text = read(bruno)
    assert "      e03: retard" in text and "      e07: excuse" in text
    assert not git(bruno, "status", "--porcelain").strip()
    assert git(bruno, "config", "branch.main.mergeOptions").strip() == "--no-edit"  # no editor opens on a tty


def test_a_pull_on_a_terminal_opens_no_editor(bare: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal git opens an editor on the merge's message (vi for many: a dead end for a teacher).
    GIT_MERGE_AUTOEDIT=yes asks git to open it even without a terminal; the editor here fails if run."""
    bruno = _diverged(bare, tmp_path, monkeypatch)
    env = {**os.environ, "GIT_MERGE_AUTOEDIT": "yes", "GIT_EDITOR": "false"}
    pulled = subprocess.run(["git", "-C", str(bruno), "pull", "-q"], capture_output=True, text=True, env=env)
    assert pulled.returncode == 0, pulled.stderr
    assert len(git(bruno, "log", "-1", "--format=%P").split()) == 2


def test_install_git_keeps_a_pull_strategy_the_teacher_chose(tmp_path: Path, bare: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = tmp_path / "gitconfig"
    chosen.write_text("[pull]\n\trebase = true\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(chosen))
    anne = clone(bare, tmp_path / "anne", ANNE)
    assert Git(anne).config("pull.rebase") == "true"
    assert "pull.rebase" not in (anne / ".git" / "config").read_text(encoding="utf-8")


def test_plain_git_pull_shows_markers_around_only_the_conflicting_mark(bare: Path, tmp_path: Path) -> None:
    _, bruno = _true_conflict(bare, tmp_path)
    text = read(bruno)
    assert conflict_blocks(text) == [(["      e07: retard"], ["      e07: excuse"])]
    assert "      e03: present\n      e04: present" in text  # the other mark is merged
    assert "UU " + SESSIONS in git(bruno, "status", "--porcelain")
    assert "++<<<<<<< local" in git(bruno, "diff")
    [record] = cf.list_records(Git(bruno))
    assert record.items[0]["label"] == "appel du 09/12/2025 pour Maëlle Giraud (e07)"


def test_git_diff_through_textconv_during_a_conflict_shows_only_the_conflict(bare: Path, tmp_path: Path) -> None:
    # the file with markers renders as its local side + the raw regions: not the whole file as changed
    _, bruno = _true_conflict(bare, tmp_path)
    diff = git(bruno, "diff", "--", SESSIONS)
    changed = [line for line in diff.splitlines()[4:] if line[:2].strip() and not line.startswith("@@@")]
    assert "++<<<<<<< local" in diff and "++      e07: retard" in diff
    assert len(changed) <= 12, diff  # the merged mark, the local side of the conflict, the raw region
    assert not any(line.startswith("--") for line in changed), diff


def test_committing_the_unresolved_merge_is_refused(bare: Path, tmp_path: Path) -> None:
    _, bruno = _true_conflict(bare, tmp_path)
    head = git(bruno, "rev-parse", "HEAD")
    refused = hand_commit(bruno, "Fusion")
    assert refused.returncode != 0
    assert "APT003" in refused.stderr and "fusion refusée" in refused.stderr  # a merge being concluded
    assert git(bruno, "rev-parse", "HEAD") == head


def test_a_stale_record_never_reverts_a_later_edit(bare: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    _, bruno = _true_conflict(bare, tmp_path)
    text = read(bruno)
    start, end = text.index("<<<<<<<"), text.index(">>>>>>>")
    resolved = text[:start] + "      e07: retard\n" + text[text.index("\n", end) + 1:]
    resolved = resolved.replace("      e06: present\n      e07: retard", "      e06: absent\n      e07: retard")
    (bruno / SESSIONS).write_text(resolved, encoding="utf-8")  # resolved by hand, plus a later edit
    assert hand_commit(bruno, "Fusion résolue à la main").returncode == 0

    assert sync_cli.resolve_conflicts(bruno, "distant") == 0
    assert read(bruno) == resolved
    assert "a changé depuis la fusion" in capsys.readouterr().err
    assert cf.list_records(Git(bruno)) == []


def test_a_record_of_a_merge_resolved_by_hand_is_dropped_by_the_next_sync(bare: Path, tmp_path: Path) -> None:
    _, bruno = _true_conflict(bare, tmp_path)
    text = read(bruno)
    start, end = text.index("<<<<<<<"), text.index(">>>>>>>")
    (bruno / SESSIONS).write_text(text[:start] + "      e07: retard\n" + text[text.index("\n", end) + 1:],
                                  encoding="utf-8")
    git(bruno, "add", "-A")
    report = sync(bruno)  # concludes the merge resolved by hand, never rewrites the file from the record
    assert report.status == "ok", report.messages
    assert "      e07: retard" in remote_file(bare, SESSIONS)
    assert any("a changé depuis la fusion" in m for m in report.messages)
    assert cf.list_records(Git(bruno)) == []


# --- clones without a working driver -------------------------------------------------------------
def _two_marks(anne: Path, other: Path) -> None:
    """Adjacent lines: git's line merge conflicts, the merge by meaning does not."""
    set_mark(anne, "G-METHODO", "2025-12-09", "e03", "present")
    commit(anne, "e03 présent le 09/12")
    assert sync(anne).status == "ok"
    set_mark(other, "G-METHODO", "2025-12-09", "e04", "retard")
    commit(other, "e04 en retard le 09/12")


@pytest.mark.parametrize("driver", ["none", "missing-program"])
def test_a_clone_without_a_working_driver_keeps_both_students_marks(bare: Path, tmp_path: Path,
                                                                    driver: str) -> None:
    anne = clone(bare, tmp_path / "anne", ANNE)
    other = plain_clone(bare, tmp_path / "charlotte", CHARLOTTE)
    if driver == "missing-program":
        git(other, "config", "merge.aptui.driver", "/nulle/part/venv/bin/python -m aptui merge-driver %O %A %B %P")
    _two_marks(anne, other)

    report = sync(other)

    assert report.status == "ok", report.messages
    assert report.conflicts == []
    assert any(m.startswith("Réparé : le pilote de fusion d'aptui") for m in report.messages)
    merged = remote_file(bare, SESSIONS)
    assert "      e03: present\n      e04: retard\n" in merged and "<<<<<<<" not in merged
    assert "aptui-git" in git(other, "config", "merge.aptui.driver")


def test_plain_pull_without_driver_then_aptui_sync_merges_by_meaning(bare: Path, tmp_path: Path) -> None:
    anne = clone(bare, tmp_path / "anne", ANNE)
    other = plain_clone(bare, tmp_path / "charlotte", CHARLOTTE)
    _two_marks(anne, other)
    assert pull(other).returncode != 0  # git's line merge: a conflict on two different students
    assert "<<<<<<<" in read(other)

    report = sync(other)  # concludes the merge from the index stages

    assert report.status == "ok", report.messages
    merged = remote_file(bare, SESSIONS)
    assert "      e03: present\n      e04: retard\n" in merged and "<<<<<<<" not in merged
    assert len(git(other, "log", "-1", "--format=%P").split()) == 2


def test_the_launcher_survives_a_moved_venv(bare: Path, tmp_path: Path) -> None:
    anne = clone(bare, tmp_path / "anne", ANNE)
    launcher = anne / ".git" / "aptui-git"
    text = launcher.read_text(encoding="utf-8")
    launcher.write_text(text.replace("PY=", "PY=/nulle/part/python #", 1), encoding="utf-8")
    result = subprocess.run([str(launcher), "merge-driver", "--help"], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin"}, cwd=tmp_path)
    # no aptui anywhere: the driver still merges with git's markers rather than keep ours silently
    assert "aptui introuvable" in result.stderr
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text("a\nb\n")
    ours.write_text("a\nB\n")
    theirs.write_text("a\nC\n")
    done = subprocess.run([str(launcher), "merge-driver", str(base), str(ours), str(theirs), "x.yaml", "7"],
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, cwd=tmp_path)
    assert done.returncode == 1
    assert ours.read_text() == "a\n<<<<<<< local\nB\n=======\nC\n>>>>>>> distant\n"


# --- a sync that survives its own failures ---------------------------------------------------------
def _interview_and_attendance(bare: Path, tmp_path: Path) -> tuple[Path, Path]:
    anne, bruno = clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)
    add_interview(anne, "e02", "2025-12-10", "adurand", "Veut préparer un BTS")
    commit(anne, "Entretien de Yanis")
    assert sync(anne).status == "ok"
    take_attendance(bruno, "G-APPRO", "2025-12-16", {"e01": "present", "e02": "present", "e05": "retard",
                                                     "e08": "present"})
    commit(bruno, "Appel du 16/12")
    return anne, bruno


def test_a_stale_index_lock_left_during_a_merge_loses_nothing(bare: Path, tmp_path: Path) -> None:
    _, bruno = _interview_and_attendance(bare, tmp_path)
    git(bruno, "fetch", "-q")
    lock = bruno / ".git" / "index.lock"
    lock.touch()  # a git that died: the merge writes MERGE_HEAD, then cannot write the index
    subprocess.run(["git", "-C", str(bruno), "merge", "--no-ff", "--no-commit", "origin/main"], capture_output=True)
    assert git(bruno, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).strip()

    refused = sync(bruno)
    assert refused.status == "error"
    assert "laissé par un programme git interrompu" in refused.messages[-1] and "rm " in refused.messages[-1]

    lock.unlink()  # as the message says
    report = sync(bruno)

    assert report.status == "ok", report.messages
    assert "Veut préparer un BTS" in remote_file(bare, "students/e02.yaml")
    assert "      e05: retard" in remote_file(bare, f"{YEAR}/sessions/P2/G-APPRO.yaml")
    assert "Veut préparer un BTS" in (bruno / "students/e02.yaml").read_text(encoding="utf-8")


def test_a_lock_appearing_during_the_merge_is_undone_and_the_next_sync_merges_both(bare: Path, tmp_path: Path,
                                                                                   monkeypatch) -> None:
    _, bruno = _interview_and_attendance(bare, tmp_path)
    from aptui.gitsync import integrate

    original = integrate.find_move_conflicts

    def lock_then_look(*args: object, **kwargs: object) -> object:
        (bruno / ".git" / "index.lock").touch()  # another program takes the lock right before the merge
        return original(*args, **kwargs)

    monkeypatch.setattr(integrate, "find_move_conflicts", lock_then_look)
    failed = sync(bruno)
    assert failed.status == "error"
    assert "index.lock" in " ".join(failed.messages)
    monkeypatch.setattr(integrate, "find_move_conflicts", original)
    (bruno / ".git" / "index.lock").unlink()

    report = sync(bruno)

    assert report.status == "ok", report.messages
    assert "Veut préparer un BTS" in remote_file(bare, "students/e02.yaml")
    assert "      e05: retard" in remote_file(bare, f"{YEAR}/sessions/P2/G-APPRO.yaml")


def test_a_lock_held_by_a_live_git_is_never_said_to_be_deleted(bare: Path, tmp_path: Path) -> None:
    _, bruno = _interview_and_attendance(bare, tmp_path)
    lock = bruno / ".git" / "index.lock"
    lock.touch()
    live = subprocess.Popen(["git", "-C", str(bruno), "cat-file", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL)
    try:
        report = sync(bruno)
    finally:
        live.stdin.close()  # type: ignore[union-attr]
        live.wait()
    assert report.status == "error"
    message = report.messages[-1]
    assert f"processus {live.pid}" in message and "Ne supprimez pas" in message and "rm " not in message
    assert git(bruno, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).strip() == ""


def test_resolve_never_writes_through_a_symlink(bare: Path, tmp_path: Path) -> None:
    _, bruno = _true_conflict(bare, tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_text("ne pas toucher\n", encoding="utf-8")
    target = bruno / SESSIONS
    target.unlink()
    target.symlink_to(outside)
    [record] = cf.list_records(Git(bruno))
    record.written = {SESSIONS: cf.file_digest(bruno, SESSIONS)}
    with pytest.raises(cf.GitError) as refused:
        cf.resolve(Git(bruno), record, "theirs")
    assert refused.value.message.startswith(f"{SESSIONS}:1:1: erreur : ")
    assert "lien symbolique" in refused.value.message
    assert outside.read_text(encoding="utf-8") == "ne pas toucher\n"


# --- no new errors ----------------------------------------------------------------------------------
def test_a_broken_pending_edit_is_neither_committed_nor_pushed(bare: Path, tmp_path: Path) -> None:
    bruno = clone(bare, tmp_path / "bruno", BRUNO)
    path = group_file(bruno, "G-APPRO")
    path.write_text(path.read_text(encoding="utf-8").replace("  - e02\n", ""), encoding="utf-8")  # by hand
    before = git(bare, "rev-parse", "main")

    report = sync(bruno)

    assert report.status == "errors"
    assert "Yanis Bernier (e02) n'est dans aucun groupe" in "\n".join(report.messages)
    assert git(bare, "rev-parse", "main") == before
    assert git(bruno, "status", "--porcelain").strip() == f"M {YEAR}/groups/P2/G-APPRO.yaml"
    assert sync_cli.EXIT_CODES.get(report.status) == 4

    forced = sync(bruno, force_errors=True)
    assert forced.status == "ok", forced.messages
    assert "  - e02\n" not in remote_file(bare, f"{YEAR}/groups/P2/G-APPRO.yaml")


def test_a_committed_error_is_held_back_with_the_commit_that_brought_it(bare: Path, tmp_path: Path) -> None:
    bruno = clone(bare, tmp_path / "bruno", BRUNO)
    add_interview(bruno, "e01", "2025-12-11", "bpetit", "RAS")
    commit(bruno, "Entretien de Zoé")
    path = group_file(bruno, "G-APPRO")
    path.write_text(path.read_text(encoding="utf-8").replace("  - e02\n", ""), encoding="utf-8")
    culprit = commit(bruno, "Yanis retiré du groupe")  # --no-verify, as the app or a hurried teacher would

    report = sync(bruno)

    assert report.status == "errors" and report.held
    joined = "\n".join(report.messages)
    assert f"apportée par le commit {culprit[:7]} (Bruno Petit" in joined and "Yanis retiré du groupe" in joined
    assert "Entretien de Zoé" not in joined
    assert "RAS" not in remote_file(bare, "students/e01.yaml")


# --- a group deleted while a colleague moves a student into it -----------------------------------
def test_deleted_group_against_a_move_into_it_leaves_the_student_unassigned_and_reported(
        bare: Path, tmp_path: Path) -> None:
    anne, bruno = clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)
    group_file(anne, "G-PROJET").unlink()
    deletion = commit(anne, "Suppression du groupe Projet pro")
    add_interview(anne, "e03", "2025-12-12", "adurand", "Bilan d'étape")
    commit(anne, "Entretien d'Inès")  # a later commit by Anne that does not touch the group
    assert sync(anne).status == "ok"
    move_student(bruno, "e05", "G-APPRO", "G-PROJET", "2025-12-15", "Projet de stage")
    move = commit(bruno, "e05 passe en Projet pro")

    report = sync(bruno)

    joined = "\n".join(report.messages)
    assert not group_file(bruno, "G-PROJET").exists()
    assert "e05" not in members(bruno, "G-APPRO") and "e05" not in members(bruno, "G-METHODO")
    assert (f"Lina Eymard (e05) : placé(e) dans « Projet pro » le 15/12/2025 (motif : Projet de stage) par "
            f"Bruno Petit ({move[:7]}), mais le groupe « Projet pro » (P2) a été supprimé par Anne Durand "
            f"({deletion[:7]})") in joined
    assert "sans groupe dans la barrette B-2NDE en P2" in joined
    message = git(bruno, "log", "-1", "--format=%B")
    assert "Décisions : Lina Eymard (e05) : placé(e) dans « Projet pro »" in message
    errors = load_school(bruno, use_cache=False).errors
    assert any(d.code == "APT501" and "Lina Eymard (e05) n'est dans aucun groupe" in d.message for d in errors)
    assert report.status == "errors" and report.held  # the validation says what to do; nothing pushed
    assert "Bilan d'étape" in (bruno / "students/e03.yaml").read_text(encoding="utf-8")


def test_after_a_fast_forward_the_errors_name_the_commit_that_brought_them(bare: Path, tmp_path: Path) -> None:
    anne, bruno = clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)
    add_interview(anne, "e01", "2025-12-11", "adurand", "RAS")
    commit(anne, "Entretien de Zoé")
    path = group_file(anne, "G-APPRO")
    path.write_text(path.read_text(encoding="utf-8").replace("  - e02\n", ""), encoding="utf-8")
    culprit = commit(anne, "Yanis retiré du groupe")
    assert sync(anne, force_errors=True).status == "ok"

    report = sync(bruno)  # nothing local: a fast-forward

    assert report.status == "ok"
    joined = "\n".join(report.messages)
    assert "les commits reçus ajoutent" in joined
    assert f"apportée par le commit {culprit[:7]} (Anne Durand" in joined
    assert "ancêtre commun" not in joined
    assert "APT501" in {d.code for d in report.new_errors}


def test_the_merge_commit_records_each_decision(bare: Path, tmp_path: Path) -> None:
    anne, bruno = clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)
    move_student(anne, "e05", "G-APPRO", "G-METHODO", "2025-12-15", "Reprendre la méthode")
    set_mark(anne, "G-METHODO", "2025-12-09", "e07", "excuse")
    commit(anne, "e05 en Méthodo ; Maëlle excusée")
    assert sync(anne).status == "ok"
    move_student(bruno, "e05", "G-APPRO", "G-PROJET", "2025-12-15", "Projet de stage")
    set_mark(bruno, "G-METHODO", "2025-12-09", "e07", "retard")
    commit(bruno, "e05 en Projet pro ; Maëlle en retard")
    assert sync(bruno).status == "conflicts"

    git_bruno = Git(bruno)
    for record in cf.list_records(git_bruno):
        cf.resolve(git_bruno, record, "theirs" if record.kind == "move" else "ours")
    final = sync(bruno)

    assert final.status == "ok", final.messages
    message = git(bare, "log", "-1", "--format=%B", "main")
    assert ("Décisions : Lina Eymard : Méthodo (reçu) ; appel du 09/12/2025 pour Maëlle Giraud (e07) : "
            "En retard (local)") in message  # the label a person reads, not the YAML value
    assert "      e07: retard" in remote_file(bare, SESSIONS)
    assert "e05" in members(bruno, "G-METHODO")


@pytest.mark.parametrize(("stderr", "words"), [
    ("error: unable to write file .git/objects/ab/cd: No space left on device", "le disque est plein"),
    ("error: insufficient permission for adding an object to repository database .git/objects",
     "n'a pas le droit d'écrire"),
    ("fatal: could not open 'x' for writing: Read-only file system", "n'a pas le droit d'écrire"),
])
def test_local_failures_name_their_real_cause(tmp_path: Path, stderr: str, words: str) -> None:
    from aptui.gitsync.failures import local_cause
    from aptui.gitsync.runner import GitResult, failure

    cause = local_cause(stderr, tmp_path)
    assert cause is not None and words in cause and "index.lock" not in cause
    assert words in failure(GitResult(("commit",), 128, b"", stderr), tmp_path).message


def test_a_lock_gone_by_the_time_of_the_message_is_not_said_to_be_deleted(tmp_path: Path) -> None:
    from aptui.gitsync.failures import local_cause

    (tmp_path / ".git").mkdir()
    cause = local_cause("fatal: Unable to create '/x/.git/index.lock': File exists.", tmp_path)
    assert cause is not None and "rm " not in cause and "relancez" in cause


# --- a merge git commits itself (plain « git pull ») is checked too: the pre-merge-commit hook ---------------
CMARTIN = "  - id: cmartin\n    nom: Martin\n    prenom: Chloé\n    disciplines: [anglais]\n"


def _pull(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(repo), "pull", "-q"], capture_output=True, text=True)


def _error_only_the_merge_makes(bare: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Anne adds a teacher then takes her out again; meanwhile Bruno gives her a group: each side is valid,
    the merge names a teacher nobody declares."""
    no_global_git_config(tmp_path, monkeypatch)
    anne, bruno = clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)
    staff = anne / "staff.yaml"
    before = staff.read_text(encoding="utf-8")
    staff.write_text(before + CMARTIN, encoding="utf-8")
    commit(anne, "Chloé Martin rejoint l'équipe")
    git(anne, "push", "-q")
    assert _pull(bruno).returncode == 0
    group = group_file(bruno, "G-APPRO")
    group.write_text(group.read_text(encoding="utf-8").replace("  - bpetit\n", "  - bpetit\n  - cmartin\n"),
                     encoding="utf-8")
    assert hand_commit(bruno, "Co-animation de G-APPRO avec Chloé Martin").returncode == 0
    staff.write_text(before, encoding="utf-8")
    assert hand_commit(anne, "Chloé Martin ne vient finalement pas").returncode == 0
    git(anne, "push", "-q")
    return bruno


def test_a_plain_pull_whose_merge_adds_an_error_is_stopped_and_loses_nothing(
        bare: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bruno = _error_only_the_merge_makes(bare, tmp_path, monkeypatch)
    mine = git(bruno, "rev-parse", "HEAD").strip()
    pulled = _pull(bruno)
    assert pulled.returncode != 0
    assert "fusion refusée" in pulled.stderr and "cmartin" in pulled.stderr, pulled.stderr
    assert "git merge --abort" in pulled.stderr
    assert git(bruno, "rev-parse", "HEAD").strip() == mine  # nothing committed, the merge waits
    git(bruno, "merge", "--abort")
    assert git(bruno, "rev-parse", "HEAD").strip() == mine
    assert "cmartin" in group_file(bruno, "G-APPRO").read_text(encoding="utf-8")  # Bruno's work is there
    assert not git(bruno, "status", "--porcelain").strip()


def test_the_users_word_concludes_a_stopped_merge(bare: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    bruno = _error_only_the_merge_makes(bare, tmp_path, monkeypatch)
    assert _pull(bruno).returncode != 0
    assert hand_commit(bruno, "Fusion").returncode != 0  # concluding by hand is checked the same way
    forced = subprocess.run(["git", "-C", str(bruno), "commit", "-q", "--no-verify", "--no-edit"],
                            capture_output=True, text=True)
    assert forced.returncode == 0, forced.stderr
    assert len(git(bruno, "log", "-1", "--format=%P").split()) == 2


def test_a_plain_pull_that_brings_an_error_already_pushed_is_not_stopped(
        bare: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error already on the remote is not this merge's: the merge goes through (the error is listed)."""
    no_global_git_config(tmp_path, monkeypatch)
    anne, bruno = clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)
    group = group_file(anne, "G-APPRO")
    group.write_text(group.read_text(encoding="utf-8").replace("  - bpetit\n", "  - zzz\n"), encoding="utf-8")
    commit(anne, "Erreur envoyée sans vérification")  # --no-verify: the user's word
    git(anne, "push", "-q")
    set_mark(bruno, "G-METHODO", "2025-12-09", "e03", "retard")
    commit(bruno, "Inès en retard")
    pulled = _pull(bruno)
    assert pulled.returncode == 0, pulled.stderr
    assert len(git(bruno, "log", "-1", "--format=%P").split()) == 2


def test_a_bare_git_clone_repaired_by_aptui_gets_a_git_pull_that_merges(bare: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A teacher clones with git alone; the first aptui command repairs the clone (launcher.repair): drivers,
    and a plain « git pull » that merges without an editor, as install-git gives."""
    from aptui.gitsync.launcher import repair

    no_global_git_config(tmp_path, monkeypatch)
    git(tmp_path, "clone", "-q", str(bare), str(tmp_path / "dora"))
    dora = tmp_path / "dora"
    assert Git(dora).config("pull.rebase") is None
    assert repair(Git(dora)) is not None
    assert Git(dora).config("pull.rebase") == "false"
    assert Git(dora).config("branch.main.mergeOptions") == "--no-edit"
