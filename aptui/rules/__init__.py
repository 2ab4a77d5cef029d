"""Validation rules: each module checks one concern and returns diagnostics.

A rule module exposes ``CODES`` (code -> short French title, for docs and
tests) and ``check(analysis) -> Iterable[Diagnostic]``.  Like beancount's
plugins, they run in order on the same immutable model and all their
problems are reported together.
"""

from __future__ import annotations

from types import ModuleType

from aptui.diagnostics import Diagnostic
from aptui.model.analysis import Analysis
from aptui.model.entities import School
from aptui.rules import (
    attendance,
    barrettes,
    bilan_targets,
    budget,
    calendar,
    evolution,
    pfmp,
    references,
    staffing,
    student_hours,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    references, calendar, staffing, budget, student_hours, evolution, bilan_targets, attendance, barrettes, pfmp,
)


def check_school(school: School, analysis: Analysis | None = None) -> list[Diagnostic]:
    """Run every rule on a school."""
    analysis = analysis or Analysis(school)
    diagnostics: list[Diagnostic] = []
    for module in RULE_MODULES:
        diagnostics.extend(module.check(analysis))
    return diagnostics


def all_codes() -> dict[str, str]:
    """Every rule code with its title."""
    from aptui.load import CODES as LOADER_CODES

    codes: dict[str, str] = dict(LOADER_CODES)
    for module in RULE_MODULES:
        codes.update(module.CODES)
    return codes
