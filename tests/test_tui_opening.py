"""The app opens the school in a worker behind « Chargement de l'école… » (issue 14): the loading screen
shows at once with the files read, keys pressed meanwhile are answered, then the dashboard; a cold
open's saved state is written by a child process afterwards."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_support import TODAY, WIDE, opened, screen_text, settle

import aptui.pipeline as pipeline
from aptui.load import snapshot
from aptui.tui.app import AptuiApp
from aptui.tui.labels import LOADING_KEYS, LOADING_SCREEN_KEPT, LOADING_TITLE, LOADING_WAIT
from aptui.tui.opening import LoadingScreen
from aptui.tui.screens.base import AptScreen
from aptui.tui.screens.dashboard import DashboardScreen
from aptui.tui.screens.problems import ProblemsScreen
from aptui.workspace import Workspace


class Held:
    """Holds the load inside ``read_document`` at the third file until released (the test sees the
    loading screen mid-way); never more than ~20 s, then the load goes on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        self.calls = 0
        original = pipeline.read_document

        def read(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == 3:
                self.reached.set()
                self.release.wait(20)
            return original(*args, **kwargs)

        monkeypatch.setattr(pipeline, "read_document", read)
        monkeypatch.setattr(pipeline, "PROGRESS_EVERY", 1)

    async def reached_in(self, pilot: Pilot[None]) -> None:
        """Let the app run until the load is held (at most ~10 s)."""
        for _ in range(1000):
            if self.reached.is_set():
                return
            await pilot.pause(0.01)


async def failed(pilot: Pilot[None]) -> None:
    """Let the app run until its loading screen says the open failed (at most ~3 s)."""
    for _ in range(300):
        await pilot.pause(0.01)
        if "pas pu être ouverte" in screen_text(pilot.app):  # type: ignore[arg-type]
            return


def notices(app: AptuiApp) -> list[str]:
    return [n.message for n in app._notifications]  # noqa: SLF001


async def test_the_loading_screen_shows_the_files_read_answers_keys_then_the_dashboard(
        mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    held = Held(monkeypatch)
    total = len(list(mini_school.rglob("*.yaml")))
    app = AptuiApp(mini_school, today=TODAY, poll_seconds=0)
    async with app.run_test(size=WIDE) as pilot:
        await held.reached_in(pilot)
        for _ in range(500):  # the screen shows the progress five times a second (a loaded machine: later)
            await pilot.pause(0.01)
            if "Fichiers lus : 2" in screen_text(app):
                break
        assert isinstance(app.screen, LoadingScreen) and not app.is_open
        text = screen_text(app)
        assert LOADING_TITLE in text
        assert f"Fichiers lus : 2 / {total}" in text, text
        assert LOADING_KEYS in text  # what becomes of the keys typed now
        for key in ("2", "ctrl+p", "question_mark", "ctrl+z", "x"):  # a screen, the palette, help, undo...
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        assert notices(app).count(LOADING_WAIT) == 1  # said once, not once per key
        assert LOADING_SCREEN_KEPT.format("Élèves") in notices(app)
        held.release.set()
        await opened(pilot)
        await settle(pilot)
        assert app.current_mode == "students"  # the screen key typed while loading, nothing else run
        await pilot.press("1")  # keys work again
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "Lycée professionnel des Essais" in screen_text(app)


async def test_the_last_screen_key_typed_while_loading_is_the_first_screen(
        mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    held = Held(monkeypatch)
    app = AptuiApp(mini_school, today=TODAY, poll_seconds=0)
    async with app.run_test(size=WIDE) as pilot:
        await held.reached_in(pilot)
        await pilot.press("2", "3")
        await pilot.pause()
        held.release.set()
        await opened(pilot)
        await settle(pilot)
        assert app.current_mode == "groups"
        assert not [s for s in app.screen_stack if not isinstance(s, AptScreen)]  # no dialog opened meanwhile


async def test_quitting_while_loading_leaves_at_once(mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    held = Held(monkeypatch)
    app = AptuiApp(mini_school, today=TODAY, poll_seconds=0)
    async with app.run_test(size=WIDE) as pilot:
        await held.reached_in(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit  # noqa: SLF001 - Textual has no public flag: exit() was called, nothing asked
        held.release.set()
    assert not app.is_open


async def test_an_error_while_loading_is_said_in_french_on_the_loading_screen(
        mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Workspace, "__init__", refused)
    app = AptuiApp(mini_school, today=TODAY, poll_seconds=0)
    async with app.run_test(size=WIDE) as pilot:
        await failed(pilot)
        text = screen_text(app)
        assert "L'école n'a pas pu être ouverte" in text and "Traceback" not in text, text
        assert isinstance(app.screen, LoadingScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)


async def test_an_unexpected_error_while_loading_is_said_in_french(mini_school: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise KeyError("groupes")

    monkeypatch.setattr(Workspace, "__init__", broken)
    app = AptuiApp(mini_school, today=TODAY, poll_seconds=0)
    async with app.run_test(size=WIDE) as pilot:
        await failed(pilot)
        text = " ".join(screen_text(app).split())
        assert "erreur inattendue" in text and "KeyError" in text, text
        assert "ouverte : KeyError" not in text  # the French first, the name of the error only in brackets
        await pilot.press("q")
        await pilot.pause()


async def test_an_empty_school_and_a_broken_file_open_behind_the_loading_screen(tmp_path: Path,
                                                                               mini_school: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copy(mini_school / "school.yaml", empty / "school.yaml")
    app = AptuiApp(empty, today=TODAY, poll_seconds=0)
    async with app.run_test(size=WIDE) as pilot:
        await opened(pilot)
        await settle(pilot)
        assert app.is_open and app.main_screen is not None
        assert "Traceback" not in screen_text(app)

    (mini_school / "students" / "e01.yaml").write_text("nom: [pas fermé\n", encoding="utf-8")
    app = AptuiApp(mini_school, today=TODAY, poll_seconds=0)
    async with app.run_test(size=WIDE) as pilot:
        await opened(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert any(d.loc.path == "students/e01.yaml" and d.is_error for d in app.ctx.diagnostics)

    (mini_school / "school.yaml").write_text("nom: [pas fermé\n", encoding="utf-8")
    app = AptuiApp(mini_school, today=TODAY, poll_seconds=0)
    async with app.run_test(size=WIDE) as pilot:
        await opened(pilot)
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)


async def test_a_cold_open_saves_its_state_in_the_background_for_the_next_open(mini_school: Path) -> None:
    app = AptuiApp(mini_school, today=TODAY, poll_seconds=0)
    async with app.run_test(size=WIDE) as pilot:
        await opened(pilot)
        await settle(pilot)
        writer = app.saving
        assert writer is not None  # no saved state yet: a cold open
        for _ in range(300):  # held while the first screen is built, let go once it is usable
            if writer.gate < 0:
                break
            await pilot.pause(0.01)
        assert writer.gate < 0 and writer.also is not None and writer.also.gate < 0
        assert writer.wait(60)
        assert writer.ok, "l'état n'a pas été écrit"
        assert writer.succeeded, "le cache de lecture n'a pas été écrit"
        diagnostics = app.ctx.diagnostics
    assert snapshot.read(mini_school, "model") is not None
    assert snapshot.read(mini_school, "checked") is not None
    app = AptuiApp(mini_school, today=TODAY, poll_seconds=0)
    async with app.run_test(size=WIDE) as pilot:
        await opened(pilot)
        await settle(pilot)  # the dashboard mounted before the app leaves
        assert app.saving is None  # opened from the saved state: nothing to write
        assert app.ctx.diagnostics == diagnostics


async def test_the_state_is_written_when_the_app_ends_before_its_first_screen_was_ready(
        mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(AptuiApp, "start_warm_up", lambda self, ready, analysis: None)  # never « ready »
    app = AptuiApp(mini_school, today=TODAY, poll_seconds=0)
    async with app.run_test(size=WIDE) as pilot:
        await opened(pilot)
        await settle(pilot)  # (leaving while the dashboard mounts is another matter)
        assert app.saving is not None and not app.saving.done.is_set()  # held
    assert app.saving.wait(30) and app.saving.succeeded  # written once the app ended (both writers: wait, not done)
    assert snapshot.read(mini_school, "model") is not None
