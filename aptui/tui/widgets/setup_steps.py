"""The dashboard's checklist of a new school: the set-up steps in order, ticked when done.

Hidden once every step is done (a school under way never sees it).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from aptui.model.entities import School, Year
from aptui.tui import labels as L
from aptui.tui.data.setup_steps import SetupStep, setup_done, setup_steps

DONE_MARK, TODO_MARK, NEXT_MARK = "✓", "·", "▶"


def steps_text(steps: list[SetupStep]) -> Text:
    """The title (« 2 étape(s) sur 7 faites »), then every step: ticked, the next one marked, and where."""
    done = sum(step.done for step in steps)
    text = Text(L.SETUP_STEPS_TITLE.format(done, len(steps)), style="bold")
    following = next((step for step in steps if not step.done), None)
    for step in steps:
        mark = DONE_MARK if step.done else NEXT_MARK if step is following else TODO_MARK
        style = "green" if step.done else "bold yellow" if step is following else ""
        text.append(f"\n {mark} {step.what}", style=style)
        text.append(f" — {step.state}" if step.done else f" — {step.where}", style="dim" if step.done else "")
    return text


class SetupSteps(Static):
    """What a new school still has to set up, from the model."""

    def show(self, school: School, year: Year | None, shown: bool = True) -> None:
        steps = setup_steps(school, year)
        self.display = shown and not setup_done(steps)
        if self.display:
            self.update(steps_text(steps))
