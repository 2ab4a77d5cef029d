"""Reading fields of a parsed document leniently, and locating them.

Shared by the per-file builders (load/builders.py): a value of the wrong
type reads as missing (the schema already reported it).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aptui.diagnostics import Loc
from aptui.load.yamlread import PosDict, PosList
from aptui.model import entities as m
from aptui.model.positions import FieldLocs


def text(data: Any, key: str, default: str = "") -> str:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else default


def opt_text(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def day(data: Any, key: str) -> date | None:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def minutes(text: Any) -> int | None:
    if not isinstance(text, str) or len(text) != 5 or text[2] != ":":
        return None
    try:
        return int(text[:2]) * 60 + int(text[3:])
    except ValueError:
        return None


def integer(data: Any, key: str) -> int | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def ids(data: Any, key: str) -> list[str]:
    value = data.get(key) if isinstance(data, dict) else None
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def dicts(data: Any, key: str) -> list[PosDict]:
    """The mappings of a list of mappings (anything else in it was refused by the schema)."""
    value = data.get(key) if isinstance(data, dict) else None
    return [item for item in value if item.__class__ is PosDict] if isinstance(value, PosList) else []


class Locator:
    """Makes Loc objects for one document."""

    def __init__(self, path: str) -> None:
        self.path = path

    def start(self, node: Any) -> Loc:
        line, column = getattr(node, "start", (1, 1))
        return Loc(self.path, line, column)

    def located(self, node: Any, keys: tuple[str, ...] = ()) -> m.Located:
        """Positions of a mapping and of some of its values (made into Loc when asked: FieldLocs)."""
        if isinstance(node, PosDict):
            line, column = node.start
            return m.Located(Loc(self.path, line, column), FieldLocs(self.path, node.pos, keys) if keys else {})
        return m.Located(self.start(node), {})

    def items(self, node: Any, key: str) -> tuple[list[str], tuple[Loc, ...]]:
        """A list of ids and the position of each item."""
        value = node.get(key) if isinstance(node, dict) else None
        if not isinstance(value, PosList):
            return [], ()
        ids, locs = [], []
        for item, (line, column) in zip(value, value.pos):
            if isinstance(item, str):
                ids.append(item)
                locs.append(Loc(self.path, line, column))
        return ids, tuple(locs)

