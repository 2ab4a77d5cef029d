"""Each rule catches its fault, with the right code, file and line.

Every file of tests/fixtures/broken/ describes a broken variant of the mini
school (text replacements, new files, a re-encoded file) and the diagnostics
it must produce as "CODE path:line": exactly those, each cascade explained in the file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES

from aptui.pipeline import load_school
from aptui.rules import all_codes

BROKEN = FIXTURES / "broken"
VARIANTS = sorted(BROKEN.glob("*.yaml"))


def apply_variant(root: Path, spec: dict) -> None:
    for change in spec["changes"]:
        target = root / change["file"]
        if "symlink" in change:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(change["symlink"])
        elif "fifo" in change:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.mkfifo(target)
        elif "write" in change:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(change["write"], encoding="utf-8")
        elif "encode" in change:
            target.write_bytes(target.read_text(encoding="utf-8").encode(change["encode"]))
        else:
            text = target.read_text(encoding="utf-8")
            assert change["find"] in text, f"{change['find']!r} not in {change['file']}"
            target.write_text(text.replace(change["find"], change["replace"], 1), encoding="utf-8")


def test_mini_school_is_clean() -> None:
    from conftest import MINI_SCHOOL

    result = load_school(MINI_SCHOOL, use_cache=False)
    assert result.diagnostics == []


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.stem for v in VARIANTS])
def test_variant_is_caught(variant: Path, mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = yaml.safe_load(variant.read_text(encoding="utf-8"))
    for name, value in spec.get("env", {}).items():
        monkeypatch.setenv(name, value)
    apply_variant(mini_school, spec)
    result = load_school(mini_school, use_cache=False)
    found = sorted({f"{d.code} {d.loc.path}:{d.loc.line}" for d in result.diagnostics})
    # the exact set: a rule that also fires elsewhere, or a cascade that changes, is noticed
    assert found == sorted(spec["expect"]), "\n".join(found)
    for diag in result.diagnostics:
        # every message says what is wrong, then what to do, after a colon
        assert " : " in diag.message, diag.message


def test_every_rule_code_has_a_variant() -> None:
    covered = {v.stem.split("-")[0] for v in VARIANTS}
    missing = set(all_codes()) - covered
    assert not missing, f"rules without a broken fixture: {sorted(missing)}"


def test_broken_file_does_not_stop_the_rest(mini_school: Path) -> None:
    (mini_school / "staff.yaml").write_text("enseignants:\n  - id: [\n", encoding="utf-8")
    result = load_school(mini_school, use_cache=False)
    assert len(result.school.students) == 8
    assert result.school.years["2025-2026"].groups
    assert any(d.code == "APT001" and d.loc.path == "staff.yaml" for d in result.diagnostics)


def test_every_code_is_documented() -> None:
    from conftest import REPO_ROOT

    documented = (REPO_ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    missing = [code for code in all_codes() if f"| {code} |" not in documented]
    assert not missing, f"codes missing from docs/rules.md: {missing}"
