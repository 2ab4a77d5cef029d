"""Changes of the calendar in domain words: a division's PFMP weeks, the year's closures and openings.

« PFMP de 2MELEC1 ajoutée : du 05/01/2026 au 30/01/2026 (4 semaines, « Stage en entreprise ») »,
« PFMP de 1MELEC1 déplacée : du 05/01/2026 au 30/01/2026 → du 12/01/2026 au 06/02/2026 »,
« Fermeture ajoutée : du 18/05/2026 au 03/07/2026 pour les Tle (Parcours différencié) ».
A span whose dates changed is one move (when one span leaves and one arrives, or they overlap),
never a removal plus an addition.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from aptui import vocab as v
from aptui.gitsync.changes import Change, as_dict, as_list, fr_date, plain


def _day(value: Any) -> date | None:
    value = plain(value)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _span_text(entry: Mapping[str, Any]) -> str:
    start, end = plain(entry.get(v.FROM)), plain(entry.get(v.TO))
    return f"du {fr_date(start)} au {fr_date(end)}" if end and end != start else f"le {fr_date(start)}"


def weeks(entry: Mapping[str, Any]) -> int:
    """Weeks touched by a span (a Monday-to-Sunday week counts once)."""
    start, end = _day(entry.get(v.FROM)), _day(entry.get(v.TO))
    if start is None or end is None or end < start or (end - start).days > 400:
        return 0
    first = start - timedelta(days=start.weekday())
    return (end - first).days // 7 + 1


def _key(entry: Mapping[str, Any]) -> str:
    return f"{plain(entry.get(v.FROM))}@{plain(entry.get(v.TO))}"


def _entries(data: Any, key: str) -> dict[str, Mapping[str, Any]]:
    found: dict[str, Mapping[str, Any]] = {}
    for item in as_list(as_dict(data).get(key)):
        if isinstance(item, dict):
            name = _key(item)
            while name in found:
                name += "+"
            found[name] = item
    return found


def _overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    a1, a2, b1, b2 = (_day(a.get(v.FROM)), _day(a.get(v.TO)), _day(b.get(v.FROM)), _day(b.get(v.TO)))
    return None not in (a1, a2, b1, b2) and a1 <= b2 and b1 <= a2  # type: ignore[operator]


def _pairs(before: dict[str, Mapping[str, Any]], after: dict[str, Mapping[str, Any]]
           ) -> tuple[list[tuple[Mapping[str, Any], Mapping[str, Any]]], list[Mapping[str, Any]],
                      list[Mapping[str, Any]], list[tuple[Mapping[str, Any], Mapping[str, Any]]]]:
    """(moved pairs, removed, added, same span with other fields changed)."""
    gone = [before[k] for k in sorted(set(before) - set(after))]
    new = [after[k] for k in sorted(set(after) - set(before))]
    edited = [(before[k], after[k]) for k in sorted(set(before) & set(after)) if plain(before[k]) != plain(after[k])]
    moved = []
    for old in list(gone):
        match = next((n for n in new if _overlap(old, n)), None)
        if match is None and len(gone) == 1 and len(new) == 1:
            match = new[0]
        if match is not None:
            moved.append((old, match))
            gone.remove(old)
            new.remove(match)
    return moved, gone, new, edited


def _details(entry: Mapping[str, Any], scope: bool = False) -> str:
    parts = []
    if scope:
        levels = [str(x) for x in as_list(entry.get("niveaux"))]
        divisions = [str(x) for x in as_list(entry.get(v.DIVISIONS))]
        if levels:
            parts.append("pour les " + ", ".join(levels))
        if divisions:
            parts.append("pour " + ", ".join(divisions))
    reason = entry.get(v.REASON)
    if reason:
        parts.append(f"({reason})")
    return " ".join(parts)


def _shown(value: Any) -> str:
    if value in (None, "", []):
        return "aucun"
    return ", ".join(map(str, value)) if isinstance(value, list) else f"« {value} »"


def _field_diffs(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    words = {v.REASON: "motif", "niveaux": "niveaux", v.DIVISIONS: "divisions"}
    said = []
    for key in sorted(set(old) | set(new), key=str):
        if key in (v.FROM, v.TO) or plain(old.get(key)) == plain(new.get(key)):
            continue
        before, after = plain(old.get(key)), plain(new.get(key))
        said.append(f"{words.get(key, str(key))} {_shown(before)} → {_shown(after)}")
    return " ; ".join(said)


def pfmp_changes(year: str, division: str, old: Any, new: Any) -> list[Change]:
    """Every change of one division's PFMP weeks."""
    moved, gone, added, edited = _pairs(_entries(old, v.WORK_PLACEMENTS), _entries(new, v.WORK_PLACEMENTS))
    base = {"year": year, "division": division}
    changes = []
    for entry in added:
        changes.append(Change("pfmp_changed", f"PFMP de {division} ajoutée : {_span_text(entry)} "
                              f"({weeks(entry)} semaine(s){_reason(entry)}) ({year})",
                              {**base, "action": "added", "from": plain(entry.get(v.FROM)),
                               "to": plain(entry.get(v.TO)), "weeks": weeks(entry)}))
    for entry in gone:
        changes.append(Change("pfmp_changed", f"PFMP de {division} supprimée : {_span_text(entry)} "
                              f"({weeks(entry)} semaine(s)) ({year})",
                              {**base, "action": "removed", "from": plain(entry.get(v.FROM)),
                               "to": plain(entry.get(v.TO)), "weeks": weeks(entry)}))
    for before, after in moved:
        extra = _field_diffs(before, after)
        changes.append(Change("pfmp_changed", f"PFMP de {division} déplacée : {_span_text(before)} → "
                              f"{_span_text(after)} ({weeks(before)} → {weeks(after)} semaine(s))"
                              + (f" ; {extra}" if extra else "") + f" ({year})",
                              {**base, "action": "moved", "from": plain(after.get(v.FROM)),
                               "to": plain(after.get(v.TO)), "was_from": plain(before.get(v.FROM)),
                               "was_to": plain(before.get(v.TO)), "weeks": weeks(after)}))
    for before, after in edited:
        changes.append(Change("pfmp_changed", f"PFMP de {division} {_span_text(after)} : "
                              f"{_field_diffs(before, after)} ({year})",
                              {**base, "action": "changed", "from": plain(after.get(v.FROM)),
                               "to": plain(after.get(v.TO)), "weeks": weeks(after)}))
    return changes


def _reason(entry: Mapping[str, Any]) -> str:
    reason = entry.get(v.REASON)
    return f", « {reason} »" if reason else ""


def calendar_changes(year: str, key: str, old: Any, new: Any) -> list[Change]:
    """Every change of the year's closures (``fermetures``) or openings (``ouvertures``)."""
    word = "Fermeture" if key == v.CLOSURES else "Ouverture"
    moved, gone, added, edited = _pairs(_entries(old, key), _entries(new, key))
    base = {"year": year, "item": key}
    changes = []
    for entry, action, verb in [(e, "added", "ajoutée") for e in added] + [(e, "removed", "supprimée") for e in gone]:
        details = _details(entry, scope=True)
        changes.append(Change("year_changed", f"{word} {verb} : {_span_text(entry)}"
                              + (f" {details}" if details else "") + f" ({year})",
                              {**base, "key": _key(entry), "action": action}))
    for before, after in moved:
        extra = _field_diffs(before, after)
        details = _details(after, scope=True)
        changes.append(Change("year_changed", f"{word} déplacée : {_span_text(before)} → {_span_text(after)}"
                              + (f" {details}" if details else "") + (f" ; {extra}" if extra else "") + f" ({year})",
                              {**base, "key": _key(after), "action": "moved", "was": _key(before)}))
    for before, after in edited:
        changes.append(Change("year_changed", f"{word} {_span_text(after)} : {_field_diffs(before, after)} ({year})",
                              {**base, "key": _key(after), "action": "changed"}))
    return changes
