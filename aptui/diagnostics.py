"""Diagnostics: the one shape every problem takes, from the loader to the rules.

Like beancount's errors, a diagnostic carries where it happened (file, line,
column), a stable code, a severity and a French message saying what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How serious a problem is: an error blocks, a warning informs."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Loc:
    """A position in a school file; line and column start at 1 (0 = unknown)."""

    path: str
    line: int = 0
    column: int = 0


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in the school files.

    ``about``: what the problem depends on, as keys of ``School.unreadable`` or their prefixes
    (``("group", year, period)``: any group of that period).  A problem about what an unreadable
    file would define is a consequence of that file, folded into its one note (rules/waiting.py).
    Not part of the identity of a problem.
    """

    code: str
    severity: Severity
    message: str
    loc: Loc
    about: tuple[tuple[str, ...], ...] = field(default=(), compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.loc.path, self.loc.line, self.loc.column, self.code)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.loc.path,
            "line": self.loc.line,
            "column": self.loc.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


def error(code: str, message: str, loc: Loc, about: tuple[tuple[str, ...], ...] = ()) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, loc, about)


def warning(code: str, message: str, loc: Loc, about: tuple[tuple[str, ...], ...] = ()) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, loc, about)


def sorted_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Stable order for output: by file, then line, column and code; no duplicates."""
    return sorted(set(diags), key=Diagnostic.sort_key)


def count(diags: Iterable[Diagnostic]) -> tuple[int, int]:
    """Number of (errors, warnings)."""
    errors = warnings = 0
    for diag in diags:
        if diag.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings
