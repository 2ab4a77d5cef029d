"""Positions of an entity's fields and of a session's marks, made into ``Loc`` only when asked.

A school holds ~100,000 attendance marks and ~40,000 entities: creating a
``Loc`` for each position at build time cost a third of the build.  These
read-only mappings keep the reader's position table and make a ``Loc`` for
the one field or mark a diagnostic (or the TUI) names.  Pickled with each
position packed in one int, for the saved model state.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from collections.abc import Mapping as _MappingBase
from typing import Any

from aptui.diagnostics import Loc


class FieldLocs(_MappingBase):
    """The positions of some fields of a mapping (``Located.at``), made into ``Loc`` when asked.

    ``positions`` is the reader's position table of the mapping (``PosDict.pos``:
    key -> (key line, key column, value line, value column)); a field's
    position is that of its value.  A load builds ~40,000 of these and asks
    few of them: keeping the reader's table costs nothing, a ``Loc`` per
    field was a tenth of a cold build.  Reads as the dict it replaces.
    """

    __slots__ = ("path", "positions", "names")

    def __init__(self, path: str, positions: Mapping[Any, tuple[int, ...]], names: tuple[str, ...]) -> None:
        self.path = path
        self.positions = positions
        self.names = names

    def __getitem__(self, name: str) -> Loc:
        if name in self.names:
            position = self.positions.get(name)
            if position is not None:
                if type(position) is int:  # packed by __reduce__: value line and column
                    return Loc(self.path, position >> _COLUMN_BITS, position & _COLUMN_MASK)
                return Loc(self.path, position[2], position[3])
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:
        if name in self.names:
            position = self.positions.get(name)
            if position is not None:
                if type(position) is int:  # packed by __reduce__: value line and column
                    return Loc(self.path, position >> _COLUMN_BITS, position & _COLUMN_MASK)
                return Loc(self.path, position[2], position[3])
        return default

    def __contains__(self, name: object) -> bool:
        return name in self.names and name in self.positions

    def __iter__(self) -> Iterator[str]:
        return (name for name in self.names if name in self.positions)

    def __len__(self) -> int:
        return sum(1 for name in self.names if name in self.positions)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (load/snapshot.py) with only the named fields' value positions, each packed in one int:
        a tenth of the objects of the reader's table (a tuple of four ints per key of the mapping)."""
        return (FieldLocs, (self.path, _packed(self.positions, self.names, 2), self.names))


class KeyLocs(_MappingBase):
    """Key -> position of that key's line, for the keys of ``marks`` (a session's attendance marks).

    As ``FieldLocs``: the reader's position table is kept and a ``Loc`` is made
    only for a mark a diagnostic (or the TUI) points at, not for the 100,000
    marks of a large school at each load.  Iterates in the order of ``marks``.
    """

    __slots__ = ("path", "marks", "positions")

    def __init__(self, path: str, marks: Mapping[str, Any], positions: Mapping[Any, tuple[int, ...]]) -> None:
        self.path = path
        self.marks = marks
        self.positions = positions

    def __getitem__(self, key: str) -> Loc:
        if key in self.marks:
            position = self.positions[key]
            if type(position) is int:  # packed by __reduce__: key line and column
                return Loc(self.path, position >> _COLUMN_BITS, position & _COLUMN_MASK)
            return Loc(self.path, position[0], position[1])
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        if key in self.marks:
            position = self.positions[key]
            if type(position) is int:  # packed by __reduce__: key line and column
                return Loc(self.path, position >> _COLUMN_BITS, position & _COLUMN_MASK)
            return Loc(self.path, position[0], position[1])
        return default

    def __contains__(self, key: object) -> bool:
        return key in self.marks

    def __iter__(self) -> Iterator[str]:
        return iter(self.marks)

    def __len__(self) -> int:
        return len(self.marks)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with each mark's key position packed in one int (as ``FieldLocs``)."""
        return (KeyLocs, (self.path, self.marks, _packed(self.positions, self.marks, 0)))


_COLUMN_BITS = 20
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1


def _packed(positions: Mapping[Any, Any], keys: Any, first: int) -> dict[Any, int]:
    """``key -> line << 20 | column`` of the (line, column) at ``first`` in the positions of ``keys``."""
    packed = {}
    for key in keys:
        position = positions.get(key)
        if position is not None:
            if type(position) is not int:
                line, column = position[first], position[first + 1]
                position = line << _COLUMN_BITS | column if 0 <= column <= _COLUMN_MASK and line >= 0 else None
                if position is None:
                    return dict(positions)  # not packable (never from the reader): kept as it is
            packed[key] = position
    return packed
