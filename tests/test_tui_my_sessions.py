"""« Mes séances »: the logged-in teacher's groups (co-animated ones too) and today's appels, taken in a row."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from test_git_support import BRUNO, YEAR, git, seed_school, set_author
from textual.widgets import DataTable, Select
from tui_support import NARROW, WIDE, press, running, screen_text

from aptui.tui.dialogs.base import FormDialog
from aptui.tui.screens.attendance import AttendanceScreen
from aptui.tui.screens.my_sessions import MySessionsScreen

DAY = date(2025, 12, 16)  # a Tuesday of P2 whose sessions seed_school dropped
METHODO = f"{YEAR}/groups/P2/G-METHODO.yaml"


@pytest.fixture(autouse=True)
def no_global_git_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path_factory.mktemp("gitconfig") / "config"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("APTUI_STAFF", raising=False)


@pytest.fixture()
def school(tmp_path: Path) -> Path:
    root = seed_school(tmp_path / "school")
    path = root / METHODO  # Bruno Petit co-animates Méthodo with Anne Durand
    path.write_text(path.read_text(encoding="utf-8").replace("  - adurand\n", "  - adurand\n  - bpetit\n"),
                    encoding="utf-8")
    git(root, "commit", "-qam", "Co-animation de Méthodo")
    return root


def rows(screen: MySessionsScreen) -> list[tuple[str, str, str]]:
    return [(r.group, r.day.isoformat(), "fait" if r.done else "à faire") for r in screen.rows]


async def test_a_teacher_takes_two_appels_in_a_row(school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APTUI_STAFF", "bpetit")
    async with running(school, today=DAY) as pilot:
        await press(pilot, "M")
        screen = pilot.app.screen
        assert isinstance(screen, MySessionsScreen)
        text = screen_text(pilot.app)
        assert "Bruno Petit — mardi 16/12/2025" in text
        assert "G-METHODO — Méthodo (co-animé)" in text and "Aujourd'hui" in text
        assert rows(screen) == [("G-APPRO", "2025-12-16", "à faire"), ("G-METHODO", "2025-12-16", "à faire")]
        for group in ("G-APPRO", "G-METHODO"):
            await press(pilot, "enter")
            appel = pilot.app.screen
            assert isinstance(appel, AttendanceScreen) and appel.plan is not None
            assert (appel.choice, appel.plan.day, appel.plan.existing) == (("P2", group), DAY, None)
            await press(pilot, "P", "a", "ctrl+s", "escape")  # all present, the first one absent, saved, back
            assert pilot.app.screen is screen
            assert screen.query_one("#my-table", DataTable).cursor_row == 1  # the next appel to take, then stays
        assert rows(screen) == [("G-APPRO", "2025-12-16", "fait"), ("G-METHODO", "2025-12-16", "fait")]
        assert "fait (4/4)" in screen_text(pilot.app)
    subjects = git(school, "log", "-2", "--format=%s").splitlines()
    assert subjects == ["P2 : séance du 16/12/2025, groupe « Méthodo » (appel : 3 présents, 1 absent)",
                        "P2 : séance du 16/12/2025, groupe « Approfondissement » (appel : 3 présents, 1 absent)"]
    patch = git(school, "log", "-1", "-p", "--no-textconv", "--format=")
    added = [line for line in patch.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert added[:4] == ["+  - date: 2025-12-16", '+    debut: "14:00"', "+    duree_min: 120", "+    appel:"]
    assert len(added) == 8 and not any(line.startswith("-") and not line.startswith("---")
                                       for line in patch.splitlines())


async def test_another_teacher_sees_only_her_groups_and_t_shows_everyone(school: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APTUI_STAFF", "adurand")
    async with running(school, today=DAY) as pilot:
        await press(pilot, "M")
        screen = pilot.app.screen
        assert isinstance(screen, MySessionsScreen)
        assert rows(screen) == [("G-METHODO", "2025-12-16", "à faire")]
        assert "Mes groupes : G-METHODO" in screen_text(pilot.app)
        await press(pilot, "t")
        assert "Toute l'équipe" in screen_text(pilot.app)
        assert "Groupes en cours : G-APPRO" in screen_text(pilot.app) and "Mes groupes" not in screen_text(pilot.app)
        assert [r[0] for r in rows(screen)] == ["G-APPRO", "G-METHODO"]


async def test_nobody_known_shows_every_group_and_says_how_to_declare(school: Path) -> None:
    async with running(school, today=DAY) as pilot:
        await press(pilot, "M")
        assert isinstance(pilot.app.screen, FormDialog)  # « Qui êtes-vous ? », answered later (Échap)
        await press(pilot, "escape")
        screen = pilot.app.screen
        assert isinstance(screen, MySessionsScreen)
        assert [r[0] for r in rows(screen)] == ["G-APPRO", "G-METHODO"]
        assert "aptui doctor" in screen_text(pilot.app)


async def test_a_missed_appel_of_last_week_is_listed_to_catch_up(school: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APTUI_STAFF", "bpetit")
    async with running(school, today=date(2025, 12, 18)) as pilot:  # Thursday after the Tuesday 16/12
        await press(pilot, "M")
        screen = pilot.app.screen
        assert isinstance(screen, MySessionsScreen)
        assert rows(screen) == [("G-APPRO", "2025-12-16", "à faire"), ("G-METHODO", "2025-12-16", "à faire")]


async def test_the_new_keys_are_in_the_help_the_palette_and_the_keymap(school: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_support import rendered, type_text  # noqa: I001

    from aptui.tui.app import AptuiApp
    from aptui.tui.screens.help import help_content
    from aptui.tui.screens.students import StudentsScreen

    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"students.edit-record" = "k"\n"mes-seances.start-appel" = "enter,s"\n', encoding="utf-8")
    monkeypatch.setenv("APTUI_KEYMAP", str(keymap))
    monkeypatch.setenv("APTUI_STAFF", "bpetit")
    async with running(school, today=DAY) as pilot:
        app = pilot.app
        assert isinstance(app, AptuiApp)
        assert not [n for n in app._notifications if "inconnu" in n.message]  # noqa: SLF001 - both ids known
        await press(pilot, "2")
        assert isinstance(app.screen, StudentsScreen)
        students_help = rendered(help_content(app, app.screen), width=140)
        assert "Corriger le suivi" in students_help
        assert re.search(r"\bk\s+Corriger une fiche\s+students\.edit-record", students_help)
        assert "students.delete-record" in students_help
        await press(pilot, "4")
        appel_help = rendered(help_content(app, app.current_main()), width=140)
        assert "attendance.edit-session" in appel_help and "Supprimer la séance" in appel_help
        await press(pilot, "ctrl+p")
        await type_text(pilot, "Mes séances")
        assert "Mes séances" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, MySessionsScreen)
        await press(pilot, "s")  # remapped: opens the appel
        assert isinstance(app.screen, AttendanceScreen)


async def test_who_are_you_is_asked_once_and_kept_in_the_clone(school: Path) -> None:
    set_author(school, BRUNO)
    async with running(school, today=DAY) as pilot:
        await press(pilot, "M")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog) and "Qui êtes-vous ?" in screen_text(pilot.app)
        assert dialog.query_one("#field-staff", Select).value == "bpetit"  # the git identity's name, first
        await press(pilot, "ctrl+s")
        screen = pilot.app.screen
        assert isinstance(screen, MySessionsScreen)
        assert "Bruno Petit — mardi 16/12/2025" in screen_text(pilot.app)
        await press(pilot, "1", "M")
        assert pilot.app.screen is screen  # not asked again
    assert git(school, "config", "--local", "aptui.staff").strip() == "bpetit"
    async with running(school, today=DAY) as pilot:
        await press(pilot, "M")
        assert isinstance(pilot.app.screen, MySessionsScreen)
        assert "Bruno Petit — mardi 16/12/2025" in screen_text(pilot.app)


async def test_who_are_you_answered_in_a_clone_whose_config_git_cannot_write_is_kept_for_the_run(
        school: Path) -> None:
    set_author(school, BRUNO)
    (school / ".git" / "config.lock").write_text("")  # another git is writing the config: git config fails
    async with running(school, today=DAY) as pilot:
        await press(pilot, "M", "ctrl+s")
        assert pilot.app.is_running
        assert isinstance(pilot.app.screen, MySessionsScreen)
        text = screen_text(pilot.app)
        assert "Bruno Petit — mardi 16/12/2025" in text  # the answer is used in this run
        said = [n.message for n in pilot.app._notifications]  # noqa: SLF001
        assert any("pour cette fois" in message for message in said), said
    assert git(school, "config", "--local", "aptui.staff", check=False) == ""


async def test_who_are_you_not_answered_is_not_asked_again_in_the_run(school: Path) -> None:
    async with running(school, today=DAY) as pilot:
        await press(pilot, "M", "escape")
        screen = pilot.app.screen
        assert isinstance(screen, MySessionsScreen)
        await press(pilot, "1", "M")
        assert pilot.app.screen is screen
    assert git(school, "config", "--local", "aptui.staff", check=False) == ""


async def test_the_appel_column_is_on_screen_at_80_columns_and_after_a_resize(school: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APTUI_STAFF", "bpetit")
    path = school / METHODO  # a title as long as the sample school's
    path.write_text(path.read_text(encoding="utf-8").replace("titre: Méthodo\n", "titre: Méthodo et organisation du travail\n"),
                    encoding="utf-8")
    git(school, "commit", "-qam", "Titre long")
    async with running(school, today=DAY, size=NARROW) as pilot:
        await press(pilot, "M")
        header = next(line for line in screen_text(pilot.app).splitlines() if line.strip().startswith("Quand"))
        assert header.rstrip().endswith("Appel"), header
        assert "à faire" in screen_text(pilot.app)
        await pilot.resize_terminal(*WIDE)
        await press(pilot)
        assert "G-METHODO — Méthodo et organisation du travail" in screen_text(pilot.app).split("Quand", 1)[1]
