"""The aptui application: screens as modes, global keys, edits, undo, reload and the editor."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.system_commands import SystemCommandsProvider

from aptui.edit import EditRefused
from aptui.edit.files import FileChangedOnDisk, WriteFailed
from aptui.pipeline import NotASchool
from aptui.tui import labels as L
from aptui.tui.commands import AptuiCommands
from aptui.tui.data.appel_draft import draft_for
from aptui.tui.data.context import SchoolContext
from aptui.tui.data.targets import ATTENDANCE, DASHBOARD, PROBLEMS
from aptui.tui.dialogs import ErrorDialog, UnsavedDialog, YesNoDialog
from aptui.tui.dialogs.simple import DISCARD, SAVE
from aptui.tui.editor import run_editor
from aptui.tui.gitlink import GitLink
from aptui.tui.messages import EditRequested, GoTo, OpenEditor
from aptui.tui.opening import OpeningApp
from aptui.tui.screens import EXTRA_SCREENS, SCREENS, ScreenSpec
from aptui.tui.screens.base import AptScreen
from aptui.tui.widgets.footer import WIDE_FROM

if TYPE_CHECKING:
    from aptui.workspace import Workspace

POLL_SECONDS = 2.0
QUICK_UNDO_SECONDS = 5.0
"""A second ctrl+z within this time of the first asks before undoing one more edit."""


class AptuiApp(OpeningApp, inherit_bindings=False):
    """Run a school's accompagnement personnalisé from its folder of YAML files."""

    CSS_PATH = "app.tcss"
    TITLE = L.APP_TITLE
    SUB_TITLE = L.APP_SUBTITLE
    COMMANDS = {AptuiCommands, SystemCommandsProvider}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_FROM, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", L.KEY_HELP, id="app.help"),
        Binding("q", "quit", L.KEY_QUIT, id="app.quit"),
        Binding("ctrl+q", "quit", L.KEY_QUIT_ANYWHERE, show=False, priority=True, id="app.quit-anywhere"),
        Binding("ctrl+c", "quit", L.KEY_QUIT, show=False, id="app.quit-ctrl-c"),
        Binding("ctrl+z", "undo", L.KEY_UNDO, id="app.undo"),
        Binding("ctrl+y", "redo", L.KEY_REDO, show=False, id="app.redo"),
        Binding("g", "reload", L.KEY_RELOAD, show=False, id="app.reload"),
        Binding("C", "commit", L.KEY_COMMIT, show=False, id="app.commit"),
        Binding("ctrl+r", "retry_write", L.KEY_RETRY, show=False, id="app.retry-write"),
        Binding("ctrl+p", "command_palette", L.KEY_PALETTE, show=False, priority=True, id="app.palette"),
        *[Binding(spec.key, f"switch_mode('{spec.mode}')", L.KEY_SCREEN.format(spec.label), show=False,
                  id=f"app.screen-{spec.mode}") for spec in SCREENS],
        *[Binding(spec.key, f"switch_mode('{spec.mode}')", spec.label, show=False, id=f"app.screen-{spec.mode}")
          for spec in EXTRA_SCREENS],
    ]

    def __init__(self, root: Path, today: date | None = None, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__(root, today or date.today())
        self.screen_specs: list[ScreenSpec] = SCREENS
        """The main screens (mode, key, label, factory), in tab order."""
        self.ctx: SchoolContext
        """The open school, shared by every screen: set once it is open (``school_opened``)."""
        self.gitlink = GitLink(root)
        """Commits of the edits (each or in a batch), the sync state (Git screen)."""
        self.poll_seconds = poll_seconds
        """How often files are checked for changes made outside the app (0: never)."""
        self.was_loaded = False
        """Whether school.yaml loaded at the last check (to resume once it is fixed)."""
        self.clock: Callable[[], float] = time.monotonic
        """The clock of the quick-undo question (tests set their own)."""
        self._undo_chain: tuple[float, object] | None = None
        """(when, the edit then next to undo) after an undo: a quick second undo asks first."""
        self.unwritten: EditRequested | None = None
        """An edit the disk refused (read-only, full): kept in memory until written or replaced."""
        for spec in self.screen_specs:
            self.add_mode(spec.mode, spec.factory)
        for spec in EXTRA_SCREENS:
            self.add_mode(spec.mode, spec.factory)
        self.return_mode: str | None = None
        """The screen Échap goes back to from the Appel (« Mes séances » opened it), else the dashboard."""

    def on_mount(self) -> None:
        self.load_keymap()
        self.open_school()  # behind the loading screen (tui/opening.py); then school_opened

    def school_opened(self, workspace: Workspace) -> None:
        self.ctx = SchoolContext(workspace, self.today)
        self.was_loaded = self.ctx.loaded
        # the screen whose key was pressed while loading (opening.py), on a school that opened whole; else the
        # appel a crash interrupted (data/appel_draft.py), shown again
        year = self.ctx.year if self.ctx.loaded else None
        first = self.wanted_mode or (ATTENDANCE if draft_for(self.ctx.root, year) is not None else DASHBOARD)
        self.switch_mode(first if self.ctx.loaded else PROBLEMS)
        if not self.ctx.loaded:
            self.notify(L.SCHOOL_BROKEN, severity="error", timeout=8)
        for line in self.ctx.workspace.recovered:  # an edit a crash had interrupted (edit/journal.py)
            self.notify(line, severity="warning", timeout=10)
        if self.poll_seconds > 0:
            self.set_interval(self.poll_seconds, self.poll_disk)
        # Once the first screen shows its data, the rules' parts are computed in a thread: opened from
        # the saved state, the analysis has none, and the first edit would compute them all (~0.6 s on
        # a large school).  Started after the first screen is ready, it delays neither its frame nor its
        # numbers; an edit cancels it (stop_warm_up), a reload waits for it (``analysis_lock``).
        self.start_warm_up(lambda: self.main_screen is not None and self.main_screen.is_ready,
                           lambda: self.ctx.analysis if self.ctx.loaded else None)
        # HEAD's problems, for the first commit (~0.06 s on a large school): at once, in a thread of its
        # own that no edit cancels; without it, an edit made right away loaded HEAD to commit (seconds).
        diagnostics = list(workspace.result.diagnostics)
        self.run_worker(lambda: self.gitlink.prime(diagnostics), thread=True, group="prime", exit_on_error=False)

    @property
    def main_screen(self) -> AptScreen | None:
        """The current main screen (None while a dialog is on top)."""
        return self.screen if isinstance(self.screen, AptScreen) else None

    # --- leaving a screen that holds unsaved work ---------------------------
    def leave_screen_then(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the current screen's unsaved work (an appel) is saved or discarded, or at once."""
        screen = self.current_main()
        what = screen.unsaved() if screen is not None else None
        if screen is None or what is None:
            self.call_next(then)
            return
        if any(isinstance(s, UnsavedDialog) for s in self.screen_stack):
            return  # already asking

        def save_then(yes: bool | None = True) -> None:
            if not yes:
                return  # not saved, not left: the work stays on the screen
            if not screen.save_unsaved():
                self.notify(L.UNSAVED_NOT_SAVED, severity="warning")
                return
            self.call_next(then)

        def answered(choice: str | None) -> None:
            if choice == SAVE:
                question = screen.save_question()  # the same question as its own ctrl+s (a day still to come...)
                if question is None:
                    save_then()
                else:
                    self.push_screen(YesNoDialog(*question, default=False), save_then)
            elif choice == DISCARD:
                screen.discard_unsaved()
                self.call_next(then)

        self.push_screen(UnsavedDialog(what), answered)

    async def action_switch_mode(self, mode: str) -> None:
        if mode == self.current_mode:
            return
        if mode != "attendance":
            self.return_mode = None  # another way out of the appel: Échap goes to the dashboard again
        self.leave_screen_then(lambda: self.switch_mode(mode))

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
            self.stop_warm_up()
            with self.analysis_lock:  # the cancelled warm-up lets go at its next step
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

    def refusal(self, command: Any) -> str | None:
        """Why an edit would be refused now (its plan reads the files, writes nothing), or None."""
        try:
            command.plan(self.ctx.root)
        except EditRefused as exc:
            return exc.message
        return None

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
        """Undo the last edit (its files get back their bytes); a quick second undo asks first."""
        workspace = self.ctx.workspace
        if not workspace.can_undo:
            self.notify(L.NOTHING_TO_UNDO, severity="warning")
            return
        chain = self._undo_chain
        if chain is not None and chain[1] is workspace.next_undo and self.clock() - chain[0] < QUICK_UNDO_SECONDS:
            description = workspace.next_undo.description if workspace.next_undo else ""

            def answered(yes: bool | None) -> None:
                if yes:
                    self._undo()

            self.push_screen(YesNoDialog(L.UNDO_AGAIN, L.UNDO_AGAIN_TEXT.format(description), default=False),
                             answered)
            return
        self._undo()

    def _undo(self) -> None:
        try:
            self.stop_warm_up()
            with self.analysis_lock:  # the cancelled warm-up lets go at its next step
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
        self._undo_chain = (self.clock(), self.ctx.workspace.next_undo)
        self.changed()

    def action_redo(self) -> None:
        """Redo the last undone edit (ctrl+y)."""
        if not self.ctx.workspace.can_redo:
            self.notify(L.NOTHING_TO_REDO, severity="warning")
            return
        try:
            with self.analysis_lock:
                redone = self.ctx.workspace.redo()
        except FileChangedOnDisk:
            self.notify(L.CHANGED_ON_DISK, severity="warning", timeout=8)
        except WriteFailed as exc:
            self.push_screen(ErrorDialog(exc.message, L.WRITE_FAILED_TITLE))
            return
        else:
            if redone is not None:
                self.notify(L.REDONE.format(redone.description))
                self.gitlink.show(self, self.gitlink.after_edit(self.ctx.workspace))
        self._undo_chain = None
        self.changed()

    async def action_quit(self) -> None:
        """Quit: unsaved work (an appel) is asked about first; edits not yet in a commit are said (they stay)."""
        if not self.is_open:  # still loading (or it failed): nothing to ask about
            self.exit()
            return
        await self._show_unsaved_screen()
        self.leave_screen_then(self._quit_after_commits)

    async def _show_unsaved_screen(self) -> None:
        """Before quitting, go to a screen left with unsaved work (the app switched away when the school broke)."""
        current = self.current_main()
        if current is not None and current.unsaved() is not None:
            return
        for mode, stack in self._screen_stacks.items():  # noqa: SLF001 - Textual has no public list of modes' screens
            if any(isinstance(s, AptScreen) and s.unsaved() is not None for s in stack):
                await self.switch_mode(mode)
                return

    def _quit_after_commits(self) -> None:
        pending = len(self.gitlink.pending(self.ctx.workspace)) if self.gitlink.is_repo else 0
        if not pending:
            self.exit()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit()

        self.push_screen(YesNoDialog(L.QUIT_PENDING.format(pending), L.QUIT_PENDING_TEXT), answered)

    def action_commit(self) -> None:
        """Commit what the Git screen lists as pending: the app's edits (one commit listing them),
        then the school's other uncommitted changes."""
        self.check_disk()  # changes made outside the app are checked as they are on disk
        self.gitlink.show(self, self.gitlink.commit_pending(self.ctx.workspace, everything=True), quiet=False)
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
    def go_to(self, message: GoTo) -> None:
        """Switch to the target's screen and select its object (unsaved work asked about first)."""
        target = message.target

        async def show() -> None:
            await self.switch_mode(target.screen)
            screen = self.main_screen
            if screen is not None:
                screen.sync()
                screen.show_target(target)

        self.leave_screen_then(show)

    def go_home(self) -> None:
        """Escape from a main screen: back to the dashboard (or the problems while the school is broken);
        from an appel « Mes séances » opened, back to it."""
        home = DASHBOARD if self.ctx.loaded else PROBLEMS
        if self.return_mode is not None and self.current_mode == "attendance" and self.ctx.loaded:
            home = self.return_mode
        self.leave_screen_then(lambda: self.switch_mode(home))

    def action_help(self) -> None:
        from aptui.tui.screens.help import HelpScreen  # Markdown is slow to import: only when asked

        self.push_screen(HelpScreen(self.current_main()))
