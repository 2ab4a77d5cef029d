"""Results kept from one check of a school to the next, while their inputs are the same objects.

An edit changes one or two files; the Workspace keeps every other document's
entities (the same objects).  Each part of the analysis and of the rules
(a period's memberships, a period's hours, a year's references...) is a pure
function of a few of those entities, named in its ``inputs``: when every
input is the very object of the previous check, the previous result is
reused; otherwise the part is computed again.  A full load runs the same
parts with nothing kept, so both give exactly the same results.

Inputs are compared by identity only (``is``), never by value: equal values
from two reads may still differ where it matters (positions), and identity
is what makes the check cost nothing.  A ``token`` turns a tuple of entities
(a period's groups...) into one object compared by identity: the previous
check's tuple when it holds the same objects.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable
from operator import is_
from typing import Any, TypeVar

T = TypeVar("T")


def _same(old: tuple[Any, ...], new: tuple[Any, ...]) -> bool:
    return len(old) == len(new) and all(map(is_, old, new))


class Memo:
    """Named parts of one check, with the previous check's parts to reuse."""

    def __init__(self, previous: Memo | None = None) -> None:
        self._old: dict[Hashable, tuple[tuple[Any, ...], Any]] = previous._entries if previous else {}
        self._old_tokens: dict[Hashable, tuple[Any, ...]] = previous._tokens if previous else {}
        self._entries: dict[Hashable, tuple[tuple[Any, ...], Any]] = {}
        self._tokens: dict[Hashable, tuple[Any, ...]] = {}
        self.computed = 0  # parts computed (not reused) by this check: for tests and profiling
        self.reused = 0

    def token(self, name: Hashable, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        """``parts``, or the previous check's tuple of the same objects (then comparable by identity)."""
        known = self._tokens.get(name)
        if known is not None and _same(known, parts):
            return known
        old = self._old_tokens.get(name)
        if old is not None and _same(old, parts):
            parts = old
        self._tokens[name] = parts
        return parts

    def has(self, name: Hashable) -> bool:
        """Whether this check already holds the part ``name`` (computed, reused or loaded with the model)."""
        return name in self._entries

    def get(self, name: Hashable, inputs: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """The part ``name`` computed from ``inputs`` (objects compared by identity)."""
        entry = self._entries.get(name)
        if entry is not None and _same(entry[0], inputs):
            return entry[1]
        old = self._old.get(name)
        if entry is None and old is not None and _same(old[0], inputs):
            self.reused += 1
            entry = old
        else:
            self.computed += 1
            entry = (inputs, compute())
        self._entries[name] = entry
        return entry[1]

    # --- saved with the model (load/snapshot.py) ---------------------------
    def __getstate__(self) -> tuple[dict[Hashable, Any], dict[Hashable, Any]]:
        """The parts of this check (not the previous one's): pickled with the School they were computed from.

        In the same pickle, an input entity and the School's entity are one
        object again once loaded, so every part is reused as after a full load.
        """
        return self._entries, self._tokens

    def __setstate__(self, state: tuple[dict[Hashable, Any], dict[Hashable, Any]]) -> None:
        entries, tokens = state
        # Strings among the inputs were interned (sys.intern: a year id, a zone); unpickled, they are
        # new objects: intern them again, else no part would be reused (identity comparison).
        renamed: dict[int, tuple[Any, ...]] = {}
        self._tokens = {}
        for name, parts in tokens.items():
            self._tokens[name] = renamed[id(parts)] = _reinterned(parts, renamed)
        self._entries = {name: (_reinterned(inputs, renamed), value) for name, (inputs, value) in entries.items()}
        self._old = {}
        self._old_tokens = {}
        self.computed = 0
        self.reused = 0

    def settle(self) -> None:
        """Forget the previous check's parts (those still valid were taken over)."""
        self._old = {}
        self._old_tokens = {}


def _reinterned(parts: tuple[Any, ...], renamed: dict[int, tuple[Any, ...]]) -> tuple[Any, ...]:
    """``parts`` with its strings interned and its tokens replaced by their re-interned copy (if any)."""
    new = tuple(
        sys.intern(item) if type(item) is str else renamed.get(id(item), item) if type(item) is tuple else item
        for item in parts
    )
    return parts if _same(parts, new) else new
