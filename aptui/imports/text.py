"""Text as exports write it: encodings, separators, French dates, names in capitals.

Decoding is deterministic rather than guessed: a file that is valid UTF-8 is
UTF-8 (a Latin-1 file with accents almost never is), otherwise it is read as
Windows-1252, the superset of ISO-8859-1 that French office software writes
(same letters, plus « œ » and the typographic apostrophe).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from datetime import date

SEPARATORS = ";,\t|"
_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WORD_BREAKS = re.compile(r"([ \-'’])")
INE_PATTERN = re.compile(r"^[0-9A-Z]{11}$")


def decode(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of a file and the encoding used (given, or UTF-8 if valid, else Windows-1252)."""
    if encoding:
        return raw.decode(encoding), encoding
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "iso-8859-1"
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined: Latin-1 reads everything
        return raw.decode("latin-1"), "iso-8859-1"


def sniff_separator(text: str) -> str:
    """The column separator of a CSV text, from its first lines (« ; » when unsure)."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
    except csv.Error:
        counts = {sep: sample.splitlines()[0].count(sep) if sample else 0 for sep in SEPARATORS}
        best = max(counts, key=lambda sep: counts[sep])
        return best if counts[best] else ";"


def parse_day(text: str) -> date | None:
    """« 12/03/2009 » or « 2009-03-12 » (None when empty); ValueError when it is no date."""
    text = text.strip()
    if not text:
        return None
    french, iso = _FRENCH_DATE.match(text), _ISO_DATE.match(text)
    try:
        if french:
            day, month, year = (int(part) for part in french.groups())
            return date(year, month, day)
        if iso:
            return date(*(int(part) for part in iso.groups()))
    except ValueError:
        pass  # « 31/02/2010 »: the shape of a date, not a day of the calendar
    raise ValueError(text)


def name_key(text: str) -> str:
    """A name compared without accents, case, hyphens or extra spaces (« Lé-A  » = « LEA »)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.casefold()).split())


def person_key(last_name: str, first_name: str) -> str:
    return f"{name_key(last_name)}|{name_key(first_name)}"


def display_name(text: str) -> str:
    """A name as a person writes it: « MARTIN-DUPONT » → « Martin-Dupont »; mixed case is kept."""
    text = " ".join(text.split())
    if text != text.upper():
        return text
    return "".join(part.capitalize() for part in _WORD_BREAKS.split(text.lower()))


def clean_ine(text: str | None) -> str | None:
    """An INE in capitals, or None when empty; ValueError when it is not 11 letters or digits."""
    value = (text or "").strip().upper()
    if not value:
        return None
    if not INE_PATTERN.match(value):
        raise ValueError(value)
    return value
