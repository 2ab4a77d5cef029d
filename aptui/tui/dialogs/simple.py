"""The small dialogs: a yes/no question and an error message."""

from __future__ import annotations

from textual.binding import Binding

from aptui.tui import labels as L
from aptui.tui.dialogs.base import TextDialog


class YesNoDialog(TextDialog):
    """Asks a question; dismisses with True (Oui) or False (Non, Échap)."""

    BINDINGS = [Binding("y,o", "answer(True)", L.YES), Binding("n", "answer(False)", L.NO)]

    def __init__(self, question: str, text: str = "") -> None:
        super().__init__(question, text, ((L.YES, "yes"), (L.NO, "no")))

    def on_button(self, button_id: str) -> None:
        self.dismiss(button_id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ErrorDialog(TextDialog):
    """Shows an error that the user must acknowledge."""

    def __init__(self, message: str, title: str = L.ERROR_TITLE) -> None:
        super().__init__(title, message, ((L.OK, "ok"),))
        self.add_class("error-dialog")
