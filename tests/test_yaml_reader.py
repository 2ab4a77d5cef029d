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

from aptui.load.limits import Limits
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


@pytest.mark.parametrize("reader", ["libyaml", "yaml-rs"])
def test_reader_matches_ruamel_on_every_school_file(reader: str) -> None:
    files = school_files()
    assert len(files) > 10
    if reader == "yaml-rs":
        pytest.importorskip("yaml_rs")
        from aptui.load.fastread import read_fast
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = parse_yaml(text).data if reader == "libyaml" else read_fast(text)
        assert data is not None, path  # every school file passes the fast reader's guard
        assert data == plain(RUAMEL.load(text)), path


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
    except Exception:  # noqa: BLE001 - not a valid plain scalar for ruamel.yaml
        # ours refuses it too, or keeps the text as written (ruamel even crashes on "-_")
        try:
            kept = parse_yaml(text).data
        except YamlSyntaxError:
            return
        assert kept == {"cle": scalar}
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


# --- French messages, at the fault ------------------------------------------------------------

ENGLISH = ("found", "expected", "while", "scanning", "parsing", "allowed", "character", "stream", "could not")


@pytest.mark.parametrize(("text", "line", "column", "french"), [
    ("a:\n\tb: 1\n", 2, 1, "tabulation interdite"),
    ("a: b: c\n", 1, 5, "« : » inattendu"),
    ('id: e1\nnom: "Martin\nprenom: x\nx: "y"\nz: 1\n', 2, 6, 'guillemet " ouvert ici'),
    ("id: e1\nnom: 'Martin\nprenom: x\n", 2, 6, "guillemet ' ouvert ici et jamais refermé"),
    ("a: {x: 1\nc: 3\n", 1, 4, "« { » ouvert ici et jamais refermé"),
    ("a:\n  b: 1\n c: 2\n", 3, 2, "indentation incohérente"),
    ("- a\nb: 1\n", 2, 1, "élément de liste attendu"),
    ("a: @x\n", 1, 4, "ne peut pas commencer par « @ »"),
    ('a: "\\q"\n', 1, 5, "séquence d'échappement"),
    ("a: &\n", 1, 5, "ancre ou d'alias"),
    ("a: 1\n---\nb: 2\n", 2, 1, "un seul document"),
    ("a: |0\n  x\n", 1, 5, "indicateur d'indentation 0"),
    ("a: x\x00y\n", 1, 5, "U+0000 (NUL)"),
    ("a: 1\nb: \x1b[31m\n", 2, 4, "U+001B (ESC)"),
])
def test_parser_errors_are_french_and_at_the_fault(text: str, line: int, column: int, french: str) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert french in caught.value.message
    assert not any(word in caught.value.message.lower() for word in ENGLISH), caught.value.message


def test_an_unclosed_quote_is_reported_at_the_quote_not_at_the_end_of_the_file() -> None:
    text = 'id: e1\nnom: "Martin\n' + "".join(f"note{i}: texte\n" for i in range(30))
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text)
    assert (caught.value.line, caught.value.column) == (2, 6)


# --- what no JSON Schema can hold is never let through --------------------------------------------

def test_explicit_tags_are_refused_and_read_as_text() -> None:
    parsed = parse_yaml("a: !!int deux\nb: !!python/object/apply:os.system [echo]\nc: ! x\nd: !!str 12\n")
    assert parsed.data == {"a": "deux", "b": ["echo"], "c": "x", "d": "12"}
    assert [(n.kind, n.text, n.line, n.column) for n in parsed.notes] == [
        ("explicit-tag", "!!int", 1, 4), ("explicit-tag", "!!python/object/apply:os.syst…", 2, 4),  # an excerpt
        ("explicit-tag", "!", 3, 4), ("explicit-tag", "!!str", 4, 4)]


def test_numbers_beyond_json_stay_text_with_a_remark() -> None:
    big = "9" * 5001
    parsed = parse_yaml(f"a: {big}\nb: 9007199254740991\nc: 9007199254740992\nd: .inf\ne: -.inf\nf: .nan\ng: 1e999\n")
    assert parsed.data == {"a": big, "b": 2**53 - 1, "c": "9007199254740992", "d": ".inf", "e": "-.inf",
                           "f": ".nan", "g": "1e999"}
    assert [(n.kind, n.line) for n in parsed.notes] == [
        ("big-int", 1), ("big-int", 3), ("non-finite", 4), ("non-finite", 5), ("non-finite", 6), ("non-finite", 7)]


# --- bounded cost ----------------------------------------------------------------------------------

def test_a_few_aliases_are_expanded_as_the_same_values() -> None:
    parsed = parse_yaml("base: &b {duree: 120}\nx: *b\ny: [*b, *b]\n")
    assert parsed.data == {"base": {"duree": 120}, "x": {"duree": 120}, "y": [{"duree": 120}, {"duree": 120}]}


def test_aliases_beyond_their_limits_are_refused_at_the_alias() -> None:
    limits = Limits(max_aliases=3, max_alias_nodes=50)
    text = "a: &a [1, 2]\nb: [*a, *a, *a]\nc: *a\n"
    with pytest.raises(YamlSyntaxError) as caught:  # the fourth use of *a
        parse_yaml(text, limits)
    assert (caught.value.line, caught.value.column) == (3, 4) and "alias" in caught.value.message
    wide = "a: &a [" + ", ".join(["x"] * 30) + "]\nb: [*a, *a]\n"  # 2 x 32 values expanded > 50
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(wide, limits)
    assert (caught.value.line, caught.value.column) == (2, 9)


def test_recursive_and_undefined_aliases_are_refused() -> None:
    for text, position in (("a: &a [*a]\n", (1, 8)), ("a: *nulle\n", (1, 4)), ("a: &k [1]\nb: {*k : 2}\n", (2, 5))):
        with pytest.raises(YamlSyntaxError) as caught:
            parse_yaml(text)
        assert (caught.value.line, caught.value.column) == position, text


def test_values_and_nesting_are_counted_as_they_come() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("a: [" + "x, " * 99 + "x]\n", Limits(max_nodes=50))
    assert caught.value.line == 1 and "trop complexe" in caught.value.message
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("a: " + "[" * 10 + "]" * 10 + "\n", Limits(max_depth=5))
    # the root mapping and four lists make five levels: the fifth "[" (column 8) would be the sixth
    assert (caught.value.line, caught.value.column) == (1, 8) and "imbrication" in caught.value.message


def test_merge_keys_are_refused() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("a: &a {x: 1}\nb:\n  <<: *a\n")
    assert (caught.value.line, caught.value.column) == (3, 3)
    assert parse_yaml('b:\n  "<<": quoted\n').data == {"b": {"<<": "quoted"}}
