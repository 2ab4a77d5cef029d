"""Keeping YAML comments in place while entries are inserted and removed.

ruamel.yaml attaches comments to the entry *before* them: an entry's token
holds its end-of-line comment, then every comment or blank line up to the
next entry (for a nested collection, the deepest last entry holds them).
Inserting or removing entries naively therefore moves comments to the wrong
place, or deletes the comments of the next key.  Here a token is split in
two: the end-of-line part stays with its entry, the following lines stay
where they are in the text.

The comments of a collection's key line, and those before its first entry,
live in the mapping that holds the collection (its ``owner``): they are
needed when a collection becomes empty (``[]``) or gets its first entry.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

Collection = CommentedMap | CommentedSeq
Owner = tuple[CommentedMap, Hashable]


def _slot_index(coll: Collection) -> int:
    """Where an entry's trailing token sits in ``ca.items[key]``."""
    return 0 if isinstance(coll, CommentedSeq) else 2


def _token(coll: Collection, key: Hashable) -> CommentToken | None:
    entry = coll.ca.items.get(key)
    return entry[_slot_index(coll)] if entry else None


def _set_token_text(coll: Collection, key: Hashable, text: str) -> None:
    """Replace the trailing text of an entry ("" or a lone newline removes it)."""
    index = _slot_index(coll)
    entry = coll.ca.items.get(key)
    if text in ("", "\n"):
        if entry:
            entry[index] = None
            if all(part is None for part in entry):
                del coll.ca.items[key]
        return
    token = entry[index] if entry else None
    if token is not None:
        token.value = text  # keeps the token's column for an end-of-line comment
        return
    if not entry:
        entry = [None, None, None, None]
        coll.ca.items[key] = entry
    entry[index] = CommentToken(text, CommentMark(0))


def _split(text: str) -> tuple[str, str]:
    """(end of the entry's own line, the comment/blank lines after it)."""
    end = text.find("\n")
    return (text, "") if end < 0 else (text[: end + 1], text[end + 1 :])


def _pre_text(tokens: Sequence[CommentToken] | None) -> str:
    """Comment lines held before an entry, as raw text with their indentation."""
    lines = []
    for token in tokens or ():
        value = token.value
        column = 0 if value.startswith("\n") else token.start_mark.column
        lines.append(" " * column + value)
    return "".join(lines)


def _is_block(value: Any) -> bool:
    return isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0 and not value.fa.flow_style()


def entry_keys(coll: Collection) -> list[Hashable]:
    return list(range(len(coll))) if isinstance(coll, CommentedSeq) else list(coll.keys())


def _end_slot(coll: Collection, key: Hashable) -> tuple[Collection, Hashable]:
    """The entry whose token holds the last line of ``coll[key]`` (deepest last entry)."""
    value = coll[key]
    while _is_block(value):
        coll, key = value, entry_keys(value)[-1]
        value = coll[key]
    return coll, key


def _ends_own_line(coll: Collection, key: Hashable) -> bool:
    """False for block scalars (``|``, ``>``): they end their last line themselves."""
    return not isinstance(coll[key], (LiteralScalarString, FoldedScalarString))


def _take_rest(coll: Collection, key: Hashable) -> str:
    """Detach the lines that follow an entry (they belong to what comes next)."""
    slot = _end_slot(coll, key)
    token = _token(*slot)
    if token is None:
        return ""
    eol, rest = _split(token.value) if _ends_own_line(*slot) else ("", token.value)
    if rest:
        _set_token_text(*slot, eol)
    return rest


def _give_rest(coll: Collection, key: Hashable, rest: str) -> None:
    """Put lines right after an entry (after its own end-of-line comment)."""
    if not rest:
        return
    slot = _end_slot(coll, key)
    token = _token(*slot)
    text = token.value if token is not None else ("\n" if _ends_own_line(*slot) else "")
    if text and not text.endswith("\n"):
        text += "\n"
    _set_token_text(*slot, text + rest)


class _Head:
    """The comments of a collection's key line and of the lines before its first entry."""

    def __init__(self, coll: Collection, owner: Owner | None) -> None:
        self.coll = coll
        self.owner = owner

    def get(self) -> tuple[CommentToken | None, list[CommentToken] | None]:
        if self.owner is not None:
            entry = self.owner[0].ca.items.get(self.owner[1])
            if entry:
                return entry[2], entry[3]
        comment = self.coll.ca.comment
        return (comment[0], comment[1]) if comment else (None, None)

    def set(self, token: CommentToken | None, pre: list[CommentToken] | None) -> None:
        # The representer prefers the owner's entry; keep both in step.
        if self.owner is not None:
            parent, key = self.owner
            entry = parent.ca.items.setdefault(key, [None, None, None, None])
            entry[2], entry[3] = token, pre
            if all(part is None for part in entry):
                del parent.ca.items[key]
        self.coll.ca.comment = [token, pre] if (token is not None or pre) else None

    def append(self, rest: str) -> None:
        """Lines that now come before the first entry."""
        token, pre = self.get()
        if token is not None:
            token.value = token.value + rest
            self.set(token, pre)
        else:
            self.set(None, [*(pre or []), CommentToken(rest, CommentMark(0))])


FLOW_EMPTY_WIDTH = len(" []")


def _shift_column(token: CommentToken, delta: int) -> None:
    """Keep the gap before an end-of-line comment when the key line grows or shrinks."""
    # ruamel's stubs type start_mark as StreamMark, but comment tokens carry a CommentMark.
    token.start_mark = CommentMark(max(0, token.start_mark.column + delta))  # type: ignore[assignment]


def _collapse(coll: Collection, head: _Head, rest: str) -> None:
    """An emptied collection prints as ``[]``/``{}`` on the key line; keep every comment after it."""
    token, pre = head.get()
    text = (token.value if token is not None else "\n") + _pre_text(pre) + rest
    coll.fa.set_flow_style()
    if text == "\n":
        head.set(None, None)
    elif token is not None:
        if not token.value.startswith("\n"):
            _shift_column(token, FLOW_EMPTY_WIDTH)
        token.value = text
        head.set(token, None)
    else:
        head.set(CommentToken(text, CommentMark(0)), None)


def _expand(coll: Collection, head: _Head) -> str:
    """An empty collection about to get its first entry: block style; returns the lines after it."""
    coll.fa.set_block_style()
    token, pre = head.get()
    if token is None:
        return ""
    eol, rest = _split(token.value)
    if eol.strip():
        _shift_column(token, -FLOW_EMPTY_WIDTH)  # the key line loses its " []"
        token.value = eol
        head.set(token, pre)
    else:
        head.set(None, pre)
    return rest


def insert_entry(coll: Collection, pos: int, key: Hashable, value: Any, owner: Owner | None) -> None:
    """Insert an entry at pos; the lines that followed the previous entry now follow the new one."""
    if len(coll) == 0:
        rest = _expand(coll, _Head(coll, owner))
    elif pos > 0:
        rest = _take_rest(coll, entry_keys(coll)[pos - 1])
    else:
        rest = ""
    if isinstance(coll, CommentedSeq):
        coll.insert(pos, value)
        key = pos
    else:
        coll.insert(pos, key, value)
    _give_rest(coll, key, rest)


def remove_entry(coll: Collection, key: Hashable, owner: Owner | None) -> None:
    """Remove an entry with its own comments; the lines after it stay in place."""
    keys = entry_keys(coll)
    index = keys.index(key)
    rest = _take_rest(coll, key)
    if isinstance(coll, CommentedSeq):
        del coll[index]  # also drops and shifts the item comments
    else:
        entry = coll.ca.items.pop(key, None)
        rest = _pre_text(entry[1] if entry else None) + rest
        del coll[key]
    if len(coll) == 0:
        _collapse(coll, _Head(coll, owner), rest)
    elif index > 0:
        _give_rest(coll, keys[index - 1], rest)
    elif rest:
        _Head(coll, owner).append(rest)


def keep_comment_gap(mapping: CommentedMap, key: Hashable, current: Any, value: Any) -> None:
    """An end-of-line comment keeps its distance from a scalar whose text gets longer or shorter."""
    token = _token(mapping, key)
    if token is None or token.value.startswith("\n") or isinstance(value, (CommentedMap, CommentedSeq)):
        return
    shown = [len(str(v)) if v is not None else 0 for v in (current, value)]
    _shift_column(token, shown[1] - shown[0])
