"""The three-way merge of one school file, by meaning rather than by line.

Theirs' changes (base -> theirs) are applied onto ours, read with ruamel
round-trip so that ours keeps its comments, order and quoting:

* lists of ids (``eleves``, ``enseignants``, ``divisions``…) merge as sets:
  an id added on either side is kept, an id removed on either side goes;
  ``eleves`` stays sorted, one per line;
* lists of records merge by key: sessions by date (so attendance merges per
  session and, inside, per student), arrivals by student and date,
  interviews by date and teacher, periods and barrettes by id…;
* mappings merge key by key (bilans per student, then per field);
* texts changed on both sides merge line by line;
* anything else changed differently on both sides is a :class:`Conflict`:
  ours is kept unless ``choices`` says to take theirs for that key.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from aptui import vocab as v
from aptui.edit.roundtrip import dump_rt, load_rt
from aptui.french import of
from aptui.gitsync.changes import fr_date, plain
from aptui.gitsync.conflict_labels import entry_label
from aptui.gitsync.hostile import line_merge, refusal_of
from aptui.gitsync.mergecomments import restore_comments
from aptui.layout import FileRole, Kind, classify

MISSING: Any = object()
WHOLE_FILE = "*"

# list key -> how its records are identified
RECORD_KEYS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    v.SESSIONS: lambda s: str(plain(s.get(v.DATE))),
    v.ARRIVALS: lambda a: f"{a.get(v.STUDENT)}@{plain(a.get(v.DATE))}",
    v.INTERVIEWS: lambda i: f"{plain(i.get(v.DATE))}@{i.get(v.TEACHER)}",
    v.DIAGNOSTICS: lambda d: f"{plain(d.get(v.DATE))}@{d.get(v.TOOL)}",
    v.OBJECTIVES: lambda o: str(o.get(v.LABEL)),
    v.NEEDS: lambda n: str(n.get(v.NEED_TYPE)),
    v.CLOSURES: lambda c: f"{plain(c.get(v.FROM))}@{plain(c.get(v.TO))}",
    v.OPENINGS: lambda c: f"{plain(c.get(v.FROM))}@{plain(c.get(v.TO))}",
    v.WORK_PLACEMENTS: lambda c: f"{plain(c.get(v.FROM))}@{plain(c.get(v.TO))}",
    v.EXEMPTIONS: lambda d: str(d.get(v.STUDENT)),
}
SORTED_ID_LISTS = frozenset({v.STUDENTS})
SORTED_MAPPINGS = frozenset({v.ATTENDANCE, v.BILANS})
"""Mappings keyed by student id: a key added by theirs goes to its sorted place when ours is sorted."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """One value changed differently on both sides."""

    key: str
    """Stable id inside the file (``seances/2025-11-18/appel/e04``)."""
    label: str
    """What it is, in French."""
    base: Any
    ours: Any
    theirs: Any

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "base": self.base, "ours": self.ours, "theirs": self.theirs}


@dataclass(slots=True)
class MergeResult:
    """The merged text (ours where unresolved) and the conflicts met."""

    text: str | None
    """None: the file is deleted in the result."""
    conflicts: list[Conflict] = field(default_factory=list)
    fallback: str | None = None
    """Why the file was merged by git's line merge, not by meaning (a version the bounded reader refused)."""

    @property
    def clean(self) -> bool:
        return not self.conflicts


def canonical(value: Any) -> str:
    return json.dumps(plain(value), sort_keys=True, ensure_ascii=False, default=str)


def same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return canonical(a) == canonical(b)


class Merger:
    """Merges parsed documents in place on ours; collects conflicts."""

    def __init__(self, kind: Kind | None, choices: Mapping[str, str] | None = None,
                 student_name: Callable[[str], str] | None = None, role: FileRole | None = None) -> None:
        self.kind = kind
        self.role = role
        self.choices = dict(choices or {})
        self.student_name = student_name or (lambda s: s)
        self.conflicts: list[Conflict] = []

    # -- values ------------------------------------------------------------------------
    def value(self, path: tuple[str, ...], base: Any, ours: Any, theirs: Any) -> Any:
        if same(ours, theirs) or same(base, theirs):
            return ours
        if same(base, ours):
            return theirs
        if isinstance(ours, dict) and isinstance(theirs, dict):
            self.mapping(path, base if isinstance(base, dict) else {}, ours, theirs)
            return ours
        if isinstance(ours, list) and isinstance(theirs, list):
            return self.sequence(path, base if isinstance(base, list) else [], ours, theirs)
        if isinstance(ours, str) and isinstance(theirs, str) and ("\n" in ours or "\n" in theirs):
            merged = merge_lines(base if isinstance(base, str) else "", ours, theirs)
            if merged is not None:
                return merged
        return self.conflict(path, base, ours, theirs)

    def conflict(self, path: tuple[str, ...], base: Any, ours: Any, theirs: Any) -> Any:
        key = "/".join(path) or WHOLE_FILE
        self.conflicts.append(Conflict(key, self.label(path), _json(base), _json(ours), _json(theirs)))
        return theirs if self.choices.get(key) == "theirs" else ours

    # -- mappings ----------------------------------------------------------------------
    def mapping(self, path: tuple[str, ...], base: Mapping[str, Any], ours: Any, theirs: Mapping[str, Any]) -> None:
        keys = list(ours) + [k for k in theirs if k not in ours] + [k for k in base if k not in ours and k not in theirs]
        keep_sorted = bool(path) and path[-1] in SORTED_MAPPINGS and (len(ours) < 2 or _is_sorted(list(ours)))
        for key in keys:
            here = (*path, str(key))
            b, o, t = base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING)
            if o is MISSING and t is MISSING:
                continue
            if o is MISSING or t is MISSING:
                result = self._one_side_missing(here, b, o, t)
            else:
                result = self.value(here, b, o, t)
            if result is MISSING:
                if key in ours:
                    del ours[key]
            elif result is not o:
                if key in ours:
                    ours[key] = result
                elif keep_sorted:
                    ours.insert(_sorted_position([str(k) for k in ours], str(key)), key, result)
                else:
                    ours.insert(_insert_position(list(ours), list(theirs), key), key, result)

    def _one_side_missing(self, path: tuple[str, ...], b: Any, o: Any, t: Any) -> Any:
        if b is MISSING:
            return o if t is MISSING else t  # added on one side only
        kept = t if o is MISSING else o
        if same(b, kept):
            return MISSING  # deleted on one side, untouched on the other
        return self.conflict(path, b, o, t)  # deleted on one side, changed on the other

    # -- sequences ---------------------------------------------------------------------
    def sequence(self, path: tuple[str, ...], base: list[Any], ours: list[Any], theirs: list[Any]) -> Any:
        items = base + ours + theirs
        name = path[-1] if path else ""
        if all(not isinstance(x, (dict, list)) for x in items):
            merge_id_sets(base, ours, theirs, sort=name in SORTED_ID_LISTS or _is_sorted(ours))
            return ours
        if all(isinstance(x, dict) for x in items):
            self.records(path, base, ours, theirs, _record_key(name, items))
            return ours
        return self.conflict(path, base, ours, theirs)

    def records(self, path: tuple[str, ...], base: list[Any], ours: list[Any], theirs: list[Any],
                key_of: Callable[[Mapping[str, Any]], str]) -> None:
        b_map, o_map, t_map = _keyed(base, key_of), _keyed(ours, key_of), _keyed(theirs, key_of)
        keep_sorted = _is_sorted(list(o_map))
        for key in list(o_map) + [k for k in t_map if k not in o_map]:
            here = (*path, key)
            b, o, t = b_map.get(key, MISSING), o_map.get(key, MISSING), t_map.get(key, MISSING)
            if o is not MISSING and t is not MISSING:
                result = self.value(here, b, o, t)
            else:
                result = self._one_side_missing(here, b, o, t)
            if result is MISSING and o is not MISSING:
                _remove_identity(ours, o)
            elif o is not MISSING and result is not o:
                ours[_index_identity(ours, o)] = result
            elif o is MISSING and result is not MISSING:
                keys_now = [key_of(x) for x in ours]
                position = (_sorted_position(keys_now, key) if keep_sorted
                            else _insert_position(keys_now, list(t_map), key))
                ours.insert(position, result)

    # -- labels ------------------------------------------------------------------------
    def label(self, path: tuple[str, ...]) -> str:
        """A conflict's place, in French."""
        if not path:
            return "le fichier entier"
        head = path[0]
        if self.kind is Kind.SESSIONS and head == v.SESSIONS and len(path) >= 2:
            day = fr_date(path[1])
            if len(path) >= 4 and path[2] == v.ATTENDANCE:
                return f"appel du {day} pour {self.student_name(path[3])}"
            return f"séance du {day}" + (f" : {path[2]}" if len(path) > 2 else "")
        if self.kind is Kind.BILANS and head == v.BILANS and len(path) >= 2:
            return f"bilan {of(self.student_name(path[1]))}" + (f" : {path[2]}" if len(path) > 2 else "")
        if head == v.ARRIVALS and len(path) >= 2:
            student, _, day = path[1].partition("@")
            return f"arrivée {of(self.student_name(student))} le {fr_date(day)}" + (
                f" : {path[2]}" if len(path) > 2 else "")
        return entry_label(self.role, path, self.student_name) or " › ".join(path)


def _json(value: Any) -> Any:
    return None if value is MISSING else plain(value)


def _record_key(name: str, items: list[Any]) -> Callable[[Mapping[str, Any]], str]:
    if name in RECORD_KEYS:
        return RECORD_KEYS[name]
    if all(isinstance(x.get(v.ID), str) for x in items):
        return lambda item: str(item.get(v.ID))
    return canonical


def _keyed(items: list[Any], key_of: Callable[[Mapping[str, Any]], str]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for item in items:
        key = key_of(item)
        while key in result:
            key += "+"
        result[key] = item
    return result


def _is_sorted(items: list[Any]) -> bool:
    texts = [str(plain(x)) for x in items]
    return len(texts) > 1 and texts == sorted(texts)


def _sorted_position(keys: list[str], key: str) -> int:
    for index, existing in enumerate(keys):
        if existing > key:
            return index
    return len(keys)


def _insert_position(ours_keys: list[Any], theirs_keys: list[Any], key: Any) -> int:
    """Right after the nearest preceding key (in theirs' order) that ours has."""
    index = theirs_keys.index(key)
    for previous in reversed(theirs_keys[:index]):
        if previous in ours_keys:
            return ours_keys.index(previous) + 1
    return 0 if index == 0 else len(ours_keys)


def _index_identity(items: list[Any], item: Any) -> int:
    return next(i for i, x in enumerate(items) if x is item)


def _remove_identity(items: list[Any], item: Any) -> None:
    del items[_index_identity(items, item)]


def merge_id_sets(base: list[Any], ours: list[Any], theirs: list[Any], sort: bool) -> None:
    """Set merge in place on ours: added on either side kept, removed on either side gone."""
    b = {canonical(x) for x in base}
    o = {canonical(x) for x in ours}
    t = {canonical(x) for x in theirs}
    removed = (b - o) | (b - t)
    for index in reversed(range(len(ours))):
        if canonical(ours[index]) in removed:
            del ours[index]
    present = {canonical(x) for x in ours}
    for item in theirs:
        token = canonical(item)
        if token in present or token in removed:
            continue
        present.add(token)
        position = _sorted_position([str(plain(x)) for x in ours], str(plain(item))) if sort else len(ours)
        ours.insert(position, item)


def merge_lines(base: str, ours: str, theirs: str) -> str | None:
    """Line-wise three-way merge of a text; None when both sides changed the same lines."""
    b, o, t = base.splitlines(keepends=True), ours.splitlines(keepends=True), theirs.splitlines(keepends=True)
    hunks = sorted([(i1, i2, o[j1:j2], "o") for tag, i1, i2, j1, j2 in SequenceMatcher(None, b, o).get_opcodes()
                    if tag != "equal"] +
                   [(i1, i2, t[j1:j2], "t") for tag, i1, i2, j1, j2 in SequenceMatcher(None, b, t).get_opcodes()
                    if tag != "equal"], key=lambda h: (h[0], h[1]))
    for first, second in zip(hunks, hunks[1:]):
        overlap = second[0] < first[1] or second[0] == first[0]
        if first[3] != second[3] and overlap and first[:3] != second[:3]:
            return None
    result: list[str] = []
    cursor = 0
    applied: tuple[int, int, list[str]] | None = None
    for start, end, lines, _ in hunks:
        if (start, end, lines) == applied:
            continue  # the same change made on both sides
        result += b[cursor:start] + lines
        cursor, applied = end, (start, end, lines)
    return "".join(result + b[cursor:])


def merge_texts(base: str, ours: str, theirs: str, path: str, choices: Mapping[str, str] | None = None,
                student_name: Callable[[str], str] | None = None) -> MergeResult:
    """Merge three versions of a school file; the text is ours where a conflict is unresolved.

    A version the bounded reader refuses (gitsync/hostile.py: too big, alias bomb, deep nesting,
    huge integer, not YAML) is never given to the round-trip reader: git's line merge decides."""
    refused = refusal_of(base, ours, theirs)
    if refused is not None:
        return _line_merged(base, ours, theirs, refused, choices)
    role = classify(path)
    try:
        b, o, t = (load_rt(text) if text.strip() else None for text in (base, ours, theirs))
    except Exception:  # noqa: BLE001 - any YAML error means: no merge by meaning
        return _whole_file(base, ours, theirs, choices)
    if not isinstance(o, dict) or not isinstance(t, dict) or not isinstance(b, (dict, type(None))):
        return _whole_file(base, ours, theirs, choices)
    merger = Merger(role.kind if role else None, choices, student_name, role)
    merger.mapping((), b or {}, o, t)
    text = restore_comments(dump_rt(o), base, (ours, theirs))
    return MergeResult(text, merger.conflicts)


def _line_merged(base: str, ours: str, theirs: str, reason: str, choices: Mapping[str, str] | None) -> MergeResult:
    """git's line merge of versions aptui does not read by meaning; a conflict is the whole file."""
    merged, clean = line_merge(base, ours, theirs, ("local", "ancêtre commun", "distant"))
    if clean:
        return MergeResult(merged, fallback=reason)
    conflict = Conflict(WHOLE_FILE, f"le fichier entier (non lu par le sens : {reason})", base, ours, theirs)
    chosen = theirs if (choices or {}).get(WHOLE_FILE) == "theirs" else ours
    return MergeResult(chosen, [conflict], fallback=reason)


def _whole_file(base: str, ours: str, theirs: str, choices: Mapping[str, str] | None) -> MergeResult:
    merged = merge_lines(base, ours, theirs)
    if merged is not None:
        return MergeResult(merged)
    conflict = Conflict(WHOLE_FILE, "le fichier entier (illisible comme YAML)", base, ours, theirs)
    chosen = theirs if (choices or {}).get(WHOLE_FILE) == "theirs" else ours
    return MergeResult(chosen, [conflict])
