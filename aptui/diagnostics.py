"""Diagnostics: the one shape every problem takes, from the loader to the rules.

Like beancount's errors, a diagnostic carries where it happened (file, line,
column), a stable code, a severity and a French message saying what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import FrozenInstanceError, dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How serious a problem is: an error blocks, a warning informs."""

    ERROR = "error"
    WARNING = "warning"


class Loc:
    """A position in a school file; line and column start at 1 (0 = unknown).

    Immutable, compared and hashed by (path, line, column).  A Loc made by
    ``Loc.later`` (a document read without positions, load/fastread.py) knows
    its place as a key path in its document; its line and column are found
    on first use (``where.position(keys, part)``: load/lazypos.py re-reads
    that one file with the positioned reader), so a clean school never pays
    for positions nobody reads.  Such a Loc pickles with its key path.
    """

    __slots__ = ("path", "_line", "_column", "_later")

    path: str
    _line: int
    _column: int
    _later: tuple[Any, tuple[Any, ...], int] | None

    def __init__(self, path: str, line: int = 0, column: int = 0) -> None:
        _set(self, "path", path)
        _set(self, "_line", line)
        _set(self, "_column", column)
        _set(self, "_later", None)

    @classmethod
    def later(cls, path: str, where: Any, keys: tuple[Any, ...], part: int) -> Loc:
        """A Loc whose line and column are ``where.position(keys, part)``, asked on first use."""
        loc = _new(cls)
        _set(loc, "path", path)
        _set(loc, "_line", 0)
        _set(loc, "_column", 0)
        _set(loc, "_later", (where, keys, part))
        return loc

    @property
    def line(self) -> int:
        if self._later is not None:
            self._settle()
        return self._line

    @property
    def column(self) -> int:
        if self._later is not None:
            self._settle()
        return self._column

    @property
    def pending(self) -> bool:
        """True while the line and column are still to be found (``Loc.later``)."""
        return self._later is not None

    @property
    def source(self) -> Any:
        """What finds the position of a pending Loc (None once found, or for a plain Loc)."""
        return self._later[0] if self._later is not None else None

    def _settle(self) -> None:
        assert self._later is not None
        where, keys, part = self._later
        line, column = where.position(keys, part)
        _set(self, "_line", line)
        _set(self, "_column", column)
        _set(self, "_later", None)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Loc:
            return NotImplemented
        assert isinstance(other, Loc)
        if self.path != other.path:
            return False
        if self._later is not None and self._later == other._later:
            return True  # the same place of the same content: no need to find it
        return self.line == other.line and self.column == other.column

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.column))

    def __repr__(self) -> str:
        return f"Loc(path={self.path!r}, line={self.line!r}, column={self.column!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        if self._later is not None:
            return (_LATER, (self.path, *self._later))  # the classmethod itself: one call less per Loc loaded
        return (Loc, (self.path, self._line, self._column))


_set = object.__setattr__
_new = object.__new__


def _pending_loc(path: str, where: Any, keys: tuple[Any, ...], part: int) -> Loc:
    """A pending Loc as pickles written before ``_LATER`` name it."""
    return Loc.later(path, where, keys, part)


_LATER = Loc.later
"""One bound method object, so that a pickle names it once (its memo), then calls it for each pending Loc."""


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
