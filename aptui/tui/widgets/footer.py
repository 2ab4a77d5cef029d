"""The footer of the main screens: Textual's, rebuilt only when the keys it shows change, all in French, and
fitted to the width: short labels (aptui/tui/labels_footer.py), the screen's main keys first (its
``FOOTER_KEYS``), the others dropped first when the terminal is narrow, ``?`` (the help) always shown."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from aptui.tui import labels as L
from aptui.tui.labels_footer import FOOTER_SHORT

WIDE_FROM = 110
"""The width from which the app is laid out wide (its breakpoint; below it, the footer is compact)."""
HELP_ACTION = "help"
"""The one key every footer shows."""


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

    def on_mount(self) -> None:
        self.compact = self.app.size.width < WIDE_FROM

    def on_resize(self, event: events.Resize) -> None:
        width = self.app.size.width
        if width != self._fitted_width:
            self.compact = width < WIDE_FROM
            self._shown = None
            self.call_after_refresh(self.recompose)

    _fitted_width = 0
    """The terminal width the shown keys were chosen for."""

    def _signature(self, screen: Screen[Any]) -> tuple[Any, ...]:
        active = screen.active_bindings
        keys = tuple(
            (binding.key, binding.action, binding.description, binding.key_display, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in active.values() if binding.show
        )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return (keys, (palette[1].key, palette[2], palette[3]) if palette else None, self.show_command_palette,
                self.app.size.width)

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
            keys = [w for w in widgets if isinstance(w, FooterKey) and not w.has_class("-command-palette")]
            keys.sort(key=lambda w: rank.get(w.action, len(rank)))
            palette = [w for w in widgets if w.has_class("-command-palette")]
            widgets = [*self._fit(keys, bool(palette)), *palette]
            self.styles.grid_size_columns = len(widgets)
        yield from widgets

    def _fit(self, keys: list[FooterKey], palette: bool) -> list[FooterKey]:
        """The keys that fit in the width, short labels: the help, then the screen's main keys, then the others
        in their declared order; shown main keys first and the help last."""
        width = self.app.size.width
        self._fitted_width = width
        compact = width < WIDE_FROM
        for key in keys:
            key.description = FOOTER_SHORT.get(key.action, key.description)
        main = list(getattr(self.screen, "FOOTER_KEYS", ()))
        order = {action: index for index, action in enumerate(main)}
        ranked = sorted(keys, key=lambda k: (k.action != HELP_ACTION, order.get(k.action, len(order))))
        room = width - 1 - ((11 if compact else 14) if palette else 0)
        kept: list[FooterKey] = []
        for key in ranked:
            cells = cell_len(key.key_display) + cell_len(key.description) + (2 if compact else 3)
            if cells <= room:
                kept.append(key)
                room -= cells
        shown = sorted(kept, key=lambda k: (k.action == HELP_ACTION, order.get(k.action, len(order)),
                                            keys.index(k)))
        return shown

    def _declared_order(self) -> dict[str, int]:
        """Each action's place in the screen's then the app's BINDINGS."""
        rank: dict[str, int] = {}
        for node in (self.screen, self.app):
            for _, binding in type(node)._merged_bindings or ():
                rank.setdefault(binding.action, len(rank))
        return rank
