"""The organisation of the slots: a division is in one barrette at a time.

Two barrettes on the same weekday whose times overlap cannot share a
division: its students cannot be in two needs groups at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, error
from aptui.model.analysis import Analysis

CODES = {
    "APT701": "division dans deux barrettes au même moment",
}


@dataclass(frozen=True, slots=True)
class Slot:
    id: str
    weekday: int  # 0 = Monday
    start: int  # minutes after midnight
    duration: int
    divisions: tuple[str, ...]


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def overlaps(slots: Iterable[Slot]) -> Iterator[tuple[Slot, Slot, list[str]]]:
    """Each later slot that shares a division with an earlier one at the same time, with those divisions."""
    ordered = list(slots)
    for index, later in enumerate(ordered):
        for earlier in ordered[:index]:
            if earlier.weekday != later.weekday:
                continue
            if later.start >= earlier.start + earlier.duration or earlier.start >= later.start + later.duration:
                continue
            shared = [d for d in later.divisions if d in earlier.divisions]
            if shared:
                yield earlier, later, shared


def overlap_message(earlier: Slot, later: Slot, shared: list[str]) -> str:
    return (
        f"{', '.join(shared)} dans les barrettes {earlier.id} et {later.id}, toutes deux le "
        f"{v.WEEKDAYS[later.weekday]} ({_hhmm(earlier.start)}–{_hhmm(earlier.start + earlier.duration)} et "
        f"{_hhmm(later.start)}–{_hhmm(later.start + later.duration)}) : une division n'est que dans une "
        "barrette à la fois ; changez l'horaire ou retirez la division de l'une"
    )


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    for year in analysis.school.years.values():
        inputs = analysis.inputs(year.id)
        yield from analysis.part(("barrettes", year.id), (inputs.header,), lambda year=year: [
            error("APT701", overlap_message(earlier, later, shared),
                  year.barrettes[later.id].src.of(v.DIVISIONS))
            for earlier, later, shared in overlaps(
                Slot(b.id, b.weekday, b.start_minute, b.duration, b.divisions) for b in year.barrettes.values()
            )
        ])
