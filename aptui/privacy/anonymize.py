"""An anonymised copy of a school: same organisation, same hours, same marks, nobody in it.

``anonymize_school(src, dest, seed)`` writes a valid school (``aptui validate
DEST`` gives the same diagnostics as the original) in which:

* every student and teacher id is a stable pseudonym (``anon-…``,
  ``ens-…``: an HMAC of the id under a secret key), in file names too;
* names become « Élève CODE » / « Enseignant CODE »; the school's name and
  UAI are replaced;
* a student file keeps only the fields that carry no identity and no free
  text (divisions, profiles, need types, dates of diagnostics and
  interviews, objective statuses, tutor, passerelle, leaving date):
  anything else, including fields aptui does not know (an INE, a birth
  date), is dropped;
* free texts about a person (interview and session notes, bilan comments
  and reasons, arrival and exemption reasons, need details, diagnostic
  results, objectives, study projects) are removed, or replaced by
  « (retiré) » where the format requires a value;
* texts that describe the organisation (group titles, activities, tool
  names, closures) are kept, with any name of the school's people in them
  replaced by the pseudonym;
* no comment of the original files is carried over.

The returned mapping (original id -> pseudonym) re-identifies everyone: it is
for the caller, never written into the copy.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aptui import layout
from aptui import vocab as v
from aptui.edit.files import UnsafePath, read_bytes
from aptui.layout import Kind
from aptui.load.discover import find_school_files
from aptui.load.source import parse_source
from aptui.privacy import pseudonyms as ps
from aptui.privacy.yamlout import document
from aptui.render.names import NameMask

ANONYMOUS_SCHOOL = "Établissement anonymisé"
ANONYMOUS_UAI = "0000000A"
STUDENT_KEPT = (v.DIVISIONS, v.PROFILES, v.TUTOR, v.PASSERELLE, v.LEFT_ON)
"""Fields of a student file copied as they are (ids in them are then pseudonymised)."""


class AnonymizeError(Exception):
    """The copy cannot be made; ``message`` (French) says why."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass
class _Context:
    pseudonyms: ps.Pseudonyms
    mask: NameMask

    def ids(self) -> dict[str, str]:
        return self.pseudonyms.mapping

    def walk(self, value: Any) -> Any:
        """Every id replaced by its pseudonym (keys and values), every name in a text by a pseudonym."""
        table = self.pseudonyms.mapping
        return _walk(value, table, self.mask)


def _walk(value: Any, table: Mapping[str, str], mask: NameMask) -> Any:
    if isinstance(value, Mapping):
        return {(_walk(k, table, mask) if isinstance(k, str) else k): _walk(item, table, mask)
                for k, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, table, mask) for item in value]
    if isinstance(value, str):
        return table.get(value) or mask.names(value)
    return value


def read_school(src: Path) -> dict[str, tuple[layout.FileRole, Any]]:
    """Every school file of ``src`` as plain values; refuses a file that cannot be read as YAML."""
    documents: dict[str, tuple[layout.FileRole, Any]] = {}
    unreadable = []
    for source in find_school_files(src):
        if source.role is None:
            continue
        try:
            raw = read_bytes(src, source.path)
        except (UnsafePath, OSError):
            raw = None
        parsed = parse_source(raw, source.path)[0] if raw is not None else None
        if parsed is None or not isinstance(parsed.data, Mapping):
            unreadable.append(source.path)
            continue
        documents[source.path] = (source.role, parsed.data)
    if unreadable:
        raise AnonymizeError("fichier(s) illisible(s), impossibles à anonymiser sans risque : "
                             + ", ".join(unreadable[:10]) + " : corrigez-les d'abord (aptui validate)")
    return documents


def pseudonyms_for(documents: Mapping[str, tuple[layout.FileRole, Any]], key: bytes) -> _Context:
    """Pseudonyms for every student file and teacher, and the mask of their names."""
    pseudonyms = ps.Pseudonyms(key)
    people: list[tuple[str, str, str]] = []
    for path in sorted(documents):
        role, data = documents[path]
        if role.kind is Kind.STUDENT and role.ident:
            ident = str(data.get(v.ID) or role.ident)
            for name in {ident, role.ident}:
                alias = pseudonyms.student(name)
            people.append((alias, _text(data.get(v.FIRST_NAME)), _text(data.get(v.NAME))))
        elif role.kind is Kind.STAFF:
            for teacher in data.get(v.TEACHERS) or ():
                if isinstance(teacher, Mapping) and teacher.get(v.ID):
                    alias = pseudonyms.teacher(str(teacher[v.ID]))
                    people.append((alias, _text(teacher.get(v.FIRST_NAME)), _text(teacher.get(v.NAME))))
    return _Context(pseudonyms, NameMask(people))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def anonymize_school(src: Path, dest: Path, seed: str | None = None) -> Mapping[str, str]:
    """Write an anonymised copy of the school ``src`` into ``dest`` (new or empty folder).

    ``seed``: the same seed gives the same pseudonyms (for copies to compare);
    without it, this clone's secret key (``pseudonyms.school_key``).  Returns
    original id -> pseudonym, students and teachers (module docstring).
    """
    src, dest = Path(src), Path(dest)
    documents = read_school(src)
    require_empty(dest)
    key = ps.key_from_seed(seed) if seed is not None else ps.school_key(src)
    context = pseudonyms_for(documents, key)
    written = 0
    for path, (role, data) in sorted(documents.items()):
        transform = TRANSFORMS.get(role.kind, _same)
        new_path, new_data = transform(path, role, data, context)
        target = dest / new_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document(new_path, role.kind, new_data), encoding="utf-8")
        written += 1
    if (src / layout.SCHEMA_DIR).is_dir():
        shutil.copytree(src / layout.SCHEMA_DIR, dest / layout.SCHEMA_DIR, symlinks=False,
                        ignore=lambda folder, names: [n for n in names if not n.endswith((".json", "VERSION"))])
    return dict(context.ids())


def require_empty(dest: Path) -> None:
    if dest.is_symlink() or (dest.exists() and (not dest.is_dir() or any(dest.iterdir()))):
        raise AnonymizeError(f"« {dest} » existe et n'est pas un dossier vide : donnez un nouveau dossier "
                             "(rien n'est jamais écrasé)")
    dest.mkdir(parents=True, exist_ok=True)


# --- one transform per kind of file: (path, role, values, context) -> (new path, new values) ------------

Transform = Callable[[str, layout.FileRole, Any, _Context], tuple[str, Any]]


def _same(path: str, role: layout.FileRole, data: Any, context: _Context) -> tuple[str, Any]:
    return path, context.walk(data)


def _school(path: str, role: layout.FileRole, data: Any, context: _Context) -> tuple[str, Any]:
    out = context.walk(data)
    out[v.NAME] = ANONYMOUS_SCHOOL
    out[v.UAI] = ANONYMOUS_UAI
    return path, out


def _staff(path: str, role: layout.FileRole, data: Any, context: _Context) -> tuple[str, Any]:
    teachers = []
    for teacher in data.get(v.TEACHERS) or ():
        if not isinstance(teacher, Mapping):
            continue
        alias = context.pseudonyms.teacher(str(teacher.get(v.ID)))
        entry: dict[str, Any] = {v.ID: alias, v.NAME: ps.display_code(alias), v.FIRST_NAME: ps.TEACHER_FIRST_NAME}
        for key, value in teacher.items():
            if key in (v.ID, v.NAME, v.FIRST_NAME):
                continue
            if key == v.SUBJECTS or isinstance(value, (bool, int, float)) or value is None:
                entry[key] = value  # subjects, flags; any other text (an e-mail...) is dropped
        teachers.append(entry)
    out = context.walk({k: value for k, value in data.items() if k != v.TEACHERS})
    out[v.TEACHERS] = teachers
    return path, out


def _student(path: str, role: layout.FileRole, data: Any, context: _Context) -> tuple[str, Any]:
    alias = context.pseudonyms.student(str(data.get(v.ID) or role.ident))
    out: dict[str, Any] = {v.ID: alias, v.NAME: ps.display_code(alias), v.FIRST_NAME: ps.STUDENT_FIRST_NAME}
    for key in (v.DIVISIONS, v.PROFILES):
        if key in data:
            out[key] = data[key]
    if isinstance(data.get(v.NEEDS), list):
        out[v.NEEDS] = [{v.NEED_TYPE: n.get(v.NEED_TYPE)} for n in data[v.NEEDS] if isinstance(n, Mapping)]
    if isinstance(data.get(v.DIAGNOSTICS), list):
        out[v.DIAGNOSTICS] = [{v.DATE: d.get(v.DATE), v.TOOL: d.get(v.TOOL), v.RESULT: ps.REMOVED}
                              for d in data[v.DIAGNOSTICS] if isinstance(d, Mapping)]
    if isinstance(data.get(v.INTERVIEWS), list):
        out[v.INTERVIEWS] = [{v.DATE: i.get(v.DATE), v.TEACHER: i.get(v.TEACHER)}
                             for i in data[v.INTERVIEWS] if isinstance(i, Mapping)]
    contract = data.get(v.CONTRACT)
    if isinstance(contract, Mapping) and isinstance(contract.get(v.OBJECTIVES), list):
        out[v.CONTRACT] = {v.OBJECTIVES: [{v.LABEL: ps.REMOVED, v.STATUS: o.get(v.STATUS)}
                                          for o in contract[v.OBJECTIVES] if isinstance(o, Mapping)]}
    for key in (v.TUTOR, v.PASSERELLE, v.LEFT_ON):
        if key in data:
            out[key] = data[key]
    return layout.student_path(alias), context.walk(out)


def _year(path: str, role: layout.FileRole, data: Any, context: _Context) -> tuple[str, Any]:
    out = context.walk(data)
    for entry in out.get(v.EXEMPTIONS) or ():
        if isinstance(entry, dict) and v.REASON in entry:
            entry[v.REASON] = ps.REMOVED
    return path, out


def _division(path: str, role: layout.FileRole, data: Any, context: _Context) -> tuple[str, Any]:
    out = context.walk(data)
    _sort_list(out, v.STUDENTS)
    return path, out


def _group(path: str, role: layout.FileRole, data: Any, context: _Context) -> tuple[str, Any]:
    out = context.walk(data)
    _sort_list(out, v.STUDENTS)
    for arrival in out.get(v.ARRIVALS) or ():
        if isinstance(arrival, dict) and v.REASON in arrival:
            arrival[v.REASON] = ps.REMOVED
    reasons = out.get(REASONS_KEY)
    if isinstance(reasons, dict):
        out[REASONS_KEY] = dict.fromkeys(sorted(reasons, key=str), ps.REMOVED)
    return path, out


def _sessions(path: str, role: layout.FileRole, data: Any, context: _Context) -> tuple[str, Any]:
    out = context.walk(data)
    for session in out.get(v.SESSIONS) or ():
        if isinstance(session, dict):
            session.pop(v.NOTES, None)
            marks = session.get(v.ATTENDANCE)
            if isinstance(marks, dict):
                session[v.ATTENDANCE] = {k: marks[k] for k in sorted(marks, key=str)}
    return path, out


def _bilans(path: str, role: layout.FileRole, data: Any, context: _Context) -> tuple[str, Any]:
    out = context.walk(data)
    entries = out.get(v.BILANS)
    if isinstance(entries, dict):
        for entry in entries.values():
            if isinstance(entry, dict):
                entry.pop(v.COMMENT, None)
                if v.REASON in entry:
                    entry[v.REASON] = ps.REMOVED  # a change of group must give one (APT503)
        out[v.BILANS] = {k: entries[k] for k in sorted(entries, key=str)}
    return path, out


def _sort_list(data: dict[str, Any], key: str) -> None:
    if isinstance(data.get(key), list):
        data[key] = sorted(data[key], key=str)


REASONS_KEY = "motifs"
"""A group's reasons of undated placements (student id -> text), docs/format.md (the app engineer's key)."""

TRANSFORMS: dict[Kind, Transform] = {
    Kind.SCHOOL: _school, Kind.STAFF: _staff, Kind.STUDENT: _student, Kind.YEAR: _year,
    Kind.DIVISION: _division, Kind.GROUP: _group, Kind.SESSIONS: _sessions, Kind.BILANS: _bilans,
}
