"""One broken file, one error: no rule floods the output with consequences of its absence.

For each kind of file of the sample school (valid: no diagnostic at all), one file is broken by a
YAML syntax error; the load must give exactly its APT001, plus the note on that file that says
what waits on it (APT211, APT102 for school.yaml) — no "student in no group" for a broken group
file, no "over budget" for the other divisions of a broken division file, no "change without
bilan" for a broken bilans file, no "missing marks" during the PFMP of a broken division.

The mini school's counts are by hand (tests/fixtures/mini_school, see each test).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aptui.diagnostics import Diagnostic
from aptui.pipeline import load_school
from aptui.workspace import Workspace

SAMPLE = Path(__file__).parent.parent / "sample_school"

# Per kind, files whose absence used to flood (measured before the fix: a division file 150
# diagnostics, a group file up to 61, a bilans file up to 70, a sessions file 1 to 3 pace warnings).
BROKEN = [
    "school.yaml",
    "staff.yaml",
    "students/e2023-010.yaml",
    "students/e2025-001.yaml",
    "years/2024-2025/year.yaml",
    "years/2025-2026/year.yaml",
    "years/2024-2025/divisions/1AGORA1.yaml",
    "years/2025-2026/divisions/2MELEC1.yaml",
    "years/2025-2026/divisions/TMSPC1.yaml",
    "years/2024-2025/groups/P3/G2-ESTIME.yaml",
    "years/2025-2026/groups/P1/GT-INSERTION.yaml",
    "years/2025-2026/groups/P2/G2-METHODO-B.yaml",
    "years/2025-2026/groups/P4/G1-CONFIANCE.yaml",
    "years/2024-2025/sessions/P5/GT-INSERTION.yaml",
    "years/2025-2026/sessions/P2/GT-INSERTION.yaml",
    "years/2024-2025/bilans/P1.yaml",
    "years/2025-2026/bilans/P3.yaml",
]
NOTES = ("APT211", "APT102")


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the sample for the module; each test breaks one file and puts it back."""
    root = tmp_path_factory.mktemp("sample") / "school"
    shutil.copytree(SAMPLE, root)
    assert load_school(root, use_cache=False).diagnostics == []  # the sample is clean
    return root


def _broken_load(root: Path, rel_path: str) -> list[Diagnostic]:
    path = root / rel_path
    good = path.read_bytes()
    path.write_bytes(b"cle: [\n" + good)
    try:
        return load_school(root, use_cache=False).diagnostics
    finally:
        path.write_bytes(good)


def _summary(found: list[Diagnostic]) -> str:
    return "; ".join(f"{d.code} {d.loc.path}:{d.loc.line}" for d in found[:12])


@pytest.mark.parametrize("rel_path", BROKEN)
def test_one_broken_file_is_one_error(school: Path, rel_path: str) -> None:
    found = _broken_load(school, rel_path)
    errors = [d for d in found if d.is_error]
    others = [d for d in found if not d.is_error and not (d.code in NOTES and d.loc.path == rel_path)]
    assert [(d.code, d.loc.path) for d in errors] == [("APT001", rel_path)], _summary(errors)
    assert others == [], _summary(others)
    assert sum(d.code in NOTES for d in found) <= 1  # one note on the file, not one per rule


def test_the_note_counts_what_waits_on_a_division_file(school: Path) -> None:
    found = _broken_load(school, "years/2025-2026/divisions/2MELEC1.yaml")
    note = next(d for d in found if d.code == "APT211")
    assert "APT507 × " in note.message and "APT401 × 2" in note.message
    assert "autre(s) problème(s) en découlent" in note.message and len(note.message) < 400


def _codes(root: Path) -> list[tuple[str, str]]:
    return sorted((d.code, d.loc.path) for d in load_school(root, use_cache=False).diagnostics)


def _note(root: Path) -> str:
    return next(d.message for d in load_school(root, use_cache=False).diagnostics if d.code == "APT211")


def test_a_broken_bilans_file_holds_the_change_it_explained(mini_school: Path) -> None:
    # e02 goes from G-METHODO (P1) to G-APPRO (P2): the only change between P1 and P2 (e04's arrival
    # in G-METHODO during P2 starts from G-APPRO, its P1 group), explained by the P1 bilan.
    (mini_school / "years/2025-2026/bilans/P1.yaml").write_text("bilans: [\n", encoding="utf-8")
    assert _codes(mini_school) == [("APT001", "years/2025-2026/bilans/P1.yaml"),
                                   ("APT211", "years/2025-2026/bilans/P1.yaml")]
    assert _note(mini_school).startswith("1 problème(s) ailleurs (APT502 × 1)")


def test_a_broken_group_file_holds_its_students_in_no_group(mini_school: Path) -> None:
    # G-METHODO in P1 holds e02, e03, e06, e07: each would be "in no group" of B-2NDE in P1.
    path = "years/2025-2026/groups/P1/G-METHODO.yaml"
    (mini_school / path).write_text("eleves: [\n", encoding="utf-8")
    assert [c for c in _codes(mini_school) if c[0] != "APT211"] == [("APT001", path)]
    assert "APT501 × 4" in _note(mini_school)


def test_a_broken_division_file_holds_its_students_outside_the_barrette(mini_school: Path) -> None:
    # 2MSPC1 holds e05..e08, each in one group of B-2NDE in P1 and in P2: 8 "outside the barrette".
    path = "years/2025-2026/divisions/2MSPC1.yaml"
    (mini_school / path).write_text("eleves: [\n", encoding="utf-8")
    assert [c for c in _codes(mini_school) if c[0] != "APT211"] == [("APT001", path)]
    assert "APT507 × 8" in _note(mini_school)


def test_problems_of_their_own_are_still_reported_beside_a_broken_file(mini_school: Path) -> None:
    """A student in no group stays an error when no group file of the period is unreadable."""
    (mini_school / "years/2025-2026/bilans/P1.yaml").write_text("bilans: [\n", encoding="utf-8")
    group = mini_school / "years/2025-2026/groups/P1/G-APPRO.yaml"
    group.write_text(group.read_text(encoding="utf-8").replace("  - e08\n", ""), encoding="utf-8")
    found = _codes(mini_school)
    assert ("APT501", "years/2025-2026/divisions/2MSPC1.yaml") in found


def test_the_workspace_folds_the_same_way_after_an_edit_breaks_and_mends_a_file(mini_school: Path) -> None:
    workspace = Workspace(mini_school, use_cache=False)
    path = mini_school / "years/2025-2026/groups/P1/G-METHODO.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text("eleves: [\n", encoding="utf-8")
    workspace.reload()
    assert sorted(d.code for d in workspace.result.diagnostics) == ["APT001", "APT211"]
    assert workspace.result.diagnostics == load_school(mini_school, use_cache=False).diagnostics
    path.write_text(good, encoding="utf-8")
    workspace.reload()
    assert workspace.result.diagnostics == []
