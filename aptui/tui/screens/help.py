"""The help screen: the global keys and those of the screen it was opened from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Markdown

from aptui.tui import labels as L

KEY_NAMES = {"slash": "/", "escape": "Échap", "enter": "Entrée", "left_square_bracket": "[",
             "right_square_bracket": "]", "left": "←", "right": "→", "question_mark": "?"}


def screen_keys(screen: Screen[object]) -> str:
    """A Markdown table of a screen's own bindings."""
    rows = []
    for active in screen.active_bindings.values():
        binding = active.binding
        if active.node is screen and binding.description:
            rows.append(f"| `{KEY_NAMES.get(binding.key, binding.key)}` | {binding.description} |")
    return L.HELP_SCREEN_KEYS + "\n".join(rows) if rows else ""


class HelpScreen(ModalScreen[None]):
    """Press ? anywhere; Échap, q or ? closes."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", L.KEY_BACK)]

    def __init__(self, origin: Screen[object]) -> None:
        super().__init__()
        self.origin = origin
        """The screen whose keys are listed."""

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Markdown(f"{L.HELP_TEXT}\n{screen_keys(self.origin)}\n")
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
