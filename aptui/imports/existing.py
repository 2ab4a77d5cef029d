"""The students already in the school, as the import compares them (read fast, never round-trip)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from aptui import layout
from aptui import vocab as v
from aptui.edit.setup_common import as_date
from aptui.load.guard import read_or_none
from aptui.load.source import parse_source


@dataclass(frozen=True, slots=True)
class KnownStudent:
    id: str
    last_name: str
    first_name: str
    divisions: Mapping[str, str]
    ine: str | None
    birth_date: date | None
    left_on: date | None

    @property
    def display(self) -> str:
        return f"{self.first_name} {self.last_name}"


def known_students(root: Path) -> dict[str, KnownStudent]:
    """Every readable student file, by id (a file that cannot be read is left out: validate says why)."""
    result: dict[str, KnownStudent] = {}
    folder = root / "students"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        raw = read_or_none(root, layout.student_path(path.stem))  # no FIFO, no link outside (load/guard.py)
        parsed = parse_source(raw, layout.student_path(path.stem))[0] if raw is not None else None
        data = parsed.data if parsed is not None else None
        if isinstance(data, Mapping):
            result[path.stem] = _known(path.stem, data)
    return result


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _known(ident: str, data: Mapping[str, Any]) -> KnownStudent:
    divisions = data.get(v.DIVISIONS)
    return KnownStudent(
        id=ident, last_name=_text(data, v.NAME), first_name=_text(data, v.FIRST_NAME),
        divisions={str(y): str(d) for y, d in divisions.items()} if isinstance(divisions, Mapping) else {},
        ine=_text(data, v.INE) or None, birth_date=as_date(data.get(v.BIRTH_DATE)),
        left_on=as_date(data.get(v.LEFT_ON)),
    )
