"""Hours consumed week by week against the pace line (textual-plotext)."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from aptui.tui import format as fmt
from aptui.tui import labels as L
from aptui.tui.data.dashboard import PacePoint

MAX_TICKS = 8


class PaceChart(PlotextPlot):
    """A line chart: the cumulative hours of one division, and the even pace of its budget."""

    def show(self, title: str, points: list[PacePoint]) -> None:
        """Draw the series (weeks after today have no cumulative value)."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        if points:
            xs = list(range(len(points)))
            plt.plot(xs, [p.pace for p in points], label=L.DASH_PACE_LINE, marker="dot")
            done = [(x, p.cumulative) for x, p in zip(xs, points) if p.cumulative is not None]
            if done:
                plt.plot([x for x, _ in done], [y for _, y in done], label=L.DASH_PACE_DONE, marker="braille")
            step = max(1, len(points) // MAX_TICKS)
            ticks: list[float] = [float(x) for x in xs[::step]]
            plt.xticks(ticks, [fmt.short_day(points[int(x)].monday) for x in ticks])
        self.refresh()
