"""The entries of the conflicts waiting for a choice, decided one by one.

A conflict record is one file (or one student moved two ways); it holds one
item per conflicting entry (a mark, an interview's notes, a group's teacher).
``aptui sync --resolve`` and the conflict screen number these entries
across the records and take a side for each: the choices of a record are
kept in it (``chosen``) until every entry of the file has its side, then the
file is rewritten once (:func:`aptui.gitsync.conflicts.resolve`), and each
decision goes into the merge commit's message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aptui.gitsync import conflicts as cf
from aptui.gitsync.conflict_labels import shown_value, value_words
from aptui.gitsync.runner import Git, GitError

WORDS = ("local", "distant")
ANSWERS = {"l": "local", "local": "local", "d": "distant", "distant": "distant", "r": "distant",
           "reçu": "distant", "recu": "distant"}


def side_of_word(record: cf.ConflictRecord, word: str) -> str:
    """"local"/"distant" -> "ours"/"theirs" for this record (in a rebase, ours is the remote side)."""
    return "ours" if (record.ours.role == "local") == (word == "local") else "theirs"


def word_of_side(record: cf.ConflictRecord, side: str) -> str:
    return "local" if (side == "ours") == (record.ours.role == "local") else "distant"


@dataclass(frozen=True, slots=True)
class Entry:
    """One conflicting entry, numbered across the records."""

    number: int
    record: cf.ConflictRecord
    item: Mapping[str, Any]

    @property
    def key(self) -> str:
        return str(self.item.get("key") or "*")

    @property
    def label(self) -> str:
        return str(self.item.get("label") or self.key)

    def value(self, word: str) -> Any:
        return self.item.get(side_of_word(self.record, word))

    def shown(self, word: str) -> Any:
        """A side's value as a person reads it (« Excusé », not « excuse »); ``word`` may be « base »."""
        value = self.item.get("base") if word == "base" else self.value(word)
        return shown_value(self.key, value)

    @property
    def local(self) -> str:
        return value_words(self.shown("local"))

    @property
    def distant(self) -> str:
        return value_words(self.shown("distant"))

    @property
    def base(self) -> str:
        return value_words(self.shown("base"))

    @property
    def chosen(self) -> str | None:
        """"local"/"distant" once decided, else None."""
        side = self.record.chosen.get(self.key)
        return word_of_side(self.record, side) if side else None

    @property
    def field(self) -> str:
        """The last part of the entry's key (« notes », « e07 »)."""
        return self.key.rsplit("/", 1)[-1]


def entries(records: Iterable[cf.ConflictRecord]) -> list[Entry]:
    """Every entry of the records, numbered from 1 in the records' order."""
    found: list[Entry] = []
    for record in records:
        for item in record.items:
            found.append(Entry(len(found) + 1, record, item))
    return found


def parse_pick(text: str) -> tuple[int, str]:
    """« 2=local », « 3=d » -> (2, "local"); ValueError with a French message otherwise."""
    number, sep, answer = text.partition("=")
    word = ANSWERS.get(answer.strip().lower())
    if not sep or not number.strip().isdigit() or word is None:
        raise ValueError(f"« {text} » : attendu NUMÉRO=local ou NUMÉRO=distant (par exemple 2=local)")
    return int(number), word


def check_picks(listed: Sequence[Entry], picks: Mapping[int, str]) -> None:
    known = {entry.number for entry in listed}
    unknown = sorted(set(picks) - known)
    if unknown:
        raise ValueError(f"pas d'entrée en conflit numéro {', '.join(map(str, unknown))} "
                         f"(numéros : 1 à {len(listed)})" if listed else "aucune entrée en conflit")


def choose(git: Git, entry: Entry, word: str) -> list[str] | None:
    """Take a side for one entry; once every entry of its file is decided, the file is rewritten.

    Returns the decisions in words when the record was resolved, None while entries of the
    same file still wait.  Raises StaleConflict (record dropped) when the file changed since.
    """
    if word not in WORDS:
        raise GitError(f"choix inconnu : « {word} » (local ou distant)")
    record = entry.record
    if not cf.is_fresh(git, record):
        raise cf.drop_stale(git, record)
    record.chosen[entry.key] = side_of_word(record, word)
    if all(str(item.get("key") or "*") in record.chosen for item in record.items):
        return cf.resolve(git, record, dict(record.chosen))
    cf.save_record(git, record)
    return None


def choose_all(git: Git, record: cf.ConflictRecord, word: str) -> list[str]:
    """The same side for every entry of a record not decided yet."""
    side = side_of_word(record, word)
    choices = {str(item.get("key") or "*"): record.chosen.get(str(item.get("key") or "*"), side)
               for item in record.items}
    return cf.resolve(git, record, choices)


def undecided(records: Iterable[cf.ConflictRecord]) -> list[Entry]:
    return [entry for entry in entries(records) if entry.chosen is None]
