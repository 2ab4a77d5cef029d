"""The base of the main screens: tabs on top, footer below, lazy refresh, filter and editor hooks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from aptui.diagnostics import count
from aptui.tui import labels as L
from aptui.tui.data.context import SchoolContext
from aptui.tui.data.targets import Target
from aptui.tui.dialogs.simple import ErrorDialog, YesNoDialog
from aptui.tui.keymap import with_ids
from aptui.tui.messages import EditRequested, OpenEditor
from aptui.tui.widgets.footer import WIDE_FROM, KeysFooter

if TYPE_CHECKING:
    from aptui.tui.app import AptuiApp


class ScreenTabs(Static):
    """The screens by number, the current one highlighted, and the problem counts."""

    current = ""
    """The mode shown as current."""

    def show(self, current: str) -> None:
        self.current = current
        app = cast("AptuiApp", self.app)
        errors, warnings = count(app.ctx.diagnostics)
        style = "bold red" if errors else "dim"
        text = self._tabs(current, short=False)
        problems = L.DASH_PROBLEMS.format(errors, warnings)
        width = app.size.width
        if len(text) + len(problems) + 1 > width:  # narrower: short counts first, then first words
            problems = L.TABS_PROBLEMS_SHORT.format(errors, warnings)
        if len(text) + len(problems) + 1 > width:
            text = self._tabs(current, short=True)
        if len(text) + len(problems) + 1 > width:  # still too long (eight screens at 80 columns): five letters
            text = self._tabs(current, short=True, letters=5)
        text.append(" " + problems, style=style)
        self.update(text)

    def _tabs(self, current: str, short: bool, letters: int = 0) -> Text:
        app = cast("AptuiApp", self.app)
        text = Text()
        for spec in app.screen_specs:
            label = spec.label.split()[0] if short else spec.label
            label = label[:letters] if letters else label
            style = "reverse bold" if spec.mode == current else ""
            if short:
                text.append(f" {spec.key} {label} " if style else f"{spec.key} {label}", style=style)
            else:
                text.append(f" {spec.key} {label} ", style=style)
            text.append(" ")
        return text

    def on_resize(self) -> None:
        if self.current:
            self.show(self.current)


class AptScreen(Screen[None]):
    """A main screen: refreshed from the app's SchoolContext when it changed."""

    MODE: ClassVar[str] = ""
    """The mode (screen registry key) of this screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", L.KEY_BACK, show=False, id="screen.back"),
    ]

    FOOTER_KEYS: ClassVar[tuple[str, ...]] = ()
    """The actions of the screen's main keys, most needed first: the footer keeps them when narrow."""

    KEY_GROUPS: ClassVar[dict[str, str]] = {}
    """Binding id -> the help's group for it (the others are under « Cet écran »)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Every key gets an id (``mode.action``) before Textual merges the bindings: the keymap can remap it.
        if "BINDINGS" in cls.__dict__ and cls.__dict__.get("MODE"):
            cls.BINDINGS = with_ids(cls.__dict__["MODE"], cls.__dict__["BINDINGS"])
        super().__init_subclass__(**kwargs)

    def __init__(self) -> None:
        super().__init__()
        self.shown_revision = -1
        """The context revision last shown; -1 before the first refresh."""
        self.laid_out_narrow: bool | None = None
        """The width the tables' columns were chosen for (True: narrow), None before the first layout."""

    # --- columns that fit the terminal's width (chosen again when it changes) -----
    def fit_columns(self) -> None:
        """Choose the tables' columns for the terminal's width, again when it crossed the breakpoint."""
        narrow = self.app.size.width < WIDE_FROM
        if narrow != self.laid_out_narrow:
            first = self.laid_out_narrow is None
            self.laid_out_narrow = narrow
            self.layout_columns(narrow, refill=not first)

    def layout_columns(self, narrow: bool, refill: bool) -> None:
        """(Re)build the tables' columns for a narrow or a wide terminal; ``refill``: show the rows again."""

    def on_resize(self) -> None:
        if self.is_mounted and self.laid_out_narrow is not None:
            self.fit_columns()

    # --- work not saved yet (the app asks before leaving the screen or quitting) ---
    def unsaved(self) -> str | None:
        """What the screen holds that is not in the files yet (a French phrase), or None."""
        return None

    def save_unsaved(self) -> bool:
        """Write what ``unsaved`` names; True once it is in the files."""
        return True

    def save_question(self) -> tuple[str, str] | None:
        """(title, text) of a question to answer Oui before ``save_unsaved`` (default Non), or None."""
        return None

    def discard_unsaved(self) -> None:
        """Forget what ``unsaved`` names: the screen shows the files again."""

    @property
    def ctx(self) -> SchoolContext:
        return cast("AptuiApp", self.app).ctx

    def compose(self) -> ComposeResult:
        yield ScreenTabs(classes="screen-tabs")
        yield from self.compose_body()
        yield KeysFooter()

    def compose_body(self) -> ComposeResult:
        """The content of the screen between the tabs and the footer."""
        yield from ()

    def on_screen_resume(self) -> None:
        if self.laid_out_narrow is not None:
            self.fit_columns()  # resized while another screen was shown
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

    @property
    def is_ready(self) -> bool:
        """True once the screen shows the current school (a screen computing in a worker says when it is done)."""
        return self.shown_revision == self.ctx.revision

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

    def filter_text(self) -> str:
        """What the filter holds, stripped ("" without a filter)."""
        box = self.filter_input()
        return box.value.strip() if box is not None else ""

    def action_filter(self) -> None:
        box = self.filter_input()
        if box is None:
            return
        box.add_class("-shown")  # an on-demand filter (class "on-demand") shows while in use
        self.set_focus(box)  # at once, not after the keys already typed (a name typed fast goes in the filter)

    def filter_done(self) -> None:
        """The user pressed Enter in the filter: back to the main widget (an empty on-demand filter hides)."""
        box = self.filter_input()
        if box is not None and not box.value.strip():
            box.remove_class("-shown")
        self.focus_main()

    def action_back(self) -> None:
        """Leave a field first (its text kept), clear the filter; then go back to the dashboard."""
        box = self.filter_input()
        if box is not None and (box.value or box.has_focus):
            box.value = ""
            box.remove_class("-shown")
            self.focus_main()
            return
        if isinstance(self.focused, (Input, Select)):
            self.focus_main()
            return
        cast("AptuiApp", self.app).go_home()

    def confirm_edit(self, question: str, command: Any, refused_title: str, default: bool = False,
                     text: str = "") -> None:
        """A destructive edit: refused at once when it cannot be made, else asked with Non focused
        (``default``: Oui focused, for an edit that destroys nothing)."""
        reason = cast("AptuiApp", self.app).refusal(command)
        if reason is not None:
            self.app.push_screen(ErrorDialog(reason, refused_title))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.request_edit(command)

        self.app.push_screen(YesNoDialog(question, text, default=default), answered)

    def focus_main(self) -> None:
        """Give the focus to the main widget of the screen."""
        self.focus_next()


def fill_select(select: Select[str], options: list[tuple[str, str]], value: str | None) -> None:
    """Set a Select's options and value from code, without a Changed message (only the user's choices post one)."""
    with select.prevent(Select.Changed):
        select.set_options(options)
        if value is not None and any(v == value for _, v in options):
            select.value = value


def chosen(event: Select.Changed) -> str | None:
    """The value the user chose, or None for a blank or a stale message (the Select shows another value now)."""
    if event.value is Select.NULL or event.value != event.select.value:
        return None
    return str(event.value)
