"""The YAML 1.2 rules of plain scalars, as ruamel.yaml (the writer) applies them, and the YAML 1.1 traps.

Which tag a plain scalar resolves to (``14:30`` and ``no`` stay strings, ``0755`` is 755), the values of
integers and floats, and the scalars a YAML 1.1 reader would read otherwise (reported so the author quotes
them).  Used by the positioned reader (load/yamlread.py) and the fast reader (load/fastread.py); the
regular expressions are those of ruamel.yaml's 1.2 resolver.
"""

from __future__ import annotations

import re

BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"
MAX_SAFE_INT = 2**53 - 1  # the largest integer every JSON reader keeps exactly

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

# first character ("" for the empty scalar) -> the resolvers to try, in order
IMPLICIT: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
for _tag, _regexp, _first in _RESOLVERS_12:
    for _char in _first:
        IMPLICIT[_char] = (*IMPLICIT.get(_char, ()), (_tag, _regexp))
IMPLICIT[""] = ((NULL_TAG, re.compile(r"^$")),)


def has_digits(text: str) -> bool:
    digits = text.replace("_", "").lstrip("+-")
    if digits.startswith(("0b", "0x", "0o")):
        digits = digits[2:]
    return bool(digits)


def to_int(text: str) -> int | None:
    """The value of a YAML 1.2 integer; None beyond 20 digits (never converted: it would be slow or refused)."""
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    base = 10
    if digits.startswith(("0b", "0x", "0o")):
        base = {"b": 2, "x": 16, "o": 8}[digits[1]]
        digits = digits[2:]
    if len(digits) > 20 * (4 if base == 2 else 1):
        return None
    return sign * int(digits, base) if digits else 0


def to_float(text: str) -> float:
    lowered = text.replace("_", "").lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(lowered)
