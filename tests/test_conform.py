"""Every value goes through its schema before a builder touches it.

``conform`` reports the schema's faults and hands the builders the document
without what the schema refused: whatever a file holds, what reaches a
builder satisfies the schema but for fields that may be missing (required,
minItems) or repeated (uniqueItems), which builders read as absent, and short
texts outside their enum (rules such as the zone's APT308 speak of them).  Dates
must exist (``format: date``), in the fast validator and the full one alike.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINI_SCHOOL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator, FormatChecker
from schema_support import relaxed_validator

from aptui.layout import Kind, classify
from aptui.load.builders import contribution
from aptui.load.schemas import conform, conforms, is_date, schema_of
from aptui.load.source import Document
from aptui.load.yamlread import PosDict, YamlSyntaxError, parse_yaml

MINI_FILES = sorted(p for p in MINI_SCHOOL.rglob("*.yaml") if classify(p.relative_to(MINI_SCHOOL).as_posix()))


def test_impossible_dates_are_located_and_taken_out() -> None:
    text = "seances:\n  - date: 2025-11-31\n    debut: \"14:00\"\n    duree_min: 120\n  - date: 2025-11-18\n" \
           "    debut: \"14:00\"\n    duree_min: 120\n"
    data, diagnostics = conform(Kind.SESSIONS, parse_yaml(text).data, "s.yaml", text)
    assert [(d.code, d.loc.line, d.loc.column) for d in diagnostics] == [("APT101", 2, 11)]
    assert "2025-11-31" in diagnostics[0].message and "inexistante" in diagnostics[0].message
    assert [s.get("date") for s in data["seances"]] == [None, "2025-11-18"]


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)), st.integers(0, 40))
def test_fast_and_full_validators_agree_on_dates(day: date, shift: int) -> None:
    year, month, dom = day.year, day.month, day.day + shift  # shift the day past the month's end at times
    text = f"{year:04d}-{month:02d}-{dom:02d}"
    exists = dom <= 31 and (day.replace(day=1) + timedelta(days=dom - 1)).month == month
    document = {"id": "e1", "nom": "A", "prenom": "B", "divisions": {}, "sortie": text}
    assert conforms(Kind.STUDENT, document) is exists
    assert (not list(Draft7Validator(schema_of(Kind.STUDENT), format_checker=_checker()).iter_errors(document))) \
        is exists


def _checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("date")(is_date)
    return checker


def test_numbers_are_quoted_as_written_and_values_as_excerpts() -> None:
    text = "id: e1\nnom: 0123\nprenom: " + "x" * 5000 + "\ndivisions: {}\nprofils: {2025-2026: " + "y" * 5000 + "}\n"
    parsed = parse_yaml(text)
    _, diagnostics = conform(Kind.STUDENT, parsed.data, "e1.yaml", text)
    by_line = {d.loc.line: d.message for d in diagnostics}
    assert "0123 est lu comme un nombre" in by_line[2]
    assert "yyyy" in by_line[5] and len(by_line[5]) < 200


# --- whatever a file holds, builders get only what the schema allows ------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**60, 2**60) | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12) | st.sampled_from(["2025-09-16", "2025-02-30", "14:00", "e01", "present", "P1"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8) | st.sampled_from(
        ["id", "date", "debut", "duree_min", "appel", "eleves", "seances", "barrettes", "bilans"]), inner, max_size=4),
    max_leaves=12,
)


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _replace(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node = document
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return document


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MINI_FILES), st.data())
def test_what_reaches_a_builder_satisfies_the_schema(source: Path, data: st.DataObject) -> None:
    rel = source.relative_to(MINI_SCHOOL).as_posix()
    role = classify(rel)
    assert role is not None
    document = _plain(parse_yaml(source.read_text(encoding="utf-8")).data)
    for _ in range(data.draw(st.integers(1, 4))):
        path = data.draw(st.sampled_from(_paths(document)))
        document = _replace(document, path, data.draw(JSON))
    text = yaml.safe_dump(document, allow_unicode=True)
    try:
        parsed = parse_yaml(text)
    except YamlSyntaxError:
        return  # refused whole (e.g. too deep): nothing reaches a builder
    pruned, _ = conform(role.kind, parsed.data, rel, text)
    if pruned is None:
        return
    errors = [e.message for e in relaxed_validator(role.kind).iter_errors(pruned)]
    assert errors == [], (text, errors)
    doc = Document(rel, role, "x", pruned, parsed=True, checked=True)
    contribution(doc)  # never raises


@pytest.mark.parametrize("text", ["seances:\n  - 12\n  - [1]\n  - date: 2025-09-16\n", "seances: 3\n", "- 1\n"])
def test_a_document_read_outside_the_pipeline_is_checked_by_the_builder(text: str) -> None:
    """Git history builds documents straight from parsed values: the builder checks them first."""
    role = classify("years/2025-2026/sessions/P1/G-APPRO.yaml")
    assert role is not None
    doc = Document("years/2025-2026/sessions/P1/G-APPRO.yaml", role, "x", parse_yaml(text).data, parsed=True)
    part = contribution(doc)
    assert doc.checked
    assert part is None or part.value == ()
    assert doc.data is None or isinstance(doc.data, PosDict)
