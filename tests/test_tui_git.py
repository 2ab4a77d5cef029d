"""The TUI with real git: commits of the app's edits, the Git screen, sync, conflicts, history.

A bare remote and two clones (Anne's and Bruno's, each with its own author)
in tmp_path; the real app runs headless on Anne's clone (``App.run_test``),
Bruno works with plain git or ``aptui.gitsync.sync``.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
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
    make_remote,
    members,
    move_student,
    remote_file,
    set_mark,
    take_attendance,
)
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from tui_support import opened

from aptui.edit import AddInterview, MoveStudent
from aptui.gitsync.sync import sync
from aptui.pipeline import load_school
from aptui.tui.app import AptuiApp
from aptui.tui.data.targets import STUDENTS, Target
from aptui.tui.dialogs import ErrorDialog, YesNoDialog
from aptui.tui.dialogs.history import HistoryDialog
from aptui.tui.messages import EditRequested, GoTo
from aptui.tui.screens.conflicts import ConflictsScreen
from aptui.tui.screens.git import GitScreen

TODAY = date(2025, 11, 20)
MOVE_E05 = MoveStudent(year="2025-2026", period="P2", student="e05", from_group="G-APPRO", to_group="G-METHODO",
                       reason="Reprendre la méthode", day=date(2025, 12, 15))
INTERVIEW_E02 = AddInterview(student="e02", day=date(2025, 11, 18), teacher="adurand", notes="Point d'étape")


@pytest.fixture(autouse=True)
def no_global_git_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's ~/.gitconfig (author, signing...) must not leak into the tests."""
    empty = tmp_path_factory.mktemp("gitconfig") / "config"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture()
def team(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(remote, Anne's clone, Bruno's clone)."""
    bare = make_remote(tmp_path)
    return bare, clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)


# --- helpers ---------------------------------------------------------------------------------------
async def settle(pilot: Pilot[None]) -> None:
    """Let messages, thread workers and their callbacks finish."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


class Running:
    def __init__(self, root: Path) -> None:
        self.app = AptuiApp(root, today=TODAY, poll_seconds=0)

    async def __aenter__(self) -> tuple[AptuiApp, Pilot[None]]:
        self._context = self.app.run_test(size=(140, 45))
        pilot = await self._context.__aenter__()
        await opened(pilot)
        await settle(pilot)
        return self.app, pilot

    async def __aexit__(self, *exc: object) -> None:
        await self._context.__aexit__(*exc)


async def edit(pilot: Pilot[None], command: object) -> None:
    pilot.app.post_message(EditRequested(command))
    await settle(pilot)


def log(repo: Path, fmt: str = "%an|%s", rev: str = "HEAD") -> list[str]:
    return git(repo, "log", f"--format={fmt}", rev).splitlines()


def text_of(app: AptuiApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def notifications(app: AptuiApp) -> list[tuple[str, str]]:
    return [(n.severity, n.message) for n in app._notifications]  # noqa: SLF001


def table_rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


# --- commits of the app's edits ----------------------------------------------------------------------
async def test_each_edit_is_a_commit_with_its_french_message_and_author_and_undo_commits_too(team) -> None:
    _, anne, _ = team
    async with Running(anne) as (app, pilot):
        await edit(pilot, MOVE_E05)
        assert log(anne)[0] == ("Anne Durand|P2 : Lina Eymard (e05) passe de « Approfondissement » à « Méthodo » "
                                "le 15/12/2025 (motif : Reprendre la méthode)")
        assert git(anne, "status", "--porcelain").strip() == ""
        assert app.ctx.workspace.pending_edits == []

        await press(pilot, "ctrl+z")
        assert log(anne)[0] == ("Anne Durand|Annulation : P2 : Lina Eymard (e05) passe de « Approfondissement » à "
                                "« Méthodo » le 15/12/2025 (motif : Reprendre la méthode)")
        assert "e05" in members(anne, "G-APPRO") and "e05" not in members(anne, "G-METHODO")
        assert git(anne, "status", "--porcelain").strip() == ""
        assert git(anne, "diff", "HEAD~2", "HEAD", "--stat").strip() == ""


async def test_batch_mode_keeps_edits_until_one_commit_lists_them(team) -> None:
    _, anne, _ = team
    before = git(anne, "rev-parse", "HEAD").strip()
    async with Running(anne) as (app, pilot):
        await press(pilot, "7", "m")
        assert git(anne, "config", "aptui.commit").strip() == "batch"
        await press(pilot, "2")
        await edit(pilot, MOVE_E05)
        await edit(pilot, INTERVIEW_E02)
        assert git(anne, "rev-parse", "HEAD").strip() == before
        assert len(app.ctx.workspace.pending_edits) == 2
        await press(pilot, "7")
        pending = text_of(app, "#git-pending")
        assert "2 modification(s) faite(s) dans aptui" in pending and "Entretien du 18/11/2025" in pending
        assert "hors de l'application" not in pending  # aptui's own edits, not listed again as someone else's
        staff = anne / "staff.yaml"  # now someone edits a file by hand: that one is listed apart
        staff.write_text(staff.read_text(encoding="utf-8").replace("prenom: Bruno", "prenom: Brunon"),
                         encoding="utf-8")
        await press(pilot, "r")  # read the repository again
        await app.workers.wait_for_complete()
        await press(pilot)
        pending = text_of(app, "#git-pending")
        assert "hors de l'application" in pending and "Brunon" in pending, pending
        staff.write_text(staff.read_text(encoding="utf-8").replace("prenom: Brunon", "prenom: Bruno"),
                         encoding="utf-8")

        await press(pilot, "C")
        assert git(anne, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
        message = git(anne, "log", "-1", "--format=%B").strip()
        assert message.startswith("Enregistrement de 2 modifications faites dans aptui")
        assert "- P2 : Lina Eymard (e05) passe de « Approfondissement » à « Méthodo »" in message
        assert "- Entretien du 18/11/2025 avec " in message and ", par Anne Durand" in message
        assert git(anne, "status", "--porcelain").strip() == ""
        assert app.ctx.workspace.pending_edits == []


async def test_quitting_with_edits_not_committed_asks_first(team) -> None:
    _, anne, _ = team
    async with Running(anne) as (app, pilot):
        await press(pilot, "7", "m", "2")
        await edit(pilot, MOVE_E05)
        await press(pilot, "q")
        assert isinstance(app.screen, YesNoDialog) and "1 modification(s)" in app.screen.dialog_title
        await press(pilot, "n")
        assert app.is_running and not isinstance(app.screen, YesNoDialog)
        await press(pilot, "q", "o")
        assert not app.is_running
    assert "e05" in members(anne, "G-METHODO")  # the edit stays on disk, for the next commit


async def test_without_an_author_the_edit_stays_on_disk_and_the_app_says_how_to_set_it(team) -> None:
    _, anne, _ = team
    git(anne, "config", "--unset", "user.name")
    git(anne, "config", "--unset", "user.email")
    before = git(anne, "rev-parse", "HEAD").strip()
    async with Running(anne) as (app, pilot):
        await edit(pilot, MOVE_E05)
        assert isinstance(app.screen, ErrorDialog)
        assert 'git config --global user.name "Prénom Nom"' in app.screen.text
        assert "écrite sur le disque" in app.screen.text
        await press(pilot, "enter")
        assert "e05" in members(anne, "G-METHODO")
        assert git(anne, "rev-parse", "HEAD").strip() == before
        assert len(app.ctx.workspace.pending_edits) == 1

        git(anne, "config", "user.name", ANNE[0])
        git(anne, "config", "user.email", ANNE[1])
        await edit(pilot, INTERVIEW_E02)
        assert git(anne, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
        assert "Lina Eymard (e05) passe de" in git(anne, "log", "-1", "--format=%B")
        assert app.ctx.workspace.pending_edits == []


async def test_outside_a_git_repository_edits_just_stay_on_disk(tmp_path: Path) -> None:
    school = tmp_path / "school"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini_school", school)
    async with Running(school) as (app, pilot):
        await edit(pilot, INTERVIEW_E02)
        assert "Point d'étape" in (school / "students/e02.yaml").read_text(encoding="utf-8")
        assert not isinstance(app.screen, ErrorDialog)
        assert [m for severity, m in notifications(app) if severity != "information"] == []
        await press(pilot, "7")
        assert "n'est pas un dépôt git" in text_of(app, "#git-head")
    assert not (school / ".git").exists()


# --- the Git screen: status, push, pull ----------------------------------------------------------------
async def test_git_screen_shows_ahead_behind_pending_changes_and_pushes(team) -> None:
    bare, anne, _ = team
    add_interview(anne, "e03", "2025-11-17", "adurand", "Entretien hors aptui")
    async with Running(anne) as (app, pilot):
        await edit(pilot, MOVE_E05)
        await press(pilot, "7")
        assert isinstance(app.screen, GitScreen)
        head = text_of(app, "#git-head")
        assert "Branche : main" in head and "origin" in head
        assert "1 commit(s) à envoyer · 0 commit(s) à recevoir" in head
        assert "Auteur des commits : Anne Durand" in head
        pending = text_of(app, "#git-pending")
        assert "Entretien" in pending and "Inès Caron" in pending  # in domain words, not a file name
        rows = table_rows(app.screen.query_one("#git-log", DataTable))
        assert rows[0][1] == "Anne Durand" and "Lina Eymard passe de" in rows[0][3]

        await press(pilot, "P")
        assert "Lina Eymard (e05) passe de" in git(bare, "log", "--format=%s", "main")
        assert "Entretien hors aptui" in remote_file(bare, "students/e03.yaml")  # pending work committed first
        head = text_of(app, "#git-head")
        assert "0 commit(s) à envoyer · 0 commit(s) à recevoir" in head
        assert "Envoyé" in text_of(app, "#git-sync")


async def test_pull_brings_the_other_clone_change_and_the_school_reloads(team) -> None:
    _, anne, bruno = team
    move_student(bruno, "e06", "G-METHODO", "G-APPRO", "2025-12-15", "Vise un BTS")
    commit(bruno, "e06 passe en Approfondissement")
    assert sync(bruno).status == "ok"
    async with Running(anne) as (app, pilot):
        year = app.ctx.year
        assert year is not None and "e06" in year.groups[("P2", "G-METHODO")].students
        await press(pilot, "3")
        await press(pilot, "7", "f")
        assert "0 commit(s) à envoyer · 1 commit(s) à recevoir" in text_of(app, "#git-head")
        await press(pilot, "p")
        assert "e06" in members(anne, "G-APPRO")
        year = app.ctx.year
        assert year is not None and "e06" in year.groups[("P2", "G-APPRO")].students
        assert "e06" not in year.groups[("P2", "G-METHODO")].students
        rows = table_rows(app.screen.query_one("#git-log", DataTable))
        assert rows[0][1] == "Bruno Petit" and "Nolan Faure" in rows[0][3]
        assert "Reçu" in text_of(app, "#git-sync")
        await press(pilot, "3")
        assert app.screen.query("GroupColumn")  # the board redraws from the reloaded school


async def test_a_clean_merge_that_breaks_a_rule_names_the_commits_that_met(team) -> None:
    _, anne, bruno = team
    take_attendance(bruno, "G-METHODO", "2025-12-16", {"e03": "present", "e04": "absent", "e06": "present",
                                                        "e07": "present"})
    commit(bruno, "Appel du 16/12 en Méthodo")
    assert sync(bruno).status == "ok"
    async with Running(anne) as (app, pilot):
        await edit(pilot, MoveStudent(year="2025-2026", period="P2", student="e06", from_group="G-METHODO",
                                      to_group="G-APPRO", reason="Vise un BTS", day=date(2025, 12, 15)))
        errors_before = [d for d in app.ctx.diagnostics if d.severity == "error"]
        await press(pilot, "7", "p")
        report = app.gitlink.last_report
        assert report is not None and report.status == "ok" and report.new_errors
        assert {d.code for d in report.new_errors} == {"APT601"}
        shown = text_of(app, "#git-sync")
        assert "nouvelle(s) erreur(s)" in shown and "Appel du 16/12 en Méthodo" in shown and "Bruno Petit" in shown
        assert "Nolan Faure passe de" in shown or "distant" in shown
        errors_after = [d for d in app.ctx.diagnostics if d.severity == "error"]
        assert len(errors_after) > len(errors_before) and "APT601" in {d.code for d in errors_after}
        assert any("nouvelle(s) erreur(s)" in message for _, message in notifications(app))


async def test_unreachable_remote_is_told_in_french_and_nothing_is_lost(team, tmp_path: Path) -> None:
    _, anne, _ = team
    git(anne, "remote", "set-url", "origin", str(tmp_path / "nowhere.git"))
    async with Running(anne) as (app, pilot):
        await edit(pilot, MOVE_E05)
        await press(pilot, "7", "P")
        assert "injoignable" in text_of(app, "#git-sync")
        assert any(severity == "error" and "injoignable" in message for severity, message in notifications(app))
        assert "Lina Eymard (e05) passe de" in log(anne)[0]
        assert not app.gitlink.busy


async def test_refused_authentication_is_told_in_french(team, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _, anne, _ = team
    fake_ssh = tmp_path / "fake-ssh.sh"
    fake_ssh.write_text("#!/bin/sh\necho 'git@example.invalid: Permission denied (publickey).' >&2\nexit 255\n")
    fake_ssh.chmod(0o755)
    monkeypatch.setenv("GIT_SSH_COMMAND", str(fake_ssh))
    git(anne, "remote", "set-url", "origin", "ssh://git@example.invalid/ecole.git")
    async with Running(anne) as (app, pilot):
        await edit(pilot, MOVE_E05)
        await press(pilot, "7", "p")
        shown = text_of(app, "#git-sync")
        assert "refuse l'accès" in shown and "rien n'est perdu" in shown
        assert app.gitlink.last_report is not None and app.gitlink.last_report.status == "auth"
        await press(pilot, "f")
        assert any("refuse l'accès" in message for severity, message in notifications(app) if severity == "error")


# --- conflicts ------------------------------------------------------------------------------------------
async def test_move_conflict_is_listed_a_side_is_picked_and_the_merge_concluded(team) -> None:
    bare, anne, bruno = team
    move_student(bruno, "e05", "G-APPRO", "G-PROJET", "2025-12-15", "Projet de stage")
    commit(bruno, "e05 passe en Projet pro")
    assert sync(bruno).status == "ok"
    async with Running(anne) as (app, pilot):
        await edit(pilot, MOVE_E05)
        await press(pilot, "7", "p")
        assert isinstance(app.screen, ConflictsScreen)
        detail = text_of(app, "#conflict-detail")
        assert "Lina Eymard" in detail
        assert "Anne Durand" in detail and "Bruno Petit" in detail
        assert "Méthodo" in detail and "Projet pro" in detail
        assert git(anne, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).strip()

        await press(pilot, "f")  # refused: a conflict waits
        assert isinstance(app.screen, ConflictsScreen)
        await press(pilot, "d")  # take Bruno's side
        assert "Tous les conflits sont tranchés" in text_of(app, "#conflict-detail")
        assert members(anne, "G-PROJET") == ["e05"] and "e05" not in members(anne, "G-METHODO")
        for path in anne.rglob("*.yaml"):
            assert "<<<<<<<" not in path.read_text(encoding="utf-8"), path
        assert load_school(anne, use_cache=False).errors == []

        await press(pilot, "f")
        assert not isinstance(app.screen, ConflictsScreen)
        assert git(anne, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).strip() == ""
        parents = git(anne, "log", "-1", "--format=%P").split()
        assert len(parents) == 2 and "(conflits résolus)" in git(anne, "log", "-1", "--format=%B")
        year = app.ctx.year
        assert year is not None and "e05" in year.groups[("P2", "G-PROJET")].students
        assert [d for d in app.ctx.diagnostics if d.severity == "error"] == []

        await press(pilot, "P")
        assert "(conflits résolus)" in git(bare, "log", "-1", "--format=%B", "main")


async def test_rebase_conflict_on_a_mark_keeps_the_local_side_when_asked(team) -> None:
    _, anne, bruno = team
    set_mark(bruno, "G-METHODO", "2025-12-09", "e07", "retard")
    commit(bruno, "Maëlle en retard le 09/12")
    assert sync(bruno).status == "ok"
    set_mark(anne, "G-METHODO", "2025-12-09", "e07", "excuse")
    commit(anne, "Maëlle excusée le 09/12")
    git(anne, "config", "aptui.pull", "rebase")
    async with Running(anne) as (app, pilot):
        await press(pilot, "7", "p")
        assert isinstance(app.screen, ConflictsScreen)
        detail = text_of(app, "#conflict-detail")
        assert "appel du 09/12/2025 pour Maëlle Giraud (e07)" in detail
        local_line = next(line for line in detail.splitlines() if line.strip().startswith("local :"))
        distant_line = next(line for line in detail.splitlines() if line.strip().startswith("reçue :"))
        assert "Excusé" in local_line and "En retard" in distant_line
        assert "Garder la version locale (l) : Anne Durand" in detail
        assert "Prendre la version reçue (d) : Bruno Petit" in detail
        await press(pilot, "l", "f")
        assert not isinstance(app.screen, ConflictsScreen)
    text = (anne / f"{YEAR}/sessions/P2/G-METHODO.yaml").read_text(encoding="utf-8")
    assert "      e07: excuse" in text and "<<<<<<<" not in text
    assert not (anne / ".git" / "rebase-merge").exists()
    assert log(anne, "%an|%s")[:2] == ["Anne Durand|Maëlle excusée le 09/12",
                                       "Bruno Petit|Maëlle en retard le 09/12"]
    assert git(anne, "log", "--merges", "--format=%H").strip() == ""


# --- history ---------------------------------------------------------------------------------------------
async def test_history_of_a_student_and_of_a_group_lists_who_changed_what(team) -> None:
    _, anne, _ = team
    async with Running(anne) as (app, pilot):
        await edit(pilot, MOVE_E05)
        sha = git(anne, "rev-parse", "--short=7", "HEAD").strip()
        await press(pilot, "2")
        app.post_message(GoTo(Target(STUDENTS, student="e05")))
        await settle(pilot)
        assert app.screen.selected_id == "e05"  # type: ignore[attr-defined]
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryDialog)
        rows = table_rows(app.screen.query_one("#history-table", DataTable))
        assert rows[0][1:3] == ["Anne Durand", sha]
        assert "passe de « Approfondissement » à « Méthodo »" in rows[0][3]
        await press(pilot, "escape")

        await press(pilot, "3")
        board = app.screen
        column = next(c for c in board.query("GroupColumn") if getattr(c, "group_id", None) == "G-METHODO")
        column.students.focus()
        await settle(pilot)
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryDialog)
        rows = table_rows(app.screen.query_one("#history-table", DataTable))
        assert rows[0][1:3] == ["Anne Durand", sha] and "Lina Eymard" in rows[0][3]
        assert len(rows) == 2 and "Méthodo" in rows[1][3]  # the group's creation, in the first commit
        assert "Zoé Arnaud" not in rows[1][3]  # only what concerns this group (Zoé is in Approfondissement)


async def test_the_app_stays_usable_while_a_sync_runs(team, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from aptui.tui.screens import git as git_screen

    _, anne, _ = team
    release = threading.Event()
    real_sync = git_screen.sync

    def slow_sync(*args: object, **kwargs: object) -> object:
        assert release.wait(20)
        return real_sync(*args, **kwargs)

    monkeypatch.setattr(git_screen, "sync", slow_sync)
    async with Running(anne) as (app, pilot):
        await press(pilot, "7")
        await pilot.press("p")
        await pilot.pause()
        assert app.gitlink.busy and "Synchronisation en cours" in text_of(app, "#git-sync")
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.MODE == "students"  # type: ignore[attr-defined]
        await edit_without_waiting(pilot, INTERVIEW_E02)
        assert "Point d'étape" in (anne / "students/e02.yaml").read_text(encoding="utf-8")
        release.set()
        await settle(pilot)
        assert not app.gitlink.busy
        # committed by the sync, with the edit's own words (nothing left behind)
        assert log(anne, "%s")[0] == "Entretien du 18/11/2025 avec Yanis Bernier (e02), par Anne Durand"
        assert app.ctx.workspace.pending_edits == []
        assert git(anne, "status", "--porcelain").strip() == ""


async def edit_without_waiting(pilot: Pilot[None], command: object) -> None:
    pilot.app.post_message(EditRequested(command))
    await pilot.pause()


# --- a long-running app -------------------------------------------------------------------------------------
def child_processes() -> list[int]:
    me = str(os.getpid())
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if stat.rsplit(")", 1)[1].split()[1] == me:
            children.append(int(entry.name))
    return children


async def test_many_refreshes_leave_no_child_process_behind(team) -> None:
    _, anne, _ = team
    before = set(child_processes())
    async with Running(anne) as (app, pilot):
        await edit(pilot, MOVE_E05)
        await press(pilot, "7")
        for _ in range(15):
            await press(pilot, "r")
        await press(pilot, "f", "2", "h", "escape", "7")
        assert set(child_processes()) - before == set()


async def test_git_actions_are_in_the_command_palette(team) -> None:
    from aptui.tui import labels as L
    from aptui.tui.commands import AptuiCommands

    _, anne, _ = team
    async with Running(anne) as (app, pilot):
        await press(pilot, "7")
        names = [name for name, _, _ in AptuiCommands(app.screen)._commands()]  # noqa: SLF001
        for label in (L.GOTO_SCREEN.format(L.GIT), L.KEY_COMMIT, L.KEY_GIT_PULL, L.KEY_GIT_PUSH, L.KEY_GIT_FETCH,
                      L.KEY_GIT_MODE, L.KEY_GIT_CONFLICTS):
            assert label in names, label
        await press(pilot, "2")
        assert L.KEY_HISTORY in [name for name, _, _ in AptuiCommands(app.screen)._commands()]  # noqa: SLF001
        await press(pilot, "3")
        assert L.KEY_HISTORY in [name for name, _, _ in AptuiCommands(app.screen)._commands()]  # noqa: SLF001
