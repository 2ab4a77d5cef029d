"""The one matching function of every filter of the app: accents, case and word order free.

A filter text is cut into words; a row matches when each word is found in
what the row shows (its id, « Prénom Nom », division, group ids and titles...).
So ``guerin`` finds « Guérin », ``lea martin`` and ``martin lea`` find
« Léa Martin », ``methodo`` finds the group « G-MÉTHODO ».
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

SEPARATORS = frozenset("'’`-_/.,;:()«»\"")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The text as the filters compare it: no accents, no case, ``œ`` and ``æ`` spelled out, punctuation as spaces."""
    plain = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss"))
    kept = (" " if c in SEPARATORS else c for c in plain if not unicodedata.combining(c))
    return " ".join("".join(kept).split())


def words(needle: str) -> tuple[str, ...]:
    """The folded words of a filter text (none: the filter keeps everything)."""
    return tuple(fold(needle).split())


def matches(needle: str, texts: Iterable[str]) -> bool:
    """Whether every word of ``needle`` is in one of ``texts`` (accents, case and order free; blank: True)."""
    wanted = words(needle)
    if not wanted:
        return True
    haystack = " | ".join(fold(t) for t in texts if t)
    return all(word in haystack for word in wanted)
