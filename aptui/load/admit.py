"""The one gate before the round-trip reader: ruamel.yaml is only given what the bounded reader accepts.

ruamel.yaml (pure Python) has no limit of its own: an alias bomb, 5,000 levels of brackets, a
5 MB flow list or a 5,000-digit integer make it recurse, build gigabytes or raise.  Whatever it
reads — a file an edit command changes (edit/base.py), the versions of a merge (gitsync/merge3.py)
— first passes here: within the size limit, then parsed by load/yamlread.py within its limits
(aliases, nesting, number of values), with no integer beyond what Python builds from text.
"""

from __future__ import annotations

from aptui.load.limits import Limits, current_limits, megabytes
from aptui.load.yamlread import YamlSyntaxError, parse_yaml

# Python builds no integer from more digits than this (sys.int_info.default_max_str_digits): the
# round-trip reader would raise on it; the bounded reader only notes it.
MAX_INT_DIGITS = 4300


def refusal(text: str, limits: Limits | None = None) -> str | None:
    """Why the bounded reader refuses this text (French, short, never quoting it), or None."""
    limits = limits or current_limits()
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > limits.max_file_bytes:
        return f"fichier trop gros ({megabytes(size)}, limite {megabytes(limits.max_file_bytes)})"
    if not text.strip():
        return None
    try:
        parsed = parse_yaml(text, limits)
    except YamlSyntaxError as exc:
        return f"{exc.message} (ligne {exc.line})"
    for note in parsed.notes:
        if note.kind == "big-int" and sum(ch.isdigit() for ch in note.text) > MAX_INT_DIGITS:
            return f"nombre entier de plus de {MAX_INT_DIGITS} chiffres (ligne {note.line})"
    return None
