"""The small dialogs: a yes/no question, unsaved work to save or not, and an error message."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Button

from aptui.tui import labels as L
from aptui.tui.dialogs.base import TextDialog

SAVE = "save"
DISCARD = "discard"
STAY = "stay"


class YesNoDialog(TextDialog):
    """Asks a question; dismisses with True (Oui) or False (Non, Échap).

    ``default`` is the focused button: a destructive question defaults to Non,
    so that a hurried Entrée changes nothing.
    """

    BINDINGS = [Binding("y,o", "answer(True)", L.YES, id="dialog.yes"),
                Binding("n", "answer(False)", L.NO, id="dialog.no")]

    def __init__(self, question: str, text: str = "", default: bool = True) -> None:
        super().__init__(question, text, ((L.YES, "yes"), (L.NO, "no")))
        self.default = default
        """True: Oui is focused (Entrée answers Oui); False: Non is."""

    def initial_focus(self) -> None:
        self.query_one("#yes" if self.default else "#no", Button).focus()

    def on_button(self, button_id: str) -> None:
        self.dismiss(button_id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(False)


class UnsavedDialog(TextDialog):
    """Work not saved yet (an appel): Enregistrer (focused), Abandonner or Rester; Échap stays.

    No single letter answers: a teacher still typing marks (p, a, x, r) when the
    question appears must not discard them.  ctrl+s saves, as on the screen.
    """

    BINDINGS = [Binding("ctrl+s", "save", L.UNSAVED_SAVE, id="dialog.save")]

    def __init__(self, what: str, text: str = L.UNSAVED_TEXT) -> None:
        super().__init__(L.UNSAVED_TITLE.format(what), text,
                         ((L.UNSAVED_SAVE, SAVE), (L.UNSAVED_DISCARD, DISCARD), (L.UNSAVED_STAY, STAY)))

    def on_button(self, button_id: str) -> None:
        self.dismiss(button_id)

    def action_save(self) -> None:
        self.dismiss(SAVE)

    def action_cancel(self) -> None:
        self.dismiss(STAY)


class ErrorDialog(TextDialog):
    """Shows an error that the user must acknowledge."""

    def __init__(self, message: str, title: str = L.ERROR_TITLE) -> None:
        super().__init__(title, message, ((L.OK, "ok"),))
        self.add_class("error-dialog")
