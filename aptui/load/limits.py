"""What one school file may cost: its size, its number of values, its aliases.

A school repository is written by many hands (and by anyone who can open a
merge request): a file must never make aptui read for ever, fill memory or
print what it should not.  These bounds are far above any real school file
(the largest file of a 1,500-student school is ~270 kB and ~21,000 YAML events)
and low enough that a hostile file answers in well under a second.

The size limit can be raised for a school that needs it: environment
variable ``APTUI_MAX_FILE_SIZE`` (bytes, or with a ``k``/``M`` suffix).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

MAX_FILE_SIZE_ENV = "APTUI_MAX_FILE_SIZE"
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kKmM]?)[oOB]?\s*$")


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds of reading one file (see the module's docstring)."""

    max_file_bytes: int = 5_000_000
    max_nodes: int = 250_000  # YAML events (values, starts and ends of lists and mappings), aliases expanded
    max_depth: int = 64  # nesting of lists and mappings
    max_aliases: int = 100  # uses of ``*name`` in one document
    max_alias_nodes: int = 10_000  # values that aliases add when expanded
    max_alias_chars: int = 100_000  # characters of text that aliases add when expanded


def parse_size(text: str) -> int | None:
    """``"5000000"``, ``"800k"``, ``"12M"`` -> bytes; None when unreadable."""
    found = _SIZE.match(text)
    if not found:
        return None
    number, unit = float(found.group(1)), found.group(2).lower()
    return int(number * {"": 1, "k": 1_000, "m": 1_000_000}[unit])


def current_limits() -> Limits:
    """The default limits, with the file size taken from APTUI_MAX_FILE_SIZE when it is set."""
    raw = os.environ.get(MAX_FILE_SIZE_ENV)
    size = parse_size(raw) if raw else None
    return Limits(max_file_bytes=size) if size else DEFAULT_LIMITS


DEFAULT_LIMITS = Limits()


def megabytes(size: int) -> str:
    """A size in French, for messages: ``5,0 Mo``, ``812 ko``."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} Mo".replace(".", ",")
    return f"{max(1, size // 1000)} ko"


def excerpt(text: str, limit: int = 40) -> str:
    """At most ``limit`` characters of a value for a message, on one line (a file may hold anything)."""
    flat = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    flat = "".join(ch if ch.isprintable() else "?" for ch in flat[: limit + 1])
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
