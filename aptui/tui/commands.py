"""The command palette: every screen, every action of every screen and of the app, in French with its keys.

An action of another screen switches to that screen first (asking about
unsaved work, as a screen key would), then runs there.  Textual's own
commands are offered in French (theme, screenshot) or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.binding import BindingsMap
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.widgets.option_list import Option

from aptui.tui import labels as L
from aptui.tui.actions import KeyEntry, entries
from aptui.tui.search import fold

if TYPE_CHECKING:
    from aptui.tui.app import AptuiApp

HIDDEN_ACTIONS = {"back", "command_palette", "help_quit"}
"""Keys that make no sense from the palette (Échap, the palette itself)."""


def screen_entries(app: AptuiApp, mode: str) -> list[KeyEntry]:
    """The described keys of a main screen (its class: the screen need not exist yet)."""
    spec = next(s for s in _specs(app) if s.mode == mode)
    cls = spec.screen_class()
    return entries(cls._merged_bindings or BindingsMap(), app.keymap, cls.KEY_GROUPS, spec.label)


def app_entries(app: AptuiApp) -> list[KeyEntry]:
    """The app's own described keys (help, undo, redo, reload, commit, quit, the screens)."""
    return entries(app._bindings, app.keymap, {}, L.HELP_GROUP_GLOBAL)  # noqa: SLF001 - the app's own map


def _specs(app: AptuiApp) -> list[Any]:
    """The tabs' screens, then those a key opens without a tab (« Mes séances »)."""
    from aptui.tui.screens import EXTRA_SCREENS

    return [*app.screen_specs, *EXTRA_SCREENS]


class AptuiCommands(Provider):
    """The current screen's actions first, then the screens, the app's actions, the other screens' actions."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        app = cast("AptuiApp", self.app)
        current = app.current_mode
        modes = [current] + [s.mode for s in _specs(app) if s.mode != current]
        labels = {s.mode: s.label for s in _specs(app)}
        if current in labels:
            for entry in self._actions(app, current):
                yield entry.description, entry.label, partial(app.run_screen_action, current, entry.action)
        for spec in _specs(app):
            key = app.keymap.get(f"app.screen-{spec.mode}", spec.key)
            yield L.GOTO_SCREEN.format(spec.label), key, partial(app.run_action, f"switch_mode('{spec.mode}')")
        for entry in app_entries(app):
            if entry.action not in HIDDEN_ACTIONS and not entry.action.startswith("switch_mode"):
                yield entry.description, entry.label, partial(app.run_action, entry.action)
        for mode in modes[1:]:
            if mode not in labels:
                continue
            for entry in self._actions(app, mode):
                name = L.PALETTE_SCREEN_ACTION.format(screen=labels[mode], action=entry.description)
                yield name, entry.label, partial(app.run_screen_action, mode, entry.action)

    @staticmethod
    def _actions(app: AptuiApp, mode: str) -> Iterable[KeyEntry]:
        return (e for e in screen_entries(app, mode) if e.action not in HIDDEN_ACTIONS)

    async def discover(self) -> Hits:
        for name, key, callback in self._commands():
            yield DiscoveryHit(name, callback, help=key)

    async def search(self, query: str) -> Hits:
        # accents and case free, as every filter of the app (aptui/tui/search.py): « deplacer » finds « Déplacer »
        matcher = self.matcher(fold(query))
        for name, key, callback in self._commands():
            folded = fold(name)
            score = matcher.match(folded)
            if score > 0:
                yield Hit(score, _highlighted(name, matcher.highlight(folded)), callback, help=key)


def _highlighted(name: str, folded: Content) -> Content:
    """``name`` with the matched letters of its folded form marked (when folding kept the letters in place)."""
    content = Content(name)
    if len(folded.plain) == len(name):
        for span in folded.spans:
            content = content.stylize(span.style, span.start, span.end)
    return content


class FrenchCommandPalette(CommandPalette):
    """Textual's palette, its « No matches found » said in French."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_none() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(L.PALETTE_NO_MATCH, style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_none)


def french_system_commands(app: Any) -> Iterable[SystemCommand]:
    """Textual's commands worth keeping, in French (its « Keys » panel and « Quit » are left out)."""
    yield SystemCommand(L.PALETTE_THEME, L.PALETTE_THEME_HELP, app.action_change_theme)
    yield SystemCommand(L.PALETTE_SCREENSHOT, L.PALETTE_SCREENSHOT_HELP, lambda: app.set_timer(0.1, app.take_screenshot))
