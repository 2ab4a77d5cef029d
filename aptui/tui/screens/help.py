"""The help screen: every key of the screen it was opened from, then the app's, grouped, in French; it scrolls."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from aptui.tui import labels as L
from aptui.tui.actions import KeyEntry, grouped
from aptui.tui.commands import app_entries, screen_entries
from aptui.tui.screens.base import AptScreen

if TYPE_CHECKING:
    from aptui.tui.app import AptuiApp


def _table(rows: list[tuple[str, str, str]]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=True)  # same columns in every group
    table.add_column(L.HELP_COLUMNS[0], style="bold", ratio=1, min_width=8)
    table.add_column(L.HELP_COLUMNS[1], ratio=3)
    table.add_column(L.HELP_COLUMNS[2], style="dim", ratio=2, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def _title(text: str) -> Text:
    return Text(f"\n{text}", style="bold underline")


def _rows(found: list[KeyEntry]) -> list[tuple[str, str, str]]:
    return [(entry.label, entry.description, entry.binding_id) for entry in found]


def help_content(app: AptuiApp, origin: AptScreen | None) -> RenderableType:
    """The help's text: this screen's keys by group, the app's, the screens', the fields', the keymap file."""
    parts: list[RenderableType] = [Text(L.HELP_INTRO)]
    if origin is not None:
        label = next((s.label for s in app.screen_specs if s.mode == origin.MODE), "")
        mine = [e for e in screen_entries(app, origin.MODE) if e.action != "back"]
        for group, found in grouped(mine):
            title = f"{L.HELP_GROUP_SCREEN} ({label})" if group == label else f"{L.HELP_GROUP_SCREEN} — {group}"
            parts += [_title(title), _table(_rows(found))]
    everywhere = app_entries(app)
    parts += [_title(L.HELP_GROUP_GLOBAL),
              _table(_rows([e for e in everywhere if not e.action.startswith("switch_mode")]))]
    parts += [_title(L.HELP_GROUP_SCREENS),
              _table(_rows([e for e in everywhere if e.action.startswith("switch_mode")]))]
    parts += [_title(L.HELP_GROUP_FIELDS), _table([(keys, what, "") for keys, what in L.HELP_FIELD_KEYS])]
    parts += [Text(""), Text(L.HELP_KEYMAP.format(app.keymap_file), style="italic")]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """Press ? anywhere; ↑ ↓ PgPréc PgSuiv Début Fin scroll; Échap, q or ? closes."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", L.KEY_CLOSE, id="help.close")]

    def __init__(self, origin: AptScreen | None) -> None:
        super().__init__()
        self.origin = origin
        """The main screen whose keys are listed first."""

    def compose(self) -> ComposeResult:
        app = cast("AptuiApp", self.app)
        label = next((s.label for s in app.screen_specs if self.origin and s.mode == self.origin.MODE), L.HELP)
        with VerticalScroll(id="help-box", can_focus=True):
            yield Static(Text(L.HELP_TITLE.format(label), style="bold"), id="help-title")
            yield Static(help_content(app, self.origin), id="help-text")
        yield Static(L.HELP_FOOTER, id="help-footer")

    def on_mount(self) -> None:
        self.query_one("#help-box", VerticalScroll).focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
