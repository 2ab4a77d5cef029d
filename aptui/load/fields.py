"""Reading fields of a parsed document leniently, and locating them.

Shared by the per-file builders (load/builders.py): a value of the wrong
type reads as missing (the schema already reported it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from aptui.diagnostics import Loc
from aptui.load.lazypos import KEY, VALUE, LazyLocs, LazySource
from aptui.load.yamlread import PosDict, PosList
from aptui.model import entities as m
from aptui.model.positions import FieldLocs, KeyLocs


def text(data: Any, key: str, default: str = "") -> str:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else default


def opt_text(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


_DAYS: dict[str, date] = {}
"""The dates read so far, one object per day: a school names a few hundred days ~60,000 times (bilans,
sessions, tests), so the model and its saved state hold (and pickle, load/snapshot.py) each day once."""
_MAX_DAYS = 20_000


def day(data: Any, key: str) -> date | None:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, str):
        return None
    known = _DAYS.get(value)
    if known is not None:
        return known
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return None
    if len(_DAYS) >= _MAX_DAYS:
        _DAYS.clear()  # a file of many distinct dates: the cache never grows past its bound
    _DAYS[value] = parsed
    return parsed


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
    """Makes Loc objects for one document.

    With ``source`` (a document read without positions, load/fastread.py) the
    Locs are pending: the node's key path (``where``) and the part asked for,
    resolved on first use (load/lazypos.py).
    """

    def __init__(self, path: str, source: LazySource | None = None) -> None:
        self.path = path
        self.source = source

    def start(self, node: Any) -> Loc:
        if self.source is not None:
            where = getattr(node, "where", None)
            if where is not None:
                return Loc.later(self.path, self.source, where, VALUE)
        line, column = getattr(node, "start", (1, 1))
        return Loc(self.path, line, column)

    def located(self, node: Any, keys: tuple[str, ...] = ()) -> m.Located:
        """Positions of a mapping and of some of its values (made into Loc when asked: FieldLocs)."""
        if isinstance(node, PosDict):
            source = self.source
            if source is not None:
                where = node.where
                assert where is not None
                loc = Loc.later(self.path, source, where, VALUE)
                if not keys:
                    return m.Located(loc, {})
                return m.Located(loc, LazyLocs(self.path, source, where, tuple(filter(node.__contains__, keys)), VALUE))
            line, column = node.start
            return m.Located(Loc(self.path, line, column), FieldLocs(self.path, node.pos, keys) if keys else {})
        return m.Located(self.start(node), {})

    def key(self, node: PosDict, key: str) -> Loc:
        """The position of a key of a mapping (a bilan's student)."""
        if self.source is not None and node.where is not None:
            return Loc.later(self.path, self.source, (*node.where, key), KEY)
        line, column = node.pos[key][:2]
        return Loc(self.path, line, column)

    def marks(self, node: PosDict, marks: dict[str, str]) -> Mapping[str, Loc]:
        """The position of each mark's key (a session's attendance), made into Loc when asked."""
        if self.source is not None and node.where is not None:
            return LazyLocs(self.path, self.source, node.where, marks, KEY)
        return KeyLocs(self.path, marks, node.pos)

    def items(self, node: Any, key: str) -> tuple[list[str], tuple[Loc, ...]]:
        """A list of ids and the position of each item."""
        value = node.get(key) if isinstance(node, dict) else None
        if not isinstance(value, PosList):
            return [], ()
        ids, locs = [], []
        if self.source is not None and value.where is not None:
            path, source, where = self.path, self.source, value.where
            for index, item in enumerate(value):
                if isinstance(item, str):
                    ids.append(item)
                    locs.append(Loc.later(path, source, (*where, index), VALUE))
            return ids, tuple(locs)
        for item, (line, column) in zip(value, value.pos):
            if isinstance(item, str):
                ids.append(item)
                locs.append(Loc(self.path, line, column))
        return ids, tuple(locs)
