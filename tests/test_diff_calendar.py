"""`aptui diff` tells PFMP weeks and closures in domain words, with their authors (a reviewer reads the
calendar of a division without opening its YAML)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_git_support import ANNE, BRUNO, YEAR, commit, seed_school, set_author

from aptui.cli.main import main

DIVISION = f"{YEAR}/divisions/2MELEC1.yaml"
YEAR_FILE = f"{YEAR}/year.yaml"


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture()
def history(tmp_path: Path) -> Path:
    """Anne declares two PFMP of 2MELEC1 and a closure for the Tle; Bruno moves one PFMP, removes the other,
    renames the closure's reason, and closes the whole school for a day."""
    repo = seed_school(tmp_path / "school")
    set_author(repo, ANNE)
    append(repo / DIVISION, "pfmp:\n  - du: 2026-01-05\n    au: 2026-01-30\n    motif: Stage en entreprise\n"
                            "  - du: 2026-05-04\n    au: 2026-05-15\n")
    replace(repo / YEAR_FILE, "fermetures:\n", "fermetures:\n  - du: 2026-05-18\n    au: 2026-06-05\n"
                                               "    motif: Parcours différencié\n    niveaux: [Tle]\n")
    commit(repo, "PFMP de 2MELEC1, fin des cours de Tle")
    set_author(repo, BRUNO)
    replace(repo / DIVISION, "  - du: 2026-01-05\n    au: 2026-01-30\n", "  - du: 2026-01-12\n    au: 2026-02-06\n")
    replace(repo / DIVISION, "  - du: 2026-05-04\n    au: 2026-05-15\n", "")
    replace(repo / YEAR_FILE, "    motif: Parcours différencié\n", "    motif: Parcours différencié (Tle)\n")
    replace(repo / YEAR_FILE, "fermetures:\n", "fermetures:\n  - du: 2026-03-20\n    au: 2026-03-20\n"
                                               "    motif: Journée pédagogique\n")
    commit(repo, "Calendrier revu")
    return repo


def changes(capsys: pytest.CaptureFixture[str], repo: Path, rev: str) -> list[tuple[str, str, list[str]]]:
    capsys.readouterr()
    assert main(["diff", rev, str(repo), "--format", "json", "--no-budget"]) == 0
    data = json.loads(capsys.readouterr().out)
    return [(c["type"], c["text"], c.get("authors", [])) for c in data["changes"]]


def test_pfmp_weeks_and_closures_are_told_in_words(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = changes(capsys, history, "HEAD~2..HEAD~1")
    assert ("pfmp_changed", "PFMP de 2MELEC1 ajoutée : du 05/01/2026 au 30/01/2026 (4 semaine(s), "
            "« Stage en entreprise ») (2025-2026)", ["Anne Durand"]) in first
    assert ("pfmp_changed", "PFMP de 2MELEC1 ajoutée : du 04/05/2026 au 15/05/2026 (2 semaine(s)) (2025-2026)",
            ["Anne Durand"]) in first
    assert ("year_changed", "Fermeture ajoutée : du 18/05/2026 au 05/06/2026 pour les Tle (Parcours différencié) "
            "(2025-2026)", ["Anne Durand"]) in first
    assert not any("pfmp" in text and "modifié" in text for _, text, _ in first)  # no raw key

    second = [(t, text) for t, text, _ in changes(capsys, history, "HEAD~1..HEAD")]
    assert ("pfmp_changed", "PFMP de 2MELEC1 déplacée : du 05/01/2026 au 30/01/2026 → du 12/01/2026 au "
            "06/02/2026 (4 → 4 semaine(s)) (2025-2026)") in second
    assert ("pfmp_changed", "PFMP de 2MELEC1 supprimée : du 04/05/2026 au 15/05/2026 (2 semaine(s)) "
            "(2025-2026)") in second
    assert ("year_changed", "Fermeture du 18/05/2026 au 05/06/2026 : motif « Parcours différencié » → "
            "« Parcours différencié (Tle) » (2025-2026)") in second
    assert ("year_changed", "Fermeture ajoutée : le 20/03/2026 (Journée pédagogique) (2025-2026)") in second
    assert len(second) == 4


def test_the_markdown_puts_pfmp_with_the_divisions(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["diff", "HEAD~1..HEAD", str(history), "--format", "markdown", "--no-budget"]) == 0
    markdown = capsys.readouterr().out
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("### Divisions"))
    block = "\n".join(lines[start:start + 6])
    assert "PFMP de 2MELEC1 déplacée" in block and "*par Bruno Petit*" in block


def test_git_s_readable_diff_of_a_year_names_closures_by_their_dates(tmp_path: Path) -> None:
    import difflib

    from test_git_support import FIXTURE

    from aptui.gitsync.textconv import render

    year = (FIXTURE / YEAR_FILE).read_text(encoding="utf-8")
    closed = year.replace("fermetures:\n", "fermetures:\n  - du: 2026-05-18\n    au: 2026-06-05\n"
                                           "    motif: Parcours différencié\n    niveaux: [Tle]\n")
    before, after = (render(text.encode(), tmp_path).splitlines() for text in (year, closed))
    added = [line[1:] for line in difflib.unified_diff(before, after, lineterm="", n=0)
             if line.startswith("+") and not line.startswith("+++")]
    removed = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line.startswith("-") and not line.startswith("---")]
    assert removed == []  # the closure already there is not renumbered
    assert "Fermeture du 18/05/2026 au 05/06/2026" in added
    assert "  niveaux : Tle" in added and "  motif : Parcours différencié" in added
    assert "Fermeture du 08/06/2026 au 12/06/2026" in before and "Période P2" in before
