"""Round-trip YAML for the edit commands: change a value, not the file around it.

One ruamel.yaml instance per thread, configured so that an unchanged file
dumps byte-identical (quotes kept, lists indented as in docs/format.md, no
line wrapping).  The list and mapping helpers below keep comments where a
reader expects them (see ``aptui.edit.comments``): each takes an optional
``owner``, the mapping and key that hold the collection, where the comments
of the key line live.
"""

from __future__ import annotations

import io
import threading
from bisect import bisect_left
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from aptui.edit.comments import Owner, insert_entry, keep_comment_gap, remove_entry
from aptui.load.yamlread import SEXAGESIMAL, YAML11_BOOLS

__all__ = [
    "Owner", "child_map", "child_seq", "delete_key", "dump_rt", "insert_item", "insert_sorted", "load_rt",
    "new_map", "new_seq", "remove_item", "replace_items", "set_key", "set_key_sorted", "text_value", "time_value",
]

_LOCAL = threading.local()


def _yaml() -> YAML:
    """The calling thread's configured instance (ruamel instances are not thread-safe)."""
    instance = getattr(_LOCAL, "yaml", None)
    if instance is None:
        instance = YAML()
        instance.preserve_quotes = True
        instance.indent(mapping=2, sequence=4, offset=2)
        instance.width = 4096
        _LOCAL.yaml = instance
    return instance


def load_rt(text: str) -> Any:
    """Parse text into ruamel's commented structures (YAML 1.2, as the loader reads)."""
    return _yaml().load(text)


def dump_rt(data: Any) -> str:
    """Serialise commented structures back to text."""
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


# --- scalars ----------------------------------------------------------------


def time_value(hhmm: str) -> DoubleQuotedScalarString:
    """A time, always double-quoted: unquoted 14:00 is 840 for YAML 1.1 readers."""
    return DoubleQuotedScalarString(hhmm)


def text_value(text: str) -> str:
    """Free text as the safest scalar: block for several lines, quoted if YAML 1.1 would misread it."""
    if "\n" in text.strip("\n"):
        return LiteralScalarString(text.strip("\n") + "\n")
    if text in YAML11_BOOLS or SEXAGESIMAL.match(text):
        return DoubleQuotedScalarString(text)
    return text


def new_seq(values: Iterable[Any] = ()) -> CommentedSeq:
    """A block-style list."""
    seq = CommentedSeq(values)
    seq.fa.set_block_style()
    return seq


def new_map(pairs: Iterable[tuple[Hashable, Any]] = ()) -> CommentedMap:
    """A block-style mapping, keys in the given order (None values left out)."""
    mapping = CommentedMap()
    for key, value in pairs:
        if value is not None:
            mapping[key] = value
    mapping.fa.set_block_style()
    return mapping


# --- lists ----------------------------------------------------------------


def insert_item(seq: CommentedSeq, pos: int, value: Any, *, owner: Owner | None = None) -> None:
    """Insert value at pos, keeping comments in place."""
    insert_entry(seq, pos, pos, value, owner)


def insert_sorted(seq: CommentedSeq, value: Any, *, owner: Owner | None = None) -> bool:
    """Insert value in a sorted list of ids (one per line); False if it was already there."""
    if value in seq:
        return False
    insert_item(seq, bisect_left(list(seq), value), value, owner=owner)
    return True


def remove_item(seq: CommentedSeq, value: Any, *, owner: Owner | None = None) -> bool:
    """Remove value with its end-of-line comment; False if it was not there."""
    if value not in seq:
        return False
    remove_entry(seq, list(seq).index(value), owner)
    return True


def replace_items(seq: CommentedSeq, values: Sequence[Any], *, owner: Owner | None = None) -> None:
    """Make the list equal to values, touching only the lines that differ."""
    for item in [item for item in seq if item not in values]:
        remove_item(seq, item, owner=owner)
    for pos, value in enumerate(values):
        if value not in seq:
            insert_item(seq, min(pos, len(seq)), value, owner=owner)
    if list(seq) != list(values):
        seq.sort(key=list(values).index)  # moves each item's comments with it


# --- mappings ---------------------------------------------------------------


def _canonical_pos(mapping: CommentedMap, key: Hashable, order: Sequence[Hashable]) -> int:
    """Where a missing key goes: after the last present key that precedes it in order."""
    rank = {name: index for index, name in enumerate(order)}
    target = rank.get(key, len(order))
    pos = 0
    for index, present in enumerate(mapping):
        if rank.get(present, -1) < target:
            pos = index + 1
    return pos


def set_key(mapping: CommentedMap, key: Hashable, value: Any, order: Sequence[Hashable] = (),
            *, owner: Owner | None = None) -> None:
    """Set a value in place (style kept) or insert the key at its canonical position."""
    if key in mapping:
        current = mapping[key]
        if current != value or isinstance(current, bool) != isinstance(value, bool):
            keep_comment_gap(mapping, key, current, value)
            mapping[key] = value  # an equal value is left alone, with its quoting
        return
    insert_entry(mapping, _canonical_pos(mapping, key, order), key, value, owner)


def set_key_sorted(mapping: CommentedMap, key: Hashable, value: Any, *, owner: Owner | None = None) -> None:
    """Set a value in a mapping kept sorted by key (attendance, bilans)."""
    if key in mapping:
        set_key(mapping, key, value)
        return
    insert_entry(mapping, bisect_left([str(k) for k in mapping], str(key)), key, value, owner)


def delete_key(mapping: CommentedMap, key: Hashable, *, owner: Owner | None = None) -> bool:
    """Remove a key and its own comments; False if it was not there."""
    if key not in mapping:
        return False
    remove_entry(mapping, key, owner)
    return True


def child_seq(mapping: CommentedMap, key: Hashable, order: Sequence[Hashable] = ()) -> CommentedSeq:
    """The list under key, created (empty) at its canonical position if missing or null."""
    value = mapping.get(key)
    if not isinstance(value, CommentedSeq):
        value = new_seq()
        set_key(mapping, key, value, order)
    return value


def child_map(mapping: CommentedMap, key: Hashable, order: Sequence[Hashable] = ()) -> CommentedMap:
    """The mapping under key, created (empty) at its canonical position if missing or null."""
    value = mapping.get(key)
    if not isinstance(value, CommentedMap):
        value = new_map()
        set_key(mapping, key, value, order)
    return value
