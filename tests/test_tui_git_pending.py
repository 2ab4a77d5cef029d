"""The app's pending edits and commits on real git: one truth across restarts, only the edit's own
lines in its commit, no commit that adds errors, no push of new errors without a "yes".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_git_support import ANNE, BRUNO, YEAR, clone, commit, git, make_remote, remote_file
from test_tui_git import INTERVIEW_E02, Running, edit, log, notifications, press, text_of

from aptui.edit import AddStudentToGroup, RemoveStudentFromGroup
from aptui.tui.screens.git import ForceDialog

E02 = "students/e02.yaml"


@pytest.fixture(autouse=True)
def no_global_git_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's ~/.gitconfig must not leak into the tests."""
    empty = tmp_path_factory.mktemp("gitconfig") / "config"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture()
def team(tmp_path: Path) -> tuple[Path, Path, Path]:
    bare = make_remote(tmp_path)
    return bare, clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)


async def test_batch_mode_after_a_restart_commits_what_the_git_screen_lists(team) -> None:
    _, anne, _ = team
    git(anne, "config", "aptui.commit", "batch")
    async with Running(anne) as (app, pilot):
        await edit(pilot, INTERVIEW_E02)
        assert log(anne, "%s")[0] == "Création de l'école"  # batch: nothing committed yet
    staff = anne / "staff.yaml"
    staff.write_text(staff.read_text(encoding="utf-8") + "# équipe relue en décembre\n", encoding="utf-8")

    async with Running(anne) as (app, pilot):  # a new run of the app
        await press(pilot, "7")
        pending = text_of(app, "#git-pending")
        assert "1 modification(s) faite(s) dans aptui en attente de commit" in pending
        assert "Entretien du 18/11/2025 avec Yanis Bernier (e02), par Anne Durand" in pending
        assert "staff.yaml : commentaires ou mise en forme modifiés" in pending
        await press(pilot, "c")
        assert log(anne, "%s")[:2] == ["Commentaires ou mise en forme : staff.yaml",
                                       "Entretien du 18/11/2025 avec Yanis Bernier (e02), par Anne Durand"]
        assert git(anne, "status", "--porcelain").strip() == ""
        assert "Aucune : tout est enregistré." in text_of(app, "#git-pending")
    assert not (anne / ".git" / "aptui-pending.json").exists()


async def test_an_app_edit_never_commits_an_outside_change_to_the_same_file(team) -> None:
    _, anne, _ = team
    path = anne / E02
    outside = path.read_text(encoding="utf-8").replace("nom: Bernier\n", "nom: Bernier-Roux\n")
    path.write_text(outside, encoding="utf-8")  # a hand edit, not committed
    async with Running(anne) as (app, pilot):
        await edit(pilot, INTERVIEW_E02)
        assert log(anne, "%s")[0] == "Entretien du 18/11/2025 avec Yanis Bernier-Roux (e02), par Anne Durand"
        committed = git(anne, "show", f"HEAD:{E02}")
        assert "Point d'étape" in committed and "nom: Bernier\n" in committed
        left = git(anne, "diff", "--no-textconv", "-U0", "--", E02)
        assert [line for line in left.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")] == \
            ["-nom: Bernier", "+nom: Bernier-Roux"]  # only the outside change is left to commit
        assert git(anne, "diff", "--cached").strip() == ""


async def test_an_app_edit_that_collides_with_an_outside_change_is_kept_pending(team) -> None:
    _, anne, _ = team
    path = anne / E02
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\nremarque: suivi renforcé\n",
                    encoding="utf-8")  # the same end of file as the interview the app appends
    async with Running(anne) as (app, pilot):
        await edit(pilot, INTERVIEW_E02)
        assert log(anne, "%s")[0] == "Création de l'école"
        assert any("sur les mêmes lignes" in message for _, message in notifications(app))
        assert len(app.gitlink.pending(app.ctx.workspace)) == 1


async def test_an_app_commit_that_adds_an_error_is_refused_until_fixed(team) -> None:
    _, anne, _ = team
    remove = RemoveStudentFromGroup(year="2025-2026", period="P2", group="G-APPRO", student="e02")
    async with Running(anne) as (app, pilot):
        await edit(pilot, remove)
        assert log(anne, "%s")[0] == "Création de l'école"
        assert any("ajouterait" in message and "Yanis Bernier (e02) n'est dans aucun groupe" in message
                   for _, message in notifications(app))
        assert "  - e02\n" not in (anne / f"{YEAR}/groups/P2/G-APPRO.yaml").read_text(encoding="utf-8")
        await edit(pilot, AddStudentToGroup(year="2025-2026", period="P2", group="G-APPRO", student="e02"))
        assert app.gitlink.pending(app.ctx.workspace) == []
        assert git(anne, "status", "--porcelain").strip() == ""


async def test_a_push_with_new_errors_asks_and_no_is_the_default(team) -> None:
    bare, anne, _ = team
    path = anne / f"{YEAR}/groups/P2/G-APPRO.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - e02\n", ""), encoding="utf-8")
    commit(anne, "Yanis retiré")  # --no-verify: an error already committed here
    before = git(bare, "rev-parse", "main")
    async with Running(anne) as (app, pilot):
        await press(pilot, "7", "P")
        assert isinstance(app.screen, ForceDialog)
        assert "Envoi retenu" in str(app.screen.text)
        await press(pilot, "enter")  # the default button: Non
        assert git(bare, "rev-parse", "main") == before
        assert app.gitlink.last_report is not None and app.gitlink.last_report.held
        await press(pilot, "P")
        assert isinstance(app.screen, ForceDialog)
        await press(pilot, "o")
        assert git(bare, "rev-parse", "main") != before
        assert "  - e02\n" not in remote_file(bare, f"{YEAR}/groups/P2/G-APPRO.yaml")
    assert date.today()  # the run ended cleanly


def test_the_git_screen_says_when_the_clone_has_no_working_driver(team) -> None:
    from aptui.gitsync.launcher import repair
    from aptui.gitsync.runner import Git
    from aptui.tui.data.git import read_status

    _, anne, _ = team
    git(anne, "config", "merge.aptui.driver", "/ancien/venv/bin/python -m aptui merge-driver %O %A %B %P")
    status = read_status(anne)
    assert status.driver == "le pilote de fusion d'aptui pointe vers un programme absent (/ancien/venv/bin/python)"
    assert repair(Git(anne)) is not None
    assert read_status(anne).driver is None


async def test_an_app_opened_on_a_relative_folder_commits_its_edits(team, monkeypatch: pytest.MonkeyPatch) -> None:
    # `aptui clone URL prof` opens the app on "prof": the temporary indexes must not be resolved twice
    _, anne, _ = team
    monkeypatch.chdir(anne.parent)
    async with Running(Path(anne.name)) as (app, pilot):
        await edit(pilot, INTERVIEW_E02)
        assert not [n for n in notifications(app) if "pas de commit" in n[0]]
    assert log(anne, "%s")[0] == "Entretien du 18/11/2025 avec Yanis Bernier (e02), par Anne Durand"
    assert git(anne, "status", "--porcelain").strip() == ""


async def test_an_edit_whose_pending_list_cannot_be_kept_is_still_committed(team) -> None:
    _, anne, _ = team
    (anne / ".git" / "aptui-pending.tmp").mkdir()  # the list's temporary file cannot be written
    async with Running(anne) as (app, pilot):
        await edit(pilot, INTERVIEW_E02)
        assert app.is_running
        assert log(anne, "%s")[0] == "Entretien du 18/11/2025 avec Yanis Bernier (e02), par Anne Durand"
    assert git(anne, "status", "--porcelain").strip() == ""


async def test_in_batch_mode_a_pending_list_that_cannot_be_kept_is_said(team) -> None:
    _, anne, _ = team
    git(anne, "config", "aptui.commit", "batch")
    (anne / ".git" / "aptui-pending.tmp").mkdir()
    async with Running(anne) as (app, pilot):
        await edit(pilot, INTERVIEW_E02)
        assert app.is_running
        said = [message for _, message in notifications(app)]
        assert any("n'a pas pu être gardée" in m and "directory" not in m for m in said), said
        await press(pilot, "C")
        assert log(anne, "%s")[0] == "Entretien du 18/11/2025 avec Yanis Bernier (e02), par Anne Durand"
