"""Documents -> the immutable School model.

The builder is lenient: schema problems were already reported, so here a bad
field is skipped (or its item dropped) and everything usable still enters the
model.  The builder reports only what a model cannot hold: duplicate ids and
files whose name disagrees with their id (APT201, APT208).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, Loc, error
from aptui.layout import Kind
from aptui.load.source import Document
from aptui.load.yamlread import PosDict, PosList
from aptui.model import entities as m
from aptui.model.presets import hours_rules

DEFAULT_PACE_TOLERANCE = 0.5


def _text(data: Any, key: str, default: str = "") -> str:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else default


def _opt_text(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _day(data: Any, key: str) -> date | None:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _minutes(text: Any) -> int | None:
    if not isinstance(text, str) or len(text) != 5 or text[2] != ":":
        return None
    try:
        return int(text[:2]) * 60 + int(text[3:])
    except ValueError:
        return None


def _int(data: Any, key: str) -> int | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _ids(data: Any, key: str) -> list[str]:
    value = data.get(key) if isinstance(data, dict) else None
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _dicts(data: Any, key: str) -> PosList:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, PosList) else PosList()


class Locator:
    """Makes Loc objects for one document."""

    def __init__(self, path: str) -> None:
        self.path = path

    def start(self, node: Any) -> Loc:
        line, column = getattr(node, "start", (1, 1))
        return Loc(self.path, line, column)

    def located(self, node: Any, keys: Iterable[str] = ()) -> m.Located:
        """Positions of a mapping and of some of its values."""
        at: dict[str, Loc] = {}
        if isinstance(node, PosDict):
            for key in keys:
                if key in node.pos:
                    _, _, line, column = node.pos[key]
                    at[key] = Loc(self.path, line, column)
        return m.Located(self.start(node), at)

    def items(self, node: Any, key: str) -> tuple[list[str], tuple[Loc, ...]]:
        """A list of ids and the position of each item."""
        value = node.get(key) if isinstance(node, dict) else None
        if not isinstance(value, PosList):
            return [], ()
        ids, locs = [], []
        for item, (line, column) in zip(value, value.pos):
            if isinstance(item, str):
                ids.append(item)
                locs.append(Loc(self.path, line, column))
        return ids, tuple(locs)


class SchoolBuilder:
    """Accumulates documents, then builds the School and reports id problems."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.diagnostics: list[Diagnostic] = []
        self.info: m.SchoolInfo | None = None
        self.teachers: dict[str, m.Teacher] = {}
        self.students: dict[str, m.Student] = {}
        self.year_docs: dict[str, Document] = {}
        self.divisions: dict[str, dict[str, m.Division]] = {}
        self.groups: dict[str, dict[tuple[str, str], m.Group]] = {}
        self.sessions: dict[str, dict[tuple[str, str], tuple[m.Session, ...]]] = {}
        self.sessions_src: dict[str, dict[tuple[str, str], m.Located]] = {}
        self.bilans: dict[str, dict[str, dict[str, m.Bilan]]] = {}
        self.bilans_src: dict[str, dict[str, m.Located]] = {}

    def duplicate(self, what: str, ident: str, loc: Loc) -> None:
        self.diagnostics.append(
            error("APT201", f"{what} « {ident} » défini deux fois : chaque identifiant doit être unique", loc)
        )

    def add(self, doc: Document) -> None:
        if not isinstance(doc.data, PosDict):
            return
        handler = {
            Kind.SCHOOL: self._school,
            Kind.STAFF: self._staff,
            Kind.STUDENT: self._student,
            Kind.YEAR: self._year,
            Kind.DIVISION: self._division,
            Kind.GROUP: self._group,
            Kind.SESSIONS: self._sessions,
            Kind.BILANS: self._bilans,
        }[doc.role.kind]
        handler(doc, doc.data, Locator(doc.path))

    # -- one method per kind of file -------------------------------------------------
    def _school(self, doc: Document, data: PosDict, at: Locator) -> None:
        preset = _text(data, v.PRESET, "2009")
        overrides = data.get(v.HOURS) if isinstance(data.get(v.HOURS), dict) else {}
        tolerance = data.get(v.PACE_TOLERANCE)
        self.info = m.SchoolInfo(
            name=_text(data, v.NAME),
            uai=_text(data, v.UAI),
            academy=_text(data, v.ACADEMY),
            zone=_text(data, v.ZONE, "A"),
            pilote=_text(data, v.PILOTE),
            hours=hours_rules(preset, overrides),
            pace_tolerance=float(tolerance) if isinstance(tolerance, (int, float)) else DEFAULT_PACE_TOLERANCE,
            src=at.located(data, (v.PILOTE, v.PRESET, v.ZONE, v.HOURS)),
        )

    def _staff(self, doc: Document, data: PosDict, at: Locator) -> None:
        for item in _dicts(data, v.TEACHERS):
            ident = _opt_text(item, v.ID)
            if ident is None:
                continue
            teacher = m.Teacher(
                ident, _text(item, v.NAME), _text(item, v.FIRST_NAME),
                tuple(_ids(item, v.SUBJECTS)), at.located(item, (v.ID,)),
            )
            if ident in self.teachers:
                self.duplicate("enseignant", ident, teacher.src.of(v.ID))
            self.teachers[ident] = teacher

    def _student(self, doc: Document, data: PosDict, at: Locator) -> None:
        ident = _opt_text(data, v.ID)
        if ident is None:
            return
        src = at.located(data, (v.ID, v.TUTOR, v.LEFT_ON, v.DIVISIONS))
        if ident != doc.role.ident:
            self.diagnostics.append(error(
                "APT208",
                f"l'identifiant « {ident} » ne correspond pas au nom du fichier "
                f"« {doc.role.ident}.yaml » : renommez le fichier ou corrigez l'id",
                src.of(v.ID),
            ))
        divisions = data.get(v.DIVISIONS) if isinstance(data.get(v.DIVISIONS), dict) else {}
        profiles = data.get(v.PROFILES) if isinstance(data.get(v.PROFILES), dict) else {}
        contract = data.get(v.CONTRACT) if isinstance(data.get(v.CONTRACT), dict) else {}
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
        )
        if ident in self.students:
            self.duplicate("élève", ident, src.of(v.ID))
        self.students[ident] = student

    def _year(self, doc: Document, data: PosDict, at: Locator) -> None:
        assert doc.role.year is not None
        self.year_docs[doc.role.year] = doc

    def _division(self, doc: Document, data: PosDict, at: Locator) -> None:
        year, ident = doc.role.year, doc.role.ident
        assert year is not None and ident is not None
        students, locs = at.items(data, v.STUDENTS)
        self.divisions.setdefault(year, {})[ident] = m.Division(
            ident, year, _text(data, v.LEVEL), _text(data, v.FORMATION), _opt_text(data, v.PREVIOUS),
            tuple(students), locs, at.located(data, (v.LEVEL, v.PREVIOUS)),
        )

    def _group(self, doc: Document, data: PosDict, at: Locator) -> None:
        year, period, ident = doc.role.year, doc.role.period, doc.role.ident
        assert year is not None and period is not None and ident is not None
        students, locs = at.items(data, v.STUDENTS)
        arrivals = tuple(
            m.Arrival(d, _text(a, v.STUDENT), _text(a, v.FROM_GROUP), _text(a, v.REASON),
                      at.located(a, (v.STUDENT, v.FROM_GROUP, v.DATE)))
            for a in _dicts(data, v.ARRIVALS)
            if (d := _day(a, v.DATE)) is not None
        )
        self.groups.setdefault(year, {})[(period, ident)] = m.Group(
            ident, year, period, _text(data, v.TITLE), _text(data, v.CONTENT_TYPE),
            _text(data, v.BARRETTE), tuple(_ids(data, v.TEACHERS)), tuple(students), locs, arrivals,
            at.located(data, (v.BARRETTE, v.TEACHERS, v.CONTENT_TYPE, v.TITLE)),
        )

    def _sessions(self, doc: Document, data: PosDict, at: Locator) -> None:
        year, period, group = doc.role.year, doc.role.period, doc.role.ident
        assert year is not None and period is not None and group is not None
        sessions = []
        for item in _dicts(data, v.SESSIONS):
            day, start, duration = _day(item, v.DATE), _minutes(item.get(v.START)), _int(item, v.DURATION)
            if day is None or start is None or duration is None:
                continue
            marks = item.get(v.ATTENDANCE)
            attendance: dict[str, str] = {}
            lines: dict[str, Loc] = {}
            if isinstance(marks, PosDict):
                for student, status in marks.items():
                    if isinstance(student, str) and isinstance(status, str):
                        attendance[student] = status
                        line, column = marks.pos[student][:2]
                        lines[student] = Loc(doc.path, line, column)
            sessions.append(m.Session(
                year, period, group, day, start, duration, _text(item, v.ACTIVITY), _text(item, v.NOTES),
                attendance, lines, at.located(item, (v.DATE, v.START, v.DURATION)),
            ))
        self.sessions.setdefault(year, {})[(period, group)] = tuple(sessions)
        self.sessions_src.setdefault(year, {})[(period, group)] = at.located(data)

    def _bilans(self, doc: Document, data: PosDict, at: Locator) -> None:
        year, period = doc.role.year, doc.role.period
        assert year is not None and period is not None
        entries = data.get(v.BILANS)
        result: dict[str, m.Bilan] = {}
        if isinstance(entries, PosDict):
            for student, item in entries.items():
                if not isinstance(item, PosDict) or not isinstance(student, str):
                    continue
                day = _day(item, v.DATE)
                key_line, key_col = entries.pos[student][:2]
                src = at.located(item, (v.DECISION, v.TO_GROUP, v.TO_TYPE, v.AUTHOR, v.DATE))
                src = m.Located(Loc(doc.path, key_line, key_col), src.at)
                result[student] = m.Bilan(
                    year, period, student, _text(item, v.AUTHOR), day or date.min,
                    _text(item, v.OUTCOME), _text(item, v.COMMENT), _text(item, v.DECISION),
                    _opt_text(item, v.TO_GROUP), _opt_text(item, v.TO_TYPE), _text(item, v.REASON), src,
                )
        self.bilans.setdefault(year, {})[period] = result
        self.bilans_src.setdefault(year, {})[period] = at.located(data)

    # -- assembling --------------------------------------------------------------------
    def build(self) -> m.School:
        years = {}
        for year_id in sorted(set(self.year_docs) | set(self.divisions) | set(self.groups)):
            doc = self.year_docs.get(year_id)
            if doc is None:
                self.diagnostics.append(error(
                    "APT209",
                    f"years/{year_id}/year.yaml manquant : créez-le (calendrier, périodes, barrettes) ; "
                    "les fichiers de cette année sont ignorés d'ici là",
                    Loc(f"years/{year_id}/year.yaml", 0, 0),
                ))
                continue
            years[year_id] = self._build_year(year_id, doc)
        return m.School(self.root, self.info, self.teachers, self.students, years)

    def _build_year(self, year_id: str, doc: Document) -> m.Year:
        data, at = doc.data, Locator(doc.path)
        periods: list[m.Period] = []
        for item in _dicts(data, v.PERIODS):
            start, end, ident = _day(item, v.START), _day(item, v.END), _opt_text(item, v.ID)
            if start is None or end is None or ident is None:
                continue
            period = m.Period(ident, start, end, at.located(item, (v.ID, v.START, v.END)))
            if any(p.id == ident for p in periods):
                self.duplicate("période", ident, period.src.of(v.ID))
                continue
            periods.append(period)
        barrettes: dict[str, m.Barrette] = {}
        for item in _dicts(data, v.BARRETTES):
            ident, start, duration = _opt_text(item, v.ID), _minutes(item.get(v.START)), _int(item, v.DURATION)
            day_name = _text(item, v.WEEKDAY)
            if ident is None or start is None or duration is None or day_name not in v.WEEKDAYS:
                continue
            divisions, _ = at.items(item, v.DIVISIONS)
            barrette = m.Barrette(
                ident, v.WEEKDAYS.index(day_name), start, duration, tuple(divisions),
                at.located(item, (v.ID, v.WEEKDAY, v.START, v.DURATION, v.DIVISIONS)),
            )
            if ident in barrettes:
                self.duplicate("barrette", ident, barrette.src.of(v.ID))
                continue
            barrettes[ident] = barrette
        return m.Year(
            id=year_id,
            first_day=_day(data, v.FIRST_DAY) or date(int(year_id[:4]), 9, 1),
            last_day=_day(data, v.LAST_DAY) or date(int(year_id[5:]), 7, 4),
            closures=self._spans(data, v.CLOSURES, at),
            openings=self._spans(data, v.OPENINGS, at),
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
            divisions=self.divisions.get(year_id, {}),
            groups=self.groups.get(year_id, {}),
            sessions=self.sessions.get(year_id, {}),
            sessions_src=self.sessions_src.get(year_id, {}),
            bilans=self.bilans.get(year_id, {}),
            bilans_src=self.bilans_src.get(year_id, {}),
            src=at.located(data, (v.FIRST_DAY, v.LAST_DAY, v.YEAR)),
        )

    @staticmethod
    def _spans(data: Any, key: str, at: Locator) -> tuple[m.DateSpan, ...]:
        spans = []
        for item in _dicts(data, key):
            start = _day(item, v.FROM)
            if start is None:
                continue
            end = _day(item, v.TO) or start
            spans.append(m.DateSpan(start, end, _text(item, v.REASON), at.located(item, (v.FROM, v.TO))))
        return tuple(spans)
