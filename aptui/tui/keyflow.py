"""Keys handled one after the other: a key typed in a burst waits until the app has answered the previous one.

A terminal hands the app a whole burst of keys at once.  Textual sends each one
at once to the widget focused *then*; a key's effect (Tab's focus change,
Entrée opening the appel of « Mes séances », a dialog pushed by ``n``) comes
later, once the key has gone through the widgets' queues and the bindings.  So
``Entrée P a ctrl+s Échap`` typed fast on « Mes séances » reached that screen,
not the appel it opened: nothing was marked.  Here the app routes a key only
once every widget of the shown screens has handled what it had (its queue
empty), as a user typing slowly would see it; a key that waits more than
``PATIENCE`` seconds goes anyway (a screen kept busy must not swallow keys).
"""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual.keys import _character_to_key, key_to_character
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

PATIENCE = 0.3
"""Seconds a key waits at most for the previous one to be handled."""
POLL = 0.002
"""Seconds between two looks at the widgets' queues while a key is in flight."""


class KeyFlow:
    """The keys of an app, routed one at a time (see the module's docstring)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.waiting: deque[events.Key] = deque()
        """Keys typed while another was in flight, in order."""
        self.released: list[events.Key] = []
        """Keys posted again by this flow, to be routed without waiting."""
        self.since: float | None = None
        """When the key in flight was routed (None: no key in flight)."""

    def hold(self, event: events.Key) -> bool:
        """Whether to keep ``event`` for later (True) or route it now (False, it is then in flight)."""
        if any(event is key for key in self.released):
            self.released = [key for key in self.released if key is not event]
        elif self.since is not None or self.waiting:
            self.waiting.append(event)
            return True
        self.since = time.monotonic()
        self.app.set_timer(POLL, self._look)
        return False

    def _look(self) -> None:
        """Release the next key once the shown screens have handled the one in flight (or it waited too long)."""
        if self.since is None:
            return
        if not self._settled() and time.monotonic() - self.since < PATIENCE:
            self.app.set_timer(POLL, self._look)
            return
        self.since = None
        if self.waiting:
            key = self.waiting.popleft()
            again = events.Key(key.key, key.character)
            self.released.append(again)
            self.app.post_message(again)  # after what the app has queued (the screen switch an Entrée asked)

    def _settled(self) -> bool:
        """Whether no widget of the shown screens has a message waiting or being handled, nor the app a message or a
        ``call_next`` callback (the screen switch an Entrée asked).  Runs in the timer's own task, between two
        steps of the app's."""
        app = self.app
        if _unfinished(app):
            return False
        if app._next_callbacks:  # noqa: SLF001 - Textual's call_next queue: run once the app is idle, so prompt it
            app.check_idle()
            return False
        for screen in app.screen_stack:
            # a widget's own call_next callbacks are not waited for: some stay pending until its next message
            if any(_unfinished(node) for node in screen.walk_children(with_self=True)):
                return False
        return True


def _unfinished(node: MessagePump) -> int:
    """How many messages ``node`` has queued or is handling (its queue is made on first use: none yet, 0)."""
    queue = node.__dict__.get("_message_queue")
    return int(getattr(queue, "_unfinished_tasks", 0)) if queue is not None else 0


def escape_then_key(app: App[Any], event: events.Key) -> list[events.Key] | None:
    """Échap then a key typed at once, as the two keys, when no binding takes the key they arrived as.

    A terminal sends Échap as the byte ESC, and Alt+2 as ESC then « 2 »: Échap and a key typed together reach
    Textual as ``alt+key`` for a letter, and for a key of the number row as the character a Mac's Option key
    gives (ESC 2 is « ™ », see ``_OPTION_CHARACTERS``).  Without this a text field typed that character instead
    of being left, and the screen key was lost.  None when ``event`` is no such key, or a binding takes it.
    """
    if event.key.startswith("alt+"):
        rest = event.key.removeprefix("alt+")
        if rest.startswith("shift+") and len(rest) == len("shift+") + 1:
            rest = rest.removeprefix("shift+").upper()
        character = key_to_character(rest)
    else:
        if event.character in _TYPED_IN_FRENCH and isinstance(app.focused, Input):
            return None  # in a text field « £ » is what the user typed: a character is never swallowed
        character = _OPTION_CHARACTERS.get(event.character or "")
        rest = _character_to_key(character) if character else ""
    if character is None or not character.isprintable() or _bound(app, event.key):
        return None
    return [events.Key("escape", "\x1b"), events.Key(rest, character)]


def _option_characters() -> dict[str, str]:
    """The characters Textual reads ESC + a key as (the key of each), those only one key gives."""
    found: dict[str, list[str]] = {}
    for sequence, meant in ANSI_SEQUENCES_KEYS.items():
        if len(sequence) == 2 and sequence[0] == "\x1b" and isinstance(meant, str) and len(meant) == 1:
            found.setdefault(meant, []).append(sequence[1])
    # « § » comes from two sequences, and is a key of its own on a French Mac keyboard: it stays a character
    return {meant: keys[0] for meant, keys in found.items() if len(keys) == 1}


_TYPED_IN_FRENCH = frozenset("£–")
"""Characters of ``_OPTION_CHARACTERS`` a French keyboard types with one key (« £ » is Maj+$ on AZERTY, « – »
Option+- on a French Mac): typed in a text field, they stay text (Échap then 3 or - at once types them)."""

_OPTION_CHARACTERS = _option_characters()
"""« ™ » -> « 2 »: what ESC + a key of the number row becomes in Textual's parser (the characters of a Mac's
Option key, which WezTerm sends as ESC + the key)."""


def _bound(app: App[Any], key: str) -> bool:
    """Whether a binding of the focused widget, its screen or the app takes ``key``."""
    chain = [bindings for _, bindings in app.screen._modal_binding_chain]  # noqa: SLF001 - the chain Textual checks
    return any(key in bindings.key_to_bindings for bindings in [*chain, app._bindings])  # noqa: SLF001
