"""A one-line bar of an hour budget: done, planned, and the budget itself."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui.data.dashboard import Budget

LABEL_WIDTH = 7
MIN_BAR = 8


class BudgetBar(Widget):
    """« Année  ███▓▓░░░░  21,9 réalisées · 30,0 prévues · budget 70,0 h »."""

    COMPONENT_CLASSES = {"budget-bar--done", "budget-bar--planned", "budget-bar--empty", "budget-bar--over"}

    def __init__(self, label: str, budget: Budget, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        """« Année » or « Cycle »."""
        self.budget = budget
        """The numbers shown."""

    def numbers(self, compact: bool) -> str:
        done, planned = fmt.number(self.budget.done), fmt.number(self.budget.planned)
        total = self.budget.budget
        if compact:
            return f"{done} · {planned} · {fmt.hours(total)}" if total is not None else f"{done} · {planned}"
        if total is None:
            return L.BUDGET_NONE.format(done=done, planned=planned)
        return L.BUDGET_LINE.format(done=done, planned=planned, budget=fmt.hours(total))

    def render(self) -> Text:
        width = self.content_size.width or 80
        numbers = self.numbers(compact=False)
        if width - LABEL_WIDTH - len(numbers) - 2 < MIN_BAR * 2:
            numbers = self.numbers(compact=True)
        bar_width = max(MIN_BAR, width - LABEL_WIDTH - len(numbers) - 2)
        text = Text(self.label.ljust(LABEL_WIDTH))
        text.append_text(self._bar(bar_width))
        text.append("  " + numbers)
        return text

    def _bar(self, width: int) -> Text:
        budget = self.budget
        scale = max(budget.budget or 0.0, budget.planned, budget.done, 1e-9)
        done = round(width * min(budget.done, scale) / scale)
        planned = max(done, round(width * budget.planned / scale))
        over = budget.budget is not None and budget.planned > budget.budget + 0.01
        style = self.get_component_rich_style
        bar = Text()
        bar.append("█" * done, style("budget-bar--over" if over else "budget-bar--done"))
        bar.append("▓" * (planned - done), style("budget-bar--over" if over else "budget-bar--planned"))
        bar.append("░" * (width - planned), style("budget-bar--empty"))
        return bar
