"""A new period built from the previous one, told as a reviewer reads it.

When a range creates every group file of a period (none existed before) and
the previous period has groups, listing 10 created groups and 224 arrivals
would hide the two real decisions.  Instead::

    P5 : 10 groupes repris de P4 — 222 élèves maintenus, 2 changements (Léa Martin, Hugo Dumas)
    P5 : Léa Martin passe de « Méthodo » (P4) à « Approfondissement » (bilan P4 : …)
    P5 : Hugo Dumas passe de « Approfondissement » à « Méthodo » le 18/11/2025 (motif : …)

A student is *maintained* when they start the new period in the group of the
same id they ended the previous one in, and have no dated move in it.  The
reason of a placement at the period's start is the group file's ``motifs``
entry, and the previous period's bilan only when its decision is that very
move (:func:`bilan_decides`): no reason is ever made up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aptui import vocab as v
from aptui.gitsync.changes import Change, as_dict, as_list, bilan_reason, id_set, plain, plural, quoted
from aptui.gitsync.context import DiffContext

Pair = tuple[Any, Any]


def is_new_period(ctx: DiffContext, year: str, period: str, files: Mapping[str, Pair]) -> str | None:
    """The previous period, when this range builds the whole period from it (else None)."""
    if not files or any(old is not None or new is None for old, new in files.values()):
        return None
    prefix = f"years/{year}/groups/{period}"
    if ctx.old.paths_in(prefix):
        return None  # the period had groups before: its changes are told file by file
    previous = ctx.period_before(year, period)
    if previous is None or not ctx.groups(ctx.new, year, previous):
        return None
    return previous


def bilan_decides(bilan: Mapping[str, Any] | None, target: str | None, target_type: Any) -> bool:
    """Does this bilan decide that move?  A change towards that group (or a group of its type); a
    « sortie » for a student in no group; a « maintien » never explains a move."""
    if bilan is None:
        return False
    decision = bilan.get(v.DECISION)
    if decision == "sortie":
        return target is None
    if decision != "changement" or target is None:
        return False
    to_group, to_type = bilan.get(v.TO_GROUP), bilan.get(v.TO_TYPE)
    if isinstance(to_group, str):
        return to_group == target
    return not isinstance(to_type, str) or to_type == target_type


def start_groups(groups: Mapping[str, Any]) -> dict[str, str]:
    """student -> the group they start the period in (before any dated move)."""
    start: dict[str, tuple[str, str]] = {}  # student -> (date of the first arrival, group it came from)
    members: dict[str, str] = {}
    for group_id, data in sorted(groups.items()):
        for student in sorted(id_set(data, v.STUDENTS)):
            members.setdefault(student, group_id)
        for item in as_list(as_dict(data).get(v.ARRIVALS)):
            arrival = as_dict(item)
            mover, day, origin = arrival.get(v.STUDENT), str(plain(arrival.get(v.DATE))), arrival.get(v.FROM_GROUP)
            if isinstance(mover, str) and isinstance(origin, str) and (mover not in start or day < start[mover][0]):
                start[mover] = (day, origin)
    return {**members, **{student: origin for student, (_, origin) in start.items()}}


def dated_movers(groups: Mapping[str, Any]) -> set[str]:
    return {str(as_dict(a).get(v.STUDENT)) for data in groups.values() for a in as_list(as_dict(data).get(v.ARRIVALS))}


def new_period_changes(ctx: DiffContext, year: str, period: str, previous: str,
                       files: Mapping[str, Pair]) -> tuple[list[Change], set[str]]:
    """(the summary and the placements that differ from the previous period, the students concerned).

    Dated moves inside the new period are left to the usual detector (they have their arrival)."""
    names = ctx.names
    new_groups = {group: pair[1] for group, pair in files.items()}
    old_groups = ctx.groups(ctx.new, year, previous)
    before = {s: g for g, data in sorted(old_groups.items(), reverse=True) for s in id_set(data, v.STUDENTS)}
    after = start_groups(new_groups)
    movers = dated_movers(new_groups)
    students = set(before) | set(after)
    kept = {s for s in students if before.get(s) == after.get(s) and s in after and s not in movers}
    placed = sorted(s for s in students - kept if before.get(s) != after.get(s))
    changed = sorted(students - kept)
    names.prefetch_students(changed)
    changes = [_placement(ctx, year, period, previous, s, before.get(s), after.get(s), new_groups) for s in placed]
    continued = sorted(set(new_groups) & set(old_groups))
    created = sorted(set(new_groups) - set(old_groups))
    dropped = sorted(set(old_groups) - set(new_groups))
    for group in continued:
        changes += _group_edits(ctx, year, period, previous, group, old_groups[group], new_groups[group])
    text = (f"{period} : {plural(len(continued), 'groupe')} repris de {previous} — "
            f"{plural(len(kept), 'élève')} {'maintenu' if len(kept) == 1 else 'maintenus'}, "
            f"{plural(len(changed), 'changement')}")
    if changed:
        shown = [names.student(s) for s in changed[:8]]
        text += f" ({', '.join(shown)}{', …' if len(changed) > 8 else ''})"
    extra = [f"{plural(len(created), 'nouveau groupe', 'nouveaux groupes')}"] if created else []
    extra += [f"non repris : {', '.join(quoted(names.group(year, previous, g)) for g in dropped)}"] if dropped else []
    if extra:
        text += " ; " + " ; ".join(extra)
    summary = Change("period_built", text, {
        "year": year, "period": period, "previous_period": previous, "continued": continued, "created": created,
        "dropped": dropped, "kept": len(kept), "changed": changed})
    return [summary, *changes], set(changed)


def _placement(ctx: DiffContext, year: str, period: str, previous: str, student: str, origin: str | None,
               target: str | None, groups: Mapping[str, Any]) -> Change:
    names = ctx.names
    name = names.student(student)
    bilan = ctx.bilan(year, previous, student)
    target_type = as_dict(groups.get(target)).get(v.CONTENT_TYPE) if target else None
    motif = as_dict(as_dict(groups.get(target)).get(v.PLACEMENT_REASONS)).get(student) if target else None
    reasons = [f"motif : {motif}"] if isinstance(motif, str) and motif else []
    decided = bilan_decides(bilan, target, target_type)
    if decided and bilan is not None:
        reasons.append(bilan_reason(bilan).replace("bilan :", f"bilan {previous} :", 1))
    said = f" ({' ; '.join(reasons)})" if reasons else " (sans motif écrit)"
    from_title = names.group(year, previous, origin) if origin else None
    to_title = names.group(year, period, target) if target else None
    fields: dict[str, Any] = {"year": year, "period": period, "student": student, "name": name,
                              "from_period": previous, "from_group": origin, "from_title": from_title,
                              "to_group": target, "to_title": to_title, "date": None,
                              "reason": motif if isinstance(motif, str) else None,
                              "bilan": _bilan_json(bilan) if decided else None}
    if origin and target:
        text = f"{period} : {name} passe de {quoted(str(from_title))} ({previous}) à {quoted(str(to_title))}{said}"
        return Change("student_moved", text, fields, (student,))
    if target:
        text = f"{period} : {name} rejoint {quoted(str(to_title))} (dans aucun groupe en {previous}){said}"
        return Change("student_joined_group", text, {**fields, "group": target, "title": to_title}, (student,))
    text = f"{period} : {name} n'est plus dans aucun groupe (était dans {quoted(str(from_title))} en {previous}){said}"
    return Change("student_left_group", text, {**fields, "group": origin, "title": from_title}, (student,))


def _group_edits(ctx: DiffContext, year: str, period: str, previous: str, group: str, old: Any, new: Any) -> list[Change]:
    """What changed in a continued group besides its students: title, type, teachers."""
    names = ctx.names
    title = names.group(year, period, group)
    base = {"year": year, "period": period, "group": group, "title": title, "previous_period": previous}
    changes = []
    for key in (v.TITLE, v.CONTENT_TYPE, v.BARRETTE):
        if plain(as_dict(old).get(key)) != plain(as_dict(new).get(key)):
            diff = {"field": key, "before": plain(as_dict(old).get(key)), "after": plain(as_dict(new).get(key))}
            changes.append(Change("group_changed", f"{period} : groupe {quoted(title)} modifié depuis {previous} "
                                  f"({key} : {diff['before']} → {diff['after']})", {**base, "changes": [diff]}))
    added = sorted(id_set(new, v.TEACHERS) - id_set(old, v.TEACHERS))
    removed = sorted(id_set(old, v.TEACHERS) - id_set(new, v.TEACHERS))
    if added or removed:
        parts = [f"{names.teacher(t)} ajouté(e)" for t in added] + [f"{names.teacher(t)} retiré(e)" for t in removed]
        changes.append(Change("teachers_changed", f"{period}, {quoted(title)} : enseignants depuis {previous} : "
                              f"{', '.join(parts)}", {**base, "added": added, "removed": removed}))
    return changes


def _bilan_json(bilan: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if bilan is None:
        return None
    return {key: plain(bilan.get(name)) for key, name in
            (("decision", v.DECISION), ("outcome", v.OUTCOME), ("reason", v.REASON), ("to_group", v.TO_GROUP))}
