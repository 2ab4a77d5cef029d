"""The fast reader (issue 14): yaml-rs for the ordinary school file, behind a guard; libyaml for the rest.

``yaml_rs.loads`` (Rust) reads an ordinary school file exactly as ruamel.yaml
(the writer) and as our positioned reader (load/yamlread.py) do, about five
times faster, but it gives no positions, no remarks, and lets hostile files
through (docs/performance.md).  So a file is read by it only when nothing in
it could make a difference; anything doubtful returns ``None`` and the caller
reads the file with ``parse_yaml``, which gives the exact values, remarks and
diagnostics.  The guard, in two steps:

* before, on the text: no anchor, alias, merge key, directive or
  second document (``&x``, ``*x``, ``<<``, ``%``/``---``/``...`` at a
  line start), no flow collection but ``{}`` and lists of plain words
  (``[a, b-c]``), no empty or complex key (``: x``, ``? x``), no block scalar
  (``|``, ``>``), no list nested on one line (« - - x »: a file of
  them overflows yaml-rs's stack, a crash of the app), no backslash escape, no tab, lone carriage return or
  Unicode line separator, no character libyaml refuses, no number spelt in a way the
  two readers resolve apart (« _0 », ``0X1F``, ``.5e3``, ``1e_5``), not
  bigger than ``FAST_MAX_CHARS``;
* after, on the values: nothing but mappings, lists, texts, integers within
  2^53, finite floats, booleans and nulls; no text a YAML 1.1 reader would
  take for a boolean or a base-60 number unless every occurrence of it in
  the file is quoted (yaml-rs does not say which were: when unsure, the slow
  reader decides); a nesting and a number of values well under the limits
  (load/limits.py); no key longer than libyaml accepts.  A duplicate key
  makes yaml-rs raise: slow reader too.  A « ! », « & » or « * » is
  harmless only inside a text (« Bravo ! », « maths & français »): every
  one of the text must be in the values read, none in a tag (``!!int 3``)
  or a comment.

What passes is converted to ``PosDict``/``PosList`` whose ``where`` is their
key path in the document: the builders make pending ``Loc``s from it
(load/lazypos.py) instead of reading position tables.

``APTUI_READER`` chooses: ``yaml-rs`` (the default when the wheel is
installed) or ``libyaml`` (the positioned reader for every file).
"""

from __future__ import annotations

import math
import os
import re
from typing import Any

from aptui.load.limits import DEFAULT_LIMITS, Limits
from aptui.load.yamlread import MAX_SAFE_INT, SEXAGESIMAL, YAML11_BOOLS, PosDict, PosList

READER_ENV = "APTUI_READER"
FAST, POSITIONED = "yaml-rs", "libyaml"
FAST_MAX_CHARS = 1_000_000  # the largest file of a 1,500-student school has ~270,000
MAX_KEY_CHARS = 1000  # libyaml refuses an implicit key over 1024 characters

# Text that could be read differently, or that the positioned reader refuses or remarks.
# (U+2028 and U+2029 are line breaks to libyaml, text to yaml-rs)
_UNSAFE = ("\\", "\t", "\ufeff", "\u2028", "\u2029")  # « ! », « & », « * »: read_fast counts them
_COUNTED = ("!", "&", "*")  # harmless inside texts: every one of the text must be in the values read
_NAMED_ANCHOR = re.compile(r"[&*]\S")  # « &x » / « *x » (an anchor or alias has a name; « maths & français » is text)
# (a rare character, the text it is part of): the longer search runs only when the character is there
_UNSAFE_PAIRS = (("<", "<<"), ("O", "0O"), ("X", "0X"), ("B", "0B"))
_DOCUMENT_MARKS = re.compile(r"\n(?:---|\.\.\.|%)")  # a directive, a document start or end at a line start
_UNSAFE_STARTS = ("---", "...", "%")
_NOT_PRINTABLE = re.compile("[^\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# (what str.isprintable accepts, libyaml does: tests/test_fastread.py; a cheaper scan than the class above)
# numbers the two readers resolve apart: « _0 », « -_1.5 » (a leading underscore), « .5e3 », « 1e_5 », « 4e6_ »
_LEADING_UNDERSCORE = re.compile(r"_(?<![\w.]_)[0-9_.]")
_DOT_EXPONENT = re.compile(r"\.[0-9_]+[eE]")
# the flow lists the writer makes (``disciplines: [anglais, maths]``): plain words, comma and space
_SIMPLE_FLOW = re.compile(r"\[(?:[A-Za-z0-9][\w.-]*(?:, [A-Za-z0-9][\w.-]*)*)?\]")
_ODD_LINE_START = re.compile(r"\n[ -]*[:?]")  # an empty or complex key: the readers disagree
_ODD_FIRST_LINE = re.compile(r"[ -]*[:?]")
_BLOCK_SCALAR = re.compile(r"(?:^|[ :-])[|>][-+0-9]*[ ]*(?:#.*)?\r?$", re.M)  # an empty one at the end differs
# Nesting yaml-rs would follow to a stack overflow (a crash of the whole app, from ~20,000 levels): « - - - x »
# nests a list a level per two characters (the writer puts one dash on a line).  Indentation alone nests a
# level per column: within FAST_MAX_CHARS, never that deep.  The positioned reader refuses both (its limits).
_NESTED_DASHES = re.compile(r"\n[ ]*-[ ]+-(?:[ \r\n]|$)")  # from a newline: ten times faster than ^ with re.M
_NESTED_FIRST = re.compile(r"[ ]*-[ ]+-(?:[ \r\n]|$)")

_new_dict = dict.__new__
_new_list = list.__new__
_TRAPS = YAML11_BOOLS

_yaml_rs: Any
try:
    import yaml_rs as _yaml_rs
except ImportError:  # pragma: no cover - depends on the platform's wheel
    _yaml_rs = None


def reader() -> str:
    """The bulk reader in use: ``yaml-rs`` when importable and not turned off by ``APTUI_READER=libyaml``."""
    if _yaml_rs is None:
        return POSITIONED
    return POSITIONED if os.environ.get(READER_ENV, FAST).strip().lower() == POSITIONED else FAST


class _Doubt(Exception):
    """Something the fast reader might read otherwise: the positioned reader reads the file."""


def read_fast(text: str, limits: Limits = DEFAULT_LIMITS) -> PosDict | None:
    """The values of an ordinary school file (a mapping), or None: read it with ``parse_yaml`` instead."""
    if _yaml_rs is None or not text or len(text) > FAST_MAX_CHARS or not safe_text(text):
        return None
    try:
        data = _yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - any refusal (syntax, duplicate key, ValueError of a huge int): slow path
        return None
    if type(data) is not dict:
        return None  # an empty file, a list, a scalar: the positioned reader's diagnostics
    walk = _Walk(text, limits)
    try:
        converted = walk.mapping(data, (), 1)
        if walk.nodes > limits.max_nodes // 2:
            return None
        for suspect in walk.suspects:
            if not _always_quoted(text, suspect):
                return None
    except _Doubt:
        return None
    for char in _COUNTED:
        if char in text and text.count(char) != _count_in_texts(converted, char):
            return None  # a tag (``!!int 3``) or a comment holds one: only such a character inside texts is harmless
    return converted



def _count_in_texts(node: Any, char: str) -> int:
    """How many times ``char`` stands in the keys and texts of a document.

    Without anchors and aliases (no « & » or « * » followed by a name: refused before, and yaml-rs
    refuses a nameless one) nor escapes, each character of a scalar's content is in its value once,
    so a « ! » of the text that is in no value belongs to a tag or a comment."""
    if isinstance(node, dict):
        return sum(_count_in_texts(key, char) + _count_in_texts(value, char) for key, value in node.items())
    if isinstance(node, list):
        return sum(_count_in_texts(value, char) for value in node)
    return node.count(char) if isinstance(node, str) else 0


def safe_text(text: str) -> bool:
    """No construct of the text that the fast reader reads otherwise, or that the slow one refuses or remarks."""
    for unsafe in _UNSAFE:
        if unsafe in text:
            return False
    for hint, unsafe in _UNSAFE_PAIRS:
        if hint in text and unsafe in text:
            return False
    if _DOCUMENT_MARKS.search(text):
        return False
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return False  # a carriage return alone (Windows line ends, « \r\n », are read alike)
    if ("&" in text or "*" in text) and _NAMED_ANCHOR.search(text):
        return False
    if text.startswith(_UNSAFE_STARTS):
        return False
    # flow collections but the writer's (the readers disagree on « [a:, b] »...)
    if "{" in text and text.count("{") != text.count("{}"):
        return False
    opened = text.count("[")
    if opened and (opened != text.count("]") or opened != len(_SIMPLE_FLOW.findall(text))):
        return False
    if not text.replace("\n", "").isprintable() and _NOT_PRINTABLE.search(text):
        return False
    if _DOT_EXPONENT.search(text):
        return False
    if _ODD_FIRST_LINE.match(text) or _ODD_LINE_START.search(text):
        return False
    if ("|" in text or ">" in text) and _BLOCK_SCALAR.search(text):
        return False
    if _NESTED_DASHES.search(text) or _NESTED_FIRST.match(text):
        return False  # deeper than a school file: yaml-rs could overflow its stack (a crash, not an error)
    return "_" not in text or not (_LEADING_UNDERSCORE.search(text) or _exponent_underscore(text))


def _exponent_underscore(text: str) -> bool:
    """An underscore in the exponent of a number (« 1e_5 », « 4e6_ », « 0_e1_ »), not in a word (« duree_min »)."""
    at = text.find("_")
    while at != -1:
        before = at - 1
        while before > 0 and text[before] in "0123456789+-":
            before -= 1
        if before > 0 and text[before] in "eE" and text[before - 1] in "0123456789._":
            return True
        at = text.find("_", at + 1)
    return False


def _always_quoted(text: str, value: str) -> bool:
    """Every occurrence of ``value`` in the text is between double or single quotes, so none is a plain
    scalar (one inside a longer text or a comment counts as unquoted: the positioned reader decides)."""
    return text.count(value) == text.count(f'"{value}"') + text.count(f"'{value}'")


class _Walk:
    """Checks every value and converts the containers to PosDict/PosList carrying their key path.

    The hot loops test classes by identity; a text is looked at further only when it is a YAML 1.1
    boolean or holds a colon (``14:30``).  Repeated texts become one object.
    """

    def __init__(self, text: str, limits: Limits) -> None:
        self.max_depth = limits.max_depth - 2
        self.nodes = 0
        self.suspects: set[str] = set()
        # one object per distinct text of the document, as the positioned reader makes them (yaml_rs makes
        # one per occurrence): less memory, and the builders' and rules' lookups meet the same key object
        self.same: Any = {}.setdefault

    def mapping(self, data: dict[Any, Any], where: tuple[Any, ...], depth: int) -> PosDict:
        if depth > self.max_depth:
            raise _Doubt
        node = _new_dict(PosDict)
        node.where = where
        self.nodes += 2 + 2 * len(data)
        traps, big, same, value_of = _TRAPS, MAX_SAFE_INT, self.same, self.value
        for key, value in data.items():
            cls = key.__class__
            if cls is str:
                key = same(key, key)
                if key in traps or ":" in key:
                    self.text(key)
                if len(key) > MAX_KEY_CHARS:
                    raise _Doubt
            elif cls is not int and cls is not bool and key is not None:
                raise _Doubt  # a float, a date, a collection as a key: the positioned reader decides
            elif cls is int and not -big <= key <= big:
                raise _Doubt
            if value.__class__ is str:  # most values: inline
                value = same(value, value)
                if value in traps or ":" in value:
                    self.text(value)
            else:
                value = value_of(value, where, key, depth)
            node[key] = value
        return node

    def sequence(self, data: list[Any], where: tuple[Any, ...], depth: int) -> PosList:
        if depth > self.max_depth:
            raise _Doubt
        node = _new_list(PosList)
        node.where = where
        self.nodes += 2 + len(data)
        traps, same, value_of, append = _TRAPS, self.same, self.value, node.append
        for index, value in enumerate(data):
            if value.__class__ is str:
                value = same(value, value)
                if value in traps or ":" in value:
                    self.text(value)
            else:
                value = value_of(value, where, index, depth)
            append(value)
        return node

    def value(self, value: Any, where: tuple[Any, ...], step: Any, depth: int) -> Any:
        """Any value but a text: a collection converted, a number or a constant checked."""
        cls = value.__class__
        if cls is dict:
            return self.mapping(value, (*where, step), depth + 1)
        if cls is list:
            return self.sequence(value, (*where, step), depth + 1)
        if cls is int:
            if not -MAX_SAFE_INT <= value <= MAX_SAFE_INT:
                raise _Doubt
        elif cls is float:
            if not math.isfinite(value):
                raise _Doubt
        elif cls is not bool and value is not None:
            raise _Doubt  # a date, bytes...: the positioned reader decides
        return value

    def text(self, value: str) -> None:
        if value in _TRAPS or SEXAGESIMAL.match(value):
            self.suspects.add(value)  # harmless only if always quoted in the file
