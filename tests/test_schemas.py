"""The schemas themselves are valid, and a third-party validator
(check-jsonschema) accepts every school file against them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI_SCHOOL, REPO_ROOT, SAMPLE_SCHOOL
from jsonschema import Draft7Validator

from aptui.layout import Kind, classify

SCHEMAS = REPO_ROOT / "schema"


@pytest.mark.parametrize("kind", list(Kind), ids=[k.value for k in Kind])
def test_schema_is_valid_draft7(kind: Kind) -> None:
    Draft7Validator.check_schema(json.loads((SCHEMAS / f"{kind.value}.schema.json").read_text()))


def files_by_kind(root: Path) -> dict[Kind, list[str]]:
    result: dict[Kind, list[str]] = {}
    for path in sorted(root.rglob("*.yaml")):
        role = classify(path.relative_to(root).as_posix())
        if role is not None:
            result.setdefault(role.kind, []).append(str(path))
    return result


@pytest.mark.parametrize("school", [MINI_SCHOOL, SAMPLE_SCHOOL], ids=["mini_school", "sample_school"])
def test_check_jsonschema_accepts_every_file(school: Path) -> None:
    if not (school / "school.yaml").is_file():
        pytest.skip("sample_school not generated")
    by_kind = files_by_kind(school)
    assert set(by_kind) == set(Kind), f"kinds missing from {school}: {set(Kind) - set(by_kind)}"
    for kind, files in by_kind.items():
        proc = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--schemafile",
             str(SCHEMAS / f"{kind.value}.schema.json"), *files],
            capture_output=True, text=True,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_jsonschema_rejects_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "e01.yaml"
    bad.write_text("id: e01\nnom: A\nprenom: B\ndivisions: {}\nsortie: 12/09/2025\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMAS / "student.schema.json"), str(bad)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 1
