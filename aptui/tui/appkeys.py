"""The app's keys and commands, in French: the user's keymap, key names, the command palette, Textual's commands,
and running a main screen's action from the palette.

A base class of ``AptuiApp`` (aptui/tui/app.py), which adds the screens, the
edits and the files: here only what concerns keys and the palette.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual._dispatch_key import dispatch_key
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from aptui.tui import labels as L
from aptui.tui.commands import FrenchCommandPalette, french_system_commands
from aptui.tui.keyflow import KeyFlow, escape_then_key
from aptui.tui.keymap import keymap_path, load_keymap
from aptui.tui.screens.base import AptScreen
from aptui.tui.typeahead import stray_key

if TYPE_CHECKING:
    from aptui.tui.screens import ScreenSpec


class KeyedApp(App[None], inherit_bindings=False):
    """An App whose every key has an id a keymap file may remap, named in French."""

    screen_specs: list[ScreenSpec]
    """The main screens (set by the app)."""

    def __init__(self) -> None:
        super().__init__()
        self.keymap_file: Path = keymap_path()
        """The user's keymap (binding id -> keys), see aptui/tui/keymap.py."""
        self.keymap: dict[str, str] = {}
        """What the keymap file remapped (shown by the help and the palette)."""
        self._clashes_told: set[str] = set()
        self.key_flow = KeyFlow(self)
        """The keys routed one at a time."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            # Échap then a key typed at once arrives as alt+key: it is handled as the two keys
            split = escape_then_key(self, event)
            if split is not None:
                for key in split:
                    await self.on_event(key)
                return
            # a key typed while the previous one is still being handled waits for it (aptui/tui/keyflow.py)
            if self.key_flow.hold(event):
                return
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        # Textual's App._on_key (bindings, then key_ methods), with the letters typed ahead of a focus change
        # given to the text field that should have had them (aptui/tui/typeahead.py).
        event.prevent_default()
        if not stray_key(self, event) and not await self._check_bindings(event.key):
            await dispatch_key(self, event)

    def current_main(self) -> AptScreen | None:
        """The main screen of the current mode, even under a dialog."""
        return next((s for s in reversed(self.screen_stack) if isinstance(s, AptScreen)), None)

    def run_screen_action(self, mode: str, action: str) -> None:
        """Run an action of a main screen, switching to it first (unsaved work asked about, as for a screen key)."""

        async def run() -> None:
            if self.current_mode != mode:
                await self.switch_mode(mode)
            screen = self.current_main()
            if screen is not None:
                screen.sync()
                await screen.run_action(action)

        if self.current_mode == mode:
            self.call_next(run)
        else:
            self.leave_screen_then(run)

    def leave_screen_then(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the current screen's unsaved work is dealt with (the app asks)."""
        self.call_next(then)

    # --- keys: the user's keymap, French names ------------------------------
    def binding_ids(self) -> Iterable[str]:
        """Every id a keymap may name: the app's keys and each screen's."""
        for _, binding in self._bindings:
            if binding.id:
                yield binding.id
        from aptui.tui.screens import EXTRA_SCREENS

        for spec in [*self.screen_specs, *EXTRA_SCREENS]:
            for _, binding in spec.screen_class()._merged_bindings or ():
                if binding.id:
                    yield binding.id

    def load_keymap(self) -> None:
        """Apply the user's keymap file, if there is one; its problems are said, never fatal."""
        if not self.keymap_file.exists():
            return
        loaded = load_keymap(self.keymap_file, set(self.binding_ids()))
        for problem in loaded.problems:
            self.notify(problem, severity="warning", timeout=10)
        if loaded.keys:
            self.keymap = loaded.keys
            self.set_keymap(loaded.keys)

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: Any) -> None:
        for binding in clashed_bindings:
            if binding.key not in self._clashes_told:
                self._clashes_told.add(binding.key)
                users = sorted({b.id or b.action for b in clashed_bindings if b.key == binding.key})
                self.notify(L.KEYMAP_CLASH.format(binding.key, ", ".join(users), self.keymap_file),
                            severity="warning", timeout=10)

    def get_key_display(self, binding: Binding) -> str:
        if binding.key_display is None and binding.key in ("escape", "enter", "space"):
            return L.KEY_NAMES[binding.key]
        return super().get_key_display(binding)

    # --- the command palette, in French -------------------------------------
    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(FrenchCommandPalette(id="--command-palette", placeholder=L.PALETTE_PLACEHOLDER))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[Any]:
        return french_system_commands(self)

    def take_screenshot(self) -> None:
        self.notify(L.SCREENSHOT_SAVED.format(self.save_screenshot()))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(FrenchCommandPalette(providers=[ThemeProvider], placeholder=L.PALETTE_THEME_PLACEHOLDER))

