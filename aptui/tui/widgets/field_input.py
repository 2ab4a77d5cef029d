"""A text field entered on purpose (its key, or a click), never by Tab."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class FieldInput(Input):
    """A text field entered on purpose (its key, or a click), never by Tab: marks typed fast never land in it.

    Entrée, Échap or Tab leave it (the text stays, not saved until ctrl+s).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.can_focus = False

    def open(self) -> None:
        self.can_focus = True
        self.focus()

    def on_blur(self) -> None:
        self.can_focus = False

    def on_mouse_down(self) -> None:
        if not self.has_focus:
            self.open()
