"""The hour budgets of the divisions: one widget drawing a title and two bars (year, cycle) per division.

One widget for every division (not one per bar): a school has dozens of
divisions and each Textual widget costs styling and layout time at start-up.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widget import Widget

from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui.data.dashboard import Budget, DivisionBudget
from aptui.tui.data.pfmp import span_weeks

LABEL_WIDTH = 7
MIN_BAR = 8
LINES_PER_DIVISION = 4
"""Title, year bar, cycle bar, blank line."""


def budget_numbers(budget: Budget, compact: bool) -> str:
    """« 21,9 réalisées · 30,0 prévues · budget 70,0 h », or « 21,9 · 30,0 · 70,0 h » when narrow."""
    done, planned = fmt.number(budget.done), fmt.number(budget.planned)
    total = budget.budget
    if compact:
        return f"{done} · {planned} · {fmt.hours(total)}" if total is not None else f"{done} · {planned}"
    if total is None:
        return L.BUDGET_NONE.format(done=done, planned=planned)
    return L.BUDGET_LINE.format(done=done, planned=planned, budget=fmt.hours(total))


def pfmp_text(placements: tuple[tuple[date, date], ...], room: int) -> str:
    """« PFMP 06/10→17/10, 12/01→23/01 », or « PFMP 2 fois, 4 sem. » when that does not fit in ``room``."""
    spans = ", ".join(f"{fmt.short_day(a)}→{fmt.short_day(b)}" for a, b in placements)
    full = L.DASH_PFMP.format(spans)
    if len(full) <= room:
        return full
    return L.DASH_PFMP_SHORT.format(count=len(placements), weeks=span_weeks(placements))


class BudgetBars(Widget):
    """« 2MELEC1 (2nde, 24) » then « Année  ███▓▓░░░░  21,9 réalisées · 30,0 prévues · budget 70,0 h », « Cycle … »."""

    COMPONENT_CLASSES = {"budget-bar--title", "budget-bar--done", "budget-bar--planned", "budget-bar--empty",
                         "budget-bar--over", "budget-bar--pfmp"}

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[DivisionBudget] = []
        """The divisions drawn, in order."""

    def show(self, rows: list[DivisionBudget]) -> None:
        self.rows = list(rows)
        self.styles.height = max(1, len(self.rows) * LINES_PER_DIVISION - 1)
        self.refresh(layout=True)

    def render(self) -> Text:
        width = self.content_size.width or 80
        budgets = [b for row in self.rows for b in (row.year, row.cycle)]
        longest = max((len(budget_numbers(b, compact=False)) for b in budgets), default=0)
        compact = width - LABEL_WIDTH - longest - 2 < MIN_BAR * 2
        if compact:
            longest = max((len(budget_numbers(b, compact=True)) for b in budgets), default=0)
        bar_width = max(MIN_BAR, width - LABEL_WIDTH - longest - 2)
        style = self.get_component_rich_style
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, row in enumerate(self.rows):
            if index:
                text.append("\n\n")
            title = f"{row.division} ({row.level}, {row.students})"
            text.append(title, style("budget-bar--title"))
            if row.placements:
                text.append(f"  {pfmp_text(row.placements, width - len(title) - 2)}", style("budget-bar--pfmp"))
            for label, budget in ((L.DASH_YEAR, row.year), (L.DASH_CYCLE, row.cycle)):
                text.append("\n" + label.ljust(LABEL_WIDTH))
                text.append_text(self._bar(budget, bar_width))
                text.append("  " + budget_numbers(budget, compact))
        return text

    def _bar(self, budget: Budget, width: int) -> Text:
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

