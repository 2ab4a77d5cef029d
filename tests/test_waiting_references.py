"""One broken file is one problem: references to what it defines wait on it (one APT211 warning
on it), instead of being "unknown" at each of them with advice to create a file that exists.

Counts by hand from tests/fixtures/mini_school: e03 is cited 15 times in 6 files (its division,
its two groups, 5 + 6 attendance marks, its P1 bilan); the two teachers 15 times in 7 files
(the pilote, 8 bilan authors, 4 group teachers, e03's interview and tutor).
"""

from __future__ import annotations

from pathlib import Path

from aptui.pipeline import load_school
from aptui.workspace import Workspace


def _codes(root: Path) -> list[tuple[str, str, int]]:
    return sorted((d.code, d.loc.path, d.loc.line) for d in load_school(root, use_cache=False).diagnostics)


def _message(root: Path, code: str) -> str:
    return next(d.message for d in load_school(root, use_cache=False).diagnostics if d.code == code)


def test_a_broken_student_file_is_one_error_and_one_summary(mini_school: Path) -> None:
    path = mini_school / "students" / "e03.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("nom: Caron", "nom: [Caron"), encoding="utf-8")
    assert _codes(mini_school) == [("APT001", "students/e03.yaml", 3), ("APT211", "students/e03.yaml", 1)]
    summary = _message(mini_school, "APT211")
    assert summary.startswith("15 référence(s)") and "(6 fichier(s) :" in summary
    assert "créez" not in summary


def test_a_scalar_staff_file_is_one_error_and_one_summary(mini_school: Path) -> None:
    (mini_school / "staff.yaml").write_text("enseignants\n", encoding="utf-8")
    assert _codes(mini_school) == [("APT101", "staff.yaml", 1), ("APT211", "staff.yaml", 1)]
    assert _message(mini_school, "APT211").startswith("15 référence(s)")


def test_a_broken_group_file_holds_its_sessions_and_the_bilans_that_send_students_to_it(mini_school: Path) -> None:
    group = mini_school / "years/2025-2026/groups/P2/G-APPRO.yaml"
    group.write_text("eleves: [\n", encoding="utf-8")
    found = _codes(mini_school)
    assert ("APT001", "years/2025-2026/groups/P2/G-APPRO.yaml", 2) in found
    assert ("APT211", "years/2025-2026/groups/P2/G-APPRO.yaml", 1) in found
    assert not [c for c in found if c[0] in ("APT204", "APT209")]  # the bilan's "vers", its sessions file


def test_a_missing_file_is_still_unknown(mini_school: Path) -> None:
    (mini_school / "students" / "e03.yaml").unlink()
    found = _codes(mini_school)
    assert [c for c in found if c[0] == "APT202"] and not [c for c in found if c[0] == "APT211"]


def test_the_workspace_says_the_same_after_the_file_breaks_and_is_mended(mini_school: Path) -> None:
    workspace = Workspace(mini_school, use_cache=False)
    path = mini_school / "students" / "e03.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("nom: Caron", "nom: [Caron"), encoding="utf-8")
    workspace.reload()
    assert sorted(d.code for d in workspace.result.diagnostics) == ["APT001", "APT211"]
    path.unlink()
    workspace.reload()
    assert "APT202" in {d.code for d in workspace.result.diagnostics}
    path.write_text(good.replace("nom: Caron", "nom: [Caron"), encoding="utf-8")  # back, still broken
    workspace.reload()
    assert sorted(d.code for d in workspace.result.diagnostics) == ["APT001", "APT211"]
    path.write_text(good, encoding="utf-8")
    workspace.reload()
    assert workspace.result.diagnostics == []
