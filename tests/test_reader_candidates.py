"""Candidate bulk readers (issue 14) read exactly what the writer (ruamel.yaml) reads: on every school
file, on a generated school (another seed) and on random scalars; and what each does with the hostile
corpus, where only the positioned libyaml reader gives aptui's diagnostics (docs/performance.md);
"guarded" is the reader aptui uses (load/fastread.py: yaml_rs behind its guard, else libyaml)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from test_yaml_reader import RUAMEL, SCALARS, plain, school_files

from aptui.gen import generate_school
from aptui.load.yamlread import MAX_SAFE_INT, parse_yaml

Reader = Callable[[str], Any]


def _libyaml(text: str) -> Any:
    return parse_yaml(text).data


def _yaml_rs(text: str) -> Any:
    import yaml_rs

    return yaml_rs.loads(text, parse_datetime=False)  # YAML 1.2 core; dates kept as written


def _guarded(text: str) -> Any:
    """aptui's bulk reader (load/fastread.py): yaml_rs behind its guard, else the libyaml reader."""
    from aptui.load.fastread import read_fast

    fast = read_fast(text)
    return fast if fast is not None else parse_yaml(text).data


READERS: dict[str, Reader] = {"libyaml": _libyaml, "yaml_rs": _yaml_rs, "guarded": _guarded}


@pytest.fixture(params=sorted(READERS))
def reader(request: pytest.FixtureRequest) -> Reader:
    if request.param != "libyaml":
        pytest.importorskip("yaml_rs")
    return READERS[request.param]


def typed(value: Any) -> Any:
    """Values with their types, so that 1 == 1.0 == True do not hide a difference."""
    if isinstance(value, dict):
        return {typed(k): typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("gen") / "school"
    generate_school(root, students=90, years=2, seed=23)
    return sorted(root.rglob("*.yaml"))


def test_every_school_file_reads_as_ruamel_reads_it(reader: Reader, generated: list[Path]) -> None:
    files = school_files() + generated
    assert len(files) > 100
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert typed(reader(text)) == typed(plain(RUAMEL.load(text))), path


@settings(max_examples=300, deadline=None)
@given(SCALARS)
def test_random_plain_scalars_read_as_ruamel_reads_them(scalar: str) -> None:
    text = f"cle: {scalar}\n"
    try:
        expected = plain(RUAMEL.load(text))["cle"]
    except Exception:  # noqa: BLE001 - ruamel refuses (or crashes on) it: nothing to compare
        return
    if isinstance(expected, float) and not math.isfinite(expected) or isinstance(expected, int) and (
            abs(expected) > MAX_SAFE_INT):
        return  # kept as text with a remark by the libyaml reader (test_yaml_reader)
    for name, read in READERS.items():
        if name != "libyaml":
            pytest.importorskip("yaml_rs")
            if name == "yaml_rs" and (scalar.startswith("_") or UPPER_PREFIX.match(scalar)):
                continue  # known differences, pinned below (the guarded reader sends them to libyaml)
        assert typed(read(text)) == typed({"cle": expected}), name


UPPER_PREFIX = re.compile(r"[-+]?0[XOB]")


def test_yaml_rs_reads_an_upper_case_base_prefix_as_a_number_where_ruamel_keeps_text() -> None:
    # found by hypothesis: « 0X0 », « 0O7 », « 0B1 » are text for ruamel (YAML 1.2 core: lower-case prefixes
    # only), numbers for yaml_rs; the guarded reader refuses them (load/fastread.py), libyaml keeps the text
    yaml_rs = pytest.importorskip("yaml_rs")
    for scalar, number in (("0X0", 0), ("0X1F", 31), ("-0X1", -1), ("0O7", 7), ("0B1", 1)):
        text = f"cle: {scalar}\n"
        assert plain(RUAMEL.load(text))["cle"] == scalar
        assert yaml_rs.loads(text)["cle"] == number
        assert _guarded(text) == {"cle": scalar}


def test_yaml_rs_reads_a_leading_underscore_as_a_number_where_ruamel_keeps_text() -> None:
    # found by hypothesis in CI: « _0 », « _12 », « _0.5 » are text for ruamel (the writer), numbers for yaml_rs
    yaml_rs = pytest.importorskip("yaml_rs")
    for scalar, number in (("_0", 0), ("_12", 12), ("__1", 1), ("_0.5", 0.5)):
        assert plain(RUAMEL.load(f"cle: {scalar}\n"))["cle"] == scalar
        assert yaml_rs.loads(f"cle: {scalar}\n")["cle"] == number


HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


def test_yaml_rs_alone_would_let_hostile_files_through() -> None:
    """Why yaml_rs cannot replace the libyaml reader by itself: these files are refused or remarked by
    aptui (APT001, APT011, APT101) and read silently by yaml_rs, or read as something else."""
    yaml_rs = pytest.importorskip("yaml_rs")
    silently = {}
    for name in ("control-char", "deep-nesting", "merge-key", "nul-byte", "recursive-alias", "two-documents",
                 "infinite-float", "tag-python"):
        silently[name] = yaml_rs.loads((HOSTILE / f"{name}.yaml").read_text(encoding="utf-8"), parse_datetime=False)
    assert silently["two-documents"] == [{"id": "e09", "nom": "A"}, {"id": "e10"}]  # a list, as a list file
    assert silently["recursive-alias"]["nom"] == [None]
    assert "<<" in silently["merge-key"]
    assert math.isinf(silently["infinite-float"]["tolerance_rythme"])
    assert math.isnan(silently["infinite-float"]["heures"]["cycle"])
    assert silently["nul-byte"] == {"id": "e09", "nom": "Ma"}  # the rest of the file is dropped at U+0000
    assert silently["tag-python"]["nom"] == ["echo pwned > /tmp/aptui-pwned"]  # the tag is ignored, unremarked
    assert silently["control-char"]["prenom"] == "B\x07"
