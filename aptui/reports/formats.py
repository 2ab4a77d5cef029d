"""The output formats of reports: a small registry, name -> renderer of a ``Document``.

A renderer turns a computed ``Document`` into bytes and computes nothing.  Text
formats (text, markdown, csv, json) live in ``render_text``; other modules (HTML,
PDF, ODS, XLSX) register theirs the same way, by calling ``register`` when they
are imported and by being listed in ``RENDERER_MODULES``, which ``load`` imports
lazily (a missing optional module is skipped, like a command not built yet).

A ``binary`` format cannot go to a terminal: the CLI asks for ``-o FICHIER``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from aptui.reports.document import Document

Renderer = Callable[[Document], bytes]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    render: Renderer
    binary: bool = False
    extension: str = ""  # ".md", ".csv": the suffix of a file written in this format
    description: str = ""  # French, shown in `--help`


# Modules that register formats when imported (append yours; order = order in `--help`).
RENDERER_MODULES: list[str] = [
    "aptui.reports.render_text",
    "aptui.reports.printed",  # html, pdf, ods, xlsx (printing)
]

_FORMATS: dict[str, Format] = {}
_loaded = False


def register(name: str, render: Renderer, *, binary: bool = False, extension: str = "",
             description: str = "") -> Format:
    """Add (or replace) a format; returns it."""
    fmt = Format(name, render, binary, extension or f".{name}", description)
    _FORMATS[name] = fmt
    return fmt


def load() -> dict[str, Format]:
    """Every registered format, importing the renderer modules once."""
    global _loaded
    if not _loaded:
        _loaded = True
        for module in RENDERER_MODULES:
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as exc:
                if exc.name != module:
                    raise
    return dict(_FORMATS)


def get(name: str) -> Format:
    """The format called ``name``; KeyError if none is registered."""
    return load()[name]


def names() -> tuple[str, ...]:
    return tuple(load())


def for_path(path: str) -> Format | None:
    """The format a file name implies by its suffix ("fiche.md" -> markdown), if any."""
    lowered = path.lower()
    best: Format | None = None
    for fmt in load().values():
        if fmt.extension and lowered.endswith(fmt.extension) and (
                best is None or len(fmt.extension) > len(best.extension)):
            best = fmt
    return best
