"""One builder per kind of file: a parsed document -> its Contribution to the model.

The builders read only what passed the schema: a document that failed it
reaches them without the refused values (load/prune.py; a document read
outside the pipeline, from git history, is checked here first), so a builder
never meets a value of the wrong type.  They are lenient too: a missing field
is skipped (or its item dropped) and everything usable still enters the model.
A builder reports only what its own file shows: a file name that disagrees
with the id (APT208), duplicates inside the file (APT201).
Each document's contribution is memoised on it (load/build.py assembles them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, Loc, error
from aptui.layout import Kind
from aptui.load.fields import Locator
from aptui.load.fields import day as _day
from aptui.load.fields import dicts as _dicts
from aptui.load.fields import ids as _ids
from aptui.load.fields import integer as _int
from aptui.load.fields import minutes as _minutes
from aptui.load.fields import opt_text as _opt_text
from aptui.load.fields import text as _text
from aptui.load.source import Document
from aptui.load.yamlread import PosDict
from aptui.model import entities as m
from aptui.model.presets import hours_rules

DEFAULT_PACE_TOLERANCE = 0.5


def _mapping(data: PosDict, key: str) -> dict[Any, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _duplicate(what: str, ident: str, loc: Loc) -> Diagnostic:
    return error("APT201", f"{what} « {ident} » défini deux fois : chaque identifiant doit être unique", loc)


@dataclass(frozen=True, slots=True)
class YearHeader:
    """What a year.yaml says by itself (the Year gets its divisions, groups... at assembly)."""

    first_day: date
    last_day: date
    closures: tuple[m.DateSpan, ...]
    openings: tuple[m.DateSpan, ...]
    periods: tuple[m.Period, ...]
    barrettes: dict[str, m.Barrette]
    exemptions: tuple[m.Exemption, ...]
    src: m.Located


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one document adds to the model: computed once per document content.

    ``value`` is the entity (or entities) the file defines; ``diagnostics`` the
    problems the file shows by itself (APT208, duplicates inside the file).
    A Workspace keeps the contribution of every unchanged document, so an
    edit rebuilds one file's entities and the assembly only (a few ms).
    """

    kind: Kind
    year: str | None
    key: Any
    value: Any
    src: m.Located | None = None
    diagnostics: tuple[Diagnostic, ...] = ()


def contribution(doc: Document) -> Contribution | None:
    """The (memoised) contribution of one parsed document; None when it has no usable mapping."""
    if doc.built:
        return doc.contribution
    if not doc.checked and doc.data is not None:
        from aptui.load.schemas import conform  # (not on the warm path: saved documents are built)

        doc.data, doc.checked = conform(doc.role.kind, doc.data, doc.path)[0], True
    result = None
    if isinstance(doc.data, PosDict):
        result = _CONTRIBUTORS[doc.role.kind](doc, doc.data, Locator(doc.path, doc.lazy))
    doc.contribution, doc.built = result, True
    return result



# -- one function per kind of file ----------------------------------------------------
def _school(doc: Document, data: PosDict, at: Locator) -> Contribution:
    preset = _text(data, v.PRESET, "2009")
    raw_overrides = data.get(v.HOURS)
    overrides: dict[str, Any] = raw_overrides if isinstance(raw_overrides, dict) else {}
    tolerance = data.get(v.PACE_TOLERANCE)
    info = m.SchoolInfo(
        name=_text(data, v.NAME),
        uai=_text(data, v.UAI),
        academy=_text(data, v.ACADEMY),
        zone=_text(data, v.ZONE, "A"),
        pilote=_text(data, v.PILOTE),
        hours=hours_rules(preset, overrides),
        pace_tolerance=float(tolerance) if isinstance(tolerance, (int, float)) else DEFAULT_PACE_TOLERANCE,
        src=at.located(data, (v.PILOTE, v.PRESET, v.ZONE, v.ACADEMY, v.HOURS, v.STUDENT_HOURS)),
        student_thresholds=_student_thresholds(_mapping(data, v.STUDENT_HOURS)),
    )
    return Contribution(Kind.SCHOOL, None, None, info)


def _student_thresholds(data: dict[Any, Any]) -> m.StudentHoursThresholds:
    """``heures_eleve`` of school.yaml (rules engineer: rules/student_hours.py)."""
    def share(key: str) -> float | None:
        value = data.get(key)
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    return m.StudentHoursThresholds(share(v.STUDENT_HOURS_SCHEDULED), share(v.STUDENT_HOURS_ATTENDED))


def _staff(doc: Document, data: PosDict, at: Locator) -> Contribution:
    teachers = []
    for item in _dicts(data, v.TEACHERS):
        ident = _opt_text(item, v.ID)
        if ident is None:
            continue
        teachers.append(m.Teacher(
            ident, _text(item, v.NAME), _text(item, v.FIRST_NAME),
            tuple(_ids(item, v.SUBJECTS)), at.located(item, (v.ID,)), item.get(v.ACTIVE) is not False,
        ))
    return Contribution(Kind.STAFF, None, None, tuple(teachers))


def _student(doc: Document, data: PosDict, at: Locator) -> Contribution | None:
    ident = _opt_text(data, v.ID)
    if ident is None:
        return None
    src = at.located(data, (v.ID, v.TUTOR, v.LEFT_ON, v.DIVISIONS))
    diagnostics = []
    if ident != doc.role.ident:
        diagnostics.append(error(
            "APT208",
            f"l'identifiant « {ident} » ne correspond pas au nom du fichier "
            f"« {doc.role.ident}.yaml » : renommez le fichier ou corrigez l'id",
            src.of(v.ID),
        ))
    divisions = _mapping(data, v.DIVISIONS)
    profiles = _mapping(data, v.PROFILES)
    contract = _mapping(data, v.CONTRACT)
    student = m.Student(
        id=ident,
        last_name=_text(data, v.NAME),
        first_name=_text(data, v.FIRST_NAME),
        divisions={str(y): d for y, d in divisions.items() if isinstance(d, str)},
        profiles={str(y): p for y, p in profiles.items() if isinstance(p, str)},
        needs=tuple(
            m.Need(_text(n, v.NEED_TYPE), _text(n, v.DETAIL)) for n in _dicts(data, v.NEEDS)
        ),
        diagnostics=tuple(
            m.DiagnosticTest(d, _text(item, v.TOOL), _text(item, v.RESULT))
            for item in _dicts(data, v.DIAGNOSTICS)
            if (d := _day(item, v.DATE)) is not None
        ),
        interviews=tuple(
            m.Interview(d, _text(item, v.TEACHER), _text(item, v.NOTES), at.located(item, (v.TEACHER,)))
            for item in _dicts(data, v.INTERVIEWS)
            if (d := _day(item, v.DATE)) is not None
        ),
        objectives=tuple(
            m.Objective(_text(o, v.LABEL), _text(o, v.STATUS)) for o in _dicts(contract, v.OBJECTIVES)
        ),
        tutor=_opt_text(data, v.TUTOR),
        study_project=_opt_text(data, v.STUDY_PROJECT),
        passerelle=data.get(v.PASSERELLE) is True,
        left_on=_day(data, v.LEFT_ON),
        src=src,
        arrived_on=_day(data, v.ARRIVED_ON),
    )
    return Contribution(Kind.STUDENT, None, ident, student, None, tuple(diagnostics))


def _division(doc: Document, data: PosDict, at: Locator) -> Contribution:
    year, ident = doc.role.year, doc.role.ident
    assert year is not None and ident is not None
    students, locs = at.items(data, v.STUDENTS)
    division = m.Division(
        ident, year, _text(data, v.LEVEL), _text(data, v.FORMATION), _opt_text(data, v.PREVIOUS),
        tuple(students), locs, at.located(data, (v.LEVEL, v.PREVIOUS, v.WORK_PLACEMENTS)),
        _spans(data, v.WORK_PLACEMENTS, at),
    )
    return Contribution(Kind.DIVISION, year, ident, division)


def _group(doc: Document, data: PosDict, at: Locator) -> Contribution:
    year, period, ident = doc.role.year, doc.role.period, doc.role.ident
    assert year is not None and period is not None and ident is not None
    students, locs = at.items(data, v.STUDENTS)
    arrivals = tuple(
        m.Arrival(d, _text(a, v.STUDENT), _text(a, v.FROM_GROUP), _text(a, v.REASON),
                  at.located(a, (v.STUDENT, v.FROM_GROUP, v.DATE)))
        for a in _dicts(data, v.ARRIVALS)
        if (d := _day(a, v.DATE)) is not None
    )
    group = m.Group(
        ident, year, period, _text(data, v.TITLE), _text(data, v.CONTENT_TYPE),
        _text(data, v.BARRETTE), tuple(_ids(data, v.TEACHERS)), tuple(students), locs, arrivals,
        at.located(data, (v.BARRETTE, v.TEACHERS, v.CONTENT_TYPE, v.TITLE)),
    )
    return Contribution(Kind.GROUP, year, (period, ident), group)


_SESSION_FIELDS = (v.DATE, v.START, v.DURATION)
_NO_MARKS: dict[str, Loc] = {}


def _sessions(doc: Document, data: PosDict, at: Locator) -> Contribution:
    year, period, group = doc.role.year, doc.role.period, doc.role.ident
    assert year is not None and period is not None and group is not None
    sessions = []
    for item in _dicts(data, v.SESSIONS):
        day, start, duration = _day(item, v.DATE), _minutes(item.get(v.START)), _int(item, v.DURATION)
        if day is None or start is None or duration is None:
            continue
        marks = item.get(v.ATTENDANCE)
        attendance: dict[str, str] = {}
        lines: Any = _NO_MARKS
        if isinstance(marks, PosDict):
            attendance = {s: status for s, status in marks.items() if isinstance(s, str) and isinstance(status, str)}
            # the marks' lines stay the reader's positions until a diagnostic asks for one
            lines = at.marks(marks, attendance) if attendance else _NO_MARKS
        sessions.append(m.Session(
            year, period, group, day, start, duration, _text(item, v.ACTIVITY), _text(item, v.NOTES),
            attendance, lines, at.located(item, _SESSION_FIELDS),
        ))
    return Contribution(Kind.SESSIONS, year, (period, group), tuple(sessions), at.located(data))


def _bilans(doc: Document, data: PosDict, at: Locator) -> Contribution:
    year, period = doc.role.year, doc.role.period
    assert year is not None and period is not None
    entries = data.get(v.BILANS)
    result: dict[str, m.Bilan] = {}
    if isinstance(entries, PosDict):
        for student, item in entries.items():
            if not isinstance(item, PosDict) or not isinstance(student, str):
                continue
            day = _day(item, v.DATE)
            src = at.located(item, (v.DECISION, v.TO_GROUP, v.TO_TYPE, v.AUTHOR, v.DATE))
            src = m.Located(at.key(entries, student), src.at)
            result[student] = m.Bilan(
                year, period, student, _text(item, v.AUTHOR), day or date.min,
                _text(item, v.OUTCOME), _text(item, v.COMMENT), _text(item, v.DECISION),
                _opt_text(item, v.TO_GROUP), _opt_text(item, v.TO_TYPE), _text(item, v.REASON), src,
            )
    return Contribution(Kind.BILANS, year, period, result, at.located(data))


def _year(doc: Document, data: PosDict, at: Locator) -> Contribution:
    year_id = doc.role.year
    assert year_id is not None
    diagnostics: list[Diagnostic] = []
    periods: list[m.Period] = []
    for item in _dicts(data, v.PERIODS):
        start, end, ident = _day(item, v.START), _day(item, v.END), _opt_text(item, v.ID)
        if start is None or end is None or ident is None:
            continue
        period = m.Period(ident, start, end, at.located(item, (v.ID, v.START, v.END)))
        if any(p.id == ident for p in periods):
            diagnostics.append(_duplicate("période", ident, period.src.of(v.ID)))
            continue
        periods.append(period)
    barrettes: dict[str, m.Barrette] = {}
    for item in _dicts(data, v.BARRETTES):
        ident, minute, duration = _opt_text(item, v.ID), _minutes(item.get(v.START)), _int(item, v.DURATION)
        day_name = _text(item, v.WEEKDAY)
        if ident is None or minute is None or duration is None or day_name not in v.WEEKDAYS:
            continue
        divisions, _ = at.items(item, v.DIVISIONS)
        barrette = m.Barrette(
            ident, v.WEEKDAYS.index(day_name), minute, duration, tuple(divisions),
            at.located(item, (v.ID, v.WEEKDAY, v.START, v.DURATION, v.DIVISIONS)),
        )
        if ident in barrettes:
            diagnostics.append(_duplicate("barrette", ident, barrette.src.of(v.ID)))
            continue
        barrettes[ident] = barrette
    header = YearHeader(
        first_day=_day(data, v.FIRST_DAY) or date(int(year_id[:4]), 9, 1),
        last_day=_day(data, v.LAST_DAY) or date(int(year_id[5:]), 7, 4),
        closures=_spans(data, v.CLOSURES, at),
        openings=_spans(data, v.OPENINGS, at),
        periods=tuple(periods),
        barrettes=barrettes,
        exemptions=tuple(
            m.Exemption(
                _text(item, v.STUDENT),
                tuple(_ids(item, v.PERIODS)) if v.PERIODS in item else None,
                _text(item, v.REASON),
                at.located(item, (v.STUDENT, v.PERIODS)),
            )
            for item in _dicts(data, v.EXEMPTIONS)
            if isinstance(item, dict)
        ),
        src=at.located(data, (v.FIRST_DAY, v.LAST_DAY, v.YEAR)),
    )
    return Contribution(Kind.YEAR, year_id, year_id, header, None, tuple(diagnostics))


def _spans(data: Any, key: str, at: Locator) -> tuple[m.DateSpan, ...]:
    spans = []
    for item in _dicts(data, key):
        start = _day(item, v.FROM)
        if start is None:
            continue
        end = _day(item, v.TO) or start
        spans.append(m.DateSpan(
            start, end, _text(item, v.REASON), at.located(item, (v.FROM, v.TO, v.CLOSURE_LEVELS, v.DIVISIONS)),
            tuple(_ids(item, v.CLOSURE_LEVELS)), tuple(_ids(item, v.DIVISIONS)),
        ))
    return tuple(spans)


_CONTRIBUTORS: dict[Kind, Callable[[Document, PosDict, Locator], Contribution | None]] = {
    Kind.SCHOOL: _school,
    Kind.STAFF: _staff,
    Kind.STUDENT: _student,
    Kind.YEAR: _year,
    Kind.DIVISION: _division,
    Kind.GROUP: _group,
    Kind.SESSIONS: _sessions,
    Kind.BILANS: _bilans,
}
