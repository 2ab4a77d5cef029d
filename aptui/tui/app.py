"""The aptui application: screens as modes, global keys, edits, undo, reload and the editor."""

from __future__ import annotations

import threading
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.worker import get_current_worker

from aptui.edit import EditRefused
from aptui.edit.files import FileChangedOnDisk, WriteFailed
from aptui.model.analysis import Analysis
from aptui.pipeline import NotASchool
from aptui.tui import labels as L
from aptui.tui.commands import AptuiCommands
from aptui.tui.data.context import SchoolContext
from aptui.tui.data.targets import DASHBOARD, PROBLEMS
from aptui.tui.dialogs import ErrorDialog, YesNoDialog
from aptui.tui.editor import run_editor
from aptui.tui.gitlink import GitLink
from aptui.tui.messages import EditRequested, GoTo, OpenEditor
from aptui.tui.screens import SCREENS, ScreenSpec
from aptui.tui.screens.base import AptScreen
from aptui.workspace import Workspace

POLL_SECONDS = 2.0
WARM_UP_POLL = 0.05
"""How often the app looks whether the first screen is ready, to start warming the caches."""


class AptuiApp(App[None]):
    """Run a school's accompagnement personnalisé from its folder of YAML files."""

    CSS_PATH = "app.tcss"
    TITLE = L.APP_TITLE
    SUB_TITLE = L.APP_SUBTITLE
    COMMANDS = App.COMMANDS | {AptuiCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", L.KEY_HELP),
        Binding("q", "quit", L.KEY_QUIT),
        Binding("ctrl+z", "undo", L.KEY_UNDO),
        Binding("g", "reload", L.KEY_RELOAD, show=False),
        Binding("C", "commit", L.KEY_COMMIT, show=False),
        Binding("ctrl+r", "retry_write", L.KEY_RETRY, show=False),
        *[Binding(spec.key, f"switch_mode('{spec.mode}')", spec.label, show=False) for spec in SCREENS],
    ]

    def __init__(self, root: Path, today: date | None = None, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.screen_specs: list[ScreenSpec] = SCREENS
        """The main screens (mode, key, label, factory), in tab order."""
        self.ctx = SchoolContext(Workspace(root), today or date.today())
        """The open school, shared by every screen."""
        self.gitlink = GitLink(root)
        """Commits of the edits (each or in a batch), the sync state (Git screen)."""
        self.poll_seconds = poll_seconds
        """How often files are checked for changes made outside the app (0: never)."""
        self.was_loaded = self.ctx.loaded
        """Whether school.yaml loaded at the last check (to resume once it is fixed)."""
        self.analysis_lock = threading.Lock()
        """Held by the warm-up worker while it fills the analysis caches: edits and reloads wait for it."""
        self.warmed = False
        """True once the warm-up ran (or was not needed): the first edit reuses the parts it computed."""
        self._warm_timer: Timer | None = None
        self.unwritten: EditRequested | None = None
        """An edit the disk refused (read-only, full): kept in memory until written or replaced."""
        for spec in self.screen_specs:
            self.add_mode(spec.mode, spec.factory)

    def on_mount(self) -> None:
        self.switch_mode(DASHBOARD if self.ctx.loaded else PROBLEMS)
        if not self.ctx.loaded:
            self.notify(L.SCHOOL_BROKEN, severity="error", timeout=8)
        for line in self.ctx.workspace.recovered:  # an edit a crash had interrupted (edit/journal.py)
            self.notify(line, severity="warning", timeout=10)
        if self.poll_seconds > 0:
            self.set_interval(self.poll_seconds, self.poll_disk)
        self._warm_timer = self.set_interval(WARM_UP_POLL, self._start_warm_up)

    # --- warming the caches after the first screen ---------------------------
    def _start_warm_up(self) -> None:
        """Once the first screen shows its data, compute the rules' parts in a thread (model/memo.py).

        Opened from the saved state, the analysis has no parts: without this, the
        first edit would compute them all (~0.6 s on a large school).  Started
        after the first screen is ready, so it delays neither its frame nor its
        numbers; an edit or a reload meanwhile waits for it (``analysis_lock``).
        """
        screen = self.main_screen
        if screen is None or not screen.is_ready:
            return
        if self._warm_timer is not None:
            self._warm_timer.stop()
            self._warm_timer = None
        if self.warmed or not self.ctx.loaded:
            self.warmed = True
            return
        self.warmed = True
        analysis = self.ctx.analysis
        self.run_worker(lambda: self._warm_up(analysis), thread=True, group="warm-up", exclusive=True,
                        exit_on_error=False)

    def _warm_up(self, analysis: Analysis) -> None:
        """In a worker thread: run the rules on the open school's analysis (results dropped, parts kept)."""
        from aptui.rules import RULE_MODULES

        worker = get_current_worker()
        with self.analysis_lock:
            for module in RULE_MODULES:
                for _ in module.check(analysis):
                    if worker.is_cancelled:
                        return
                if worker.is_cancelled:
                    return
        import_module("aptui.edit.commands")  # ruamel.yaml and the commands, before the first edit

    @property
    def main_screen(self) -> AptScreen | None:
        """The current main screen (None while a dialog is on top)."""
        return self.screen if isinstance(self.screen, AptScreen) else None

    def changed(self) -> None:
        """The school changed: redraw the current screen, the others redraw when shown."""
        self.ctx.touch()
        if self.ctx.loaded != self.was_loaded:
            self.was_loaded = self.ctx.loaded
            self.switch_mode(DASHBOARD if self.ctx.loaded else PROBLEMS)
            self.notify(L.SCHOOL_BACK if self.ctx.loaded else L.SCHOOL_BROKEN,
                        severity="information" if self.ctx.loaded else "error")
        for screen in self.screen_stack:
            if isinstance(screen, AptScreen):
                screen.sync()

    # --- edits -------------------------------------------------------------
    @on(EditRequested)
    def apply_edit(self, message: EditRequested) -> None:
        """Apply an edit; a refused edit opens a dialog, a file changed on disk reloads."""
        try:
            with self.analysis_lock:  # waits for a warm-up still running
                self.ctx.workspace.apply(message.command)
        except EditRefused as exc:
            self.push_screen(ErrorDialog(exc.message, L.EDIT_REFUSED))
            return
        except FileChangedOnDisk:
            self.notify(L.CHANGED_ON_DISK, severity="warning", timeout=8)
        except WriteFailed as exc:
            self._write_failed(message, exc)
            return
        else:
            if self.unwritten is message:
                self.unwritten = None
            self.notify(L.DONE.format(message.command.describe()))
            self.gitlink.show(self, self.gitlink.after_edit(self.ctx.workspace))
        self.changed()

    def _write_failed(self, message: EditRequested, exc: WriteFailed) -> None:
        """The disk refused the edit (nothing changed): keep it, say why in French, offer to retry."""
        self.unwritten = message

        def answered(retry: bool | None) -> None:
            if retry:
                self.action_retry_write()
            else:
                self.notify(L.WRITE_KEPT, severity="warning", timeout=8)

        self.push_screen(YesNoDialog(L.WRITE_FAILED_TITLE, L.WRITE_FAILED_RETRY.format(exc.message)), answered)

    def action_retry_write(self) -> None:
        """Write again the edit the disk refused (ctrl+r)."""
        if self.unwritten is None:
            self.notify(L.WRITE_NOTHING_TO_RETRY, severity="warning")
            return
        self.apply_edit(self.unwritten)

    def action_undo(self) -> None:
        """Undo the last edit (its files get back their bytes)."""
        if not self.ctx.workspace.can_undo:
            self.notify(L.NOTHING_TO_UNDO, severity="warning")
            return
        try:
            with self.analysis_lock:  # waits for a warm-up still running
                undone = self.ctx.workspace.undo()
        except FileChangedOnDisk:
            self.notify(L.CHANGED_ON_DISK, severity="warning", timeout=8)
        except WriteFailed as exc:
            self.push_screen(ErrorDialog(exc.message, L.WRITE_FAILED_TITLE))
            return
        else:
            if undone is not None:
                self.notify(L.UNDONE.format(undone.description))
                self.gitlink.show(self, self.gitlink.after_edit(self.ctx.workspace))
        self.changed()

    async def action_quit(self) -> None:
        """Quit; edits not yet in a commit (batch mode, no author) are said first: they stay on disk."""
        pending = len(self.ctx.workspace.pending_edits) if self.gitlink.is_repo else 0
        if not pending:
            self.exit()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit()

        self.push_screen(YesNoDialog(L.QUIT_PENDING.format(pending), L.QUIT_PENDING_TEXT), answered)

    def action_commit(self) -> None:
        """Commit the edits waiting for a commit (batch mode), as one commit listing them."""
        self.gitlink.show(self, self.gitlink.commit_pending(self.ctx.workspace), quiet=False)
        self.changed()

    # --- files changed elsewhere -------------------------------------------
    def poll_disk(self) -> None:
        """The poll timer: as ``check_disk``, but a warm-up still running puts it off to the next turn."""
        self.check_disk(wait=False)

    def check_disk(self, wait: bool = True) -> None:
        """Reload the files changed outside the app (an editor, git pull), keeping the user's place."""
        if self.gitlink.busy:
            return  # a sync is rewriting files: reload once it is done
        if not self.analysis_lock.acquire(blocking=wait):
            return  # the caches are being warmed: at the next poll
        try:
            changed = self.ctx.workspace.changed_on_disk()
            if not changed:
                return
            self.ctx.workspace.reload(changed)
        except NotASchool:
            self.notify(L.NOT_A_SCHOOL.format(self.ctx.root), severity="error")
            return
        finally:
            self.analysis_lock.release()
        shown = ", ".join(changed[:3]) + ("…" if len(changed) > 3 else "")
        self.notify(L.RELOADED.format(shown), timeout=4)
        self.changed()

    def action_reload(self) -> None:
        try:
            with self.analysis_lock:  # waits for a warm-up still running
                self.ctx.workspace.reload()
        except NotASchool:
            self.notify(L.NOT_A_SCHOOL.format(self.ctx.root), severity="error")
            return
        self.notify(L.RELOADED_ALL, timeout=2)
        self.changed()

    @on(OpenEditor)
    def open_editor(self, message: OpenEditor) -> None:
        """Open a file in $EDITOR at a line (suspending the app), then reload what changed."""
        path = self.ctx.root / message.path
        try:
            try:
                with self.suspend():
                    run_editor(path, message.line)
            except SuspendNotSupported:
                run_editor(path, message.line)
        except OSError as exc:
            self.notify(L.EDITOR_FAILED.format(path.name, exc.strerror or exc), severity="error")
            return
        self.check_disk()

    # --- navigation --------------------------------------------------------
    @on(GoTo)
    async def go_to(self, message: GoTo) -> None:
        """Switch to the target's screen and select its object."""
        await self.switch_mode(message.target.screen)
        screen = self.main_screen
        if screen is not None:
            screen.sync()
            screen.show_target(message.target)

    def go_home(self) -> None:
        """Escape from a main screen: back to the dashboard (or the problems while the school is broken)."""
        self.switch_mode(DASHBOARD if self.ctx.loaded else PROBLEMS)

    def action_help(self) -> None:
        from aptui.tui.screens.help import HelpScreen  # Markdown is slow to import: only when asked

        self.push_screen(HelpScreen(self.screen))
