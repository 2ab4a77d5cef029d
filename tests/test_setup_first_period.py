"""From `aptui init` to a running first period without writing any YAML by hand.

init → import SIECLE → team → barrettes → periods → PFMP of two divisions → diagnostics and needs
→ the P1 groups proposed on the board and accepted → the period's sessions planned (« S ») → a first appel
taken in the app → `aptui validate` exits 0 with no problem at all (no error, no warning).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from import_support import XML, cli, commits, last_message, new_school
from textual.widgets import Input, Select
from tui_support import press, running, settle

from aptui.pipeline import load_school
from aptui.tui.dialogs.proposal import ProposalDialog
from aptui.tui.dialogs.simple import YesNoDialog
from aptui.tui.screens.attendance import AttendanceScreen
from aptui.tui.screens.groups import GroupsScreen

YEAR = "2025-2026"
FIRST_TUESDAY = date(2025, 9, 16)  # the first day of P1 that the barrette meets


def step(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> None:
    count = commits(root)
    code, out, err = cli(capsys, *args)
    assert code == 0, out + err
    assert commits(root) == count + 1, f"{args}: one commit"


def everything(root: Path) -> list[str]:
    return [f"{d.severity} {d.code} {d.loc.path}:{d.loc.line} {d.message}"
            for d in load_school(root, use_cache=False).diagnostics]


async def propose_and_accept(root: Path) -> None:
    async with running(root, today=FIRST_TUESDAY) as pilot:
        await press(pilot, "3")
        board = pilot.app.screen
        assert isinstance(board, GroupsScreen)
        board.query_one("#board-period", Select).value = "P1"
        await settle(pilot)
        board.query_one("#board-barrette", Select).value = "B-2NDE"
        await settle(pilot)
        await press(pilot, "P")
        dialog = pilot.app.screen
        assert isinstance(dialog, ProposalDialog)
        dialog.query_one("#proposal-min", Input).value = "3"
        dialog.query_one("#proposal-max", Input).value = "5"
        await press(pilot, "r")
        assert not dialog.proposal.unplaced
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, GroupsScreen)


async def plan_the_term(root: Path) -> None:
    """« S » on the board: every Tuesday of P1, for each group (planned sessions, no appel yet)."""
    async with running(root, today=FIRST_TUESDAY) as pilot:
        await press(pilot, "3")
        board = pilot.app.screen
        assert isinstance(board, GroupsScreen)
        board.query_one("#board-period", Select).value = "P1"
        await settle(pilot)
        await press(pilot, "S")
        assert isinstance(pilot.app.screen, YesNoDialog)
        await press(pilot, "enter")  # Oui is focused: nothing is destroyed


async def first_appel(root: Path) -> str:
    async with running(root, today=FIRST_TUESDAY) as pilot:
        await press(pilot, "4")
        screen = pilot.app.screen
        assert isinstance(screen, AttendanceScreen)
        group = str(screen.query_one("#appel-group", Select).value)
        assert screen.query_one("#appel-date", Input).value == FIRST_TUESDAY.isoformat()
        await press(pilot, "P", "ctrl+s")
        assert not screen.dirty
        return group


async def test_from_init_to_a_running_first_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    at = ("-C", str(root))
    step(capsys, root, "import", "siecle", str(XML), str(root))
    step(capsys, root, "equipe", "ajouter", "Roux", "Karim", "--disciplines", "mathematiques", *at)
    step(capsys, root, "equipe", "ajouter", "Martin", "Sophie", "--disciplines", "lettres-histoire", *at)
    step(capsys, root, "barrette", "creer", "B-2NDE", "--jour", "mardi", "--debut", "14:00", "--duree", "120",
         "--divisions", "2MELEC1,2MSPC1", *at)
    step(capsys, root, "periode", "supprimer", "P6", *at)  # the team ends the year with the exams in June
    step(capsys, root, "pfmp", "2MELEC1", str(root), "--du", "2026-01-12", "--au", "2026-02-06", "--motif", "PFMP 1")
    step(capsys, root, "pfmp", "2MSPC1", str(root), "--du", "2026-02-02", "--au", "2026-02-27", "--motif", "PFMP 1")
    for student, need, detail in (("e2025-007", "soutien-disciplinaire", "Fractions, maths"),
                                  ("e2025-008", "soutien-disciplinaire", "Calcul"),
                                  ("e2025-009", "soutien-disciplinaire", "Proportionnalité"),
                                  ("e2025-004", "approfondissement", "Projet de BTS")):
        step(capsys, root, "eleve", "ajouter-besoin", student, need, "--detail", detail, *at)
    step(capsys, root, "eleve", "diagnostic", "e2025-007", "--date", "2025-09-04", "--outil", "Positionnement maths",
         "--resultat", "6/20", *at)
    step(capsys, root, "eleve", "modifier", "e2025-006", "--profil", "contents", *at)
    assert everything(root) == []

    count = commits(root)
    await propose_and_accept(root)
    assert commits(root) == count + 1, "the accepted proposal is one commit"
    assert last_message(root).startswith("P1, B-2NDE : groupes proposés d'après les besoins et les diagnostics")
    soutien = yaml.safe_load((root / f"years/{YEAR}/groups/P1/G-SOUTIEN-1.yaml").read_text(encoding="utf-8"))
    assert {"e2025-007", "e2025-008", "e2025-009"} <= set(soutien["eleves"])
    assert soutien["motifs"]["e2025-007"] == (
        "besoin : soutien disciplinaire (Fractions, maths) ; diagnostic du 04/09 : 6/20")
    assert soutien["enseignants"] == ["kroux"]

    count = commits(root)
    await plan_the_term(root)
    assert commits(root) == count + 1
    assert last_message(root).startswith("P1 : 10 séance(s) planifiée(s) pour 2 groupe(s), du 16/09/2025")
    group = await first_appel(root)
    sessions = yaml.safe_load((root / f"years/{YEAR}/sessions/{group}.yaml")
                              .read_text(encoding="utf-8"))["seances"]
    assert sessions[0]["date"] == FIRST_TUESDAY and set(sessions[0]["appel"].values()) == {"present"}

    assert everything(root) == [], "no error and no warning"
    code, _, err = cli(capsys, "validate", str(root))
    assert code == 0 and "aucun problème" in err
