"""Levels in school order (2nde, 1re, Tle), never as strings ("1re" < "2nde" < "Tle")."""

from __future__ import annotations

from aptui import vocab as v
from aptui.model.entities import Division

ORDER: tuple[str, ...] = tuple(v.LEVELS)  # 2nde, 1re, Tle


def level_rank(level: str) -> int:
    """0 for 2nde, 1 for 1re, 2 for Tle; an unknown level after them."""
    return ORDER.index(level) if level in ORDER else len(ORDER)


def division_order(division: Division) -> tuple[int, str, str]:
    """Sort key of divisions: by level in school order, then by id."""
    return (level_rank(division.level), division.level, division.id)
