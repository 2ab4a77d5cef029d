"""Changes of needs groups and divisions: who moved where, and why.

Group files are looked at a whole period at a time: a student who left one
group and arrived in another of the same barrette *moved*; the reason is the
dated arrival (``arrivees``) written in the new group, or else the bilan of
the previous period that decided the change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aptui import vocab as v
from aptui.gitsync.changes import (
    Change,
    as_dict,
    as_list,
    bilan_reason,
    field_changes,
    fr_date,
    id_set,
    plain,
    plural,
    quoted,
)
from aptui.gitsync.context import DiffContext
from aptui.gitsync.detect_calendar import pfmp_changes
from aptui.gitsync.detect_periods import bilan_decides, is_new_period, new_period_changes
from aptui.layout import group_path

Pair = tuple[Any, Any]  # (old parsed file or None, new parsed file or None)


def group_changes(ctx: DiffContext, year: str, period: str, files: Mapping[str, Pair]) -> list[Change]:
    """Every change in the group files of one period."""
    previous = is_new_period(ctx, year, period, files)
    if previous is not None:
        return _new_period(ctx, year, period, previous, files)
    changes: list[Change] = []
    for group_id, (old, new) in sorted(files.items()):
        changes.extend(_lifecycle(ctx, year, period, group_id, old, new))
    changes.extend(_memberships(ctx, year, period, files))
    return changes


def _new_period(ctx: DiffContext, year: str, period: str, previous: str, files: Mapping[str, Pair]) -> list[Change]:
    """A period built from the previous one: a summary, the placements that differ, the dated moves."""
    changes, _ = new_period_changes(ctx, year, period, previous, files)
    for group_id, (_, new) in sorted(files.items()):
        if group_id not in ctx.groups(ctx.new, year, previous):
            changes.extend(_lifecycle(ctx, year, period, group_id, None, new))
        for arrival in as_list(as_dict(new).get(v.ARRIVALS)):
            if isinstance(arrival, dict) and isinstance(arrival.get(v.FROM_GROUP), str):
                student = str(arrival.get(v.STUDENT))
                if ctx.names.focus is None or student in ctx.names.focus:
                    changes.append(_moved(ctx, year, period, student, str(arrival[v.FROM_GROUP]), group_id, arrival))
    if ctx.names.focus is not None:
        changes = [c for c in changes if not c.students or set(c.students) & ctx.names.focus]
    return changes


def _reasons(ctx: DiffContext, year: str, period: str, student: str, target: str) -> tuple[str | None, Mapping[str, Any] | None]:
    """(the group file's motif for this placement, the previous bilan if it decided this move)."""
    data = as_dict(ctx.new.data(group_path(year, period, target)))
    motif = as_dict(data.get(v.PLACEMENT_REASONS)).get(student)
    bilan = ctx.bilan(year, ctx.period_before(year, period), student)
    decided = bilan if bilan_decides(bilan, target, data.get(v.CONTENT_TYPE)) else None
    return (motif if isinstance(motif, str) and motif else None), decided


def _bilan_json(bilan: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if bilan is None:
        return None
    return {key: plain(bilan.get(name)) for key, name in
            (("decision", v.DECISION), ("outcome", v.OUTCOME), ("reason", v.REASON), ("to_group", v.TO_GROUP))}


def _lifecycle(ctx: DiffContext, year: str, period: str, group_id: str, old: Any, new: Any) -> list[Change]:
    names = ctx.names
    base = {"year": year, "period": period, "group": group_id}
    if old is None or new is None:
        data = as_dict(new if old is None else old)
        title = str(data.get(v.TITLE) or group_id)
        kind = v.CONTENT_TYPE_LABELS.get(str(data.get(v.CONTENT_TYPE)), str(data.get(v.CONTENT_TYPE, "")))
        teachers = sorted(id_set(data, v.TEACHERS))
        size = len(id_set(data, v.STUDENTS))
        fields = {**base, "title": title, "content_type": plain(data.get(v.CONTENT_TYPE)),
                  "teachers": teachers, "students": size}
        if old is None:
            text = (f"{period} : groupe {quoted(title)} créé ({kind}, {names.teachers(teachers)}, "
                    f"{plural(size, 'élève')})")
            return [Change("group_created", text, fields)]
        return [Change("group_deleted", f"{period} : groupe {quoted(title)} supprimé", fields)]
    title = names.group(year, period, group_id)
    changes = []
    diffs = field_changes(old, new, (v.TITLE, v.CONTENT_TYPE, v.BARRETTE))
    if diffs:
        said = "; ".join(f"{d['field']} : {d['before']} → {d['after']}" for d in diffs)
        changes.append(Change("group_changed", f"{period} : groupe {quoted(title)} modifié ({said})",
                              {**base, "title": title, "changes": diffs}))
    before, after = id_set(old, v.TEACHERS), id_set(new, v.TEACHERS)
    if before != after:
        added, removed = sorted(after - before), sorted(before - after)
        parts = [f"{names.teacher(t)} ajouté(e)" for t in added] + [f"{names.teacher(t)} retiré(e)" for t in removed]
        changes.append(Change("teachers_changed", f"{period}, {quoted(title)} : enseignants : {', '.join(parts)}",
                              {**base, "title": title, "added": added, "removed": removed}))
    return changes


def _barrette(pair: Pair) -> str:
    old, new = pair
    return str(as_dict(new).get(v.BARRETTE) or as_dict(old).get(v.BARRETTE) or "")


def _new_arrivals(old: Any, new: Any) -> dict[str, Mapping[str, Any]]:
    """student -> the arrival entry that appeared in a group file."""
    def keyed(data: Any) -> dict[tuple[str, str], Mapping[str, Any]]:
        return {(str(a.get(v.STUDENT)), str(a.get(v.DATE))): a
                for a in as_list(as_dict(data).get(v.ARRIVALS)) if isinstance(a, dict)}
    before = keyed(old)
    return {student: entry for (student, day), entry in keyed(new).items() if (student, day) not in before}


def _memberships(ctx: DiffContext, year: str, period: str, files: Mapping[str, Pair]) -> list[Change]:
    removed: dict[str, list[str]] = {}
    added: dict[str, list[str]] = {}
    arrivals: dict[tuple[str, str], Mapping[str, Any]] = {}
    for group_id, (old, new) in sorted(files.items()):
        before, after = id_set(old, v.STUDENTS), id_set(new, v.STUDENTS)
        for student in sorted(before - after):
            removed.setdefault(student, []).append(group_id)
        for student in sorted(after - before):
            added.setdefault(student, []).append(group_id)
        for student, entry in _new_arrivals(old, new).items():
            arrivals[(student, group_id)] = entry
    concerned = set(removed) | set(added)
    if ctx.names.focus is not None:  # one student's history: the others' moves are not told
        concerned &= ctx.names.focus
    ctx.names.prefetch_students(concerned)
    changes: list[Change] = []
    for student in sorted(concerned):
        left = list(removed.get(student, []))
        for group_id in added.get(student, []):
            arrival = arrivals.get((student, group_id))
            origin = _origin(left, group_id, files, arrival)
            if origin is not None:
                if origin in left:
                    left.remove(origin)
                changes.append(_moved(ctx, year, period, student, origin, group_id, arrival))
            else:
                changes.append(_joined(ctx, year, period, student, group_id))
        for group_id in left:
            name = ctx.names.student(student)
            title = ctx.names.group(year, period, group_id)
            changes.append(Change("student_left_group", f"{period} : {name} quitte {quoted(title)}",
                                  {"year": year, "period": period, "student": student, "name": name,
                                   "group": group_id, "title": title}, (student,)))
    return changes


def _origin(left: list[str], to_group: str, files: Mapping[str, Pair],
            arrival: Mapping[str, Any] | None) -> str | None:
    """The group a student came from: the arrival's ``depuis``, else a group left in the same barrette."""
    if arrival is not None and isinstance(arrival.get(v.FROM_GROUP), str):
        return str(arrival[v.FROM_GROUP])
    barrette = _barrette(files[to_group])
    same = [g for g in left if _barrette(files[g]) == barrette]
    candidates = same or left
    return candidates[0] if candidates else None


def _moved(ctx: DiffContext, year: str, period: str, student: str, origin: str, target: str,
           arrival: Mapping[str, Any] | None) -> Change:
    names = ctx.names
    name = names.student(student)
    from_title, to_title = names.group(year, period, origin), names.group(year, period, target)
    motif, bilan = (arrival.get(v.REASON), None) if arrival else _reasons(ctx, year, period, student, target)
    text = f"{period} : {name} passe de {quoted(from_title)} à {quoted(to_title)}"
    if arrival is not None:
        text += f" le {fr_date(arrival.get(v.DATE))}" + (f" (motif : {motif})" if motif else " (sans motif écrit)")
    else:
        said = ([f"motif : {motif}"] if motif else []) + ([bilan_reason(bilan)] if bilan is not None else [])
        text += f" ({' ; '.join(said)})" if said else " (sans motif écrit)"
    fields = {"year": year, "period": period, "student": student, "name": name,
              "from_group": origin, "from_title": from_title, "to_group": target, "to_title": to_title,
              "date": plain(arrival.get(v.DATE)) if arrival else None,
              "reason": plain(motif),
              "bilan": _bilan_json(bilan)}
    return Change("student_moved", text, fields, (student,))


def _joined(ctx: DiffContext, year: str, period: str, student: str, group_id: str) -> Change:
    names = ctx.names
    name, title = names.student(student), names.group(year, period, group_id)
    previous = ctx.previous_group(year, period, student)
    motif, bilan = _reasons(ctx, year, period, student, group_id)
    text = f"{period} : {name} rejoint {quoted(title)}"
    details = []
    if previous is not None:
        before = names.group(year, previous[0], previous[1])
        same = previous[1] == group_id or before == title  # back in the group it was in: not « venant de » itself
        details.append(f"comme en {previous[0]}" if same else f"venant de {quoted(before)} en {previous[0]}")
    if motif:
        details.append(f"motif : {motif}")
    if bilan is not None:
        details.append(bilan_reason(bilan))
    if details:
        text += " (" + " ; ".join(details) + ")"
    fields = {"year": year, "period": period, "student": student, "name": name, "group": group_id,
              "title": title, "previous_period": previous[0] if previous else None,
              "previous_group": previous[1] if previous else None, "reason": motif, "bilan": _bilan_json(bilan)}
    return Change("student_joined_group", text, fields, (student,))


def division_changes(ctx: DiffContext, year: str, files: Mapping[str, Pair]) -> list[Change]:
    """Every change in the division files of one year."""
    changes: list[Change] = []
    removed: dict[str, str] = {}
    added: dict[str, str] = {}
    whole: set[str] = set()
    for division, (old, new) in sorted(files.items()):
        base = {"year": year, "division": division}
        if old is None or new is None:
            whole.add(division)
            data = as_dict(new if old is None else old)
            size = len(id_set(data, v.STUDENTS))
            kind = "division_created" if old is None else "division_deleted"
            verb = "créée" if old is None else "supprimée"
            changes.append(Change(kind, f"Division {division} ({year}) {verb} ({plural(size, 'élève')})",
                                  {**base, "level": plain(data.get(v.LEVEL)), "students": size}))
        else:
            diffs = field_changes(old, new, (v.LEVEL, v.FORMATION, v.PREVIOUS))
            if diffs:
                said = "; ".join(f"{d['field']} : {d['before']} → {d['after']}" for d in diffs)
                changes.append(Change("division_changed", f"Division {division} modifiée ({said})",
                                      {**base, "changes": diffs}))
            changes += pfmp_changes(year, division, old, new)
        before, after = id_set(old, v.STUDENTS), id_set(new, v.STUDENTS)
        removed.update(dict.fromkeys(before - after, division))
        added.update(dict.fromkeys(after - before, division))
    ctx.names.prefetch_students(set(removed) | set(added))
    for student in sorted(set(removed) | set(added)):
        changes.extend(_division_move(ctx, year, student, removed.get(student), added.get(student), whole))
    return changes


def _division_move(ctx: DiffContext, year: str, student: str, source: str | None, target: str | None,
                   whole: set[str]) -> list[Change]:
    name = ctx.names.student(student)
    fields: dict[str, Any] = {"year": year, "student": student, "name": name}
    if source and target:
        return [Change("division_change", f"{name} change de division : {source} → {target} ({year})",
                       {**fields, "from_division": source, "to_division": target}, (student,))]
    if target and target not in whole:
        return [Change("division_arrival", f"{name} arrive en {target} ({year})",
                       {**fields, "division": target}, (student,))]
    if source and source not in whole:
        return [Change("division_departure", f"{name} quitte la division {source} ({year})",
                       {**fields, "division": source}, (student,))]
    return []
