"""Documents -> the immutable School model: the assembly of the per-file contributions.

Each document gives a Contribution (load/builders.py, one builder per kind of
file), memoised on the document; the assembly puts them together (a few ms)
and reports what only the whole shows: ids defined in two files (APT201),
a year without its year.yaml (APT209).
"""

from __future__ import annotations

from collections.abc import Iterable

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, Loc, error
from aptui.layout import Kind
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


def assemble_school(root: str, documents: Iterable[Document]) -> tuple[m.School, list[Diagnostic]]:
    """The School of some documents (in path order), from their contributions."""
    diagnostics: list[Diagnostic] = []
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
    for doc in documents:
        part = contribution(doc)
        if part is None:
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
    return m.School(root, info, teachers, students, years), diagnostics

