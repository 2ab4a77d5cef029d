"""jsonschema-rs (``schemas.conforms_fast``, the fast reader's schema check) never accepts a document that
fastjsonschema (``schemas.conforms``, the verdict every diagnostic follows) refuses, and gives its verdict
on every school file: a document it accepts keeps no schema error unsaid (issue 14)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI_SCHOOL, SAMPLE_SCHOOL
from fuzz import _paths  # every place in a document: its key path
from hostile import cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aptui.gen import generate_school
from aptui.layout import Kind, classify
from aptui.load import fastread, schemas
from aptui.load.yamlread import MAX_SAFE_INT

pytestmark = pytest.mark.skipif(schemas.rs_module() is None or fastread._yaml_rs is None,
                                reason="jsonschema-rs or yaml-rs wheel not installed")
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


def rs_verdict(kind: Kind, data: Any) -> bool | None:
    """jsonschema-rs's own verdict; None where it cannot take the values (conforms_fast then asks fastjsonschema)."""
    check = schemas._rs_check(kind)
    assert check is not None
    try:
        return check(data)
    except (ValueError, TypeError, OverflowError):
        return None


def fast_documents(root: Path) -> list[tuple[Kind, Any]]:
    """(kind, values) of every school file of ``root`` that the fast reader reads."""
    found = []
    for path in sorted(root.rglob("*.yaml")):
        role = classify(path.relative_to(root).as_posix())
        data = fastread.read_fast(path.read_text(encoding="utf-8")) if role is not None else None
        if role is not None and data is not None:
            found.append((role.kind, data))
    return found


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Kind, Any]]:
    root = tmp_path_factory.mktemp("verdicts") / "school"
    generate_school(root, students=40, years=2, seed=5)
    found = fast_documents(MINI_SCHOOL) + fast_documents(root)
    if SAMPLE_SCHOOL.is_dir():
        found += fast_documents(SAMPLE_SCHOOL)
    return found


def test_the_fast_readers_schema_check_is_jsonschema_rs(monkeypatch: pytest.MonkeyPatch) -> None:
    assert schemas._rs_check(Kind.STUDENT) is not None
    asked: list[Kind] = []
    original = schemas._fast_check

    def counted(kind: Kind) -> Any:
        asked.append(kind)
        return original(kind)

    monkeypatch.setattr(schemas, "_fast_check", counted)
    assert schemas.conforms_fast(Kind.SCHOOL, {"nom": "Lycée"}) in (True, False)
    assert asked == []  # fastjsonschema not asked
    assert schemas.conforms_fast(Kind.SCHOOL, {1: "x"}) is False  # a key jsonschema-rs cannot take
    assert asked == [Kind.SCHOOL]


def test_same_verdict_on_every_school_file(documents: list[tuple[Kind, Any]]) -> None:
    assert len(documents) > 100
    for kind, data in documents:
        assert rs_verdict(kind, data) == schemas.conforms(kind, data), (kind, data)


def test_same_verdict_on_every_hostile_file_the_fast_reader_reads() -> None:
    read = 0
    for case in cases():
        if case.file is None or not (HOSTILE / case.file).is_file():
            continue
        role = classify(case.into)
        try:
            text = (HOSTILE / case.file).read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        data = fastread.read_fast(text) if role is not None else None
        if role is None or data is None:
            continue
        read += 1
        verdict = rs_verdict(role.kind, data)
        assert verdict in (None, schemas.conforms(role.kind, data)), case.name
    assert read > 3


def test_an_iso_date_that_does_not_exist_is_refused(documents: list[tuple[Kind, Any]]) -> None:
    kind, data = next((k, d) for k, d in documents if k is Kind.STUDENT)
    born, never = copy.deepcopy(data), copy.deepcopy(data)
    born["naissance"], never["naissance"] = "2009-02-28", "2009-02-30"
    assert rs_verdict(kind, born) is True and schemas.conforms(kind, born) is True
    assert rs_verdict(kind, never) is False and schemas.conforms(kind, never) is False


# Texts near the schemas' patterns and formats: dates, times, years, ids, INE and UAI codes.
EDGE_TEXTS = [
    "2025-02-30", "2025-01-01", "2025-1-01", "2025-01-01\n", "2025-13-01", "0000-01-01", "2024-02-29", "2023-02-29",
    "١٢٣٤-٠١-٠١", "14:30", "24:00", "9:30", "14:30\n", "14:60", "2024-2025", "2024-2025\n", "24-25", "G1", "g-1.x",
    "_x", "-x", "x y", "é", "", " ", "1234567890A", "1234567A", "0123456A\n", "x" * 81, "x" * 300, "present", "absent",
    "retard", "excuse", "oui", "non", "true", "null", "1",
]
VALUES = st.recursive(
    st.one_of(st.sampled_from(EDGE_TEXTS), st.text(max_size=12), st.booleans(), st.none(),
              st.integers(-MAX_SAFE_INT, MAX_SAFE_INT), st.integers(-3, 400),
              st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([0.0, 1.0, 1.5, -1.0, 2.0])),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.one_of(st.sampled_from(EDGE_TEXTS), st.text(max_size=6)), inner,
                                            max_size=3)),
    max_leaves=6,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_jsonschema_rs_never_accepts_what_fastjsonschema_refuses(documents: list[tuple[Kind, Any]],
                                                                data: st.DataObject) -> None:
    kind, original = data.draw(st.sampled_from(documents))
    changed = copy.deepcopy(original)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(changed)))
        if not path:
            continue
        parent = changed
        for step in path[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = data.draw(VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(EDGE_TEXTS))] = data.draw(VALUES)
        else:
            parent.append(data.draw(VALUES))
    verdict = rs_verdict(kind, changed)
    if verdict:
        assert schemas.conforms(kind, changed), (kind, changed)


def test_without_the_wheel_fastjsonschema_decides(monkeypatch: pytest.MonkeyPatch,
                                                 documents: list[tuple[Kind, Any]]) -> None:
    monkeypatch.setattr(schemas, "_rs_check", lambda kind: None)
    kind, data = documents[0]
    assert schemas.conforms_fast(kind, data) is True
    assert schemas.conforms_fast(kind, {**data, "inconnu": 1}) is schemas.conforms(kind, {**data, "inconnu": 1})
