"""The app's text fields: keys typed in a burst land where the user meant them.

A terminal hands the app a whole burst of keys at once; Textual sends each one to
the widget that has the focus *when the app reads it*, and a Tab or an Entrée
moves the focus only later, when it has bubbled up to the bindings.  So with a
plain Input, ``Tab`` + ``abc`` typed fast writes ``abc`` in the field being
left.  ``FormInput`` moves the focus on Tab at once, holds the keys typed right
after Entrée until its screen has answered, and hands a key it receives when it
no longer has the focus to the widget that has it now.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Input

HOLD_SECONDS = 0.15
"""How long keys typed right after Entrée wait for the screen to answer it (move the focus, close the dialog)."""


def replay(key: events.Key, target: Widget | None) -> None:
    """Send a copy of ``key`` to ``target`` (a key already handled cannot be posted again)."""
    if target is not None:
        target.post_message(events.Key(key.key, key.character))


class FormInput(Input):
    """An Input for every form and filter of the app (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[events.Key] | None = None
        """Keys typed after Entrée, until the screen has answered it (None: not holding)."""

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if self._held is not None:
            self._stop(event)
            self._held.append(event)
        elif focused is not self:  # the focus moved after this key was sent here: it belongs to the new focus
            self._stop(event)
            replay(event, focused)
        elif event.key in ("tab", "shift+tab"):
            self._stop(event)
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
        elif event.key == "enter":
            self._held = []
            self.app.set_timer(HOLD_SECONDS, self._release)
        # anything else: the Input's own handling (printable keys are typed)

    @staticmethod
    def _stop(event: events.Key) -> None:
        event.stop()
        event.prevent_default()

    def _on_blur(self, event: events.Blur) -> None:
        self.call_next(self._release)

    def _release(self) -> None:
        """Hand the keys typed after Entrée to whatever has the focus now (this field if it kept it)."""
        held, self._held = self._held, None
        for key in held or ():
            replay(key, self.app.focused)


class FieldInput(FormInput):
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
