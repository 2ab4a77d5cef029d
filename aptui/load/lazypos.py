"""Positions found on demand, for a document read without them (load/fastread.py).

The fast reader gives values only.  The builders still make a ``Loc`` for
every entity, field and mark, but a pending one (``Loc.later``): it holds
the document (``LazySource``), a key path in it (``("groupes", 3)``) and
which position it wants (the key's or the value's).  The first time a line
is read (a diagnostic is sorted or printed, the TUI jumps to it), the one
file is read again with the positioned reader (``parse_yaml``) and the key
path followed in its position tables.  The positioned trees of the last few
files are kept (a school's diagnostics are resolved file by file:
``settle``).  A clean school never reads a file twice.  ``LazyLocs`` stands for
``FieldLocs`` and ``KeyLocs`` (model/positions.py) in such a document.

A fast document is used only when it passed its schema untouched (nothing
pruned), so its key paths are those of the file as written.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from aptui.diagnostics import Loc

KEY = 0  # the position of a mapping key (a mark's line, a bilan's student)
VALUE = 1  # the position of a value (an entity's mapping, a field, a list item)

_KEPT = 4  # positioned trees kept (a large sessions file's is a few MB)
_trees: OrderedDict[tuple[str, str], Any] = OrderedDict()
_trees_lock = threading.Lock()  # the TUI's warm-up thread and its screens may both ask


class LazySource:
    """One document read without positions: where to find them again.

    The file is read again when a position is first asked, and used only if
    its digest is still the one the values came from; otherwise the position
    is unknown (0, 0), never a wrong line (the Workspace reads a changed file
    again, with a new source).  ``raw``, when given, is used instead of the
    file (tests; the bytes are not kept by the loader: 11 MB on a large
    school).  Pickled (the saved state) without ``raw``.
    """

    __slots__ = ("root", "path", "digest", "raw")

    def __init__(self, root: str, path: str, digest: str, raw: bytes | None = None) -> None:
        self.root = root
        self.path = path
        self.digest = digest
        self.raw = raw

    def __eq__(self, other: object) -> bool:
        return (other.__class__ is LazySource and isinstance(other, LazySource)
                and self.digest == other.digest and self.path == other.path)

    def __hash__(self) -> int:
        return hash((self.path, self.digest))

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazySource, (self.root, self.path, self.digest))

    def position(self, keys: tuple[Any, ...], part: int) -> tuple[int, int]:
        """(line, column) of the key or value at ``keys``; (0, 0) if the content is no longer there."""
        tree = self._tree()
        if tree is None:
            return (0, 0)
        try:
            return _follow(tree, keys, part)
        except (KeyError, IndexError, TypeError, AttributeError):
            return (0, 0)

    def _tree(self) -> Any:
        key = (self.path, self.digest)
        with _trees_lock:
            tree = _trees.get(key)
            if tree is not None:
                _trees.move_to_end(key)
                return tree
        tree = self._parse()
        if tree is not None:
            with _trees_lock:
                _trees[key] = tree
                while len(_trees) > _KEPT:
                    _trees.popitem(last=False)
        return tree

    def _parse(self) -> Any:
        from aptui.load.source import content_digest, decode
        from aptui.load.yamlread import YamlSyntaxError, parse_yaml

        raw = self.raw
        if raw is None:
            try:
                raw = (Path(self.root) / self.path).read_bytes()
            except OSError:
                return None
            if content_digest(raw) != self.digest:
                return None
        text = decode(raw, self.path)[0]
        if text is None:
            return None
        try:
            return parse_yaml(text).data
        except YamlSyntaxError:
            return None


def _follow(tree: Any, keys: tuple[Any, ...], part: int) -> tuple[int, int]:
    if not keys:
        line, column = tree.start
        return (line, column)
    node = tree
    for step in keys[:-1]:
        node = node[step]
    last = keys[-1]
    if isinstance(node, dict):
        key_line, key_column, value_line, value_column = node.pos[last]  # type: ignore[attr-defined]
        return (key_line, key_column) if part == KEY else (value_line, value_column)
    line, column = node.pos[last]
    return (line, column)


def settle(locs: Iterable[Loc]) -> None:
    """Find the positions of the pending Locs among ``locs``, one file after the other."""
    pending = [loc for loc in locs if loc.pending]
    if pending:
        pending.sort(key=lambda loc: loc.path)
        for loc in pending:
            loc.line  # noqa: B018 - settles it


class LazyLocs(Mapping[str, Loc]):
    """Name -> pending Loc, for a mapping read without positions: the fields of an entity (``Located.at``,
    as ``FieldLocs``: ``part`` VALUE, ``names`` the fields asked for that the mapping has) or the marks of
    a session (as ``KeyLocs``: ``part`` KEY, ``names`` the marks, in their order)."""

    __slots__ = ("path", "source", "where", "names", "part")

    def __init__(self, path: str, source: LazySource, where: tuple[Any, ...], names: Collection[str],
                 part: int) -> None:
        self.path = path
        self.source = source
        self.where = where
        self.names = names
        self.part = part

    def __getitem__(self, name: str) -> Loc:
        if name in self.names:
            return Loc.later(self.path, self.source, (*self.where, name), self.part)
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:
        if name in self.names:
            return Loc.later(self.path, self.source, (*self.where, name), self.part)
        return default

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyLocs, (self.path, self.source, self.where, self.names, self.part))
