"""A new school's dashboard lists the set-up steps still to do, in order, each ticked from the model."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_SCHOOL
from import_support import XML, cli, new_school
from tui_support import NARROW, TODAY, WIDE, running, screen_text

from aptui.pipeline import load_school
from aptui.tui.data.setup_steps import setup_done, setup_steps
from aptui.tui.widgets.setup_steps import SetupSteps

ORDER = ["Équipe", "Divisions", "Barrettes", "Périodes", "Élèves", "Groupes", "Premier appel"]


def done_of(root: Path) -> dict[str, bool]:
    school = load_school(root, use_cache=False).school
    steps = setup_steps(school, school.latest_year())
    assert [s.what.split(" ")[0] for s in steps] == [w.split(" ")[0] for w in ORDER]
    return {w: s.done for w, s in zip(ORDER, steps, strict=True)}


def test_steps_are_ticked_as_the_files_fill(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    assert done_of(root) == {w: w == "Périodes" for w in ORDER}  # init proposed the periods, nothing else
    at = ("-C", str(root))
    assert cli(capsys, "equipe", "ajouter", "Martin", "Sophie", "--disciplines", "lettres-histoire", *at)[0] == 0
    assert done_of(root)["Équipe"]
    assert cli(capsys, "import", "siecle", str(XML), str(root))[0] == 0
    done = done_of(root)
    assert done["Divisions"] and done["Élèves"] and not done["Barrettes"] and not done["Groupes"]
    assert cli(capsys, "barrette", "creer", "B-2NDE", "--jour", "mardi", "--debut", "14:00", "--duree", "120",
               "--divisions", "2MELEC1,2MSPC1", *at)[0] == 0
    assert done_of(root) == {w: w not in ("Groupes", "Premier appel") for w in ORDER}


def test_the_sample_school_has_nothing_left_to_set_up() -> None:
    school = load_school(SAMPLE_SCHOOL).school
    assert setup_done(setup_steps(school, school.latest_year()))


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_a_new_school_opens_on_its_set_up_steps(tmp_path: Path, size: tuple[int, int],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    async with running(root, today=TODAY, size=size) as pilot:
        text = screen_text(pilot.app)  # type: ignore[arg-type]
        assert "Mise en place de l'année : 1 étape(s) sur 7 faites" in text, text
        lines = [line.strip(" █▌▎") for line in text.splitlines()]
        steps = [line for line in lines if line and line[0] in "✓▶·"]
        assert [line[2:].split(" —")[0].split(" (")[0] for line in steps] == [
            "Équipe", "Divisions", "Barrettes", "Périodes", "Élèves", "Groupes de besoin", "Premier appel"], steps
        assert steps[0].startswith("▶ Équipe") and "écran Année (8), section Équipe" in steps[0]
        assert steps[3].startswith("✓ Périodes — ") and steps[3].endswith(" période(s)")
        assert any("aptui import siecle" in line for line in steps)
        assert any("« P » propose les groupes" in line for line in steps)
        assert cli(capsys, "equipe", "ajouter", "Martin", "Sophie", "-C", str(root))[0] == 0
        pilot.app.check_disk()  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(pilot.app)  # type: ignore[arg-type]
        assert "2 étape(s) sur 7 faites" in text
        assert "✓ Équipe (enseignants d'AP) — 1 enseignant(s) en plus du pilote" in text, text
        assert "▶ Divisions — écran Année (8), section Divisions" in text


async def test_the_list_is_hidden_once_everything_is_set_up(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "sample"
    shutil.copytree(SAMPLE_SCHOOL, root)
    async with running(root) as pilot:
        assert not pilot.app.screen.query_one(SetupSteps).display
        assert "Mise en place" not in screen_text(pilot.app)  # type: ignore[arg-type]
