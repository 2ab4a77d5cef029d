"""Fast YAML reading with positions: libyaml parses, we construct.

PyYAML's C parser (libyaml) composes the node tree; this module turns nodes
into plain Python values itself, so that

* every mapping and sequence remembers the line and column of its entries
  (``PosDict`` / ``PosList``), for diagnostics that point at the exact line;
* scalars are read with YAML 1.2 rules, exactly as ruamel.yaml (the writer)
  reads them: ``14:30`` and ``no`` stay strings, ``0755`` is 755.  Dates stay
  ISO strings (as check-jsonschema reads them), so JSON Schema applies as is;
* duplicate keys are reported instead of silently keeping the last one.

The regular expressions are those of ruamel.yaml's 1.2 resolver.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml ships in PyYAML's manylinux wheels; fall back if absent.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"

_RESOLVERS_12: list[tuple[str, re.Pattern[str], str]] = [
    (BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (
        FLOAT_TAG,
        re.compile(
            r"""^(?:
             [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
            |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
            |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
            |[-+]?\.(?:inf|Inf|INF)
            |\.(?:nan|NaN|NAN))$""",
            re.X,
        ),
        "-+0123456789.",
    ),
    (
        INT_TAG,
        re.compile(
            r"""^(?:[-+]?0b[0-1_]+
            |[-+]?0o?[0-7_]+
            |[-+]?[0-9_]+
            |[-+]?0x[0-9a-fA-F_]+)$""",
            re.X,
        ),
        "-+0123456789",
    ),
    (NULL_TAG, re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
]

# YAML 1.1 readers (PyYAML's safe_load, many editors' plugins) read these
# plain scalars differently from YAML 1.2: a time becomes base-60 minutes,
# "no" becomes false.  They are reported so the author quotes them.
SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
YAML11_BOOLS = frozenset(["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"])


class AptLoader(_BaseLoader):
    """libyaml loader whose implicit resolvers follow YAML 1.2 (as ruamel.yaml).

    libyaml's composer calls ``resolve`` for every node and ``descend_resolver``
    / ``ascend_resolver`` around it; PyYAML's generic versions (path resolvers,
    wildcard lists) were a fifth of the parse time.  These do the same for a
    loader without path resolvers, with one dictionary look-up per scalar.
    """

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return STR_TAG
        if kind is SequenceNode:
            return SEQ_TAG
        return MAP_TAG


for _tag, _regexp, _first in _RESOLVERS_12:
    for _char in _first:
        AptLoader.yaml_implicit_resolvers.setdefault(_char, []).append((_tag, _regexp))
AptLoader.yaml_implicit_resolvers.setdefault("", []).append((NULL_TAG, re.compile(r"^$")))
# first character ("" for the empty scalar) -> resolvers, as tuples for the fast path
_IMPLICIT: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    char: tuple(resolvers) for char, resolvers in AptLoader.yaml_implicit_resolvers.items() if char is not None
}


class PosDict(dict):
    """A mapping that remembers where its keys and values are in the file.

    ``pos[key]`` is ``(key_line, key_col, value_line, value_col)``, 1-based;
    ``start`` is the position of the mapping itself.
    """

    def __init__(self) -> None:
        super().__init__()
        self.pos: dict[Any, tuple[int, int, int, int]] = {}
        self.start: tuple[int, int] = (0, 0)


class PosList(list):
    """A sequence that remembers the position of each item (``pos[i]``)."""

    def __init__(self) -> None:
        super().__init__()
        self.pos: list[tuple[int, int]] = []
        self.start: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class ScalarNote:
    """A plain scalar worth a remark: a YAML 1.1 trap, a duplicate key."""

    kind: str  # "sexagesimal" | "yaml11-bool" | "duplicate-key"
    text: str
    line: int
    column: int


@dataclass(slots=True)
class ParsedYaml:
    """The values of one YAML document and the remarks made while reading it."""

    data: Any
    notes: list[ScalarNote] = field(default_factory=list)


class YamlSyntaxError(Exception):
    """A YAML error with a 1-based position and a French explanation."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document; raise YamlSyntaxError with its position."""
    loader = AptLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise YamlSyntaxError(_french_yaml_problem(exc), line, column) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML illisible : {exc}", 0, 0) from None
    finally:
        loader.dispose()
    parsed = ParsedYaml(None)
    if node is not None:
        parsed.data = _Builder(parsed.notes).value(node)
    return parsed


def _french_yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or str(exc)
    hints = {
        "mapping values are not allowed here": (
            "« : » inattendu ; mettez la valeur entre guillemets si elle contient « : »"
        ),
        "could not find expected ':'": "il manque « : » après une clé",
        "found character '\\t' that cannot start any token": (
            "tabulation interdite en YAML ; indentez avec des espaces"
        ),
        "did not find expected key": "indentation incohérente (clé attendue)",
        "found undefined alias": "alias inconnu (*nom sans &nom)",
    }
    for english, french in hints.items():
        if english in problem:
            return f"YAML invalide : {french}"
    return f"YAML invalide : {problem}"


class _Builder:
    """Turns a composed node tree into PosDict / PosList / scalars.

    The hot loops test node classes by identity (libyaml's composer makes
    exactly these classes) and create PosDict / PosList without their
    ``__init__`` (set the two attributes directly): this is most of a load.
    """

    def __init__(self, notes: list[ScalarNote]) -> None:
        self.notes = notes

    def value(self, node: Node) -> Any:
        cls = node.__class__
        if cls is ScalarNode:
            return self.scalar(node)  # type: ignore[arg-type]
        if cls is MappingNode:
            return self.mapping(node)  # type: ignore[arg-type]
        if cls is SequenceNode:
            return self.sequence(node)  # type: ignore[arg-type]
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, MappingNode):
            return self.mapping(node)
        if isinstance(node, SequenceNode):
            return self.sequence(node)
        raise YamlSyntaxError("nœud YAML inconnu", node.start_mark.line + 1, 1)

    def mapping(self, node: MappingNode) -> PosDict:
        result = _new_dict(PosDict)
        pos: dict[Any, tuple[int, int, int, int]] = {}
        result.pos = pos
        mark = node.start_mark
        result.start = (mark.line + 1, mark.column + 1)
        value_of = self.value
        scalar = self.scalar
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            if key_node.__class__ is ScalarNode and key_node.tag == STR_TAG and key_node.style:
                key = key_node.value  # a quoted key: no trap to note
            else:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlSyntaxError(
                        "les fusions YAML « << » ne sont pas acceptées : recopiez les clés",
                        key_mark.line + 1,
                        key_mark.column + 1,
                    )
                key = scalar(key_node) if key_node.__class__ is ScalarNode else value_of(key_node)
                if isinstance(key, (dict, list)):
                    raise YamlSyntaxError(
                        "une clé ne peut pas être une liste ou un dictionnaire",
                        key_mark.line + 1,
                        key_mark.column + 1,
                    )
            value_mark = value_node.start_mark
            position = (key_mark.line + 1, key_mark.column + 1, value_mark.line + 1, value_mark.column + 1)
            if key in result:
                self.notes.append(ScalarNote("duplicate-key", str(key), position[0], position[1]))
            result[key] = scalar(value_node) if value_node.__class__ is ScalarNode else value_of(value_node)
            pos[key] = position
        return result

    def sequence(self, node: SequenceNode) -> PosList:
        result = _new_list(PosList)
        positions: list[tuple[int, int]] = []
        result.pos = positions
        mark = node.start_mark
        result.start = (mark.line + 1, mark.column + 1)
        append, add_position = result.append, positions.append
        value_of = self.value
        scalar = self.scalar
        for item in node.value:
            append(scalar(item) if item.__class__ is ScalarNode else value_of(item))
            item_mark = item.start_mark
            add_position((item_mark.line + 1, item_mark.column + 1))
        return result

    def scalar(self, node: ScalarNode) -> Any:
        text: str = node.value
        tag = node.tag
        if tag == STR_TAG:
            if not node.style and (text in YAML11_BOOLS or ":" in text):  # plain scalar
                self._note_yaml11_trap(node)
            return text
        if tag == INT_TAG:
            return _to_int(text)
        if tag == NULL_TAG:
            return None
        if tag == BOOL_TAG:
            return text in ("true", "True", "TRUE")
        if tag == FLOAT_TAG:
            return _to_float(text)
        # Explicit tags (!!str, !!int, ...) keep PyYAML's meaning for them.
        return text

    def _note_yaml11_trap(self, node: ScalarNode) -> None:
        text = node.value
        if text in YAML11_BOOLS:
            kind = "yaml11-bool"
        elif ":" in text and SEXAGESIMAL.match(text):
            kind = "sexagesimal"
        else:
            return
        self.notes.append(
            ScalarNote(kind, text, node.start_mark.line + 1, node.start_mark.column + 1)
        )


_new_dict = dict.__new__  # PosDict without PosDict.__init__ (the builder sets pos and start)
_new_list = list.__new__


def _to_int(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    if digits.startswith("0b"):
        return sign * int(digits[2:], 2)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    if digits.startswith("0o"):
        return sign * int(digits[2:], 8)
    return sign * int(digits)


def _to_float(text: str) -> float:
    lowered = text.replace("_", "").lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(lowered)
