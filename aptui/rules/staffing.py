"""Every group has a teacher: a session's hours are its duration times the group's teachers,
so a group without one would be held by nobody and count no hour (docs/format.md)."""

from __future__ import annotations

from collections.abc import Iterator

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, error
from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.rules.common import hours

CODES = {
    "APT405": "groupe sans enseignant",
}


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    """By part (model/memo.py): each period's groups and sessions."""
    for year in analysis.school.years.values():
        inputs = analysis.inputs(year.id)
        for period in sorted({p for p, _ in year.groups}):
            yield from analysis.part(
                ("staffing", year.id, period), (inputs.of_groups(period), inputs.of_sessions(period)),
                lambda year=year, period=period: list(_period(year, period)),
            )


def _period(year: Year, period: str) -> Iterator[Diagnostic]:
    for group in year.groups_of(period):
        if group.teachers:
            continue
        planned = sum(s.hours for s in year.sessions.get(group.key, ()))
        yield error(
            "APT405",
            f"le groupe {group.id} ({period}) n'a aucun enseignant ; ses séances ({hours(planned)}) ne comptent "
            "aucune heure au budget : ajoutez son ou ses enseignants à « enseignants »",
            group.src.of(v.TEACHERS),
        )
