"""What a conflicting entry is, in French: « appel du 09/12/2025 pour Maëlle Giraud (e07) »,
« entretien du 18/11/2025 de Yanis Bernier (e02) avec adurand : notes », « groupe G-APPRO (P2) :
enseignants ».

A label names the entry on its own (the decisions of a merge commit are read without the
file's title), never as a raw YAML path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aptui import vocab as v
from aptui.french import of
from aptui.gitsync.changes import fr_date
from aptui.layout import FileRole, Kind

Names = Callable[[str], str]

FIELD_WORDS = {
    v.NOTES: "notes", v.TEACHER: "enseignant", v.DATE: "date", v.RESULT: "résultat", v.TOOL: "outil",
    v.TEACHERS: "enseignants", v.STUDENTS: "élèves", v.REASON: "motif",
    v.FROM: "début", v.TO: "fin", v.NAME: "nom", v.FIRST_NAME: "prénom",
}


def field_words(fields: tuple[str, ...]) -> str:
    return " › ".join(FIELD_WORDS.get(f, f) for f in fields)


def _suffix(fields: tuple[str, ...]) -> str:
    return f" : {field_words(fields)}" if fields else ""


def _dated(key: str) -> tuple[str, str]:
    """« 2025-11-18@adurand » -> ("18/11/2025", "adurand")."""
    day, _, other = key.partition("@")
    return fr_date(day), other


def _span(key: str) -> str:
    """« 2026-01-05@2026-01-30 » -> « du 05/01/2026 au 30/01/2026 »."""
    start, _, end = key.partition("@")
    return f"du {fr_date(start)} au {fr_date(end)}" if end else fr_date(start)


def student_label(student: str, path: tuple[str, ...], name: Names) -> str:
    """An entry of a student's file."""
    who = name(student)
    head, rest = path[0], path[1:]
    if head == v.INTERVIEWS and rest:
        day, teacher = _dated(rest[0])
        return f"entretien du {day} {of(who)}" + (f" avec {teacher}" if teacher else "") + _suffix(rest[1:])
    if head == v.DIAGNOSTICS and rest:
        day, tool = _dated(rest[0])
        return f"diagnostic du {day} {of(who)}" + (f" ({tool})" if tool else "") + _suffix(rest[1:])
    if head == v.NEEDS and rest:
        return f"besoin « {rest[0]} » {of(who)}" + _suffix(rest[1:])
    if head == v.OBJECTIVES and rest:
        return f"objectif « {rest[0]} » {of(who)}" + _suffix(rest[1:])
    if head == v.PROFILES and rest:
        return f"profil {of(who)} en {rest[0]}"
    if head == v.DIVISIONS and rest:
        return f"division {of(who)} en {rest[0]}"
    return f"fiche {of(who)} : {field_words(path)}"


def entry_label(role: FileRole | None, path: tuple[str, ...], name: Names) -> str | None:
    """The label of an entry the generic labels do not know, or None."""
    if role is None or not path:
        return None
    if role.kind is Kind.STUDENT and role.ident:
        return student_label(role.ident, path, name)
    if role.kind is Kind.GROUP:
        return f"groupe {role.ident} ({role.period}) : {field_words(path)}"
    if role.kind is Kind.SESSIONS:
        return f"séances du groupe {role.ident} ({role.period}) : {field_words(path)}"
    if role.kind is Kind.DIVISION:
        if path[0] == v.WORK_PLACEMENTS and len(path) >= 2:
            return f"PFMP de {role.ident} {_span(path[1])}" + _suffix(path[2:])
        return f"division {role.ident} ({role.year}) : {field_words(path)}"
    if role.kind is Kind.YEAR:
        if path[0] in (v.CLOSURES, v.OPENINGS) and len(path) >= 2:
            what = "fermeture" if path[0] == v.CLOSURES else "ouverture"
            return f"{what} {_span(path[1])} ({role.year})" + _suffix(path[2:])
        return f"calendrier {role.year} : {field_words(path)}"
    if role.kind is Kind.BILANS:
        return f"bilans de {role.period} : {field_words(path)}"
    if role.kind is Kind.STAFF:
        return f"équipe : {field_words(path)}"
    return f"établissement : {field_words(path)}"


def shown_value(key: str, value: Any) -> Any:
    """An entry's value as a person reads it: an attendance status becomes its French label
    (« excuse » -> « Excusé »), inside a whole attendance mapping or session too; anything else
    is returned as it is.  ``key`` is the entry's place in its file (``seances/2025-11-18/appel/e04``)."""
    parts = tuple(key.split("/")) if key else ()
    if not parts or parts[0] != v.SESSIONS:
        return value
    return _labelled(parts, value)


NO_MARK = "(pas de marque)"
"""A mark missing on one side: never « absent », which would read as the status Absent."""
NO_SESSION = "(pas de séance)"


def _labelled(parts: tuple[str, ...], value: Any) -> Any:
    if value is None and len(parts) >= 2 and parts[-2] == v.ATTENDANCE:
        return NO_MARK
    if value is None and len(parts) == 2:
        return NO_SESSION
    if isinstance(value, str):
        return v.ATTENDANCE_LABELS.get(value, value) if len(parts) >= 2 and parts[-2] == v.ATTENDANCE else value
    if isinstance(value, dict):
        return {k: _labelled((*parts, str(k)), item) for k, item in value.items()}
    if isinstance(value, list):
        return [_labelled((*parts, "*"), item) for item in value]
    return value


def value_words(value: Any, limit: int = 70, *, bare: bool = False) -> str:
    """One side of an entry in a few words: in parentheses what is not a value (``bare``: without
    them, inside a sentence such as a merge commit's decisions)."""
    if value is None:
        text = "supprimé" if bare else "(supprimé / absent)"
    elif isinstance(value, (list, tuple)):
        text = ", ".join(str(v) for v in value) or ("aucun" if bare else "(aucun)")
    elif isinstance(value, dict):
        text = ", ".join(f"{k} : {value_words(v, 20 if bare else 24, bare=bare)}" for k, v in value.items())
    elif isinstance(value, str) and "\n" in value.strip():
        lines = f"version de {value.count(chr(10))} lignes"
        text = lines if bare else f"({lines})"
    else:
        text = str(value).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
