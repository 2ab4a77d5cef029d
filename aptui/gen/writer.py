"""Write a planned school as YAML text, following docs/format.md exactly.

Files are written by small emitter functions, never by a YAML dumper: dates
unquoted ISO, times quoted, one student id per line and sorted, every file
opening with its schema line (the JSON Schemas themselves come from scaffold).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from aptui import layout
from aptui import vocab as v
from aptui.gen.plan import GenGroup, GenStudent, GenYear, SchoolPlan
from aptui.layout import Kind

_PLAIN_TEXT = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9 ,.;'’()/+?!«»\-]*")
_YAML_WORDS = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null"])

def text(value: str) -> str:
    """A free-text scalar: plain when it reads the same in every YAML reader, else quoted."""
    safe = (
        _PLAIN_TEXT.fullmatch(value) is not None
        and value == value.strip()
        and value.lower() not in _YAML_WORDS
        and not value.endswith((" ?", " !"))
    )
    return value if safe else json.dumps(value, ensure_ascii=False)

def _day(value: date) -> str:
    return value.isoformat()

def _ids(key: str, ids: list[str], indent: str = "") -> list[str]:
    """A list of ids, one per line, sorted (readable diffs)."""
    if not ids:
        return [f"{indent}{key}: []"]
    return [f"{indent}{key}:"] + [f"{indent}  - {i}" for i in sorted(ids)]

def _document(rel_path: str, kind: Kind, lines: list[str]) -> str:
    return "\n".join([layout.schema_header(rel_path, kind), *lines]) + "\n"

# -- one emitter per kind of file --------------------------------------------------------------
def school_text(plan: SchoolPlan) -> str:
    lines = [
        f"{v.NAME}: {text(plan.name)}",
        f"{v.UAI}: {plan.uai}",
        f"{v.ACADEMY}: {text(plan.academy)}",
        f"{v.ZONE}: {plan.zone}",
        f"{v.PILOTE}: {plan.pilote}",
        f'{v.PRESET}: "2009"',
    ]
    return _document("school.yaml", Kind.SCHOOL, lines)

def staff_text(plan: SchoolPlan) -> str:
    lines = [f"{v.TEACHERS}:"]
    for teacher in plan.teachers:
        lines += [
            f"  - {v.ID}: {teacher.id}",
            f"    {v.NAME}: {text(teacher.last_name)}",
            f"    {v.FIRST_NAME}: {text(teacher.first_name)}",
            f"    {v.SUBJECTS}: [{', '.join(teacher.subjects)}]",
        ]
    return _document("staff.yaml", Kind.STAFF, lines)

def student_text(student: GenStudent) -> str:
    lines = [f"{v.ID}: {student.id}", f"{v.NAME}: {text(student.last_name)}",
             f"{v.FIRST_NAME}: {text(student.first_name)}", f"{v.DIVISIONS}:"]
    lines += [f"  {year}: {division}" for year, division in sorted(student.divisions.items())]
    lines += [f"{v.PROFILES}:"] + [f"  {year}: {p}" for year, p in sorted(student.profiles.items())]
    if student.needs:
        lines.append(f"{v.NEEDS}:")
        for kind, detail in student.needs:
            lines += [f"  - {v.NEED_TYPE}: {kind}", f"    {v.DETAIL}: {text(detail)}"]
    if student.diagnostics:
        lines.append(f"{v.DIAGNOSTICS}:")
        for day, tool, result in sorted(student.diagnostics):
            lines += [f"  - {v.DATE}: {_day(day)}", f"    {v.TOOL}: {text(tool)}",
                      f"    {v.RESULT}: {text(result)}"]
    if student.interviews:
        lines.append(f"{v.INTERVIEWS}:")
        for day, teacher, notes in sorted(student.interviews):
            lines += [f"  - {v.DATE}: {_day(day)}", f"    {v.TEACHER}: {teacher}",
                      f"    {v.NOTES}: {text(notes)}"]
    if student.objectives:
        lines += [f"{v.CONTRACT}:", f"  {v.OBJECTIVES}:"]
        for label, status in student.objectives:
            lines += [f"    - {v.LABEL}: {text(label)}", f"      {v.STATUS}: {status}"]
    if student.tutor:
        lines.append(f"{v.TUTOR}: {student.tutor}")
    if student.project:
        lines.append(f"{v.STUDY_PROJECT}: {text(student.project)}")
    if student.passerelle:
        lines.append(f"{v.PASSERELLE}: true")
    if student.left_on:
        lines.append(f"{v.LEFT_ON}: {_day(student.left_on)}")
    return _document(layout.student_path(student.id), Kind.STUDENT, lines)

def year_text(year: GenYear) -> str:
    lines = [
        f"{v.YEAR}: {year.id}",
        f"{v.FIRST_DAY}: {_day(year.first_day)}",
        f"{v.LAST_DAY}: {_day(year.last_day)}",
        f"{v.CLOSURES}:",
    ]
    for start, end, reason in year.closures:
        lines += [f"  - {v.FROM}: {_day(start)}", f"    {v.TO}: {_day(end)}",
                  f"    {v.REASON}: {text(reason)}"]
    for start, end, reason, level in year.level_closures:
        lines += [f"  - {v.FROM}: {_day(start)}", f"    {v.TO}: {_day(end)}",
                  f"    {v.REASON}: {text(reason)}", f"    {v.CLOSURE_LEVELS}: [{level}]"]
    lines += [f"{v.OPENINGS}: []", f"{v.PERIODS}:"]
    for period in year.periods:
        lines += [f"  - {v.ID}: {period.id}", f"    {v.START}: {_day(period.start)}",
                  f"    {v.END}: {_day(period.end)}"]
    lines.append(f"{v.BARRETTES}:")
    for barrette in year.barrettes:
        lines += [
            f"  - {v.ID}: {barrette.id}",
            f"    {v.WEEKDAY}: {v.WEEKDAYS[barrette.weekday]}",
            f'    {v.START}: "{barrette.start}"',
            f"    {v.DURATION}: {barrette.duration}",
            f"    {v.DIVISIONS}: [{', '.join(barrette.divisions)}]",
        ]
    if year.exemptions:
        lines.append(f"{v.EXEMPTIONS}:")
        for exemption in sorted(year.exemptions, key=lambda e: e.student):
            lines.append(f"  - {v.STUDENT}: {exemption.student}")
            if exemption.periods is not None:
                lines.append(f"    {v.PERIODS}: [{', '.join(exemption.periods)}]")
            lines.append(f"    {v.REASON}: {text(exemption.reason)}")
    return _document(layout.year_path(year.id), Kind.YEAR, lines)

def division_text(year: GenYear, division_id: str) -> str:
    division = year.divisions[division_id]
    lines = [f"{v.LEVEL}: {division.level}", f"{v.FORMATION}: {division.formation}"]
    if division.previous:
        lines.append(f"{v.PREVIOUS}: {division.previous}")
    lines += _ids(v.STUDENTS, division.students)
    spans = year.work_placements.get(division_id, [])
    if spans:
        lines.append(f"{v.WORK_PLACEMENTS}:")
        for start, end, reason in spans:
            lines += [f"  - {v.FROM}: {_day(start)}", f"    {v.TO}: {_day(end)}", f"    {v.REASON}: {text(reason)}"]
    return _document(layout.division_path(year.id, division_id), Kind.DIVISION, lines)

def group_text(year: GenYear, group: GenGroup) -> str:
    lines = [
        f"{v.TITLE}: {text(group.title)}",
        f"{v.CONTENT_TYPE}: {group.template.kind}",
        f"{v.BARRETTE}: {group.barrette}",
        f"{v.TEACHERS}:",
        *[f"  - {t}" for t in group.teachers],
        *_ids(v.STUDENTS, group.end_members),
    ]
    if group.arrivals:
        lines.append(f"{v.ARRIVALS}:")
        for arrival in group.arrivals:
            lines += [
                f"  - {v.DATE}: {_day(arrival.day)}",
                f"    {v.STUDENT}: {arrival.student}",
                f"    {v.FROM_GROUP}: {arrival.from_group}",
                f"    {v.REASON}: {text(arrival.reason)}",
            ]
    return _document(layout.group_path(year.id, group.period, group.id), Kind.GROUP, lines)

def sessions_text(year: GenYear, group: GenGroup, start: str) -> str:
    lines = [f"{v.SESSIONS}:"] if group.sessions else [f"{v.SESSIONS}: []"]
    for session in group.sessions:
        lines += [
            f"  - {v.DATE}: {_day(session.day)}",
            f'    {v.START}: "{start}"',
            f"    {v.DURATION}: {session.duration}",
            f"    {v.ACTIVITY}: {text(session.activity)}",
        ]
        if session.notes:
            lines.append(f"    {v.NOTES}: {text(session.notes)}")
        if session.marks:
            lines.append(f"    {v.ATTENDANCE}:")
            lines += [f"      {sid}: {session.marks[sid]}" for sid in sorted(session.marks)]
        else:
            lines.append(f"    {v.ATTENDANCE}: {{}}")
    return _document(layout.sessions_path(year.id, group.period, group.id), Kind.SESSIONS, lines)

def bilans_text(year: GenYear, period_id: str) -> str:
    entries = year.bilans.get(period_id, {})
    lines = [f"{v.BILANS}:"] if entries else [f"{v.BILANS}: {{}}"]
    for sid in sorted(entries):
        bilan = entries[sid]
        lines += [
            f"  {sid}:",
            f"    {v.AUTHOR}: {bilan.author}",
            f"    {v.DATE}: {_day(bilan.day)}",
            f"    {v.OUTCOME}: {bilan.outcome}",
            f"    {v.COMMENT}: {text(bilan.comment)}",
            f"    {v.DECISION}: {bilan.decision}",
        ]
        if bilan.to_group:
            lines.append(f"    {v.TO_GROUP}: {bilan.to_group}")
        if bilan.reason:
            lines.append(f"    {v.REASON}: {text(bilan.reason)}")
    return _document(layout.bilans_path(year.id, period_id), Kind.BILANS, lines)

# -- the whole school ------------------------------------------------------------------------
def school_files(plan: SchoolPlan) -> dict[str, str]:
    """Every school file, by path relative to the root."""
    files = {"school.yaml": school_text(plan), "staff.yaml": staff_text(plan)}
    for sid in sorted(plan.students):
        files[layout.student_path(sid)] = student_text(plan.students[sid])
    for year in plan.years:
        files[layout.year_path(year.id)] = year_text(year)
        for division_id in sorted(year.divisions):
            files[layout.division_path(year.id, division_id)] = division_text(year, division_id)
        starts = {b.id: b.start for b in year.barrettes}
        for period in year.periods:
            for group_id in sorted(year.groups.get(period.id, {})):
                group = year.groups[period.id][group_id]
                files[layout.group_path(year.id, period.id, group_id)] = group_text(year, group)
                files[layout.sessions_path(year.id, period.id, group_id)] = sessions_text(
                    year, group, starts[group.barrette])
            files[layout.bilans_path(year.id, period.id)] = bilans_text(year, period.id)
    return files

def write_files(root: Path, files: dict[str, str]) -> None:
    for rel_path in sorted(files):
        target = root / rel_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[rel_path].encode("utf-8"))
