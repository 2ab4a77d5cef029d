"""Comments added by either side survive the merge by meaning.

The merge applies theirs' *values* onto ours' round-trip structure, so ours'
comments stay where they were, but a comment theirs added is not a value:
without this step it would vanish.  Each comment a side added (or a comment
both kept that the merge lost) is put back next to the entry it was written
beside: a full-line comment before the entry that follows it on that side,
an end-of-line comment after the entry of its line.  Entries are found by
their place in the document (keys, sessions by date, students by id), not
by line number, so the other side's insertions do not matter.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from aptui.edit.roundtrip import load_rt

Path = tuple[str, ...]
TRAILING = re.compile(r"\s+(#.*)$")


def _record_key(name: str, items: list[Any]) -> Callable[[Any], str]:
    from aptui.gitsync.merge3 import _record_key as key_of

    return key_of(name, items)


def node_lines(doc: Any) -> dict[int, Path]:
    """0-based line -> path of the deepest entry starting on that line."""
    lines: dict[int, Path] = {}

    def walk(node: Any, path: Path) -> None:
        if isinstance(node, Mapping) and hasattr(node, "lc"):
            for key in node:
                try:
                    line = node.lc.key(key)[0]
                except (KeyError, TypeError, AttributeError):
                    continue
                here = (*path, str(key))
                lines[line] = here
                walk(node[key], here)
        elif isinstance(node, list) and hasattr(node, "lc"):
            name = path[-1] if path else ""
            dicts = [x for x in node if isinstance(x, Mapping)]
            key_of = _record_key(name, dicts) if dicts and len(dicts) == len(node) else None
            for index, item in enumerate(node):
                try:
                    line = node.lc.item(index)[0]
                except (KeyError, TypeError, AttributeError, IndexError):
                    continue
                here = (*path, key_of(item) if key_of else str(item))
                lines[line] = here  # a record's first key, on the same line, is deeper: it wins below
                walk(item, here)

    walk(doc, ())
    return lines


def split_comment(line: str) -> tuple[str, str | None]:
    """(content, comment) of one line; a '#' inside quotes is not a comment."""
    stripped = line.lstrip()
    if stripped.startswith("#"):
        return "", stripped
    found = TRAILING.search(line)
    if found is None:
        return line, None
    before = line[: found.start()]
    if before.count('"') % 2 or before.count("'") % 2:
        return line, None
    return before, found.group(1)


def comments(text: str) -> Counter[str]:
    return Counter(c for c in (split_comment(line)[1] for line in text.splitlines()) if c)


def _parse(text: str) -> Any:
    try:
        return load_rt(text)
    except Exception:  # noqa: BLE001 - an unreadable side has no entries to anchor on
        return None


def restore_comments(merged: str, base: str, sides: tuple[str, ...]) -> str:
    """The merged text with every comment a side added (and every shared one) put back."""
    have = comments(merged)
    wanted: Counter[str] = Counter()
    base_comments = comments(base)
    for side in sides:
        wanted |= comments(side) - base_comments
    shared = base_comments.copy()
    for side in sides:
        shared &= comments(side)
    wanted |= shared
    missing = wanted - have
    if not missing:
        return merged
    merged_doc = _parse(merged)
    if merged_doc is None:
        return merged
    where = {path: line for line, path in node_lines(merged_doc).items()}
    lines = merged.splitlines(keepends=True)
    inserts: list[tuple[int, int, str]] = []  # (line, order, text): before that line
    appends: dict[int, str] = {}
    for side in sides:
        _place(side, missing, where, lines, inserts, appends)
    for line, comment in appends.items():
        content = lines[line].rstrip("\n")
        lines[line] = f"{content}  {comment}\n"
    for line, _, text in sorted(inserts, key=lambda i: (-i[0], -i[1])):
        lines.insert(line, text)
    return "".join(lines)


def _place(side: str, missing: Counter[str], where: dict[Path, int], merged: list[str],
           inserts: list[tuple[int, int, str]], appends: dict[int, str]) -> None:
    doc = _parse(side)
    if doc is None:
        return
    paths = node_lines(doc)
    side_lines = side.splitlines()
    for number, line in enumerate(side_lines):
        content, comment = split_comment(line)
        if comment is None or missing[comment] <= 0:
            continue
        if not content.strip():
            target = _anchor_after(paths, number, len(side_lines), where)
            if target is None:
                target = len(merged)
            inserts.append((target, number, line.rstrip("\n") + "\n"))
        else:
            path = paths.get(number)
            target = where.get(path) if path is not None else None
            if target is None:
                inserts.append((len(merged), number, f"{comment}\n"))
            elif target in appends or split_comment(merged[target])[1]:
                indent = merged[target][: len(merged[target]) - len(merged[target].lstrip())]
                inserts.append((target, number, f"{indent}{comment}\n"))  # the line has one already
            else:
                appends[target] = comment
        missing[comment] -= 1


def _anchor_after(paths: dict[int, Path], number: int, count: int, where: dict[Path, int]) -> int | None:
    """The merged line of the first entry after a full-line comment (else just after the one before)."""
    for later in range(number + 1, count):
        if later in paths:
            if paths[later] in where:
                return where[paths[later]]
    for earlier in range(number - 1, -1, -1):
        if earlier in paths and paths[earlier] in where:
            return where[paths[earlier]] + 1
    return None
