"""Opening the school off the event loop: the app shows « Chargement de l'école… » at once, with the
files read so far, while a worker thread opens the Workspace; then the dashboard.

A cold open of a large school takes seconds (reading and checking thousands of
files): the terminal used to stay blank meanwhile, since the Workspace was
opened before Textual took the screen.  Now the app mounts first, its default
screen is the ``LoadingScreen`` and ``OpeningApp.open_school`` loads in a
thread.  Keys pressed meanwhile are not lost silently nor run against a
school that is not there: a screen key (« 3 ») is kept, and that screen is
the first shown (the last one typed); any other key is answered « patientez »
and dropped: it would act on a row nobody has seen yet (only quitting works).
The loading screen says so.  Once opened, the state of a full load is saved by a child process
(load/background.py), off the way of the first screen and of the first edit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from aptui.tui import labels as L
from aptui.tui.appkeys import KeyedApp

if TYPE_CHECKING:
    from aptui.load.background import Writer
    from aptui.model.analysis import Analysis
    from aptui.workspace import Workspace

WHILE_LOADING = frozenset({"quit"})
"""The only actions a key may run before the school is open."""
REFRESH_SECONDS = 0.2
"""How often the loading screen shows the progress (each refresh takes the processor from the load)."""
WAIT_TOLD_SECONDS = 2.0
"""« Patientez » is said once per this time, however many keys are pressed."""


class LoadCancelled(Exception):
    """The app quit while the school was loading: the worker stops at its next step."""


@dataclass
class OpenProgress:
    """How the open goes, written by the loading thread, read by the screen (plain attributes: a torn
    read only shows a number one refresh old)."""

    stage: str = ""
    """"" (starting), ``saved``, ``files`` or ``check`` (pipeline.Progress)."""
    done: int = 0
    total: int = 0

    def text(self) -> str:
        if self.stage == "saved":
            return L.LOADING_SAVED
        if self.stage == "check":
            return L.LOADING_CHECK.format(self.total)
        if self.stage == "files":
            return L.LOADING_FILES.format(self.done, self.total)
        return ""


class LoadingScreen(Screen[None]):
    """The app's default screen until the school is open: a title, the folder, the progress."""

    DEFAULT_CSS = """
    LoadingScreen { align: center middle; }
    LoadingScreen #loading-box { width: 72; height: auto; border: round $primary; padding: 1 2; }
    LoadingScreen #loading-title { text-style: bold; }
    LoadingScreen ProgressBar { margin: 1 0 0 0; }
    LoadingScreen #loading-error { color: $error; }
    """

    def __init__(self, root: Path, progress: OpenProgress) -> None:
        super().__init__(id="loading")
        self.root = root
        self.progress = progress
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="loading-box"):
            yield Static(L.LOADING_TITLE, id="loading-title")
            yield Static(str(self.root), id="loading-root")
            # Determinate from the start (empty): an indeterminate bar animates at 15 frames a second,
            # processor time taken from the load (the same lock runs both threads' Python).
            yield ProgressBar(total=1, show_eta=False, id="loading-bar")
            yield Static("", id="loading-status")
            yield Static("", id="loading-error")
            yield Static(L.LOADING_KEYS, id="loading-keys")

    def on_mount(self) -> None:
        self._timer = self.set_interval(REFRESH_SECONDS, self.show_progress)

    def show_progress(self) -> None:
        progress = self.progress
        bar = self.query_one(ProgressBar)
        if progress.stage == "files" and progress.total:
            bar.update(total=progress.total, progress=progress.done)
        elif progress.stage == "check":
            bar.update(total=progress.total or 1, progress=progress.total or 1)
        self.query_one("#loading-status", Static).update(progress.text())

    def stop(self) -> None:
        """The school is open: no more refreshes (the screen stays under the dashboard's mode)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def show_error(self, message: str) -> None:
        self.stop()
        self.query_one("#loading-status", Static).update("")
        self.query_one("#loading-keys", Static).update("")
        self.query_one(ProgressBar).display = False  # nothing loads any more
        self.query_one("#loading-error", Static).update(f"{message}\n{L.LOADING_FAILED_KEYS}")


class OpeningApp(KeyedApp, inherit_bindings=False):
    """The opening of the school (a worker behind the loading screen) and the warm-up after it."""

    def __init__(self, root: Path, today: date) -> None:
        super().__init__()
        self.root = Path(root)
        self.today = today
        self.progress = OpenProgress()
        """How the open goes (the loading screen shows it)."""
        self.is_open = False
        """True once the school is open and ``ctx`` set: before, only quitting works."""
        self.saving: Writer | None = None
        """The background save of a cold open's state (load/background.py), None when none was needed."""
        self.analysis_lock = threading.Lock()
        """Held by the warm-up worker while it fills the analysis caches: reloads wait for it."""
        self.warmed = False
        """True once the warm-up ran (or was not needed): the first edit reuses the parts it computed."""
        self._warm_timer: Timer | None = None
        self._wait_told = 0.0
        self.open_failed = False
        """True once the open failed (the loading screen says why): no key but q does anything."""
        self.wanted_mode: str | None = None
        """The screen whose key was pressed while loading (the last one): shown first once open."""

    def get_default_screen(self) -> Screen[Any]:
        return LoadingScreen(self.root, self.progress)

    # --- opening -------------------------------------------------------------
    def open_school(self) -> None:
        """Open the school in a thread; ``school_opened`` runs on the app's thread once it is open."""
        self.run_worker(self._open_in_thread, thread=True, group="open", exit_on_error=False)

    def _open_in_thread(self) -> Workspace:
        from aptui.workspace import Workspace

        worker = get_current_worker()

        def told(stage: str, done: int, total: int) -> None:
            if worker.is_cancelled:
                raise LoadCancelled
            self.progress.total = total or self.progress.total
            self.progress.done = done
            self.progress.stage = stage

        workspace = Workspace(self.root, progress=told, defer_save=True)
        pending, workspace.pending_save = workspace.pending_save, None
        if pending is not None:
            # Forked now (the app's memory as loaded), held until the first screen is usable
            # (start_warm_up): the writers take no processor from it.
            self.saving = pending.start(hold=True)
        return workspace

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "open":
            return
        if self._exit:  # noqa: SLF001 - Textual's own flag: quitting (q while loading), show nothing more
            return
        if event.state == WorkerState.SUCCESS:
            loading = self._loading_screen()
            if loading is not None:
                loading.stop()
            self.is_open = True
            self.school_opened(cast("Workspace", worker.result))
        elif event.state == WorkerState.ERROR:
            self._open_failed(worker.error)

    def _open_failed(self, error: BaseException | None) -> None:
        from aptui.pipeline import NotASchool

        self.open_failed = True
        if isinstance(error, NotASchool):
            reason = L.LOADING_NOT_A_SCHOOL.format(self.root)
        elif isinstance(error, OSError):
            from aptui.load.guard import french_os_error

            reason = french_os_error(error)
        else:
            reason = L.LOADING_UNEXPECTED.format(f"{type(error).__name__} : {error}")  # a bug: its name, to report
        loading = self._loading_screen()
        if loading is not None:
            loading.show_error(L.LOADING_FAILED.format(reason))

    def _loading_screen(self) -> LoadingScreen | None:
        return next((s for stack in self._screen_stacks.values() for s in stack  # noqa: SLF001
                     if isinstance(s, LoadingScreen)), None)

    def school_opened(self, workspace: Workspace) -> None:
        """On the app's thread, once the school is open: show it (the app sets its context)."""

    def on_unmount(self) -> None:
        """The app ends: a writer still held (its first screen never got ready) writes now, not when this
        process ends (a test run's process outlives many apps; their writers waited till its end)."""
        if self.saving is not None:
            self.saving.go()

    # --- keys before the school is open ----------------------------------------
    async def run_action(self, action: Any, default_namespace: Any = None, namespaces: Any = None) -> bool:
        if not self.is_open and _action_name(action) not in WHILE_LOADING:
            if self.open_failed:
                return True  # the loading screen says what failed and that only q works
            mode = _mode_of(action)
            specs = {spec.mode: spec for spec in getattr(self, "screen_specs", ())}
            if mode in specs:
                self.wanted_mode = mode
                self.notify(L.LOADING_SCREEN_KEPT.format(specs[mode].label), timeout=WAIT_TOLD_SECONDS)
                return True
            now = time.monotonic()
            if now - self._wait_told > WAIT_TOLD_SECONDS:
                self._wait_told = now
                self.notify(L.LOADING_WAIT, severity="warning", timeout=WAIT_TOLD_SECONDS)
            return True  # handled: the key is answered, not passed on
        return await super().run_action(action, default_namespace, namespaces)

    # --- warming the caches after the first screen ---------------------------
    def start_warm_up(self, ready: Callable[[], bool], analysis: Callable[[], Analysis | None]) -> None:
        """Once ``ready`` (the first screen shows its data), compute the rules' parts in a thread
        (model/memo.py) on ``analysis()`` (None: nothing to warm)."""

        def poll() -> None:
            if not ready():
                return
            if self.saving is not None:
                self.saving.go()  # the saved state, written by its children from now on
            if self._warm_timer is not None:
                self._warm_timer.stop()
                self._warm_timer = None
            target = analysis()
            self.warmed = True
            if target is not None:
                self.run_worker(lambda: self._warm_up(target), thread=True, group="warm-up", exclusive=True,
                                exit_on_error=False)

        self._warm_timer = self.set_interval(WARM_UP_POLL, poll)

    def stop_warm_up(self) -> None:
        """An edit or an undo never waits for the warm-up: it is cancelled, and stops at its next step
        (between two results of a rule).  The edit's own check computes the parts it needs; the parts
        the warm-up finished are kept (model/memo.py)."""
        self.workers.cancel_group(self, "warm-up")

    def _warm_up(self, analysis: Analysis) -> None:
        """In a worker thread: run the rules on the open school's analysis (results dropped, parts kept)."""
        from importlib import import_module

        from aptui.rules import RULE_MODULES

        worker = get_current_worker()
        # First what an edit cancelling the rules below must still find done (it needs no lock).
        import_module("aptui.edit.commands")  # ruamel.yaml and the commands, before the first edit
        from aptui.load.schemas import rs_module

        rs_module()  # the fast reader's schema check (~20 ms to import), which the first edit's reload uses
        with self.analysis_lock:
            for module in RULE_MODULES:
                for _ in module.check(analysis):
                    if worker.is_cancelled:
                        return
                if worker.is_cancelled:
                    return


WARM_UP_POLL = 0.05
"""How often the app looks whether the first screen is ready, to start warming the caches."""


def _mode_of(action: Any) -> str | None:
    """``x`` of a ``switch_mode('x')`` action (a string or a parsed one), else None."""
    if _action_name(action) != "switch_mode":
        return None
    if isinstance(action, str):
        from textual.actions import ActionError, parse

        try:
            action = parse(action)
        except ActionError:
            return None
    params = action[2] if isinstance(action, tuple) and len(action) > 2 else ()
    return str(params[0]) if params else None


def _action_name(action: Any) -> str:
    """``quit`` of ``app.quit`` or ``switch_mode('x')`` (a parsed action: its name)."""
    if isinstance(action, str):
        return action.split("(", 1)[0].rsplit(".", 1)[-1]
    return str(action[1]) if isinstance(action, tuple) and len(action) > 1 else ""
