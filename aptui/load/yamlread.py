"""Fast YAML reading with positions: libyaml parses, we build values from its events.

PyYAML's C parser (libyaml) emits events (start of a mapping, a scalar...);
this module turns them into plain Python values itself, so that

* every mapping and sequence remembers the line and column of its entries
  (``PosDict`` / ``PosList``), for diagnostics that point at the exact line;
* scalars are read with YAML 1.2 rules, exactly as ruamel.yaml (the writer)
  reads them: ``14:30`` and ``no`` stay strings, ``0755`` is 755.  Dates stay
  ISO strings (as check-jsonschema reads them), so JSON Schema applies as is;
* duplicate keys are reported instead of silently keeping the last one;
* a file cannot cost more than its limits (load/limits.py): the number of
  values, the nesting, the aliases and what they expand to are counted as the
  events come, and reading stops at the first one over its bound (a ten-line
  "billion laughs" file is refused at once instead of filling memory);
* what a JSON Schema cannot hold is not let through: an explicit tag
  (``!!int deux``, ``!python/...``) is refused with a remark (APT011) and its
  value read as plain text, a merge (``<<``) is refused, an integer beyond
  2^53 or a non-finite float (``.inf``) is kept as its text with a remark
  (APT101), so no later stage meets a value it cannot handle.

Building from events (rather than from libyaml's node tree) also keeps no
tree in memory, and is faster.  The scalar rules (YAML 1.2 tags, the YAML 1.1
traps) are in load/yamlscalars.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from aptui.load.limits import DEFAULT_LIMITS, Limits, excerpt
from aptui.load.yamlerrors import YamlSyntaxError, forbidden_character, french_problem
from aptui.load.yamlscalars import (
    BOOL_TAG,
    IMPLICIT,
    INT_TAG,
    MAX_SAFE_INT,
    NULL_TAG,
    SEXAGESIMAL,
    YAML11_BOOLS,
    has_digits,
    to_float,
    to_int,
)

try:  # libyaml ships in PyYAML's manylinux wheels; fall back if absent.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

__all__ = ["MAX_SAFE_INT", "SEXAGESIMAL", "YAML11_BOOLS", "ParsedYaml", "PosDict", "PosList", "ScalarNote", "YamlSyntaxError",
           "parse_yaml"]

class PosDict(dict):
    """A mapping that remembers where its keys and values are in the file.

    ``pos[key]`` is ``(key_line, key_col, value_line, value_col)``, 1-based;
    ``start`` is the position of the mapping itself.
    """

    def __init__(self) -> None:
        super().__init__()
        self.pos: dict[Any, tuple[int, int, int, int]] = {}
        self.start: tuple[int, int] = (0, 0)

    where: tuple[Any, ...] | None = None  # read without positions: the key path (load/fastread.py)


class PosList(list):
    """A sequence that remembers the position of each item (``pos[i]``)."""

    def __init__(self) -> None:
        super().__init__()
        self.pos: list[tuple[int, int]] = []
        self.start: tuple[int, int] = (0, 0)

    where: tuple[Any, ...] | None = None


@dataclass(frozen=True, slots=True)
class ScalarNote:
    """A plain scalar worth a remark: a YAML 1.1 trap, a duplicate key, a number JSON cannot hold."""

    kind: str  # "sexagesimal" | "yaml11-bool" | "duplicate-key" | "big-int" | "non-finite" | "explicit-tag"
    text: str
    line: int
    column: int


@dataclass(slots=True)
class ParsedYaml:
    """The values of one YAML document and the remarks made while reading it."""

    data: Any
    notes: list[ScalarNote] = field(default_factory=list)
    text: str = ""  # the source, for messages that quote a value as written (not cached)


def parse_yaml(text: str, limits: Limits = DEFAULT_LIMITS) -> ParsedYaml:
    """Parse one YAML document; raise YamlSyntaxError (French, with its position) on any fault."""
    loader = _BaseLoader(text)
    parsed = ParsedYaml(None, text=text)
    try:
        parsed.data = _EventBuilder(loader, parsed.notes, limits, "&" in text).document()
    except yaml.MarkedYAMLError as exc:
        raise french_problem(exc, text) from None
    except yaml.reader.ReaderError:
        raise forbidden_character(text) from None
    except yaml.YAMLError:
        raise YamlSyntaxError("YAML illisible : vérifiez l'indentation et les guillemets", 1, 1) from None
    finally:
        loader.dispose()
    return parsed


_UNSEEN = object()
_new_dict = dict.__new__  # PosDict without PosDict.__init__ (the builder sets pos and start)
_new_list = list.__new__


def _at(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _EventBuilder:
    """Builds one document from libyaml's events, without recursion, within its limits.

    The hot loop tests event classes by identity and creates PosDict /
    PosList without their ``__init__``.  An open collection is a frame on a
    stack: (collection, is_mapping, pending key, key position, anchor, values
    and characters counted when it opened).  A value shared by an alias is the
    same Python object (never copied); the limits count what it would cost
    expanded.
    """

    def __init__(self, loader: Any, notes: list[ScalarNote], limits: Limits, count_chars: bool) -> None:
        self.get = loader.get_event
        self.notes = notes
        self.limits = limits
        self.count_chars = count_chars  # only a text with anchors needs what they hold counted
        self.chars = 0
        self.open_chars: list[int] = []  # self.chars when each open anchored collection started
        self.anchors: dict[str, tuple[Any, int, int] | None] = {}  # None: still open (recursive use)
        self.aliases = 0
        self.alias_nodes = 0
        self.alias_chars = 0

    def document(self) -> Any:
        get = self.get
        get()  # stream start
        event = get()
        if event.__class__ is StreamEndEvent:
            return None  # no document: an empty file, or only comments
        root = self.tree()
        get()  # document end
        event = get()
        if event.__class__ is not StreamEndEvent:
            raise YamlSyntaxError(
                "YAML invalide : un seul document par fichier ; retirez le « --- » et ce qui le suit",
                *_at(event.start_mark),
            )
        return root

    def tree(self) -> Any:  # noqa: C901 - one loop over events is the fast path
        get, limits = self.get, self.limits
        max_nodes, max_depth = limits.max_nodes, limits.max_depth
        implicit_of, traps, count_chars = IMPLICIT.get, YAML11_BOOLS, self.count_chars
        # plain scalars already read in this document -> their value: keys, statuses and dates repeat
        # (no regular expression again, and one string object for all of them)
        plain: dict[str, Any] = {}
        plain_get = plain.get
        stack: list[tuple[Any, bool, Any, Any, Any, int]] = []
        current: Any = None
        is_map = False
        key: Any = None
        key_at: Any = None
        nodes = 0
        while True:
            event = get()
            cls = event.__class__
            nodes += 1
            if cls is ScalarEvent:
                value = text = event.value
                if count_chars:
                    self.chars += len(text)
                if event.tag is not None:
                    self._tagged(event)  # refused: the value stays its text
                elif event.implicit[0]:  # plain (unquoted): YAML 1.2 resolution
                    value = plain_get(text, _UNSEEN)
                    if value is _UNSEEN:
                        value = text
                        for tag, regexp in implicit_of(text[:1], ()):
                            if regexp.match(text):
                                value = self._typed(tag, text, event)
                                if value is not text:  # (a number kept as text has a remark each time)
                                    plain[text] = value
                                break
                        else:
                            plain[text] = text
                            if text in traps or ":" in text:
                                self._note_yaml11_trap(text, event)
                    elif text in traps or ":" in text:
                        self._note_yaml11_trap(text, event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1, len(text))
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                if event.tag is not None:
                    self._tagged(event)  # refused: read as if untagged
                if is_map and key_at is None:
                    raise YamlSyntaxError("YAML invalide : une clé ne peut pas être une liste ou un dictionnaire",
                                          *_at(event.start_mark))
                if len(stack) >= max_depth:
                    raise self._too_much(event, f"plus de {max_depth} niveaux d'imbrication")
                if nodes > max_nodes:
                    raise self._too_much(event, f"plus de {max_nodes:_} valeurs".replace("_", " "))
                anchor = event.anchor
                stack.append((current, is_map, key, key_at, anchor, nodes))
                if anchor is not None:
                    self.anchors[anchor] = None  # open: an alias to it now would be recursive
                    self.open_chars.append(self.chars)
                mark = event.start_mark
                if cls is MappingStartEvent:
                    current = _new_dict(PosDict)
                    current.pos = {}
                    is_map = True
                else:
                    current = _new_list(PosList)
                    current.pos = []
                    is_map = False
                current.start = (mark.line + 1, mark.column + 1)
                key = key_at = None
                continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                value = current
                current, is_map, key, key_at, anchor, nodes_before = stack.pop()
                if anchor is not None:
                    self.anchors[anchor] = (value, nodes - nodes_before + 1, self.chars - self.open_chars.pop())
                if current is None:
                    return value
                if is_map:
                    current[key] = value
                    current.pos[key] = (*key_at, *value.start)
                    key = key_at = None
                else:
                    current.append(value)
                    current.pos.append(value.start)
                continue
            elif cls is AliasEvent:
                value, expanded = self.alias(event, nodes)
                nodes += expanded
            else:  # pragma: no cover - libyaml emits no other event inside a document
                raise YamlSyntaxError("YAML invalide : élément inattendu", *_at(event.start_mark))
            if nodes > max_nodes:
                raise self._too_much(event, f"plus de {max_nodes:_} valeurs".replace("_", " "))
            if current is None:
                return value
            mark = event.start_mark
            if is_map:
                if key_at is None:
                    key_at = (mark.line + 1, mark.column + 1)
                    if value.__class__ is PosDict or value.__class__ is PosList or value in current or value == "<<":
                        self.key(value, event, current, key_at)
                    key = value
                else:
                    current[key] = value
                    current.pos[key] = (*key_at, mark.line + 1, mark.column + 1)
                    key = key_at = None
            else:
                current.append(value)
                current.pos.append((mark.line + 1, mark.column + 1))

    def key(self, value: Any, event: Any, mapping: PosDict, at: tuple[int, int]) -> None:
        """An unusual mapping key: a duplicate is noted; a merge or a collection (an alias's) is refused."""
        if isinstance(value, (dict, list)):
            raise YamlSyntaxError("YAML invalide : une clé ne peut pas être une liste ou un dictionnaire",
                                  *_at(event.start_mark))
        if value == "<<" and event.__class__ is ScalarEvent and event.implicit[0]:
            raise YamlSyntaxError(
                "les fusions YAML « << » ne sont pas acceptées : recopiez les clés", *_at(event.start_mark)
            )
        if value in mapping:
            self.notes.append(ScalarNote("duplicate-key", excerpt(str(value)), *at))

    def _typed(self, tag: str, text: str, event: Any) -> Any:
        if tag is INT_TAG:
            if not has_digits(text):
                return text  # "-_", "0x_": no number at all (ruamel.yaml's own reader even crashes on it)
            number = to_int(text)
            if number is None or abs(number) > MAX_SAFE_INT:
                self.notes.append(ScalarNote("big-int", text, *_at(event.start_mark)))
                return text
            return number
        if tag is NULL_TAG:
            return None
        if tag is BOOL_TAG:
            return text in ("true", "True", "TRUE")
        try:
            real = to_float(text)
        except ValueError:
            return text  # "._", "-._": no digit at all (as for integers above)
        if not math.isfinite(real):
            self.notes.append(ScalarNote("non-finite", text, *_at(event.start_mark)))
            return text
        return real

    def alias(self, event: Any, nodes: int) -> tuple[Any, int]:
        """The anchored value (the same object) and the values it adds expanded, within the limits."""
        mark = event.start_mark
        if event.anchor not in self.anchors:
            raise YamlSyntaxError(f"YAML invalide : alias « *{excerpt(event.anchor)} » sans ancre « & » avant lui",
                                  *_at(mark))
        anchored = self.anchors[event.anchor]
        if anchored is None:
            raise YamlSyntaxError("YAML invalide : alias récursif (il se contient lui-même) : retirez-le", *_at(mark))
        value, size, chars = anchored
        limits = self.limits
        self.aliases += 1
        self.alias_nodes += size
        self.alias_chars += chars
        if (self.aliases > limits.max_aliases or self.alias_nodes > limits.max_alias_nodes
                or self.alias_chars > limits.max_alias_chars or nodes + size > limits.max_nodes):
            raise YamlSyntaxError(
                f"YAML refusé : les alias (« *{excerpt(event.anchor, 20)} ») déplieraient plus de "
                f"{limits.max_alias_nodes} valeurs ou de {limits.max_aliases} alias : recopiez les valeurs "
                "(le format des fichiers d'école n'utilise pas d'ancres)",
                *_at(mark),
            )
        return value, size - 1

    def _tagged(self, event: Any) -> None:
        """An explicit tag (``!!int``, ``!python/...``) is never honoured: a remark (APT011), the value untyped."""
        tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
        self.notes.append(ScalarNote("explicit-tag", excerpt(tag, 30), *_at(event.start_mark)))

    def _too_much(self, event: Any, what: str) -> YamlSyntaxError:
        return YamlSyntaxError(
            f"YAML refusé : fichier trop complexe ({what}) : un fichier d'école en a bien moins ; scindez-le",
            *_at(event.start_mark),
        )

    def _note_yaml11_trap(self, text: str, event: Any) -> None:
        if text in YAML11_BOOLS:
            kind = "yaml11-bool"
        elif SEXAGESIMAL.match(text):
            kind = "sexagesimal"
        else:
            return
        self.notes.append(ScalarNote(kind, text, *_at(event.start_mark)))
