"""The footer of the main screens: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's Footer rebuilds all its keys (a dozen widgets, their styles) at every change of the
    screen's bindings: each focus change, each mount.  This one rebuilds only when the shown keys differ
    (key, label, enabled, tooltip), as drawn: on the start of the TUI, ~6 rebuilds became 1."""

    _shown: Any = None
    """What the last scheduled rebuild showed (None: nothing yet)."""

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            shown = self._signature(screen)
            if shown == self._shown:
                return
            self._shown = shown
            self.call_after_refresh(self.recompose)

    def _signature(self, screen: Screen[Any]) -> tuple[Any, ...]:
        active = screen.active_bindings
        keys = tuple(
            (binding.key, binding.action, binding.description, binding.key_display, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in active.values() if binding.show
        )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return keys, (palette[1].key, palette[2], palette[3]) if palette else None, self.show_command_palette
