"""The one date parser of the app's forms: what a French user types, read as a day.

Accepted: ``AAAA-MM-JJ``, ``JJ/MM/AAAA``, ``JJ/MM/AA``, ``JJ/MM`` (the school
year of the frame decides the year), with ``/``, ``.`` or ``-`` between the
parts, and the words ``aujourd'hui``, ``hier``, ``demain``, ``avant-hier``,
``après-demain`` (case, accents, apostrophes and spaces free).  What cannot
be a day is refused with a French message saying why.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from aptui.tui.format import WEEKDAY_NAMES

MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
               "novembre", "décembre")

FORMATS = "JJ/MM/AAAA, JJ/MM, AAAA-MM-JJ, aujourd'hui, hier, demain"

ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
FRENCH = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$")

WORDS = {"aujourdhui": 0, "auj": 0, "hier": -1, "demain": 1, "avanthier": -2, "apresdemain": 2}


class DateError(ValueError):
    """A text that is not a day; ``message`` says why, in French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class DateFrame:
    """What a typed date is read against: today (for the words) and the school year (for ``JJ/MM``)."""

    today: date
    first: date
    """The school year's first day: ``JJ/MM`` on or after it is in its calendar year, before it the next one."""
    last: date

    @classmethod
    def around(cls, today: date) -> DateFrame:
        """The frame of a school without years: the September-to-August year containing today."""
        start = today.year if today.month >= 9 else today.year - 1
        return cls(today, date(start, 9, 1), date(start + 1, 8, 31))


def _word(text: str) -> str:
    """The text without accents, case, apostrophes, hyphens or spaces (« Aujourd’hui » -> « aujourdhui »)."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in plain if c.isalnum() and not unicodedata.combining(c))


def parse_day(text: str, frame: DateFrame) -> date:
    """The day ``text`` names, or DateError with the French reason."""
    raw = text.strip()
    if not raw:
        raise DateError("Date vide.")
    word = _word(raw)
    if word in WORDS:
        return frame.today + timedelta(days=WORDS[word])
    iso = ISO.match(raw)
    if iso:
        return _checked(raw, int(iso[1]), int(iso[2]), int(iso[3]))
    french = FRENCH.match(raw)
    if not french:
        raise DateError(f"« {raw} » n'est pas une date ({FORMATS}).")
    day, month, year_text = int(french[1]), int(french[2]), french[3]
    if year_text is None:
        _month_ok(raw, month)
        year = frame.first.year if (month, day) >= (frame.first.month, frame.first.day) else frame.first.year + 1
    elif len(year_text) == 2:
        year = 2000 + int(year_text)
    else:
        year = int(year_text)
    return _checked(raw, year, month, day)


def _month_ok(raw: str, month: int) -> None:
    if not 1 <= month <= 12:
        raise DateError(f"« {raw} » : il n'y a pas de mois {month} (1 à 12).")


def _checked(raw: str, year: int, month: int, day: int) -> date:
    if year < 1:
        raise DateError(f"« {raw} » : l'année {year} n'existe pas.")
    _month_ok(raw, month)
    length = calendar.monthrange(year, month)[1]
    if not 1 <= day <= length:
        raise DateError(f"« {raw} » : {MONTH_NAMES[month - 1]} {year} n'a que {length} jours."
                        if day > length else f"« {raw} » : il n'y a pas de jour {day}.")
    return date(year, month, day)


def spoken(day: date) -> str:
    """« vendredi 5 juin 2026 »."""
    ordinal = "1er" if day.day == 1 else str(day.day)
    return f"{WEEKDAY_NAMES[day.weekday()]} {ordinal} {MONTH_NAMES[day.month - 1]} {day.year}"


def preview(text: str, frame: DateFrame) -> tuple[str, bool]:
    """What a date field shows under it while typing: (« → 2026-06-05 · vendredi 5 juin 2026 », True) or the error."""
    if not text.strip():
        return "", True
    try:
        day = parse_day(text, frame)
    except DateError as exc:
        return exc.message, False
    return f"→ {day.isoformat()} · {spoken(day)}", True
