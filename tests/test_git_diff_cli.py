"""`aptui diff`, `aptui log`, `aptui history` and `git log -p` on a history made with the
real edit commands (as the app makes it: apply_command, then commit_edits).

The expected values below are written by hand from the fixture (tests/fixtures/mini_school)
and docs/format.md, not computed by the code under test.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from test_git_support import ANNE, BRUNO, YEAR, git, seed_school, set_author

from aptui.cli.main import main
from aptui.edit import (
    AddInterview,
    CreateGroup,
    MoveStudent,
    RecordSession,
    SetAttendance,
    SetGroupTeachers,
    WriteBilan,
    apply_command,
)
from aptui.edit.base import Command
from aptui.gitsync.commit import commit_edits

Y = "2025-2026"

# (author, date, edit): one commit each, in this order.
EDITS: list[tuple[tuple[str, str], str, Command]] = [
    (ANNE, "2025-12-15T12:30:00+01:00",
     MoveStudent(Y, "P2", "e05", "G-APPRO", "G-METHODO", "Reprendre la méthode", date(2025, 12, 15))),
    (BRUNO, "2025-12-16T16:10:00+01:00",
     RecordSession(Y, "P2", "G-METHODO", date(2025, 12, 16), "14:00", 120, "Préparer le contrôle", "",
                   {"e03": "present", "e04": "present", "e05": "present", "e06": "absent", "e07": "retard"})),
    (BRUNO, "2025-12-16T18:00:00+01:00",
     WriteBilan(Y, "P2", "e01", "bpetit", date(2025, 12, 16), "partiel", "", "maintien",
                reason="Régulier mais fragile")),
    (ANNE, "2025-12-17T09:00:00+01:00", AddInterview("e03", date(2025, 12, 10), "adurand", "Souhaite changer de filière")),
    (ANNE, "2025-12-17T10:00:00+01:00",
     CreateGroup(Y, "P2", "G-PASS", "Passerelle", "passerelle", "B-2NDE", ("bpetit",))),
    (ANNE, "2025-12-18T08:45:00+01:00", SetGroupTeachers(Y, "P2", "G-PROJET", ("adurand", "bpetit"))),
    (BRUNO, "2025-12-18T17:20:00+01:00", SetAttendance(Y, "P2", "G-METHODO", date(2025, 12, 9), "e07", "excuse")),
]


@pytest.fixture()
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = seed_school(tmp_path / "school")
    for author, when, command in EDITS:
        set_author(repo, author)
        monkeypatch.setenv("GIT_AUTHOR_DATE", when)
        monkeypatch.setenv("GIT_COMMITTER_DATE", when)
        assert commit_edits(repo, [apply_command(repo, command)]) is not None
    monkeypatch.delenv("GIT_AUTHOR_DATE")
    monkeypatch.delenv("GIT_COMMITTER_DATE")
    return repo


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return capsys.readouterr().out


EXPECTED_CHANGES = [
    {"type": "student_moved", "year": "2025-2026", "period": "P2", "student": "e05", "name": "Lina Eymard",
     "from_group": "G-APPRO", "from_title": "Approfondissement", "to_group": "G-METHODO", "to_title": "Méthodo",
     "date": "2025-12-15", "reason": "Reprendre la méthode", "bilan": None,
     "text": "P2 : Lina Eymard passe de « Approfondissement » à « Méthodo » le 15/12/2025 "
             "(motif : Reprendre la méthode)"},
    {"type": "group_created", "year": "2025-2026", "period": "P2", "group": "G-PASS", "title": "Passerelle",
     "content_type": "passerelle", "teachers": ["bpetit"], "students": 0,
     "text": "P2 : groupe « Passerelle » créé (Passerelle, Bruno Petit, 0 élèves)"},
    {"type": "teachers_changed", "year": "2025-2026", "period": "P2", "group": "G-PROJET", "title": "Projet pro",
     "added": ["bpetit"], "removed": [], "text": "P2, « Projet pro » : enseignants : Bruno Petit ajouté(e)"},
    {"type": "attendance", "year": "2025-2026", "period": "P2", "group": "G-METHODO", "title": "Méthodo",
     "date": "2025-12-09", "new_session": False, "counts": {"present": 2, "absent": 1, "excuse": 1, "retard": 0},
     "marked": 0, "changed": [{"student": "e07", "name": "Maëlle Giraud", "before": "present", "after": "excuse"}],
     "text": "Appel du 09/12/2025, P2 « Méthodo » corrigé : Maëlle Giraud présent → excusé"},
    {"type": "attendance", "year": "2025-2026", "period": "P2", "group": "G-METHODO", "title": "Méthodo",
     "date": "2025-12-16", "new_session": True, "counts": {"present": 3, "absent": 1, "excuse": 0, "retard": 1},
     "marked": 5, "changed": [],
     "text": "Appel du 16/12/2025, P2 « Méthodo » : 3 présents, 1 absent, 1 en retard"},
    {"type": "bilan_written", "year": "2025-2026", "period": "P2", "student": "e01", "name": "Zoé Arnaud",
     "author": "bpetit", "outcome": "partiel", "decision": "maintien", "to_group": None, "to_type": None,
     "reason": "Régulier mais fragile",
     "text": "Bilan P2 de Zoé Arnaud : objectifs partiellement atteints, maintien dans le groupe "
             "(Régulier mais fragile) — Bruno Petit"},
    {"type": "interview_added", "student": "e03", "name": "Inès Caron", "date": "2025-12-10", "teacher": "adurand",
     "text": "Entretien d'Inès Caron le 10/12/2025 avec Anne Durand"},
]

# Who made each of EXPECTED_CHANGES, read off EDITS by hand.
AUTHORS = ["Anne Durand", "Anne Durand", "Anne Durand", "Bruno Petit", "Bruno Petit", "Bruno Petit", "Anne Durand"]

# The 09/12 sheet of « Méthodo » in the fixture: e03 absent, e04, e06, e07 present.
# By hand: « Méthodo » (1 teacher) gets a new 2-hour session on 16/12 with e03, e04 (2MELEC1)
# and e05, e06, e07 (2MSPC1): 2 × 2/5 = +0,8 h and 2 × 3/5 = +1,2 h.  Before: P1 10 h for
# each division, P2 9,87 h and 10,13 h (e04 left « Approfondissement » on 18/11).  The
# move on 15/12 changes no past session; the new groups have no session.
EXPECTED_BUDGET = [
    {"year": "2025-2026", "division": "2MELEC1", "before": 19.87, "after": 20.67, "delta": 0.8, "budget": 70.0,
     "text": "2MELEC1 (2025-2026) : 19,9 h → 20,7 h (+0,8 h) pour un budget de 70,0 h"},
    {"year": "2025-2026", "division": "2MSPC1", "before": 20.13, "after": 21.33, "delta": 1.2, "budget": 70.0,
     "text": "2MSPC1 (2025-2026) : 20,1 h → 21,3 h (+1,2 h) pour un budget de 70,0 h"},
]


def test_diff_json_of_a_range_matches_hand_written_expectations(history: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, "diff", "HEAD~7..HEAD", str(history), "--format", "json"))
    assert data["format"] == "aptui-diff" and data["version"] == 1
    assert data["from"] == {"rev": "HEAD~7", "commit": git(history, "rev-parse", "HEAD~7").strip(),
                            "worktree": False}
    assert data["to"] == {"rev": "HEAD", "commit": git(history, "rev-parse", "HEAD").strip(), "worktree": False}
    assert data["changes"] == [{**change, "authors": [author]} for change, author in zip(EXPECTED_CHANGES, AUTHORS)]
    assert data["budget"] == EXPECTED_BUDGET
    assert data["other_files"] == []


def test_diff_of_one_commit_and_of_a_path(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, "diff", "HEAD~1..HEAD", str(history), "--format", "json", "--no-budget"))
    assert data["changes"] == [{**EXPECTED_CHANGES[3], "authors": ["Bruno Petit"]}] and data["budget"] == []
    data = json.loads(run(capsys, "diff", "HEAD~7..HEAD", str(history), "--format", "json", "--only", "students"))
    assert data["changes"] == [{**EXPECTED_CHANGES[6], "authors": ["Anne Durand"]}]


def test_diff_text_and_markdown_read_like_a_meeting_summary(history: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    text = run(capsys, "diff", "HEAD~7..HEAD", str(history))
    head = git(history, "rev-parse", "--short=7", "HEAD").strip()
    assert text.startswith("Changements de HEAD~7 (")
    assert f"à HEAD ({head}) :" in text.splitlines()[0]
    for line in ("Déplacements d'élèves", "Groupes", "Appel et séances", "Bilans", "Suivi des élèves",
                 "Budget horaire (heures enseignants imputées, par année)",
                 "  - P2 : groupe « Passerelle » créé (Passerelle, Bruno Petit, 0 élèves) [par Anne Durand]",
                 "  - 2MSPC1 (2025-2026) : 20,1 h → 21,3 h (+1,2 h) pour un budget de 70,0 h"):
        assert line in text.splitlines()
    markdown = run(capsys, "diff", "HEAD~7..HEAD", str(history), "--format", "markdown")
    assert markdown.startswith("## Changements dans l'école : HEAD~7 (")
    for line in ("### Déplacements d'élèves (1)", "### Groupes (2)", "### Appel et séances (2)", "### Bilans (1)",
                 "### Suivi des élèves (1)", "### Budget horaire",
                 "| Division | Année | Avant | Après | Écart | Budget de l'année |",
                 "| 2MELEC1 | 2025-2026 | 19,9 h | 20,7 h | +0,8 h | 70,0 h |",
                 "- Entretien d'Inès Caron le 10/12/2025 avec Anne Durand — *par Anne Durand*",
                 "- Appel du 16/12/2025, P2 « Méthodo » : 3 présents, 1 absent, 1 en retard — *par Bruno Petit*"):
        assert line in markdown.splitlines()
    assert "\t" not in markdown and "<" not in markdown  # pastes as is in a merge request


def hunk_headers(patch: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@ ?(.*)$", patch, re.MULTILINE)]


def test_git_log_p_uses_textconv_and_hunk_headers_name_the_group_or_student(history: Path) -> None:
    group = f"{YEAR}/groups/P2/G-APPRO.yaml"
    patch = git(history, "log", "-p", "-1", "--format=", "--", group)
    assert "-  élève : Lina Eymard (e05)" in patch and "- e05" not in patch
    assert hunk_headers(patch) == ["Groupe « Approfondissement » (approfondissement, barrette B-2NDE)"]
    patch = git(history, "log", "-p", "-1", "--format=", "--", "students/e03.yaml")
    assert "+  entretien du 10/12/2025 avec Anne Durand (adurand)" in patch
    assert "+    notes : Souhaite changer de filière" in patch
    assert hunk_headers(patch) == ["Élève Inès Caron (e03)"]
    patch = git(history, "diff", "HEAD~1", "HEAD", "--", f"{YEAR}/sessions/P2/G-METHODO.yaml")
    assert hunk_headers(patch) == ["Séance du 09/12/2025 (14:00, 120 min)"]
    assert "+  appel Maëlle Giraud (e07) : Excusé" in patch
    raw = git(history, "log", "-p", "-1", "--no-textconv", "--format=", "--", group)
    assert "-  - e05" in raw


def test_history_shows_who_changed_what_and_when(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "history", "e05", str(history))
    lines = out.split("Modifications (git) :\n", 1)[1].splitlines()
    move = git(history, "rev-parse", "--short=8", "HEAD~6").strip()
    session = git(history, "rev-parse", "--short=8", "HEAD~5").strip()
    seed = git(history, "rev-parse", "--short=8", "HEAD~7").strip()
    assert len(lines) == 3
    assert lines[0].split() [:4] == ["2025-12-16", "16:10:00+01:00", "Bruno", "Petit"]
    assert session in lines[0] and lines[0].endswith("Appel du 16/12/2025, P2 « Méthodo » : présent")
    assert lines[1].split()[:4] == ["2025-12-15", "12:30:00+01:00", "Anne", "Durand"]
    assert move in lines[1] and lines[1].endswith(
        "P2 : Lina Eymard passe de « Approfondissement » à « Méthodo » le 15/12/2025 (motif : Reprendre la méthode)")
    assert seed in lines[2]  # the school's creation put her in her groups and division
    out = run(capsys, "history", "e03", str(history))
    assert "Entretien d'Inès Caron le 10/12/2025 avec Anne Durand" in out


def test_log_lists_recent_changes_in_domain_words(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "log", str(history), "--since", "2025-12-17T00:00:00+01:00")
    short = [git(history, "rev-parse", "--short=7", f"HEAD~{n}").strip() for n in range(4)]
    assert out.splitlines() == [
        f"{short[0]}  18/12/2025 17:20  Bruno Petit",
        "    P2 : appel du 09/12/2025, groupe « Méthodo » : Maëlle Giraud (e07), excusé",
        "      - Appel du 09/12/2025, P2 « Méthodo » corrigé : Maëlle Giraud présent → excusé",
        "",
        f"{short[1]}  18/12/2025 08:45  Anne Durand",
        "    P2 : groupe « Projet pro » animé par Anne Durand, Bruno Petit",
        "      - P2, « Projet pro » : enseignants : Bruno Petit ajouté(e)",
        "",
        f"{short[2]}  17/12/2025 10:00  Anne Durand",
        "    P2 : création du groupe « Passerelle » (G-PASS, Passerelle, barrette B-2NDE, 0 élève)",
        "      - P2 : groupe « Passerelle » créé (Passerelle, Bruno Petit, 0 élèves)",
        "",
        f"{short[3]}  17/12/2025 09:00  Anne Durand",
        "    Entretien du 10/12/2025 avec Inès Caron (e03), par Anne Durand",
        "      - Entretien d'Inès Caron le 10/12/2025 avec Anne Durand",
    ]
    data = json.loads(run(capsys, "log", str(history), "-n", "2", "--format", "json"))
    assert [(d["author"], d["email"], d["date"]) for d in data] == [
        (BRUNO[0], BRUNO[1], "2025-12-18T17:20:00+01:00"), (ANNE[0], ANNE[1], "2025-12-18T08:45:00+01:00")]
    markdown = run(capsys, "log", str(history), "-n", "1", "--format", "markdown")
    assert markdown.startswith("- **P2 : appel du 09/12/2025, groupe « Méthodo » : Maëlle Giraud (e07), excusé** — "
                               "Bruno Petit, 18/12/2025 17:20 (`")
