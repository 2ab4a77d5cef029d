"""Bilans for a whole group: tick the students (espace, T), one result and decision in ONE commit, one undo;
a change towards a group outside a student's barrette is not written for that student, and said."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_git_support import YEAR, git, seed_school
from textual.widgets import Input, Select
from tui_support import press, running, screen_text, type_text

from aptui.load.yamlread import parse_yaml
from aptui.tui.dialogs.group_bilans import GroupBilanDialog
from aptui.tui.screens.bilans import BilansScreen

BILANS_P2 = f"{YEAR}/bilans/P2.yaml"


@pytest.fixture(autouse=True)
def no_global_git_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path_factory.mktemp("gitconfig") / "config"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("APTUI_STAFF", "bpetit")


@pytest.fixture()
def school(tmp_path: Path) -> Path:
    """The mini school with a P3 declared (no groups yet): P2's bilans may name P2's groups, which continue."""
    root = seed_school(tmp_path / "school")
    year = root / YEAR / "year.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace(
        "    fin: 2025-12-19\n", "    fin: 2025-12-19\n  - id: P3\n    debut: 2026-01-05\n    fin: 2026-02-13\n"),
        encoding="utf-8")
    git(root, "commit", "-qam", "P3 déclarée")
    return root


async def tick_appro(pilot) -> BilansScreen:  # type: ignore[no-untyped-def]
    await press(pilot, "5", "slash")
    await type_text(pilot, "G-APPRO")
    await press(pilot, "enter", "T")
    screen = pilot.app.screen
    assert isinstance(screen, BilansScreen)
    assert screen.ticked == {"e01", "e02", "e05", "e08"}
    assert "4 coché(s)" in screen_text(pilot.app) and "✓ Arnaud Zoé" in screen_text(pilot.app)
    return screen


def split_barrettes(school: Path) -> None:
    """2MSPC1 gets its own barrette, with its own group G-SPC."""
    year = school / YEAR / "year.yaml"
    text = year.read_text(encoding="utf-8").replace("    divisions: [2MELEC1, 2MSPC1]\n", (
        "    divisions: [2MELEC1]\n  - id: B-SPC\n    jour: mardi\n    debut: \"14:00\"\n    duree_min: 120\n"
        "    divisions: [2MSPC1]\n"))
    year.write_text(text, encoding="utf-8")
    (school / YEAR / "groups/P2/G-SPC.yaml").write_text(
        "titre: Sciences\ntype: soutien-disciplinaire\nbarrette: B-SPC\nenseignants:\n  - bpetit\neleves: []\n",
        encoding="utf-8")
    git(school, "add", "-A")
    git(school, "commit", "-qm", "Barrette SPC")


def fill(dialog: GroupBilanDialog, **values: str) -> None:
    for name, value in values.items():
        widget = dialog.query_one(f"#field-{name}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value


def bilans(root: Path) -> dict:
    return parse_yaml((root / BILANS_P2).read_text(encoding="utf-8")).data["bilans"]


async def test_one_decision_for_a_group_is_one_commit_and_one_undo(school: Path) -> None:
    async with running(school) as pilot:
        await tick_appro(pilot)
        await press(pilot, "space")  # untick the first one (Arnaud Zoé), the cursor goes on
        await press(pilot, "G")
        dialog = pilot.app.screen
        assert isinstance(dialog, GroupBilanDialog) and dialog.students == ["e02", "e05", "e08"]
        assert dialog.query_one("#field-author", Select).value == "bpetit"  # the person using the app
        fill(dialog, outcome="partiel", decision="changement", to_group="G-METHODO", reason="Reprendre la méthode")
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, BilansScreen)
        written = bilans(school)
        assert sorted(written) == ["e02", "e05", "e08"]
        assert {b["vers"] for b in written.values()} == {"G-METHODO"} and written["e05"]["auteur"] == "bpetit"
        subject = git(school, "log", "-1", "--format=%s").strip()
        assert subject == ("P2 : bilans de 3 élèves, objectifs partiellement atteints, changement vers « G-METHODO » : "
                           "e02, e05, e08")
        assert git(school, "show", "--stat", "--format=", "HEAD").strip().startswith(BILANS_P2)
        assert pilot.app.screen.ticked == set()  # type: ignore[attr-defined]
        await press(pilot, "ctrl+z")
        assert not (school / BILANS_P2).exists()


async def test_students_outside_the_target_barrette_are_left_out_and_named(school: Path) -> None:
    split_barrettes(school)
    async with running(school) as pilot:
        await tick_appro(pilot)
        await press(pilot, "G")
        dialog = pilot.app.screen
        assert isinstance(dialog, GroupBilanDialog)
        fill(dialog, outcome="atteint", decision="changement", to_group="G-METHODO", reason="Groupe plus adapté")
        await press(pilot, "ctrl+s")
        written = bilans(school)
        assert sorted(written) == ["e01", "e02"]  # e05 and e08 (2MSPC1) are in B-SPC
        assert git(school, "log", "-1", "--format=%s").strip().endswith(
            "; non écrits (G-METHODO hors de leur barrette) : e05, e08")
        await press(pilot, "slash")
        await type_text(pilot, "Eymard")
        await press(pilot, "enter", "space", "G")
        dialog = pilot.app.screen
        assert isinstance(dialog, GroupBilanDialog)
        assert dialog.students == ["e05"]
        offered = [value for _, value in dialog.query_one("#field-to_group", Select)._options]  # noqa: SLF001
        assert "G-SPC" in offered and "G-METHODO" not in offered  # only the groups of her barrette
    assert "e05" not in bilans(school)


async def test_each_bilan_stays_editable_alone(school: Path) -> None:
    async with running(school) as pilot:
        await tick_appro(pilot)
        await press(pilot, "G")
        fill(pilot.app.screen, outcome="atteint")  # type: ignore[arg-type]
        await press(pilot, "ctrl+s")
        assert {b["decision"] for b in bilans(school).values()} == {"maintien"}
        await press(pilot, "b")  # the selected student's own bilan, filled with what the group one said
        assert pilot.app.screen.query_one("#field-outcome", Select).value == "atteint"
        pilot.app.screen.query_one("#field-outcome", Select).value = "partiel"
        await press(pilot, "ctrl+s")
        outcomes = {s: b["resultat"] for s, b in bilans(school).items()}
        assert sorted(outcomes.values()) == ["atteint", "atteint", "atteint", "partiel"]



async def test_one_students_bilan_offers_only_the_groups_of_her_barrette(school: Path) -> None:
    split_barrettes(school)
    # a P3 after P2, not built yet: P2's groups of her barrette stand for it (after the year's last
    # period no group is offered at all: tests/test_tui_bilans.py)
    year = school / YEAR / "year.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace(
        "    fin: 2025-12-19\n", "    fin: 2025-12-19\n  - id: P3\n    debut: 2026-01-05\n    fin: 2026-02-13\n"),
        encoding="utf-8")
    git(school, "commit", "-qam", "P3")
    async with running(school) as pilot:
        await press(pilot, "5", "slash")
        await type_text(pilot, "Eymard")
        await press(pilot, "enter", "b")
        offered = [value for _, value in pilot.app.screen.query_one("#field-to_group", Select)._options]  # noqa: SLF001
        assert "G-SPC" in offered and "G-APPRO" not in offered and "G-METHODO" not in offered


async def test_after_the_last_period_no_group_is_offered(tmp_path: Path) -> None:
    school = seed_school(tmp_path / "last")  # P2 is the year's last period: « type » only, as for one student
    async with running(school) as pilot:
        await tick_appro(pilot)
        await press(pilot, "G")
        dialog = pilot.app.screen
        assert isinstance(dialog, GroupBilanDialog)
        assert all(value is Select.NULL for _, value in dialog.query_one("#field-to_group", Select)._options)  # noqa: SLF001
