"""« Proposer les groupes » on the board, through the real app: capacities, a pin, accept (files on disk,
one edit undone as one), reject (nothing written)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from textual.widgets import DataTable, Input, Select
from tui_support import NARROW, WIDE, notifications, press, running, school_errors, screen_text, settle, snapshot_files

from aptui.tui.dialogs.base import FormDialog
from aptui.tui.dialogs.proposal import ProposalDialog
from aptui.tui.screens.groups import GroupsScreen

YEAR = "years/2025-2026"


@pytest.fixture
def school(mini_school: Path) -> Path:
    """The mini school at the start of the year: students, divisions and a barrette, no group yet."""
    for folder in ("groups", "sessions", "bilans"):
        shutil.rmtree(mini_school / YEAR / folder)
    return mini_school


async def open_p1(pilot) -> GroupsScreen:  # type: ignore[no-untyped-def]
    await press(pilot, "3")
    screen = pilot.app.screen
    assert isinstance(screen, GroupsScreen)
    screen.query_one("#board-period", Select).value = "P1"
    await settle(pilot)
    assert "« P » propose les groupes" in screen_text(pilot.app)
    return screen


async def set_capacity(pilot, low: int, high: int) -> None:  # type: ignore[no-untyped-def]
    dialog = pilot.app.screen
    dialog.query_one("#proposal-min", Input).value = str(low)
    dialog.query_one("#proposal-max", Input).value = str(high)
    await press(pilot, "r")


def groups_on_disk(root: Path) -> dict[str, dict[str, object]]:
    folder = root / YEAR / "groups" / "P1"
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))}


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
async def test_propose_pin_and_accept(school: Path, size: tuple[int, int]) -> None:
    before = snapshot_files(school)
    async with running(school, size=size) as pilot:
        await open_p1(pilot)
        await press(pilot, "P")
        dialog = pilot.app.screen
        assert isinstance(dialog, ProposalDialog)
        await set_capacity(pilot, 2, 4)
        assert dialog.proposal.settings.maximum == 4
        assert all(g.size <= 4 for g in dialog.proposal.groups)
        table = dialog.query_one("#proposal-table", DataTable)
        table.move_cursor(row=next(i for i, r in enumerate(dialog.rows) if r.student == "e03"))
        target = next(g.id for g in dialog.proposal.groups if "e03" not in g.members)
        await press(pilot, "g")
        assert isinstance(pilot.app.screen, FormDialog)
        pilot.app.screen.query_one("#field-group", Select).value = target
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is dialog and dialog.proposal.settings.pins == {"e03": target}
        assert "gardé(e) dans" in screen_text(pilot.app)
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, GroupsScreen)
        assert any("P1, B-2NDE : groupes proposés" in n for n in notifications(pilot.app))
        written = groups_on_disk(school)
        members = [s for g in written.values() for s in g["eleves"]]  # type: ignore[union-attr]
        assert sorted(members) == [f"e0{n}" for n in range(1, 9)], "each student in exactly one group"
        assert all(2 <= len(g["eleves"]) <= 4 for g in written.values())  # type: ignore[arg-type]
        assert "e03" in written[target]["eleves"]  # type: ignore[operator]
        assert written[target]["motifs"]["e03"] == f"gardé(e) dans {target} par le pilote"  # type: ignore[index]
        assert all(set(g["motifs"]) == set(g["eleves"]) for g in written.values())  # type: ignore[arg-type]
        assert school_errors(school) == []
        await press(pilot, "ctrl+z")
    assert snapshot_files(school) == before, "the proposal is one edit, undone as one"


async def test_reject_writes_nothing(school: Path) -> None:
    before = snapshot_files(school)
    async with running(school) as pilot:
        await open_p1(pilot)
        await press(pilot, "P")
        assert isinstance(pilot.app.screen, ProposalDialog)
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, GroupsScreen)
        assert any("rien n'a été écrit" in n for n in notifications(pilot.app))
    assert snapshot_files(school) == before


async def test_nothing_to_propose_when_everyone_has_a_group(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "3", "P")
        assert isinstance(pilot.app.screen, GroupsScreen)
        assert any("Personne à placer" in n for n in notifications(pilot.app))
