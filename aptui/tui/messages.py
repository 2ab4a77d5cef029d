"""Messages that flow up from screens and widgets to the app."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from aptui.tui.data.targets import Target


class EditRequested(Message):
    """A screen asks the app to apply an edit command (from aptui.edit) to the files."""

    def __init__(self, command: Any) -> None:
        super().__init__()
        self.command = command
        """The edit command: it has plan(root), describe() and paths()."""


class OpenEditor(Message):
    """Open a school file in $EDITOR at a line, then reload it."""

    def __init__(self, path: str, line: int = 1) -> None:
        super().__init__()
        self.path = path
        """Relative to the school root."""
        self.line = max(1, line)
        """1-based line."""


class GoTo(Message):
    """Switch to the screen of a target and select its object."""

    def __init__(self, target: Target) -> None:
        super().__init__()
        self.target = target
        """Which screen and which object."""
