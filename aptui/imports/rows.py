"""What an export says about one student, and what it could not say."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class StudentRow:
    """One student as an export lists them (already checked: names and division present)."""

    line: int  # in the file, for messages
    last_name: str
    first_name: str
    division: str
    ine: str | None = None
    birth_date: date | None = None
    left_on: date | None = None
    level_hint: str | None = None  # a level read from the export (MEF label), when the division is new
    repeating: bool = False  # « Doublant » in the SIECLE CSV
    previous_division: str | None = None  # « DIV. PREC. » in the SIECLE CSV

    @property
    def display(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that could not be used: its line and the reason, in French."""

    line: int
    reason: str

    def text(self) -> str:
        return f"ligne {self.line} : {self.reason}"


@dataclass(frozen=True, slots=True)
class ExportRead:
    """Everything read from one export file."""

    source: str  # what the summary calls the file (« ElevesSansAdresses.xml »)
    kind: str  # « SIECLE (XML) », « SIECLE (CSV) », « CSV »
    rows: tuple[StudentRow, ...]
    problems: tuple[RowProblem, ...] = ()
    year_hint: str | None = None  # the school year the export says it is for (AAAA-AAAA)
    exported_on: date | None = None  # the export's own date, when it gives one
    uai: str | None = None
    notes: tuple[str, ...] = field(default=())  # facts worth printing (encoding and separator guessed)


class ExportUnreadable(Exception):
    """The file as a whole cannot be read (not XML, not a zip holding the export...)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)
