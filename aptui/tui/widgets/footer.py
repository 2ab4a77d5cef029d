"""The footer of the main screens: Textual's, rebuilt only when the keys it shows change, all in French."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from aptui.tui import labels as L


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

    def compose(self) -> ComposeResult:
        # Textual's own bindings (an open Select's « Dismiss menu »...) are shown with French words, and a key
        # remapped by the user's keymap keeps its place (Textual moves it to the end, out of sight).
        widgets = list(super().compose())
        for widget in widgets:
            if isinstance(widget, FooterKey):
                widget.description = L.TEXTUAL_WORDS.get(widget.description, widget.description)
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = L.TEXTUAL_WORDS.get(widget.tooltip, widget.tooltip)
        if all(isinstance(w, FooterKey) for w in widgets):
            rank = self._declared_order()
            keys = [w for w in widgets if not w.has_class("-command-palette")]
            keys.sort(key=lambda w: rank.get(w.action, len(rank)))  # type: ignore[attr-defined]
            widgets = keys + [w for w in widgets if w.has_class("-command-palette")]
        yield from widgets

    def _declared_order(self) -> dict[str, int]:
        """Each action's place in the screen's then the app's BINDINGS."""
        rank: dict[str, int] = {}
        for node in (self.screen, self.app):
            for _, binding in type(node)._merged_bindings or ():
                rank.setdefault(binding.action, len(rank))
        return rank
