"""Charts of the printed reports as inline SVG, drawn with matplotlib's SVG backend (no pyplot,
no global state: the app may draw while the user works).

Text stays text in the SVG (searchable, selectable, sharp in the PDF), math parsing is off (a
``$`` in a group's title is only a dollar), and ids are salted per chart so that several charts on
one page never share a clip path.  ``bars`` draws grouped bars (hours against budget per division),
``lines`` one line per series (attendance over the weeks), ``flow`` a Sankey-like diagram: the
sources on the left, the targets on the right, a band per "source → target" count.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aptui.reports.document import Chart

ARROW = "→"
PALETTE = ("#1f5a94", "#d9822b", "#3a8d3f", "#b03a48", "#7155a3", "#8c6d31", "#2a8c8c", "#777777")
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)


@contextmanager
def _style(salt: str) -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context({
        "svg.fonttype": "none", "svg.hashsalt": salt, "text.parse_math": False,
        "font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"], "font.size": 9,
        "axes.spines.top": False, "axes.spines.right": False, "axes.titlesize": 10,
    }):
        yield


def chart_svg(chart: Chart, salt: str = "chart") -> str:
    """The chart as an ``<svg>`` element (no XML prologue), ready to inline in HTML."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with _style(salt):
        figure = Figure(figsize=_size(chart), layout="constrained")
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        if chart.kind == "flow":
            _flow(axes, chart)
        elif chart.kind == "lines":
            _lines(axes, chart)
        else:
            _bars(axes, chart)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": "aptui"})
    svg = _scope_ids(_PROLOGUE.sub("", out.getvalue(), count=1), re.sub(r"[^A-Za-z0-9_-]", "", salt) or "c")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(chart.title)}" ', 1)


def _scope_ids(svg: str, prefix: str) -> str:
    """Every id of the SVG (and each reference to one) prefixed, so that charts of one page never clash."""
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)


def _attr(text: str) -> str:
    from html import escape

    return escape(text, quote=True)


def _size(chart: Chart) -> tuple[float, float]:
    if chart.kind == "flow":
        sides = _sides(chart)
        return (_flow_width(chart), max(2.4, 0.38 * max(len(sides[0]), len(sides[1]), 1) + 0.8))
    return (max(4.2, min(7.0, 1.2 + 0.45 * len(chart.labels) * max(1, len(chart.series)) ** 0.5)), 2.9)


def _bars(axes: Any, chart: Chart) -> None:
    count = max(1, len(chart.series))
    width = 0.8 / count
    positions = range(len(chart.labels))
    for index, series in enumerate(chart.series):
        offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
        axes.bar(offsets, series.values[:len(chart.labels)], width=width, label=series.name,
                 color=PALETTE[index % len(PALETTE)])
    axes.set_xticks(list(positions), list(chart.labels), rotation=30 if len(chart.labels) > 6 else 0,
                    ha="right" if len(chart.labels) > 6 else "center")
    _finish(axes, chart)


def _lines(axes: Any, chart: Chart) -> None:
    positions = list(range(len(chart.labels)))
    for index, series in enumerate(chart.series):
        axes.plot(positions[:len(series.values)], series.values[:len(positions)], marker="o", markersize=3,
                  label=series.name, color=PALETTE[index % len(PALETTE)])
    step = max(1, len(positions) // 12)
    axes.set_xticks(positions[::step], list(chart.labels)[::step], rotation=30, ha="right")
    _finish(axes, chart)


def _finish(axes: Any, chart: Chart) -> None:
    axes.set_title(chart.title, loc="left")
    if chart.unit:
        axes.set_ylabel(chart.unit)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    if len(chart.series) > 1:  # under the plot: never over a bar
        axes.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.16 if len(chart.labels) <= 6
                                                                                  else -0.3), ncols=len(chart.series))


def _pairs(chart: Chart) -> list[tuple[str, str, float]]:
    values = chart.series[0].values if chart.series else ()
    pairs = []
    for label, value in zip(chart.labels, values):
        source, _, target = label.partition(ARROW)
        if value > 0:
            pairs.append((source.strip(), target.strip() or source.strip(), float(value)))
    return pairs


def _sides(chart: Chart) -> tuple[list[str], list[str]]:
    pairs = _pairs(chart)
    return list(dict.fromkeys(p[0] for p in pairs)), list(dict.fromkeys(p[1] for p in pairs))


def _label_inches(chart: Chart) -> float:
    """The width of the longest node label « name (count) » at 8.5 pt, in inches (about 0.6 em a letter)."""
    sources, targets = _sides(chart)
    return 0.6 * 8.5 / 72 * (max((len(n) for n in sources + targets), default=10) + 7)


def _flow_width(chart: Chart) -> float:
    """A figure wide enough for both columns of labels and bands of at least 1.6 inches between them."""
    return max(5.0, 2 * _label_inches(chart) + 1.6)


def _flow(axes: Any, chart: Chart) -> None:
    """Sources stacked on the left, targets on the right, one band per count (its width is the count)."""
    from matplotlib.patches import PathPatch, Rectangle
    from matplotlib.path import Path

    pairs = _pairs(chart)
    axes.set_axis_off()
    axes.set_title(chart.title, loc="left")
    if not pairs:
        axes.text(0.5, 0.5, "aucune transition", ha="center", va="center", color="#777777")
        return
    sources, targets = _sides(chart)
    total = sum(p[2] for p in pairs)
    gap = total * 0.04
    def layout(names: list[str], side: int) -> dict[str, float]:
        tops, y = {}, total + gap * (max(len(sources), len(targets)) - 1)
        for name in names:
            tops[name] = y
            y -= sum(p[2] for p in pairs if p[side] == name) + gap
        return tops
    left, right = layout(sources, 0), layout(targets, 1)
    colour = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(sources)}
    cursor_left, cursor_right = dict(left), dict(right)
    x0, x1, node = 0.0, 1.0, 0.04
    for source, target, value in sorted(pairs, key=lambda p: (sources.index(p[0]), targets.index(p[1]))):
        a, b = cursor_left[source], cursor_right[target]
        cursor_left[source] -= value
        cursor_right[target] -= value
        xm = (x0 + x1) / 2
        vertices = [(x0 + node, a), (xm, a), (xm, b), (x1 - node, b), (x1 - node, b - value),
                    (xm, b - value), (xm, a - value), (x0 + node, a - value), (x0 + node, a)]
        codes = [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.LINETO,
                 Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.CLOSEPOLY]
        axes.add_patch(PathPatch(Path(vertices, codes), facecolor=colour[source], alpha=0.35, edgecolor="none"))
    for names, tops, x, align in ((sources, left, x0, "right"), (targets, right, x1 - node, "left")):
        side = 0 if names is sources else 1
        for name in names:
            height = sum(p[2] for p in pairs if p[side] == name)
            axes.add_patch(Rectangle((x, tops[name] - height), node, height,
                                     color=colour.get(name, "#555555") if side == 0 else "#555555"))
            label_x = x - 0.01 if align == "right" else x + node + 0.01
            axes.text(label_x, tops[name] - height / 2, f"{name} ({height:g})", ha=align, va="center", fontsize=8.5)
    # the labels stand outside the bands: margins wide enough for the longest one (m = L / (W - 2L))
    label = _label_inches(chart)
    width = _flow_width(chart)
    margin = label / (width - 2 * label) + 0.02
    axes.set_xlim(-margin, 1 + margin)
    axes.set_ylim(-gap, total + gap * max(len(sources), len(targets)))
