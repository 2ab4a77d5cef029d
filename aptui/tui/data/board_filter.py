"""The group board's filter: a student by name, id or division, or a whole group by id, title or type."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from aptui import vocab as v
from aptui.model.analysis import Analysis
from aptui.model.entities import Group, School, Year
from aptui.tui.data.board import BoardColumn, BoardEntry, barrettes_of_period, board
from aptui.tui.search import matches

Keep = Callable[[str], bool]


def group_matches(school: School, group: Group, needle: str) -> bool:
    """Whether the filter names the group: its id, title, type or teachers."""
    teachers = (school.teachers[t].display if t in school.teachers else t for t in group.teachers)
    return matches(needle, (group.id, group.title, v.CONTENT_TYPE_LABELS.get(group.content_type, ""), *teachers))


def entry_matches(entry: BoardEntry, needle: str) -> bool:
    return matches(needle, (entry.student, entry.name, entry.division))


def column_keep(school: School, column: BoardColumn, needle: str) -> Keep | None:
    """The students a column shows under the filter (None: all of them, as when the group itself is named)."""
    if not needle.strip() or (column.group is not None and group_matches(school, column.group, needle)):
        return None
    names = {e.student: e for e in column.entries}
    return lambda student: student in names and entry_matches(names[student], needle)


def shown_count(school: School, columns: list[BoardColumn], needle: str) -> int:
    """How many students the filter leaves on a board."""
    total = 0
    for column in columns:
        keep = column_keep(school, column, needle)
        total += sum(1 for e in column.entries if keep is None or keep(e.student))
    return total


def other_barrettes(analysis: Analysis, year: Year, period_id: str, barrette: str, needle: str,
                    today: date) -> list[str]:
    """The period's other barrettes where the filter finds someone (in board order)."""
    if not needle.strip():
        return []
    found = []
    for other in barrettes_of_period(year, period_id):
        if other != barrette and shown_count(analysis.school, board(analysis, year, period_id, other, today), needle):
            found.append(other)
    return found
