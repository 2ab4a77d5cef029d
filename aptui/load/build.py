"""Documents -> the immutable School model: the assembly of the per-file contributions.

Each document gives a Contribution (load/builders.py, one builder per kind of
file), memoised on the document; the assembly puts them together (a few ms)
and reports what only the whole shows: ids defined in two files (APT201),
a year without its year.yaml (APT209), a year folder that cannot be a school
year (APT103).  A file that exists but gave nothing (it did not parse, or its
root is not a mapping) is remembered in ``School.unreadable`` with what it
would define, so that references to it wait on it instead of being unknown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, Loc, error, warning
from aptui.layout import FileRole, Kind
from aptui.load.builders import DEFAULT_PACE_TOLERANCE, Contribution, YearHeader, _duplicate, contribution
from aptui.load.fields import Locator
from aptui.load.source import Document
from aptui.model import entities as m

__all__ = ["DEFAULT_PACE_TOLERANCE", "Contribution", "Locator", "SchoolBuilder", "YearHeader",
           "assemble_school", "contribution"]


class SchoolBuilder:
    """Accumulates documents, then assembles the School and reports id problems."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.diagnostics: list[Diagnostic] = []
        self.documents: list[Document] = []

    def add(self, doc: Document) -> None:
        self.documents.append(doc)

    def build(self) -> m.School:
        school, diagnostics = assemble_school(self.root, self.documents)
        self.diagnostics.extend(diagnostics)
        return school


def school_year_ok(year_id: str) -> bool:
    """Whether a ``years/AAAA-AAAA`` folder names a school year (two consecutive, plausible years)."""
    first, second = int(year_id[:4]), int(year_id[5:])
    return 1970 <= first <= 2999 and second == first + 1


def defined_by(role: FileRole) -> tuple[str, ...] | None:
    """What a file of this role defines that other files refer to (``School.unreadable``'s keys)."""
    kind = role.kind
    if kind is Kind.STUDENT and role.ident is not None:
        return ("student", role.ident)
    if kind is Kind.STAFF:
        return ("staff",)
    if kind is Kind.DIVISION and role.year is not None and role.ident is not None:
        return ("division", role.year, role.ident)
    if kind is Kind.GROUP and role.year is not None and role.period is not None and role.ident is not None:
        return ("group", role.year, role.period, role.ident)
    if kind is Kind.YEAR and role.year is not None:
        return ("year", role.year)
    if kind is Kind.SESSIONS and role.year is not None and role.period is not None and role.ident is not None:
        return ("sessions", role.year, role.period, role.ident)  # what the rules' hours wait on
    if kind is Kind.BILANS and role.year is not None and role.period is not None:
        return ("bilans", role.year, role.period)
    return None


def assemble_school(root: str, documents: Iterable[Document]) -> tuple[m.School, list[Diagnostic]]:
    """The School of some documents (in path order), from their contributions; unusable ones are remembered."""
    diagnostics: list[Diagnostic] = []
    unreadable: dict[tuple[str, ...], str] = {}
    impossible_years: dict[str, str] = {}  # year id -> the file to point at (year.yaml if there is one)
    info: m.SchoolInfo | None = None
    teachers: dict[str, m.Teacher] = {}
    students: dict[str, m.Student] = {}
    headers: dict[str, YearHeader] = {}
    divisions: dict[str, dict[str, m.Division]] = {}
    groups: dict[str, dict[tuple[str, str], m.Group]] = {}
    sessions: dict[str, dict[tuple[str, str], tuple[m.Session, ...]]] = {}
    sessions_src: dict[str, dict[tuple[str, str], m.Located]] = {}
    bilans: dict[str, dict[str, dict[str, m.Bilan]]] = {}
    bilans_src: dict[str, dict[str, m.Located]] = {}
    files_of: Counter[str] = Counter()
    for doc in documents:
        year_of_file = doc.role.year
        files_of[year_of_file or ""] += 1
        if year_of_file is not None and not school_year_ok(year_of_file):
            if doc.role.kind is Kind.YEAR or year_of_file not in impossible_years:
                impossible_years[year_of_file] = doc.path
            continue
        part = contribution(doc) if doc.ok else None
        if part is None:
            key = defined_by(doc.role)
            if key is not None:
                unreadable[key] = doc.path
            continue
        diagnostics.extend(part.diagnostics)
        # Year-scoped kinds always carry their year; the others never read it.
        kind, year = part.kind, part.year or ""
        if kind is Kind.STUDENT:
            student: m.Student = part.value
            if student.id in students:
                diagnostics.append(_duplicate("élève", student.id, student.src.of(v.ID)))
            students[student.id] = student
        elif kind is Kind.SESSIONS:
            sessions.setdefault(year, {})[part.key] = part.value
            if part.src is not None:
                sessions_src.setdefault(year, {})[part.key] = part.src
        elif kind is Kind.GROUP:
            groups.setdefault(year, {})[part.key] = part.value
        elif kind is Kind.DIVISION:
            divisions.setdefault(year, {})[part.key] = part.value
        elif kind is Kind.BILANS:
            bilans.setdefault(year, {})[part.key] = part.value
            if part.src is not None:
                bilans_src.setdefault(year, {})[part.key] = part.src
        elif kind is Kind.YEAR:
            headers[year] = part.value
        elif kind is Kind.STAFF:
            for teacher in part.value:
                if teacher.id in teachers:
                    diagnostics.append(_duplicate("enseignant", teacher.id, teacher.src.of(v.ID)))
                teachers[teacher.id] = teacher
        elif kind is Kind.SCHOOL:
            info = part.value
    years = {}
    for year_id in sorted(set(headers) | set(divisions) | set(groups)):
        header = headers.get(year_id)
        if header is None and ("year", year_id) in unreadable:  # not missing: unreadable (APT001 says why)
            diagnostics.append(warning(
                "APT211",
                f"l'année {year_id} n'est pas vérifiée tant que ce fichier est illisible ({files_of[year_id] - 1} "
                "autre(s) fichier(s) de l'année l'attendent) : corrigez-le d'abord",
                Loc(unreadable[("year", year_id)], 1, 1),
            ))
            continue
        if header is None:
            diagnostics.append(error(
                "APT209",
                f"years/{year_id}/year.yaml manquant : créez-le (calendrier, périodes, barrettes) ; "
                "les fichiers de cette année sont ignorés d'ici là",
                Loc(f"years/{year_id}/year.yaml", 0, 0),
            ))
            continue
        years[year_id] = m.Year(
            id=year_id, first_day=header.first_day, last_day=header.last_day, closures=header.closures,
            openings=header.openings, periods=header.periods, barrettes=header.barrettes,
            exemptions=header.exemptions, divisions=divisions.get(year_id, {}), groups=groups.get(year_id, {}),
            sessions=sessions.get(year_id, {}), sessions_src=sessions_src.get(year_id, {}),
            bilans=bilans.get(year_id, {}), bilans_src=bilans_src.get(year_id, {}), src=header.src,
        )
    for year_id, path in sorted(impossible_years.items()):
        diagnostics.append(error(
            "APT103",
            f"année scolaire impossible « {year_id} » (dossier years/{year_id}/) : une année scolaire va d'une "
            "année à la suivante, entre 1970 et 2999 (ex. 2025-2026) ; renommez le dossier ; ses fichiers sont "
            "ignorés d'ici là",
            Loc(path, 1, 1),
        ))
    return m.School(root, info, teachers, students, years, unreadable), diagnostics

