"""The choosers of the forms (a student, a group, a teacher...): a Select whose typed search is the app's one
matcher (aptui/tui/search.py): accents and case free, « Prénom Nom » or « Nom Prénom », titles and ids.

Textual's Select jumps to the first option whose label contains the typed text
as is (``guerin`` never finds « Guérin », ``martin lea`` never « Léa Martin »).
Here the typed words are matched against each option's label and value (an id),
and typing on the closed chooser opens it and starts the search.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay

from aptui.tui.search import matches

SEARCH_PAUSE = 1.5
"""Seconds without a key after which the typed search starts again (Textual's 0.7 s is short for a name)."""


class MatchingOverlay(SelectOverlay):
    """The open list of a PickSelect: the typed words find the first option they all match."""

    def __init__(self, texts: Callable[[int], Sequence[str]], type_to_search: bool = True) -> None:
        super().__init__(type_to_search=type_to_search)
        self._search_reset_delay = SEARCH_PAUSE
        self.texts = texts
        """What option ``index`` is found by (its label, its value)."""

    def _find_search_match(self, query: str) -> int | None:
        return next((index for index in range(self.option_count) if matches(query, self.texts(index))), None)


class PickSelect(Select[Any]):
    """A Select found by the app's matcher (see the module's docstring)."""

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield MatchingOverlay(self._texts, type_to_search=True).data_bind(compact=Select.compact)

    def _texts(self, index: int) -> Sequence[str]:
        options = self._options
        if not 0 <= index < len(options):
            return ()
        prompt, value = options[index]
        if value is Select.NULL:
            return ()
        label = prompt.plain if isinstance(prompt, Text) else str(prompt)
        return (label, str(value))

    async def _on_key(self, event: events.Key) -> None:
        # a letter on the closed chooser opens it and searches; letters typed before its list has the focus too
        if event.is_printable and event.character and (self.expanded or event.key != "space"):
            event.stop()
            event.prevent_default()
            self.expanded = True
            self.query_one(MatchingOverlay).post_message(events.Key(event.key, event.character))
