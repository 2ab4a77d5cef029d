"""Changes of sessions (attendance), bilans, student files, staff, year and school."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aptui import vocab as v
from aptui.french import of
from aptui.gitsync.changes import (
    Change,
    as_dict,
    as_list,
    attendance_counts,
    changed_keys,
    counts_text,
    field_changes,
    fr_date,
    fr_hours,
    lower_first,
    mark_word,
    plain,
    quoted,
)
from aptui.gitsync.context import DiffContext

SESSION_FIELDS = (v.START, v.DURATION, v.ACTIVITY, v.NOTES)


def _keyed(items: Any, key: Callable[[Mapping[str, Any]], str]) -> dict[str, Mapping[str, Any]]:
    result: dict[str, Mapping[str, Any]] = {}
    for item in as_list(items):
        if isinstance(item, dict):
            name = key(item)
            while name in result:  # two items with the same key: keep both, in order
                name += "+"
            result[name] = item
    return result


# --- sessions ---------------------------------------------------------------------------------
def session_changes(ctx: DiffContext, year: str, period: str, group: str, old: Any, new: Any) -> list[Change]:
    title = ctx.names.group(year, period, group)
    where = f"{period} {quoted(title)}"
    base = {"year": year, "period": period, "group": group, "title": title}
    before = _keyed(as_dict(old).get(v.SESSIONS), lambda s: str(s.get(v.DATE)))
    after = _keyed(as_dict(new).get(v.SESSIONS), lambda s: str(s.get(v.DATE)))
    changes: list[Change] = []
    for key in sorted(set(before) | set(after)):
        old_s, new_s = before.get(key), after.get(key)
        fields = {**base, "date": key.rstrip("+")}
        if new_s is None:
            changes.append(Change("session_removed", f"Séance du {fr_date(key.rstrip('+'))}, {where} : supprimée",
                                  fields))
            continue
        attendance = _attendance(ctx, fields, where, old_s, new_s)
        if attendance is not None:
            changes.append(attendance)
        elif old_s is None:
            hours = fr_hours((new_s.get(v.DURATION) or 0) / 60) if isinstance(new_s.get(v.DURATION), int) else "?"
            activity = new_s.get(v.ACTIVITY)
            text = f"Séance prévue le {fr_date(fields['date'])}, {where} ({hours}" + (
                f", {activity})" if activity else ")")
            changes.append(Change("session_added", text, {**fields, "duration_min": plain(new_s.get(v.DURATION)),
                                                          "activity": plain(activity)}))
        if old_s is not None:
            diffs = field_changes(old_s, new_s, SESSION_FIELDS)
            if diffs:
                said = ", ".join(str(d["field"]) for d in diffs)
                changes.append(Change("session_changed", f"Séance du {fr_date(fields['date'])}, {where} : "
                                      f"{said} modifié(s)", {**fields, "changes": diffs}))
    return changes


def _attendance(ctx: DiffContext, fields: dict[str, Any], where: str, old_s: Mapping[str, Any] | None,
                new_s: Mapping[str, Any]) -> Change | None:
    before = {str(k): val for k, val in as_dict(as_dict(old_s).get(v.ATTENDANCE)).items()}
    after = {str(k): val for k, val in as_dict(new_s.get(v.ATTENDANCE)).items()}
    if before == after or not after:
        return None
    added = {s: str(m) for s, m in after.items() if s not in before}
    corrected = {s: (before[s], after[s]) for s in after if s in before and before[s] != after[s]}
    removed = sorted(s for s in before if s not in after)
    counts = attendance_counts(after)
    ctx.names.prefetch_students([*corrected, *removed])
    changed = [{"student": s, "name": ctx.names.student(s), "before": b, "after": a}
               for s, (b, a) in sorted(corrected.items())]
    day = fr_date(fields["date"])
    if (changed or removed) and not added:
        said = [f"{c['name']} {mark_word(c['before'])} → {mark_word(c['after'])}" for c in changed]
        said += [f"{ctx.names.student(s)} retiré(e) de l'appel" for s in removed]
        text = f"Appel du {day}, {where} corrigé : {', '.join(said)}"
    else:
        text = f"Appel du {day}, {where} : {counts_text(counts)}"
        if changed:
            text += f" ({len(changed)} marque(s) corrigée(s))"
        if removed:
            text += f" ({len(removed)} marque(s) retirée(s))"
    marks = {**added, **{s: str(a) for s, (_, a) in corrected.items()}}
    data = {**fields, "new_session": old_s is None, "counts": counts, "marked": len(added), "changed": changed}
    if removed:  # a mark taken back (e.g. the student had left the group): the reviewer must see it
        data["removed"] = [{"student": s, "name": ctx.names.student(s)} for s in removed]
    return Change("attendance", text, data, tuple(sorted({*marks, *removed})), marks)


# --- bilans -----------------------------------------------------------------------------------
def bilan_changes(ctx: DiffContext, year: str, period: str, old: Any, new: Any) -> list[Change]:
    before = as_dict(as_dict(old).get(v.BILANS))
    after = as_dict(as_dict(new).get(v.BILANS))
    students = sorted(set(map(str, before)) | set(map(str, after)))
    if ctx.names.focus is not None:  # one student's history: the others' bilans are not told
        students = [s for s in students if s in ctx.names.focus]
    # names only of the students whose bilan changed: a bilans file holds the whole school
    students = [s for s in students if plain(before.get(s)) != plain(after.get(s))]
    ctx.names.prefetch_students(students)
    changes = []
    for student in students:
        old_b, new_b = before.get(student), after.get(student)
        name = ctx.names.student(student)
        fields: dict[str, Any] = {"year": year, "period": period, "student": student, "name": name}
        if new_b is None:
            changes.append(Change("bilan_removed", f"Bilan {period} {of(name)} supprimé", fields, (student,)))
        elif old_b is None:
            changes.append(_bilan_written(ctx, fields, as_dict(new_b)))
        else:
            keys = changed_keys(old_b, new_b)
            diffs = field_changes(old_b, new_b, keys)
            changes.append(Change("bilan_changed", f"Bilan {period} {of(name)} modifié : {', '.join(keys)}",
                                  {**fields, "changes": diffs}, (student,)))
    return changes


def _bilan_written(ctx: DiffContext, fields: dict[str, Any], bilan: Mapping[str, Any]) -> Change:
    year, period = fields["year"], fields["period"]
    outcome = v.OUTCOME_LABELS.get(str(bilan.get(v.OUTCOME)), str(bilan.get(v.OUTCOME, "")))
    decision = str(bilan.get(v.DECISION, ""))
    said = lower_first(outcome) if outcome else "sans résultat"
    if decision == "changement":
        target = bilan.get(v.TO_GROUP)
        following = ctx.period_after(year, period)
        if isinstance(target, str):
            title = ctx.names.group(year, following, target) if following else target
            said += f", changement vers {quoted(title)}"
        else:
            kind = v.CONTENT_TYPE_LABELS.get(str(bilan.get(v.TO_TYPE)), str(bilan.get(v.TO_TYPE, "")))
            said += f", changement vers un groupe {lower_first(kind)}" if kind else ", changement de groupe"
    elif decision:
        said += ", " + lower_first(v.DECISION_LABELS.get(decision, decision))
    if bilan.get(v.REASON):
        said += f" ({bilan[v.REASON]})"
    author = bilan.get(v.AUTHOR)
    if isinstance(author, str):
        said += f" — {ctx.names.teacher(author)}"
    details = {"author": plain(author), "outcome": plain(bilan.get(v.OUTCOME)), "decision": plain(decision or None),
               "to_group": plain(bilan.get(v.TO_GROUP)), "to_type": plain(bilan.get(v.TO_TYPE)),
               "reason": plain(bilan.get(v.REASON))}
    return Change("bilan_written", f"Bilan {period} {of(fields['name'])} : {said}", {**fields, **details},
                  (fields["student"],))


# --- student files ----------------------------------------------------------------------------
TRACKED_STUDENT_KEYS = (v.INTERVIEWS, v.DIAGNOSTICS, v.CONTRACT, v.PROFILES, v.LEFT_ON)


def student_changes(ctx: DiffContext, student: str, old: Any, new: Any) -> list[Change]:
    name = ctx.names.student(student)
    base: dict[str, Any] = {"student": student, "name": name}
    who = (student,)
    if old is None or new is None:
        divisions = plain(as_dict(as_dict(new if old is None else old).get(v.DIVISIONS)))
        where = ", ".join(f"{d} en {y}" for y, d in sorted(divisions.items()))
        if old is None:
            return [Change("student_created", f"Nouvel élève : {name}" + (f" ({where})" if where else ""),
                           {**base, "divisions": divisions}, who)]
        return [Change("student_deleted", f"Fiche {of(name)} supprimée", base, who)]
    changes = _student_lists(ctx, base, old, new)
    changes += _profiles(base, old, new)
    left_before, left_after = as_dict(old).get(v.LEFT_ON), as_dict(new).get(v.LEFT_ON)
    if plain(left_before) != plain(left_after) and left_after is not None:
        changes.append(Change("student_left_school", f"{name} a quitté l'établissement le {fr_date(left_after)}",
                              {**base, "date": plain(left_after)}, who))
    others = changed_keys(old, new, skip=TRACKED_STUDENT_KEYS)
    if others or (left_after is None and left_before is not None):
        keys = others + ([v.LEFT_ON] if left_after is None and left_before is not None else [])
        changes.append(Change("student_changed", f"Fiche {of(name)} modifiée : {', '.join(keys)}",
                              {**base, "fields": keys}, who))
    return changes


def _student_lists(ctx: DiffContext, base: dict[str, Any], old: Any, new: Any) -> list[Change]:
    name, who = base["name"], (base["student"],)
    changes = []
    interviews = _keyed(as_dict(old).get(v.INTERVIEWS), lambda i: f"{i.get(v.DATE)} {i.get(v.TEACHER)}")
    for key, item in _keyed(as_dict(new).get(v.INTERVIEWS), lambda i: f"{i.get(v.DATE)} {i.get(v.TEACHER)}").items():
        if key not in interviews:
            teacher = str(item.get(v.TEACHER, ""))
            changes.append(Change("interview_added", f"Entretien {of(name)} le {fr_date(item.get(v.DATE))} avec "
                                  f"{ctx.names.teacher(teacher)}",
                                  {**base, "date": plain(item.get(v.DATE)), "teacher": teacher}, who))
    tests = _keyed(as_dict(old).get(v.DIAGNOSTICS), lambda d: f"{d.get(v.DATE)} {d.get(v.TOOL)}")
    for key, item in _keyed(as_dict(new).get(v.DIAGNOSTICS), lambda d: f"{d.get(v.DATE)} {d.get(v.TOOL)}").items():
        if key not in tests:
            changes.append(Change("diagnostic_added", f"Diagnostic {of(name)} le {fr_date(item.get(v.DATE))} : "
                                  f"{item.get(v.TOOL, '')}", {**base, "date": plain(item.get(v.DATE)),
                                                              "tool": plain(item.get(v.TOOL))}, who))
    objectives = _keyed(as_dict(as_dict(old).get(v.CONTRACT)).get(v.OBJECTIVES), lambda o: str(o.get(v.LABEL)))
    for key, item in _keyed(as_dict(as_dict(new).get(v.CONTRACT)).get(v.OBJECTIVES),
                            lambda o: str(o.get(v.LABEL))).items():
        status = str(item.get(v.STATUS, ""))
        label = v.OBJECTIVE_STATUS_LABELS.get(status, status)
        if key not in objectives:
            changes.append(Change("objective_added", f"Contrat {of(name)} : objectif « {key} » ajouté ({lower_first(label)})",
                                  {**base, "label": key, "status": status}, who))
        elif str(objectives[key].get(v.STATUS, "")) != status:
            changes.append(Change("objective_changed", f"Contrat {of(name)} : objectif « {key} » "
                                  f"{lower_first(label)}", {**base, "label": key, "before":
                                                            plain(objectives[key].get(v.STATUS)), "after": status}, who))
    return changes


def _profiles(base: dict[str, Any], old: Any, new: Any) -> list[Change]:
    before, after = as_dict(as_dict(old).get(v.PROFILES)), as_dict(as_dict(new).get(v.PROFILES))
    changes = []
    for year in sorted(set(map(str, after))):
        if after.get(year) != before.get(year):
            label = v.PROFILE_LABELS.get(str(after.get(year)), str(after.get(year)))
            changes.append(Change("profile_changed", f"Profil {of(base['name'])} en {year} : {label}",
                                  {**base, "year": year, "before": plain(before.get(year)),
                                   "after": plain(after.get(year))}, (base["student"],)))
    return changes


# --- staff, year, school ---------------------------------------------------------------------
def staff_changes(ctx: DiffContext, old: Any, new: Any) -> list[Change]:
    before = _keyed(as_dict(old).get(v.TEACHERS), lambda t: str(t.get(v.ID)))
    after = _keyed(as_dict(new).get(v.TEACHERS), lambda t: str(t.get(v.ID)))
    changes = []
    for teacher in sorted(set(before) | set(after)):
        old_t, new_t = before.get(teacher), after.get(teacher)
        data = as_dict(new_t or old_t)
        name = f"{data.get(v.FIRST_NAME, '')} {data.get(v.NAME, '')}".strip() or teacher
        fields = {"teacher": teacher, "name": name}
        if old_t is None:
            changes.append(Change("teacher_added", f"Équipe : {name} ajouté(e)", fields))
        elif new_t is None:
            changes.append(Change("teacher_removed", f"Équipe : {name} retiré(e)", fields))
        elif plain(old_t) != plain(new_t):
            keys = changed_keys(old_t, new_t)
            changes.append(Change("teacher_changed", f"Équipe : fiche {of(name)} modifiée ({', '.join(keys)})",
                                  {**fields, "fields": keys}))
    return changes


YEAR_LISTS: tuple[tuple[str, str, Callable[[Mapping[str, Any]], str]], ...] = (
    (v.PERIODS, "période", lambda p: str(p.get(v.ID))),
    (v.BARRETTES, "barrette", lambda b: str(b.get(v.ID))),
    (v.EXEMPTIONS, "dispense", lambda d: str(d.get(v.STUDENT))),
)
ACTIONS = {"added": "ajoutée", "removed": "supprimée", "changed": "modifiée"}


def year_changes(ctx: DiffContext, year: str, old: Any, new: Any) -> list[Change]:
    if old is None or new is None:
        data = as_dict(new if old is None else old)
        periods = [str(p.get(v.ID)) for p in as_list(data.get(v.PERIODS)) if isinstance(p, dict)]
        verb, action = ("créée", "added") if old is None else ("supprimée", "removed")
        said = f" (périodes : {', '.join(periods)})" if periods and old is None else ""
        return [Change("year_changed", f"Année {year} {verb}{said}",
                       {"year": year, "item": "year", "key": year, "action": action})]
    from aptui.gitsync.detect_calendar import calendar_changes

    changes = calendar_changes(year, v.CLOSURES, old, new) + calendar_changes(year, v.OPENINGS, old, new)
    for key, word, ident in YEAR_LISTS:
        before = _keyed(as_dict(old).get(key), ident)
        after = _keyed(as_dict(new).get(key), ident)
        for name in sorted(set(before) | set(after)):
            action = "added" if name not in before else "removed" if name not in after else "changed"
            if action == "changed" and plain(before[name]) == plain(after[name]):
                continue
            label = ctx.names.student(name) if key == v.EXEMPTIONS else name
            changes.append(Change("year_changed", f"Calendrier {year} : {word} {label} {ACTIONS[action]}",
                                  {"year": year, "item": key, "key": name, "action": action}))
    others = changed_keys(old, new, skip=[key for key, _, _ in YEAR_LISTS] + [v.CLOSURES, v.OPENINGS])
    if others:
        changes.append(Change("year_changed", f"Calendrier {year} : {', '.join(others)} modifié(s)",
                              {"year": year, "item": "fields", "key": ", ".join(others), "action": "changed"}))
    return changes


def school_changes(old: Any, new: Any) -> list[Change]:
    if old is None:
        name = as_dict(new).get(v.NAME) or "école"
        return [Change("school_changed", f"Établissement créé : {name}", {"changes": []})]
    keys = changed_keys(old, new)
    if not keys:
        return []
    diffs = field_changes(old, new, keys)
    said = "; ".join(f"{d['field']} : {d['before']} → {d['after']}" for d in diffs)
    return [Change("school_changed", f"Établissement : {said}", {"changes": diffs})]
