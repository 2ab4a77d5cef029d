"""``aptui textconv FILE``: a school file in domain words, one fact per line.

Installed as git's ``diff.aptui.textconv``, it makes ``git diff`` and
``git log -p`` read like a list of facts (« élève : Léa Martin (e2024-017) »)
instead of YAML.  Git runs it once per blob, so it must start fast: this
module imports only the YAML reader and the vocabulary (no model, no rules, no
TUI); ``python -m aptui.gitsync.textconv FILE`` runs it on its own.

Layout, for the hunk headers: each object (a group with its arrivals, a
session, a student's bilan, a student with their interviews) starts with an unindented heading, followed by
``CONTEXT_LINES`` empty lines, then its indented facts.  Git names a hunk after
the last line matching ``diff.aptui.xfuncname = ^([^ ].*)$`` *above the hunk's
first context line*; with git's default 3 lines of context, the empty lines
keep the heading above the context of a change to any fact, so the header
names the object the hunk changes, not the one before it.

Git hands textconv a temporary copy of old versions, so the kind of file is
recognised from its keys, not from its name.  Names are read from the school
in the current folder (where git runs the command), one student file at a time.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from aptui import vocab as v
from aptui.load.guard import Refused, french_os_error, read_or_none, read_school_bytes
from aptui.load.source import parse_source

XFUNCNAME = "^([^ ].*)$"
CONTEXT_LINES = 3
"""git's default ``diff.context``: empty lines between a heading and its facts."""

Names = Callable[[str], str]
Obj = tuple[str, list[str]]  # heading, fact lines


# --- small readers (kept here: the diff's helpers import the whole model) ------------------
def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(x) for k, x in value.items()}
    if isinstance(value, list):
        return [_plain(x) for x in value]
    return value


def _fr_date(value: Any) -> str:
    text = str(_plain(value)) if value is not None else "?"
    return f"{text[8:]}/{text[5:7]}/{text[:4]}" if len(text) == 10 and text[4] == "-" == text[7] else text


def _read(root: Path, rel_path: str) -> Any:
    """A school file's values, read only when it is a regular file of the school within the limits
    (load/guard.py: a committed link to /dev/zero or outside the repository is never followed)."""
    raw = read_or_none(root, rel_path)
    parsed = parse_source(raw, rel_path)[0] if raw is not None else None
    return parsed.data if parsed is not None else None


# --- names ---------------------------------------------------------------------------------
def school_root(start: Path) -> Path:
    """The nearest folder holding school.yaml (else the start folder)."""
    for folder in (start, *start.parents):
        if (folder / "school.yaml").is_file():
            return folder
    return start


# A top-level « nom: Dupont » line whose value is a plain scalar YAML reads as that very text (no quote,
# comment, flow or tag character); anything else is read by the YAML reader.
PLAIN_NAME_LINE = re.compile(rb"^(nom|prenom):[ \t]+([^\s#'\"{}\[\],&*!|>%@`:][^#'\"{}\[\]&*!|>%@`:\n]*?)[ \t]*\r?$", re.M)


def _first_and_last(root: Path, rel_path: str) -> tuple[Any, Any]:
    """(prenom, nom) of a student file: the plain lines when they say it, else the YAML reader's values."""
    raw = read_or_none(root, rel_path)
    if raw is None:
        return None, None
    found = {m.group(1): m.group(2) for m in PLAIN_NAME_LINE.finditer(raw)}
    if len(found) == 2 and raw.count(b"\nnom:") + raw.startswith(b"nom:") == 1 and \
            raw.count(b"\nprenom:") + raw.startswith(b"prenom:") == 1:
        try:
            return found[b"prenom"].decode("utf-8"), found[b"nom"].decode("utf-8")
        except UnicodeDecodeError:
            pass
    parsed = parse_source(raw, rel_path)[0]
    data = _dict(parsed.data if parsed is not None else None)
    return data.get(v.FIRST_NAME), data.get(v.NAME)


def student_names(root: Path) -> Names:
    """student id -> « Prénom Nom (id) », each student's file read once, when first named."""
    cache: dict[str, str] = {}

    def name(student: str) -> str:
        if student not in cache:
            first, last = _first_and_last(root, f"students/{student}.yaml")
            cache[student] = f"{first} {last} ({student})" if first and last else student
        return cache[student]

    return name


def teacher_names(root: Path) -> Names:
    names: dict[str, str] = {}
    loaded = False

    def name(teacher: str) -> str:
        nonlocal loaded
        if not loaded:  # staff.yaml is read only for a file that names a teacher
            loaded = True
            for item in _list(_dict(_read(root, "staff.yaml")).get(v.TEACHERS)):
                if isinstance(item, dict) and isinstance(item.get(v.ID), str):
                    full = f"{item.get(v.FIRST_NAME, '')} {item.get(v.NAME, '')}".strip()
                    names[item[v.ID]] = f"{full} ({item[v.ID]})" if full else item[v.ID]
        return names.get(teacher, teacher)

    return name


# --- rendering -----------------------------------------------------------------------------
def render(raw: bytes, root: Path, say: Callable[[str], None] | None = None) -> str:
    """The facts of a school file; the raw text when the bounded reader cannot read it as YAML
    (``say`` is told why: an alias bomb, too deep, not YAML...).

    A file left with conflict markers renders as its local side, followed by the raw conflict
    regions: ``git diff`` during a conflict then shows only those regions (and what the merge
    brought), not the whole file as changed.
    """
    text = raw.decode("utf-8", errors="replace")
    regions = conflict_regions(text)
    if regions:
        local = render(local_side(text).encode("utf-8"), root, say)
        return local.rstrip("\n") + "\n\n" + CONFLICT_HEADING + "\n" + "".join(regions)
    return _render_clean(raw, root, say)


CONFLICT_HEADING = "Conflit non résolu (texte du fichier, entre marqueurs) :"
_OPEN, _MIDDLE, _CLOSE = "<" * 7, "=" * 7, ">" * 7


def conflict_regions(text: str) -> list[str]:
    """The ``<<<<<<< … >>>>>>>`` regions of a text, each with its marker lines."""
    regions: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines(keepends=True):
        if current is None and line.startswith(_OPEN):
            current = [line]
        elif current is not None:
            current.append(line)
            if line.startswith(_CLOSE):
                regions.append("".join(current))
                current = None
    return regions


def local_side(text: str) -> str:
    """The text with each conflict region replaced by its local (first) side."""
    kept: list[str] = []
    state = "out"
    for line in text.splitlines(keepends=True):
        if state == "out" and line.startswith(_OPEN):
            state = "local"
        elif state != "out" and line.startswith(_CLOSE):
            state = "out"
        elif state == "local" and (line.startswith(_MIDDLE) or line.startswith("|" * 7)):
            state = "other"
        elif state in ("out", "local"):
            kept.append(line)
    return "".join(kept)


def _render_clean(raw: bytes, root: Path, say: Callable[[str], None] | None) -> str:
    parsed, problems = parse_source(raw, "textconv")
    data = parsed.data if parsed is not None else None
    if not isinstance(data, dict):
        if say is not None and problems:
            say(f"aptui textconv : version montrée en texte brut, non lue par le sens ({problems[0].message[:160]})")
        return raw.decode("utf-8", errors="replace")
    students, teachers = student_names(root), teacher_names(root)
    if v.SESSIONS in data:
        objects = list(_sessions(data, students))
    elif v.BILANS in data:
        objects = list(_bilans(data, students, teachers))
    elif v.TITLE in data or v.BARRETTE in data:
        objects = list(_group(data, students, teachers))
    elif v.FIRST_NAME in data and v.ID in data:
        objects = list(_student(data, teachers))
    elif v.LEVEL in data:
        objects = list(_division(data, students))
    elif v.YEAR in data and (v.PERIODS in data or v.FIRST_DAY in data):
        objects = list(_year(data, students))
    else:
        objects = list(_generic(data))
    return layout(objects)


def layout(objects: list[Obj]) -> str:
    """Headings at column 0, CONTEXT_LINES empty lines, then the indented facts."""
    lines: list[str] = []
    for heading, facts in objects:
        lines.append(heading)
        if facts:
            lines += [""] * CONTEXT_LINES + facts
    return "\n".join(lines) + "\n" if lines else ""


def _fact(label: str, value: Any) -> str:
    text = value if isinstance(value, str) else str(_plain(value))
    return f"  {label} : {' '.join(text.split())}"


def _group(data: dict[str, Any], students: Names, teachers: Names) -> Iterator[Obj]:
    facts = [_fact("enseignant", teachers(str(t))) for t in _list(data.get(v.TEACHERS))]
    facts += [_fact("élève", students(str(s))) for s in _list(data.get(v.STUDENTS))]
    for arrival in map(_dict, _list(data.get(v.ARRIVALS))):  # facts of the group: the header stays the group
        facts.append(f"  arrivée de {students(str(arrival.get(v.STUDENT)))} le {_fr_date(arrival.get(v.DATE))} "
                     f"depuis {arrival.get(v.FROM_GROUP, '?')}")
        if arrival.get(v.REASON):
            facts.append("  " + _fact("motif", arrival[v.REASON]))
    for student, text in _dict(data.get(v.PLACEMENT_REASONS)).items():
        facts.append(_fact(f"motif du placement de {students(str(student))}", text))
    yield (f"Groupe « {data.get(v.TITLE, '?')} » ({data.get(v.CONTENT_TYPE, '?')}, "
           f"barrette {data.get(v.BARRETTE, '?')})", facts)


def _sessions(data: dict[str, Any], students: Names) -> Iterator[Obj]:
    for session in map(_dict, _list(data.get(v.SESSIONS))):
        facts = [_fact(label, session[key]) for key, label in ((v.ACTIVITY, "activité"), (v.NOTES, "notes"))
                 if session.get(key)]
        facts += [_fact(f"appel {students(str(s))}", v.ATTENDANCE_LABELS.get(str(m), m))
                  for s, m in _dict(session.get(v.ATTENDANCE)).items()]
        yield (f"Séance du {_fr_date(session.get(v.DATE))} ({session.get(v.START, '?')}, "
               f"{session.get(v.DURATION, '?')} min)", facts)


BILAN_LABELS = {v.AUTHOR: "auteur", v.DATE: "date", v.OUTCOME: "résultat", v.COMMENT: "commentaire",
                v.DECISION: "décision", v.TO_GROUP: "vers", v.TO_TYPE: "vers le type", v.REASON: "motif"}


def _bilans(data: dict[str, Any], students: Names, teachers: Names) -> Iterator[Obj]:
    for student, bilan in _dict(data.get(v.BILANS)).items():
        facts = []
        for key, value in _dict(bilan).items():
            if key == v.AUTHOR:
                value = teachers(str(value))
            elif key == v.OUTCOME:
                value = v.OUTCOME_LABELS.get(str(value), value)
            elif key == v.DECISION:
                value = v.DECISION_LABELS.get(str(value), value)
            elif key == v.DATE:
                value = _fr_date(value)
            facts.append(_fact(BILAN_LABELS.get(key, key), value))
        yield f"Bilan de {students(str(student))}", facts


def _student(data: dict[str, Any], teachers: Names) -> Iterator[Obj]:
    facts = [_fact(f"division {year}", division) for year, division in _dict(data.get(v.DIVISIONS)).items()]
    facts += [_fact(f"profil {year}", v.PROFILE_LABELS.get(str(p), p)) for year, p in _dict(data.get(v.PROFILES)).items()]
    for key in (v.TUTOR, v.STUDY_PROJECT, v.PASSERELLE, v.LEFT_ON):
        if key in data:
            facts.append(_fact(key, teachers(str(data[key])) if key == v.TUTOR else data[key]))
    for need in map(_dict, _list(data.get(v.NEEDS))):
        facts.append(_fact("besoin", f"{need.get(v.NEED_TYPE, '?')} — {need.get(v.DETAIL, '')}"))
    for test in map(_dict, _list(data.get(v.DIAGNOSTICS))):
        facts.append(_fact(f"diagnostic du {_fr_date(test.get(v.DATE))}", f"{test.get(v.TOOL, '')} : {test.get(v.RESULT, '')}"))
    for objective in map(_dict, _list(_dict(data.get(v.CONTRACT)).get(v.OBJECTIVES))):
        status = v.OBJECTIVE_STATUS_LABELS.get(str(objective.get(v.STATUS)), objective.get(v.STATUS))
        facts.append(_fact(f"objectif « {objective.get(v.LABEL, '')} »", status))
    for interview in map(_dict, _list(data.get(v.INTERVIEWS))):  # facts of the student, like everything here
        facts.append(f"  entretien du {_fr_date(interview.get(v.DATE))} avec "
                     f"{teachers(str(interview.get(v.TEACHER, '?')))}")
        if interview.get(v.NOTES):
            facts.append("  " + _fact("notes", interview[v.NOTES]))
    yield f"Élève {data.get(v.FIRST_NAME, '')} {data.get(v.NAME, '')} ({data.get(v.ID)})", facts


def _division(data: dict[str, Any], students: Names) -> Iterator[Obj]:
    facts = [_fact("précédente", data[v.PREVIOUS])] if data.get(v.PREVIOUS) else []
    facts += [_fact("élève", students(str(s))) for s in _list(data.get(v.STUDENTS))]
    for span in map(_dict, _list(data.get(v.WORK_PLACEMENTS))):  # a PFMP changed: a visible line, in words
        reason = f" — {span[v.REASON]}" if span.get(v.REASON) else ""
        facts.append(f"  PFMP du {_fr_date(span.get(v.FROM))} au {_fr_date(span.get(v.TO))}{reason}")
    yield f"Division {data.get(v.FORMATION, '')} ({data.get(v.LEVEL, '?')})", facts


def _words(value: Any) -> str:
    return ", ".join(str(_plain(x)) for x in value) if isinstance(value, list) else str(_plain(value))


def _span(entry: dict[str, Any]) -> str:
    start, end = _fr_date(entry.get(v.FROM)), _fr_date(entry.get(v.TO))
    return f"du {start} au {end}" if end != start else f"le {start}"


def _year(data: dict[str, Any], students: Names) -> Iterator[Obj]:
    """A year file: one object per closure, opening, period, barrette and exemption (by its dates or id,
    never by its place in a list: a closure added at the top does not renumber the others)."""
    yield (f"Année {data.get(v.YEAR, '?')} (du {_fr_date(data.get(v.FIRST_DAY))} au "
           f"{_fr_date(data.get(v.LAST_DAY))})", [])
    for key, word in ((v.CLOSURES, "Fermeture"), (v.OPENINGS, "Ouverture")):
        for entry in map(_dict, _list(data.get(key))):
            facts = [_fact(label, _words(entry[k])) for k, label in ((v.REASON, "motif"), ("niveaux", "niveaux"),
                                                                       (v.DIVISIONS, "divisions")) if entry.get(k)]
            yield f"{word} {_span(entry)}", facts
    for period in map(_dict, _list(data.get(v.PERIODS))):
        yield (f"Période {period.get(v.ID, '?')}",
               [_fact("du", _fr_date(period.get(v.START))), _fact("au", _fr_date(period.get(v.END)))])
    for barrette in map(_dict, _list(data.get(v.BARRETTES))):
        yield (f"Barrette {barrette.get(v.ID, '?')}",
               [_fact("créneau", f"{barrette.get(v.WEEKDAY, '?')} {barrette.get(v.START, '?')}, "
                                 f"{barrette.get(v.DURATION, '?')} min"),
                *[_fact("division", d) for d in _list(barrette.get(v.DIVISIONS))]])
    for exemption in map(_dict, _list(data.get(v.EXEMPTIONS))):
        facts = [_fact(label, _words(exemption[k])) for k, label in ((v.PERIODS, "périodes"), (v.REASON, "motif"))
                 if exemption.get(k)]
        yield f"Dispense de {students(str(exemption.get(v.STUDENT, '?')))}", facts
    known = {v.YEAR, v.FIRST_DAY, v.LAST_DAY, v.CLOSURES, v.OPENINGS, v.PERIODS, v.BARRETTES, v.EXEMPTIONS}
    yield from _generic({k: value for k, value in data.items() if k not in known})


def _generic(data: dict[str, Any]) -> Iterator[Obj]:
    for key, value in data.items():
        yield str(key), list(_flatten(value, ""))


def _flatten(value: Any, prefix: str) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten(item, f"{prefix} › {key}" if prefix else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value, 1):
            yield from _flatten(item, f"{prefix} [{index}]" if prefix else f"[{index}]")
    else:
        yield _fact(prefix or "valeur", value)


def main(argv: list[str] | None = None) -> int:
    """``python -m aptui.gitsync.textconv FILE`` (what git runs, through ``aptui textconv``)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        sys.stderr.write("usage : aptui textconv FICHIER\n")
        return 2
    blob = Path(args[0])
    try:  # git's temporary copy of a blob: a regular file, but maybe huge (never read beyond the limit)
        raw = read_school_bytes(blob.parent, blob.name)
    except Refused as refused:
        sys.stderr.write(f"aptui textconv : {args[0]} non lu ({refused.message.split(' : ')[0]})\n")
        sys.stdout.write(f"(version non lue par aptui : {refused.message.split(' : ')[0]} ; "
                         "« git diff --no-textconv » montre son texte)\n")
        return 0
    except OSError as exc:
        sys.stderr.write(f"aptui textconv : {args[0]} illisible ({french_os_error(exc)})\n")
        return 1
    sys.stdout.write(render(raw, school_root(Path.cwd()), _say))
    return 0


def _say(line: str) -> None:
    """A French line on stderr (git shows it to the user)."""
    sys.stderr.write(line + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
