"""The levels of the bac pro cycle and how division codes name them.

Schools name divisions by level prefix + formation + number (« 2MELEC1 »,
« 1MELEC1 », « TMELEC1 »): the import guesses a new division's level from
its code (or the export's MEF label), and the new year names a promoted
division by swapping the prefix.
"""

from __future__ import annotations

import re

LEVEL_ORDER = ("2nde", "1re", "Tle")
PREFIX = {"2nde": "2", "1re": "1", "Tle": "T"}
_BY_PREFIX = {"2": "2nde", "1": "1re", "T": "Tle"}
# MEF labels as SIECLE prints them: « 2NDPRO MELEC », « 1PRO ... », « TLEPRO ... », « TERM ... ».
_MEF_HINTS = (
    (re.compile(r"^(2ND|2DE|SECONDE)", re.IGNORECASE), "2nde"),
    (re.compile(r"^(1RE|1ERE|1PRO|PREMIERE)", re.IGNORECASE), "1re"),
    (re.compile(r"^(TLE|TERM|TPRO)", re.IGNORECASE), "Tle"),
)


def next_level(level: str) -> str | None:
    """The level after this one, None after the Terminale."""
    index = LEVEL_ORDER.index(level)
    return LEVEL_ORDER[index + 1] if index + 1 < len(LEVEL_ORDER) else None


def previous_level(level: str) -> str | None:
    index = LEVEL_ORDER.index(level)
    return LEVEL_ORDER[index - 1] if index > 0 else None


def level_from_code(code: str) -> str | None:
    """« 2MELEC1 » → 2nde, « TAGORA2 » → Tle; None when the code does not say."""
    return _BY_PREFIX.get(code[:1].upper()) if len(code) > 1 else None


def level_from_mef(label: str | None) -> str | None:
    for pattern, level in _MEF_HINTS:
        if label and pattern.match(label.strip()):
            return level
    return None


def formation_from_code(code: str) -> str:
    """« 2MELEC1 » → MELEC: the code without its level prefix and trailing number."""
    core = code[1:] if level_from_code(code) else code
    return re.sub(r"[-_.]?\d+$", "", core) or code


def renamed_for_level(code: str, level: str, new_level: str) -> str | None:
    """The code of the same division one level up (« 2MELEC1 » → « 1MELEC1 »), None if not prefixed."""
    prefix = PREFIX[level]
    if len(code) > 1 and code[:1].upper() == prefix:
        return PREFIX[new_level] + code[1:]
    return None
