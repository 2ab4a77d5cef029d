"""Letters typed ahead of the app: a key that reached no binding and no text field, while a text field is
focused or a dialog is still opening, is given to that field (see aptui/tui/widgets/field_input.py).

A key is sent to the widget focused when the app reads it, and only bubbles up
to the bindings afterwards: ``n`` (new group) + ``PROJET`` typed in one burst
sends ``PROJET`` to the board's column, and they reach the app after the dialog
was pushed, before it focused its first field.  Such a printable key would be
lost: the app hands it to the focused text field, or to the opening dialog,
which types it in its first field once mounted.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.widget import Widget
from textual.widgets import Input

from aptui.tui.widgets.field_input import replay


class TypeAhead:
    """What a dialog does with the letters typed while it opens: it keeps them, then types them in its first field."""

    def __init__(self) -> None:
        self.opened = False
        """Whether the dialog has focused its first field."""
        self.held: list[events.Key] = []
        """Letters typed while it was opening."""

    def open(self, focused: Widget | None) -> None:
        """The dialog is ready: the held letters are typed in its focused field; a question (a button focused)
        drops them: a letter typed before a question appeared never answers it."""
        self.opened = True
        held, self.held = self.held, []
        if isinstance(focused, Input):
            for key in held:
                replay(key, focused)


def stray_key(app: App[None], event: events.Key) -> bool:
    """Give a printable key that bubbled up to the app to the text field or the dialog that should have had it.

    A focused Input types every printable key it receives, so such a key was sent elsewhere before the focus
    came to the field: it is typed there (not taken as a screen's key).  True if given.
    """
    if not event.is_printable:
        return False
    ahead = getattr(app.screen, "type_ahead", None)
    if isinstance(ahead, TypeAhead) and not ahead.opened:
        ahead.held.append(event)
        return True
    if isinstance(app.focused, Input):
        replay(event, app.focused)
        return True
    return False
