"""A CSV export whose columns are mapped to student fields (``--map COLONNE=champ``).

The fields an import understands: ``nom``, ``prenom``, ``division`` (needed),
``naissance``, ``ine``, ``sortie`` (dates JJ/MM/AAAA or AAAA-MM-JJ), ``mef``
(a MEF label, to guess the level of a new division), ``doublant`` (O/N),
``precedente`` (the previous division).  Columns are found by their title,
compared without case, accents or punctuation; the encoding and the separator
are detected unless given.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from aptui.edit.levels import level_from_mef
from aptui.imports.rows import ExportRead, ExportUnreadable, RowProblem, StudentRow
from aptui.imports.text import clean_ine, decode, display_name, name_key, parse_day, sniff_separator

FIELDS = {
    "nom": "nom de famille", "prenom": "prénom", "division": "division (classe)",
    "naissance": "date de naissance", "ine": "INE", "sortie": "date de sortie",
    "mef": "libellé MEF (niveau)", "doublant": "redoublant (O/N)", "precedente": "division précédente",
}
REQUIRED = ("nom", "prenom", "division")
_DATES = {"naissance": "date de naissance", "sortie": "date de sortie"}
_YES = {"o", "oui", "y", "yes", "1", "x", "vrai", "true"}
HEADER_SEARCH = 10  # a title line or two may precede the column titles


@dataclass(frozen=True, slots=True)
class CsvLayout:
    """How to read one CSV file: field -> column title, and the encoding and separator if known."""

    columns: Mapping[str, str]
    encoding: str | None = None
    separator: str | None = None
    kind: str = "CSV"
    strict: bool = True  # every column named must be there (a --map); else only nom, prenom, division


def parse_map(pairs: Sequence[str]) -> dict[str, str]:
    """``["Nom=nom", "Classe=division"]`` -> {field: column}; ValueError (French) on a bad pair."""
    result: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        target = target.strip().lower()
        if not sep or not column.strip():
            raise ValueError(f"« {pair} » : écrivez COLONNE=champ (ex. « Classe=division »)")
        if target not in FIELDS:
            raise ValueError(f"« {pair} » : champ « {target} » inconnu ; champs possibles : {', '.join(FIELDS)}")
        result[target] = column.strip()
    missing = [name for name in REQUIRED if name not in result]
    if missing:
        raise ValueError(f"il manque la colonne de : {', '.join(missing)} (--map COLONNE={missing[0]})")
    return result


def read_mapped_csv(raw: bytes, source: str, layout: CsvLayout) -> ExportRead:
    try:
        text, encoding = decode(raw, layout.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ExportUnreadable(f"{source} : illisible en {layout.encoding} ({exc}) : essayez --encodage") from None
    separator = layout.separator or sniff_separator(text)
    records = list(_records(text, separator))
    header_at, positions = _header(records, layout.columns, source, layout.strict)
    rows: list[StudentRow] = []
    problems: list[RowProblem] = []
    for line, cells in records[header_at + 1:]:
        if not any(cell.strip() for cell in cells):
            continue
        values = dict.fromkeys(REQUIRED, "")
        values.update({name: cells[pos].strip() if pos < len(cells) else "" for name, pos in positions.items()})
        row = _row(line, values)
        if isinstance(row, RowProblem):
            problems.append(row)
        else:
            rows.append(row)
    notes = () if layout.encoding and layout.separator else (
        f"encodage {encoding}, séparateur « {'tabulation' if separator == chr(9) else separator} »",)
    return ExportRead(source=source, kind=layout.kind, rows=tuple(rows), problems=tuple(problems), notes=notes)


def _records(text: str, separator: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    result = []
    line = 1
    for cells in reader:
        result.append((line, cells))
        line = reader.line_num + 1  # a quoted cell may span lines: the next record starts after
    return result


def _header(records: list[tuple[int, list[str]]], columns: Mapping[str, str],
            source: str, strict: bool) -> tuple[int, dict[str, int]]:
    wanted = {name: name_key(title) for name, title in columns.items()}
    for index, (_line, cells) in enumerate(records[:HEADER_SEARCH]):
        keys = [name_key(cell) for cell in cells]
        if all(key in keys for key in (wanted[name] for name in REQUIRED)):
            missing = [columns[name] for name, key in wanted.items() if key not in keys]
            if missing and strict:
                raise ExportUnreadable(f"{source} : colonne(s) introuvable(s) : {', '.join(missing)}")
            return index, {name: keys.index(key) for name, key in wanted.items() if key in keys}
    titles = ", ".join(columns[name] for name in REQUIRED)
    raise ExportUnreadable(
        f"{source} : ligne de titres introuvable (colonnes {titles} attendues dans les {HEADER_SEARCH} "
        "premières lignes) : vérifiez --map et le séparateur"
    )


def _row(line: int, values: Mapping[str, str]) -> StudentRow | RowProblem:
    last_name, first_name = display_name(values["nom"]), display_name(values["prenom"])
    if not last_name or not first_name:
        return RowProblem(line, "élève sans nom ou sans prénom")
    who = f"{first_name} {last_name}"
    division = values["division"]
    if not division:
        return RowProblem(line, f"{who} : pas de division")
    days: dict[str, date | None] = {}
    for name, label in _DATES.items():
        try:
            days[name] = parse_day(values.get(name, ""))
        except ValueError as exc:
            return RowProblem(line, f"{who} : {label} « {exc} » n'est pas une date JJ/MM/AAAA")
    try:
        ine = clean_ine(values.get("ine"))
    except ValueError as exc:
        return RowProblem(line, f"{who} : INE « {exc} » invalide (11 chiffres ou lettres)")
    return StudentRow(
        line=line, last_name=last_name, first_name=first_name, division=division, ine=ine,
        birth_date=days["naissance"], left_on=days["sortie"], level_hint=level_from_mef(values.get("mef")),
        repeating=values.get("doublant", "").strip().lower() in _YES,
        previous_division=values.get("precedente") or None,
    )
