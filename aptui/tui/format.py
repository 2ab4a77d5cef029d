"""French formatting of numbers and dates for the screens."""

from __future__ import annotations

from datetime import date


def hours(value: float | None) -> str:
    """« 12,5 h »."""
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", ",") + " h"


def number(value: float) -> str:
    """« 12,5 »."""
    return f"{value:.1f}".replace(".", ",")


def percent(value: float | None) -> str:
    """« 82 % », or a dash before any mark."""
    return "—" if value is None else f"{round(value * 100)} %"


def day(value: date | None) -> str:
    """« 18/11/2025 »."""
    return value.strftime("%d/%m/%Y") if value else "—"


def short_day(value: date) -> str:
    """« 18/11 »."""
    return value.strftime("%d/%m")


WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def long_day(value: date) -> str:
    """« mardi 18/11/2025 »."""
    return f"{WEEKDAY_NAMES[value.weekday()]} {value:%d/%m/%Y}"


def fit(text: str, width: int | None) -> str:
    """A text cut to its column says so (« … »); the detail shows it whole."""
    return text if width is None or len(text) <= width else text[:width - 1] + "…"
