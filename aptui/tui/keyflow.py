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
