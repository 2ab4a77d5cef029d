"""Records corrected in the real app: an interview edited, an objective deleted, a session moved and deleted;
each one commit with only its lines, undone with ctrl+z and redone with ctrl+y."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_git_support import YEAR, git, seed_school
from textual.widgets import Button, Input
from tui_support import line_diff, notifications, press, running, screen_text, type_text

from aptui.tui.dialogs.records import PickDialog, SessionDialog
from aptui.tui.dialogs.simple import YesNoDialog
from aptui.tui.screens.attendance import AttendanceScreen
from aptui.tui.screens.students import StudentsScreen

E03 = "students/e03.yaml"
APPRO = f"{YEAR}/sessions/P2/G-APPRO.yaml"


@pytest.fixture(autouse=True)
def no_global_git_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path_factory.mktemp("gitconfig") / "config"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture()
def school(tmp_path: Path) -> Path:
    return seed_school(tmp_path / "school")


def snapshot_files(root: Path) -> dict[str, bytes]:
    """The school's files (not git's own)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(root).parts}


def last_commit(root: Path) -> tuple[str, list[str]]:
    """The last commit's message and the +/- lines of its diff."""
    message = git(root, "log", "-1", "--format=%s").strip()
    patch = git(root, "log", "-1", "-p", "--no-textconv", "--format=")
    lines = [line for line in patch.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return message, lines


async def select_caron(pilot) -> StudentsScreen:  # type: ignore[no-untyped-def]
    await press(pilot, "2", "slash")
    await type_text(pilot, "Caron")
    await press(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, StudentsScreen) and screen.selected_id == "e03"
    return screen


async def test_an_interview_is_corrected_in_one_commit_undone_and_redone(school: Path) -> None:
    before = snapshot_files(school)
    async with running(school) as pilot:
        await select_caron(pilot)
        assert "c Corriger" in screen_text(pilot.app)
        await press(pilot, "c")
        assert isinstance(pilot.app.screen, PickDialog)
        assert "Entretien du 23/09/2025 (Anne Durand) : Peu motivé par la filière" in screen_text(pilot.app)
        await press(pilot, "ctrl+s")  # the first record: the interview
        notes = pilot.app.screen.query_one("#field-notes", Input)
        assert notes.value == "Peu motivé par la filière, aime le travail manuel."
        notes.value = "Peu motivée par la filière, aime le travail manuel."
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, StudentsScreen)
        assert "Peu motivée par" in (school / E03).read_text(encoding="utf-8")
        message, lines = last_commit(school)
        assert message == "Entretien du 23/09/2025 avec Inès Caron (e03) corrigé : notes"
        assert lines == ["-    notes: Peu motivé par la filière, aime le travail manuel.",
                         "+    notes: Peu motivée par la filière, aime le travail manuel."]
        await press(pilot, "ctrl+z")
        assert snapshot_files(school)[E03] == before[E03]
        await press(pilot, "ctrl+y")
        assert b"Peu motiv\xc3\xa9e par" in (school / E03).read_bytes()


async def test_deleting_an_objective_asks_with_non_focused_and_says_what_goes(school: Path) -> None:
    before = snapshot_files(school)
    async with running(school) as pilot:
        await select_caron(pilot)
        await press(pilot, "D")
        assert isinstance(pilot.app.screen, PickDialog)
        pilot.app.screen.query_one("#field-which").value = "o0"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, YesNoDialog)
        assert "Objectif 1. Apporter son matériel à chaque séance — En cours" in screen_text(pilot.app)
        assert [b.has_focus for b in pilot.app.screen.query(Button)] == [False, True]
        await press(pilot, "enter")  # Non
        assert snapshot_files(school) == before
        await press(pilot, "D")
        pilot.app.screen.query_one("#field-which").value = "o0"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s", "o")
        assert "contrat" not in (school / E03).read_text(encoding="utf-8")
        message, lines = last_commit(school)
        assert message == "Contrat, Inès Caron (e03) : objectif « Apporter son matériel à chaque séance » supprimé"
        assert lines == ["-contrat:", "-  objectifs:", "-    - libelle: Apporter son matériel à chaque séance",
                         "-      statut: en-cours"]


async def test_a_session_is_corrected_and_deleted_from_the_appel(school: Path) -> None:
    async with running(school) as pilot:
        await press(pilot, "4")
        screen = pilot.app.screen
        assert isinstance(screen, AttendanceScreen) and screen.plan is not None
        assert screen.plan.day.isoformat() == "2025-11-25" and screen.plan.existing is not None
        await press(pilot, "m")
        dialog = pilot.app.screen
        assert isinstance(dialog, SessionDialog)
        dialog.query_one("#field-start", Input).value = "14:30"
        dialog.query_one("#field-duration", Input).value = "90"
        await press(pilot, "ctrl+s")
        message, lines = last_commit(school)
        assert message == ("P2 : séance du 25/11/2025, groupe « Approfondissement », corrigée : "
                           "début 14:00 → 14:30, durée 120 → 90 min")
        assert sorted(lines) == sorted(['-    debut: "14:00"', "-    duree_min: 120",
                                        '+    debut: "14:30"', "+    duree_min: 90"])
        before = (school / APPRO).read_bytes()
        await press(pilot, "D")
        assert isinstance(pilot.app.screen, YesNoDialog)
        text = screen_text(pilot.app)
        assert "Supprimer la séance du 25/11/2025 du groupe G-APPRO ?" in text
        assert "L'appel de cette séance est perdu : 3 présents, 1 absent" in text
        await press(pilot, "y")
        removed, added = line_diff(before, (school / APPRO).read_bytes())
        assert added == [] and "  - date: 2025-11-25" in removed and "      e05: absent" in removed
        assert git(school, "log", "-1", "--format=%s").strip() == (
            "P2 : séance du 25/11/2025 supprimée, groupe « Approfondissement » (appel effacé : 3 présents, 1 absent)")
        await press(pilot, "ctrl+z")
        assert (school / APPRO).read_bytes() == before


async def test_a_new_date_where_a_marked_student_has_left_is_refused_in_the_dialog(school: Path) -> None:
    before = snapshot_files(school)
    async with running(school) as pilot:
        await press(pilot, "4", "left_square_bracket", "left_square_bracket")  # 04/11: e04 was still in G-APPRO
        screen = pilot.app.screen
        assert isinstance(screen, AttendanceScreen) and screen.plan is not None
        assert screen.plan.day.isoformat() == "2025-11-04"
        await press(pilot, "m")
        pilot.app.screen.query_one("#field-day", Input).value = "2025-12-16"
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, SessionDialog)
        assert "e04 ne sont plus membres du groupe" in screen_text(pilot.app)
    assert snapshot_files(school) == before


async def test_a_session_not_recorded_yet_has_nothing_to_correct(school: Path) -> None:
    async with running(school) as pilot:
        await press(pilot, "4", "right_square_bracket", "right_square_bracket", "right_square_bracket")
        screen = pilot.app.screen
        assert isinstance(screen, AttendanceScreen) and screen.plan is not None and screen.plan.existing is None
        await press(pilot, "D")
        assert isinstance(pilot.app.screen, AttendanceScreen)
        assert any("pas encore enregistrée" in n for n in notifications(pilot.app))
