"""One broken file is one problem: what the rules find *because* a file is unreadable waits on it.

A file that exists but gave nothing (``School.unreadable``: a group file with a YAML error, a
division file whose root is a list...) leaves holes the rules would otherwise report as problems
elsewhere: its students "in no group", the other divisions "over budget" (they are charged its
share), marks "missing" during its PFMP weeks, changes "without bilan".  Each rule says what a
diagnostic depends on (``Diagnostic.about``: keys of ``School.unreadable`` or prefixes of them);
here, after every rule ran, the diagnostics about an unreadable file's entities are taken out and
counted in the one note on that file (APT211), which says how many and of which kinds.

The rules stay independent of which files are unreadable (their parts are memoised on the
entities, model/memo.py): only this last step looks at ``School.unreadable``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from aptui.diagnostics import Diagnostic, Loc, warning

Key = tuple[str, ...]

SHOWN_CODES = 4  # kinds of held problems named in a note


def prefixes(unreadable: Mapping[Key, str]) -> dict[Key, str]:
    """Every prefix of every unreadable key -> the first (by path) unreadable file under it."""
    found: dict[Key, str] = {}
    for key, path in sorted(unreadable.items(), key=lambda item: item[1]):
        for size in range(1, len(key) + 1):
            found.setdefault(key[:size], path)
    return found


def waits_on(diagnostic: Diagnostic, under: Mapping[Key, str]) -> str | None:
    """The unreadable file a diagnostic depends on, if any (``under``: from ``prefixes``)."""
    for key in diagnostic.about:
        path = under.get(key)
        if path is not None:
            return path
    return None


def fold(diagnostics: Iterable[Diagnostic], unreadable: Mapping[Key, str]) -> list[Diagnostic]:
    """The diagnostics, those waiting on an unreadable file counted in that file's APT211 instead."""
    diagnostics = list(diagnostics)
    if not unreadable:
        return diagnostics
    under = prefixes(unreadable)
    held: dict[str, Counter[str]] = {}
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        path = waits_on(diagnostic, under)
        if path is None:
            kept.append(diagnostic)
        else:
            held.setdefault(path, Counter())[diagnostic.code] += 1
    if not held:
        return kept
    notes = {d.loc.path: d for d in kept if d.code == "APT211" and d.loc.path in held}
    result = [d for d in kept if not (d.code == "APT211" and d.loc.path in held)]
    for path, codes in sorted(held.items()):
        note = notes.get(path)
        result.append(_note(path, codes, note.message if note is not None else None))
    return result


def _note(path: str, codes: Counter[str], before: str | None) -> Diagnostic:
    total = sum(codes.values())
    kinds = sorted(codes.items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{code} × {count}" for code, count in kinds[:SHOWN_CODES])
    if len(kinds) > SHOWN_CODES:
        shown += f" et {len(kinds) - SHOWN_CODES} autre(s) sorte(s)"
    if before is None:
        message = (f"{total} problème(s) ailleurs ({shown}) découlent de ce qu'il est illisible, non signalés "
                   "d'ici là : corrigez d'abord l'erreur de ce fichier, ils seront vérifiés ensuite")
    else:
        message = f"{before} ; {total} autre(s) problème(s) en découlent ({shown}), non signalés d'ici là"
    return warning("APT211", message, Loc(path, 1, 1))
