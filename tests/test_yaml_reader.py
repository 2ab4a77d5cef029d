"""The fast reader (libyaml + YAML 1.2 resolvers) reads exactly what the
writer (ruamel.yaml round-trip) reads, on every school file and on random
scalars; positions and YAML 1.1 traps are reported."""

from __future__ import annotations

import datetime
import math
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI_SCHOOL, SAMPLE_SCHOOL
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from aptui.load.source import parse_source
from aptui.load.yamlread import PosDict, YamlSyntaxError, parse_yaml

RUAMEL = YAML()


def plain(value: Any) -> Any:
    """ruamel values as plain Python, dates as ISO strings (as our reader keeps them)."""
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def school_files() -> list[Path]:
    files = sorted(MINI_SCHOOL.rglob("*.yaml"))
    if SAMPLE_SCHOOL.is_dir():
        files += sorted(SAMPLE_SCHOOL.rglob("*.yaml"))
    return files


def test_reader_matches_ruamel_on_every_school_file() -> None:
    files = school_files()
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert parse_yaml(text).data == plain(RUAMEL.load(text)), path


SCALARS = st.one_of(
    st.sampled_from(
        ["14:30", "1:2:3", "no", "yes", "On", "off", "y", "n", "true", "False", "~", "null", "0755", "0o17",
         "0x1F", "0b101", "1_000", "1e3", ".5", "+12", "-7", ".inf", "-.inf", "2025-09-01", "12/09/2025",
         "1.", "3.14", "007", "-0", "Null", "NULL", "TRUE", "0", "12e03"]
    ),
    st.from_regex(r"[0-9a-zA-Z:._+\-]{1,8}", fullmatch=True),
)


@settings(max_examples=400, deadline=None)
@given(SCALARS)
def test_reader_matches_ruamel_on_random_plain_scalars(scalar: str) -> None:
    text = f"cle: {scalar}\n"
    try:
        expected = plain(RUAMEL.load(text))
    except Exception:  # noqa: BLE001 - not a valid plain scalar for either reader
        with pytest.raises((YamlSyntaxError, Exception)):
            parse_yaml(text)
        return
    parsed = parse_yaml(text)
    value = expected["cle"]
    if isinstance(value, float) and not math.isfinite(value) or isinstance(value, int) and abs(value) > 2**53 - 1:
        # what no JSON document can hold is kept as written, with a remark (APT101)
        assert parsed.data == {"cle": scalar} and [n.kind for n in parsed.notes] in (["non-finite"], ["big-int"])
        return
    assert parsed.data == expected


def test_positions_are_one_based_lines_and_columns() -> None:
    data = parse_yaml("# comment\na: 1\nb:\n  - x\n  - y\n").data
    assert isinstance(data, PosDict)
    assert data.pos["a"] == (2, 1, 2, 4)
    assert data["b"].pos == [(4, 5), (5, 5)]


def test_yaml11_traps_are_noted() -> None:
    notes = parse_yaml('debut: 14:30\nok: "14:30"\nflag: no\n').notes
    assert [(n.kind, n.line) for n in notes] == [("sexagesimal", 1), ("yaml11-bool", 3)]


def test_duplicate_keys_are_noted() -> None:
    notes = parse_yaml("a: 1\na: 2\n").notes
    assert [(n.kind, n.line) for n in notes] == [("duplicate-key", 2)]


def test_unclosed_bracket_is_reported_at_the_bracket() -> None:
    _, diags = parse_source(b"a: 1\nb: [1, 2\nc: 3\n", "x.yaml")
    assert [(d.code, d.loc.line, d.loc.column) for d in diags] == [("APT001", 2, 4)]
    assert "« [ » ouvert ici et jamais refermé" in diags[0].message


def test_bad_encoding_points_at_the_byte() -> None:
    _, diags = parse_source("a: 1\nnom: Hélène\n".encode("latin-1"), "x.yaml")
    assert [(d.code, d.loc.line, d.loc.column) for d in diags] == [("APT002", 2, 7)]
    assert "UTF-8" in diags[0].message


def test_bom_is_tolerated() -> None:
    parsed, diags = parse_source("\ufeffa: 1\n".encode("utf-8"), "x.yaml")
    assert diags == [] and parsed is not None and parsed.data == {"a": 1}
