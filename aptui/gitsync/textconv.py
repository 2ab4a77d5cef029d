"""``aptui textconv FILE``: a school file in domain words, one fact per line.

Installed as git's ``diff.aptui.textconv``, it makes ``git diff`` and
``git log -p`` read like a list of facts (« élève : Léa Martin (e2024-017) »)
instead of YAML.  Each object (a group, a session, a student's bilan, an
interview) starts with an unindented heading and its facts are indented, so
that ``diff.aptui.xfuncname = ^([^ ].*)$`` makes every hunk header name the
group, the session or the student concerned.

Git hands textconv a temporary copy of old versions, so the kind of file is
recognised from its keys, not from its name.  Names are read from the school
in the current folder (where git runs the command).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from aptui import vocab as v
from aptui.gitsync.changes import as_dict, as_list, fr_date, plain
from aptui.gitsync.conflicts import student_names
from aptui.load.source import parse_source

XFUNCNAME = "^([^ ].*)$"

Names = Callable[[str], str]


def school_root(start: Path) -> Path:
    """The nearest folder holding school.yaml (else the start folder)."""
    for folder in (start, *start.parents):
        if (folder / "school.yaml").is_file():
            return folder
    return start


def teacher_names(root: Path) -> Names:
    names: dict[str, str] = {}
    try:
        parsed, _ = parse_source((root / "staff.yaml").read_bytes(), "staff.yaml")
    except OSError:
        parsed = None
    for item in as_list(as_dict(parsed.data if parsed else None).get(v.TEACHERS)):
        if isinstance(item, dict) and isinstance(item.get(v.ID), str):
            names[item[v.ID]] = f"{item.get(v.FIRST_NAME, '')} {item.get(v.NAME, '')} ({item[v.ID]})".strip()
    return lambda teacher: names.get(teacher, teacher)


def render(raw: bytes, root: Path) -> str:
    """The facts of a school file; the raw text when it cannot be read as YAML."""
    parsed, _ = parse_source(raw, "textconv")
    data = parsed.data if parsed is not None else None
    if not isinstance(data, dict):
        return raw.decode("utf-8", errors="replace")
    students, teachers = student_names(root), teacher_names(root)
    if v.SESSIONS in data:
        lines = list(_sessions(data, students))
    elif v.BILANS in data:
        lines = list(_bilans(data, students, teachers))
    elif v.TITLE in data or v.BARRETTE in data:
        lines = list(_group(data, students, teachers))
    elif v.FIRST_NAME in data and v.ID in data:
        lines = list(_student(data, teachers))
    elif v.LEVEL in data:
        lines = list(_division(data, students))
    else:
        lines = list(_generic(data))
    return "\n".join(lines) + "\n"


def _fact(label: str, value: Any) -> str:
    text = str(plain(value)) if not isinstance(value, str) else value
    return f"  {label} : {' '.join(text.split())}"


def _group(data: dict[str, Any], students: Names, teachers: Names) -> Iterator[str]:
    yield f"Groupe « {data.get(v.TITLE, '?')} » ({data.get(v.CONTENT_TYPE, '?')}, barrette {data.get(v.BARRETTE, '?')})"
    for teacher in as_list(data.get(v.TEACHERS)):
        yield _fact("enseignant", teachers(str(teacher)))
    for student in as_list(data.get(v.STUDENTS)):
        yield _fact("élève", students(str(student)))
    for arrival in as_list(data.get(v.ARRIVALS)):
        arrival = as_dict(arrival)
        yield f"Arrivée de {students(str(arrival.get(v.STUDENT)))} le {fr_date(plain(arrival.get(v.DATE)))}"
        yield _fact("depuis", arrival.get(v.FROM_GROUP, "?"))
        if arrival.get(v.REASON):
            yield _fact("motif", arrival[v.REASON])


def _sessions(data: dict[str, Any], students: Names) -> Iterator[str]:
    for session in as_list(data.get(v.SESSIONS)):
        session = as_dict(session)
        yield (f"Séance du {fr_date(plain(session.get(v.DATE)))} ({session.get(v.START, '?')}, "
               f"{session.get(v.DURATION, '?')} min)")
        for key, label in ((v.ACTIVITY, "activité"), (v.NOTES, "notes")):
            if session.get(key):
                yield _fact(label, session[key])
        for student, status in as_dict(session.get(v.ATTENDANCE)).items():
            yield _fact(f"appel {students(str(student))}", v.ATTENDANCE_LABELS.get(str(status), status))


def _bilans(data: dict[str, Any], students: Names, teachers: Names) -> Iterator[str]:
    labels = {v.AUTHOR: "auteur", v.DATE: "date", v.OUTCOME: "résultat", v.COMMENT: "commentaire",
              v.DECISION: "décision", v.TO_GROUP: "vers", v.TO_TYPE: "vers le type", v.REASON: "motif"}
    for student, bilan in as_dict(data.get(v.BILANS)).items():
        yield f"Bilan de {students(str(student))}"
        for key, value in as_dict(bilan).items():
            if key == v.AUTHOR:
                value = teachers(str(value))
            elif key == v.OUTCOME:
                value = v.OUTCOME_LABELS.get(str(value), value)
            elif key == v.DECISION:
                value = v.DECISION_LABELS.get(str(value), value)
            yield _fact(labels.get(key, key), fr_date(plain(value)) if key == v.DATE else value)


def _student(data: dict[str, Any], teachers: Names) -> Iterator[str]:
    yield f"Élève {data.get(v.FIRST_NAME, '')} {data.get(v.NAME, '')} ({data.get(v.ID)})"
    for year, division in as_dict(data.get(v.DIVISIONS)).items():
        yield _fact(f"division {year}", division)
    for year, profile in as_dict(data.get(v.PROFILES)).items():
        yield _fact(f"profil {year}", v.PROFILE_LABELS.get(str(profile), profile))
    for key in (v.TUTOR, v.STUDY_PROJECT, v.PASSERELLE, v.LEFT_ON):
        if key in data:
            yield _fact(key, teachers(str(data[key])) if key == v.TUTOR else data[key])
    for need in as_list(data.get(v.NEEDS)):
        yield _fact("besoin", f"{as_dict(need).get(v.NEED_TYPE, '?')} — {as_dict(need).get(v.DETAIL, '')}")
    for test in as_list(data.get(v.DIAGNOSTICS)):
        test = as_dict(test)
        yield _fact(f"diagnostic du {fr_date(plain(test.get(v.DATE)))}", f"{test.get(v.TOOL, '')} : {test.get(v.RESULT, '')}")
    for objective in as_list(as_dict(data.get(v.CONTRACT)).get(v.OBJECTIVES)):
        objective = as_dict(objective)
        status = v.OBJECTIVE_STATUS_LABELS.get(str(objective.get(v.STATUS)), objective.get(v.STATUS))
        yield _fact(f"objectif « {objective.get(v.LABEL, '')} »", status)
    for interview in as_list(data.get(v.INTERVIEWS)):
        interview = as_dict(interview)
        yield (f"Entretien du {fr_date(plain(interview.get(v.DATE)))} avec "
               f"{teachers(str(interview.get(v.TEACHER, '?')))}")
        if interview.get(v.NOTES):
            yield _fact("notes", interview[v.NOTES])


def _division(data: dict[str, Any], students: Names) -> Iterator[str]:
    yield f"Division {data.get(v.FORMATION, '')} ({data.get(v.LEVEL, '?')})"
    if data.get(v.PREVIOUS):
        yield _fact("précédente", data[v.PREVIOUS])
    for student in as_list(data.get(v.STUDENTS)):
        yield _fact("élève", students(str(student)))


def _generic(data: dict[str, Any]) -> Iterator[str]:
    for key, value in data.items():
        yield str(key)
        yield from _flatten(value, "")


def _flatten(value: Any, prefix: str) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten(item, f"{prefix} › {key}" if prefix else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value, 1):
            yield from _flatten(item, f"{prefix} [{index}]" if prefix else f"[{index}]")
    else:
        yield _fact(prefix or "valeur", value)
