"""A division file's ``pfmp`` is known wherever division keys are: set-up edits keep the file's order,
and a merge takes PFMP entries by their span (a changed reason is one entry, not two)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import MINI_SCHOOL
from edit_support import apply_and_diff, errors

from aptui.edit.commands_setup_year import EditDivision
from aptui.gitsync.merge3 import merge_texts

DIVISION = "years/2025-2026/divisions/2MELEC1.yaml"
WITH_PFMP = """\
# yaml-language-server: $schema=../../../schema/division.schema.json
niveau: 2nde
formation: MELEC
eleves:
  - e01
  - e02
  - e03
  - e04
pfmp:
  - du: 2026-01-05
    au: 2026-01-30
    motif: Stage en entreprise
"""


def test_a_previous_division_goes_before_the_pfmp_weeks(tmp_path: Path) -> None:
    root = shutil.copytree(MINI_SCHOOL, tmp_path / "ecole")
    (root / DIVISION).write_text(WITH_PFMP, encoding="utf-8")
    before = errors(root)
    _, diffs = apply_and_diff(root, EditDivision(year="2025-2026", ident="2MELEC1", previous="3PREPAPRO"))
    assert diffs[DIVISION] == ([], ["precedente: 3PREPAPRO"])
    text = (root / DIVISION).read_text(encoding="utf-8")
    assert text.index("formation:") < text.index("precedente:") < text.index("eleves:") < text.index("pfmp:")
    assert errors(root) == before


def test_pfmp_entries_merge_by_their_span() -> None:
    ours = WITH_PFMP.replace("motif: Stage en entreprise", "motif: Stage chez Elec Ouest")
    theirs = WITH_PFMP + "  - du: 2026-05-04\n    au: 2026-05-29\n"
    result = merge_texts(WITH_PFMP, ours, theirs, DIVISION)
    assert result.clean and result.text is not None
    assert result.text.count("- du:") == 2 and "Stage chez Elec Ouest" in result.text
    other = WITH_PFMP.replace("motif: Stage en entreprise", "motif: Stage à l'étranger")
    conflicted = merge_texts(WITH_PFMP, ours, other, DIVISION)
    [conflict] = conflicted.conflicts
    assert conflict.label == "PFMP de 2MELEC1 du 05/01/2026 au 30/01/2026 : motif"
    assert (conflict.ours, conflict.theirs) == ("Stage chez Elec Ouest", "Stage à l'étranger")
    assert conflicted.text is not None and conflicted.text.count("- du:") == 1


def test_git_s_readable_diff_shows_the_pfmp_weeks(tmp_path: Path) -> None:
    from aptui.gitsync.textconv import render

    before = render(WITH_PFMP.encode(), tmp_path)
    after = render(WITH_PFMP.replace("2026-01-30", "2026-02-06").encode(), tmp_path)
    assert "  PFMP du 05/01/2026 au 30/01/2026 — Stage en entreprise" in before.splitlines()
    assert "  PFMP du 05/01/2026 au 06/02/2026 — Stage en entreprise" in after.splitlines()
