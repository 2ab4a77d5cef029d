"""Plain values (as the fast reader returns them) written back as YAML text in the format's style.

For files aptui creates whole (anonymised copies, right-of-access exports, a
forgotten student's file): block style, dates unquoted ISO, everything that
a YAML 1.1 or 1.2 reader could take for something other than text quoted —
so the text reads back as the same values in every reader (tested).  No
comment is ever carried over: comments are free text, and may name people.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

import yaml

from aptui import layout

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YAML12_NUMBER = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def document(rel_path: str, kind: layout.Kind, data: Mapping[str, Any]) -> str:
    """A whole school file: its schema line, then the values."""
    return layout.schema_header(rel_path, kind) + "\n" + dump(data)


def dump(data: Any) -> str:
    """YAML text of a mapping or a list of plain values."""
    lines = _block(data, 0)
    return "\n".join(lines) + "\n" if lines else "{}\n"


def _block(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, Mapping):
        lines = []
        for key, item in value.items():
            head = f"{pad}{scalar(key)}:"
            if _is_nested(item):
                lines += [head, *_block(item, indent + 2)]
            else:
                lines.append(f"{head} {_inline(item)}")
        return lines
    if isinstance(value, list):
        lines = []
        for item in value:
            if _is_nested(item):
                inner = _block(item, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines += inner[1:]
            else:
                lines.append(f"{pad}- {_inline(item)}")
        return lines
    return [pad + _inline(value)]


def _is_nested(value: Any) -> bool:
    return isinstance(value, (Mapping, list)) and bool(value)


def _inline(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return scalar(value)


def scalar(value: Any) -> str:
    """One scalar: plain when every reader reads it back the same, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text if _plain_is_safe(text) else _NON_PRINTABLE.sub(_escape, json.dumps(text, ensure_ascii=False))


_NON_PRINTABLE = re.compile("[\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
"""Characters a YAML stream may not hold as they are (json.dumps escapes only those below 0x20)."""


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


@lru_cache(maxsize=65536)
def _plain_is_safe(text: str) -> bool:
    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return False
    if _ISO_DATE.fullmatch(text):
        return True  # a date (the fast reader returns dates as ISO text): written as a date again
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    if _YAML12_NUMBER.fullmatch(text) or any(ord(c) < 32 or c == "\x7f" for c in text):
        return False
    try:
        return yaml.safe_load(f"k: {text}") == {"k": text}  # YAML 1.1: booleans, numbers, 14:00, null...
    except yaml.YAMLError:
        return False
