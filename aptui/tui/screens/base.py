"""The base of the main screens: tabs on top, footer below, lazy refresh, filter and editor hooks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from aptui.diagnostics import count
from aptui.tui import labels as L
from aptui.tui.data.context import SchoolContext
from aptui.tui.data.targets import Target
from aptui.tui.messages import EditRequested, OpenEditor

if TYPE_CHECKING:
    from aptui.tui.app import AptuiApp


class ScreenTabs(Static):
    """The screens by number, the current one highlighted, and the problem counts."""

    def show(self, current: str) -> None:
        app = cast("AptuiApp", self.app)
        text = Text()
        for spec in app.screen_specs:
            style = "reverse bold" if spec.mode == current else ""
            text.append(f" {spec.key} {spec.label} ", style=style)
            text.append(" ")
        errors, warnings = count(app.ctx.diagnostics)
        text.append(f" {L.DASH_PROBLEMS.format(errors, warnings)}", style="bold red" if errors else "dim")
        self.update(text)


class AptScreen(Screen[None]):
    """A main screen: refreshed from the app's SchoolContext when it changed."""

    MODE: ClassVar[str] = ""
    """The mode (screen registry key) of this screen."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("escape", "back", L.KEY_BACK, show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown_revision = -1
        """The context revision last shown; -1 before the first refresh."""

    @property
    def ctx(self) -> SchoolContext:
        return cast("AptuiApp", self.app).ctx

    def compose(self) -> ComposeResult:
        yield ScreenTabs(classes="screen-tabs")
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        """The content of the screen between the tabs and the footer."""
        yield from ()

    def on_screen_resume(self) -> None:
        self.sync()

    def sync(self, force: bool = False) -> None:
        """Refresh from the context if it changed since last shown (or when forced)."""
        if not self.is_mounted:
            return
        self.query_one(ScreenTabs).show(self.MODE)
        first = self.shown_revision < 0
        if force or self.shown_revision != self.ctx.revision:
            self.shown_revision = self.ctx.revision
            self.refresh_data()
        if first:
            self.focus_main()

    def refresh_data(self) -> None:
        """Redraw from the context, keeping the user's place (selection, filter)."""

    def show_target(self, target: Target) -> None:
        """Select the object of a target (a student, a group, a session...)."""

    def editor_location(self) -> tuple[str, int] | None:
        """The file and line of the selected object, for `e`."""
        return None

    def action_open_editor(self) -> None:
        location = self.editor_location()
        if location is None:
            self.notify(L.NO_FILE, severity="warning")
            return
        self.post_message(OpenEditor(*location))

    def request_edit(self, command: Any) -> None:
        """Ask the app to apply an edit command."""
        self.post_message(EditRequested(command))

    def request_edit_if_any(self, command: Any | None) -> None:
        """Callback of the dialogs that return an edit command (None when cancelled)."""
        if command is not None:
            self.request_edit(command)

    def filter_input(self) -> Input | None:
        """The screen's filter input, if it has one."""
        found = self.query(".filter")
        return cast(Input, found.first()) if found else None

    def action_filter(self) -> None:
        box = self.filter_input()
        if box is None:
            return
        box.focus()

    def action_back(self) -> None:
        """Clear the filter first; then go back to the dashboard."""
        box = self.filter_input()
        if box is not None and (box.value or box.has_focus):
            box.value = ""
            self.focus_main()
            return
        cast("AptuiApp", self.app).action_back()

    def focus_main(self) -> None:
        """Give the focus to the main widget of the screen."""
        self.focus_next()
