"""The Bilans screen driven through the real app: who has no bilan, writing one, rewriting one."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select
from tui_support import changed_paths, line_diff, press, running, school_errors, screen_text, settle, snapshot_files

from aptui.tui.dialogs.base import FormDialog
from aptui.tui.screens.bilans import BilansScreen

P1 = "years/2025-2026/bilans/P1.yaml"
P2 = "years/2025-2026/bilans/P2.yaml"


async def open_bilans(pilot) -> BilansScreen:  # type: ignore[no-untyped-def]
    await press(pilot, "5")
    screen = pilot.app.screen
    assert isinstance(screen, BilansScreen)
    return screen


def rows(screen: BilansScreen) -> list[list[str]]:
    table = screen.query_one("#bilan-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_write_a_bilan_for_the_current_period(mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APTUI_STAFF", "adurand")  # the person using the app: the default author
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        screen = await open_bilans(pilot)
        assert screen.period_id == "P2"
        assert "P2 : 0 bilan(s) écrit(s), 8 à écrire" in screen_text(pilot.app)
        assert rows(screen)[0][:4] == ["Arnaud Zoé", "2MELEC1", "G-APPRO", "à écrire"]
        await press(pilot, "enter")  # Enter or b writes the bilan of the selected student
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-author", Select).value == "adurand"
        assert dialog.query_one("#field-day", Input).value == "2025-11-20"
        assert dialog.query_one("#field-decision", Select).value == "maintien"
        dialog.query_one("#field-author", Select).value = "bpetit"
        dialog.query_one("#field-outcome", Select).value = "atteint"
        dialog.query_one("#field-decision", Select).value = "changement"
        await press(pilot, "ctrl+s")  # a change needs a group (or a type) and a reason
        assert pilot.app.screen is dialog
        assert "« Vers le groupe » est obligatoire." in screen_text(pilot.app)
        # P2 is the year's last period: no group to offer, the dialog says so; the type says where to
        assert "Pas de période après P2 en 2025-2026" in screen_text(pilot.app)
        dialog.query_one("#field-to_type", Select).value = "aide-methodologique"
        dialog.query_one("#field-reason", Input).value = "Besoin de méthode"
        dialog.query_one("#field-comment", Input).value = "Objectifs atteints"
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        assert "P2 : 1 bilan(s) écrit(s), 7 à écrire" in screen_text(pilot.app)
        assert rows(screen)[0] == ["Arnaud Zoé", "2MELEC1", "G-APPRO", "Atteints", "Changement",
                                   "Aide méthodol…", "Besoin de méthode"]  # cut to its column, whole below
        assert ("20/11/2025 · Bruno Petit · Objectifs atteints · Changement de groupe → Aide méthodologique : "
                "Objectifs atteints") in screen_text(pilot.app)
        await press(pilot, "m")  # only the missing ones
        assert [r[0] for r in rows(screen)][0] == "Bernier Yanis" and len(rows(screen)) == 7
    after = snapshot_files(mini_school)
    assert changed_paths(before, after) == [P2]
    text = after[P2].decode()
    assert text.startswith("# yaml-language-server: $schema=../../../schema/bilans.schema.json\n")
    assert text.endswith(
        "bilans:\n  e01:\n    auteur: bpetit\n    date: 2025-11-20\n    resultat: atteint\n"
        "    commentaire: Objectifs atteints\n    decision: changement\n    type: aide-methodologique\n"
        "    motif: Besoin de méthode\n")
    assert school_errors(mini_school) == []


async def test_rewrite_a_bilan_of_a_finished_period(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        screen = await open_bilans(pilot)
        screen.query_one("#bilan-period", Select).value = "P1"
        await settle(pilot)
        assert "P1 : tous les bilans sont écrits (8)." in screen_text(pilot.app)
        await press(pilot, "down", "b")  # Bernier Yanis (e02)
        dialog = pilot.app.screen
        assert dialog.query_one("#field-decision", Select).value == "changement"
        assert dialog.query_one("#field-to_group", Select).value == "G-APPRO"
        assert dialog.query_one("#field-outcome", Select).value == "partiel"
        dialog.query_one("#field-outcome", Select).value = "atteint"
        await press(pilot, "ctrl+s")
    after = snapshot_files(mini_school)
    assert changed_paths(before, after) == [P1]
    assert line_diff(before[P1], after[P1]) == (["    resultat: partiel"], ["    resultat: atteint"])
    assert school_errors(mini_school) == []


async def test_filter_and_editor_at_the_bilan(mini_school: Path, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tui_support import editor_env, type_text

    log = editor_env(monkeypatch, tmp_path)
    async with running(mini_school) as pilot:
        screen = await open_bilans(pilot)
        screen.query_one("#bilan-period", Select).value = "P1"
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "faure")
        await press(pilot, "enter")
        assert [r[0] for r in rows(screen)] == ["Faure Nolan"]
        await press(pilot, "e")
    lines = (mini_school / P1).read_text(encoding="utf-8").splitlines()
    assert log.read_text(encoding="utf-8").splitlines() == [f"+{lines.index('  e06:') + 1}", str(mini_school / P1)]


def _offered(dialog: FormDialog) -> list[str]:
    select = dialog.query_one("#field-to_group", Select)
    return [str(value) for _, value in select._options if value is not Select.NULL]


async def _bilan_dialog_of(pilot, period: str, student: str) -> FormDialog:  # type: ignore[no-untyped-def]
    from tui_support import type_text

    screen = await open_bilans(pilot)
    screen.query_one("#bilan-period", Select).value = period
    await settle(pilot)
    await press(pilot, "slash")
    await type_text(pilot, student)
    await press(pilot, "enter")
    assert len(rows(screen)) == 1
    await press(pilot, "b")
    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog)
    return dialog


async def test_a_terminale_student_is_offered_only_the_groups_of_their_barrette(tmp_path: Path) -> None:
    """e2023-001 is in TMELEC1 (barrette B-TLE): after P3 come P4's groups of B-TLE, the GT-* ones
    (sample_school/years/2025-2026/groups/P4: 7 groups of B-2NDE and B-1RE, 3 of B-TLE)."""
    import shutil
    from datetime import date

    root = tmp_path / "school"
    shutil.copytree(Path(__file__).parent.parent / "sample_school", root)
    async with running(root, today=date(2026, 2, 12)) as pilot:
        dialog = await _bilan_dialog_of(pilot, "P3", "e2023-001")
        assert _offered(dialog) == ["GT-APPRO-BTS", "GT-INSERTION", "GT-SOUTIEN-MATHS"]
        assert "Groupes de P4 dans la barrette B-TLE de l'élève." in screen_text(pilot.app)


async def test_after_the_last_period_no_group_is_offered_and_the_dialog_says_why(tmp_path: Path) -> None:
    import shutil
    from datetime import date

    root = tmp_path / "school"
    shutil.copytree(Path(__file__).parent.parent / "sample_school", root)
    async with running(root, today=date(2026, 6, 5)) as pilot:
        dialog = await _bilan_dialog_of(pilot, "P5", "e2023-001")
        assert _offered(dialog) == []  # not P5's own groups
        assert "Pas de période après P5 en 2025-2026 : aucun groupe à proposer" in screen_text(pilot.app)


async def test_a_next_period_without_groups_offers_the_continuing_ones(mini_school: Path) -> None:
    """A third period with no group yet: P2's groups of B-2NDE stand for it (they continue under their id)."""
    year = mini_school / "years/2025-2026/year.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace(
        "    fin: 2025-12-19\n", "    fin: 2025-12-19\n  - id: P3\n    debut: 2026-01-05\n    fin: 2026-02-13\n"),
        encoding="utf-8")
    async with running(mini_school) as pilot:
        dialog = await _bilan_dialog_of(pilot, "P2", "e01")
        assert _offered(dialog) == ["G-APPRO", "G-METHODO"]
        assert "P3 n'a pas encore de groupe dans la barrette B-2NDE : groupes de P2" in screen_text(pilot.app)
