"""The semantic diff, the log and a student's history, on a hand-built history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_git_support import (
    ANNE,
    BRUNO,
    YEAR,
    add_interview,
    commit,
    git,
    group_file,
    move_student,
    seed_school,
    set_author,
    set_mark,
    take_attendance,
)

from aptui.gitsync.history import recent_changes, student_history
from aptui.gitsync.render import format_json, format_markdown, format_text
from aptui.gitsync.runner import GitError
from aptui.gitsync.semantic import semantic_diff

NEW_STUDENT = """\
# yaml-language-server: $schema=../schema/student.schema.json
id: e09
nom: Zidane
prenom: Ibrahim
divisions:
  2025-2026: 2MSPC1
profils:
  2025-2026: pourquoi-pas
"""

BILANS_P2 = """\
# yaml-language-server: $schema=../../../schema/bilans.schema.json
bilans:
  e01:
    auteur: bpetit
    date: 2025-12-16
    resultat: atteint
    decision: maintien
    motif: Travail régulier
"""


def edit_school(repo: Path) -> None:
    """One commit's worth of a pilote's and a teacher's work, as plain file writes."""
    move_student(repo, "e05", "G-APPRO", "G-METHODO", "2025-12-15", "Reprendre la méthode")
    take_attendance(repo, "G-METHODO", "2025-12-16",
                    {"e03": "present", "e04": "present", "e05": "present", "e06": "absent", "e07": "present"})
    set_mark(repo, "G-METHODO", "2025-12-09", "e07", "absent")
    projet = group_file(repo, "G-PROJET")
    projet.write_text(projet.read_text(encoding="utf-8").replace("  - adurand\n", "  - adurand\n  - bpetit\n"),
                      encoding="utf-8")
    (repo / f"{YEAR}/bilans/P2.yaml").write_text(BILANS_P2, encoding="utf-8")
    add_interview(repo, "e03", "2025-12-10", "bpetit", "Souhaite changer de filière")
    (repo / "students/e09.yaml").write_text(NEW_STUDENT, encoding="utf-8")
    division = repo / f"{YEAR}/divisions/2MSPC1.yaml"
    division.write_text(division.read_text(encoding="utf-8") + "  - e09\n", encoding="utf-8")


@pytest.fixture()
def history(tmp_path: Path) -> Path:
    repo = seed_school(tmp_path / "school")
    set_author(repo, BRUNO)
    edit_school(repo)
    commit(repo, "Travail de décembre")
    return repo


EXPECTED_CHANGES = [
    {"type": "student_moved", "year": "2025-2026", "period": "P2", "student": "e05", "name": "Lina Eymard",
     "from_group": "G-APPRO", "from_title": "Approfondissement", "to_group": "G-METHODO", "to_title": "Méthodo",
     "date": "2025-12-15", "reason": "Reprendre la méthode", "bilan": None,
     "text": "P2 : Lina Eymard passe de « Approfondissement » à « Méthodo » le 15/12/2025 "
             "(motif : Reprendre la méthode)"},
    {"type": "teachers_changed", "year": "2025-2026", "period": "P2", "group": "G-PROJET", "title": "Projet pro",
     "added": ["bpetit"], "removed": [], "text": "P2, « Projet pro » : enseignants : Bruno Petit ajouté(e)"},
    {"type": "division_arrival", "year": "2025-2026", "student": "e09", "name": "Ibrahim Zidane",
     "division": "2MSPC1", "text": "Ibrahim Zidane arrive en 2MSPC1 (2025-2026)"},
    {"type": "attendance", "year": "2025-2026", "period": "P2", "group": "G-METHODO", "title": "Méthodo",
     "date": "2025-12-09", "new_session": False, "counts": {"present": 2, "absent": 2, "excuse": 0, "retard": 0},
     "marked": 0, "changed": [{"student": "e07", "name": "Maëlle Giraud", "before": "present", "after": "absent"}],
     "text": "Appel du 09/12/2025, P2 « Méthodo » corrigé : Maëlle Giraud présent → absent"},
    {"type": "attendance", "year": "2025-2026", "period": "P2", "group": "G-METHODO", "title": "Méthodo",
     "date": "2025-12-16", "new_session": True, "counts": {"present": 4, "absent": 1, "excuse": 0, "retard": 0},
     "marked": 5, "changed": [], "text": "Appel du 16/12/2025, P2 « Méthodo » : 4 présents, 1 absent"},
    {"type": "bilan_written", "year": "2025-2026", "period": "P2", "student": "e01", "name": "Zoé Arnaud",
     "author": "bpetit", "outcome": "atteint", "decision": "maintien", "to_group": None, "to_type": None,
     "reason": "Travail régulier",
     "text": "Bilan P2 de Zoé Arnaud : objectifs atteints, maintien dans le groupe (Travail régulier) — Bruno Petit"},
    {"type": "student_created", "student": "e09", "name": "Ibrahim Zidane", "divisions": {"2025-2026": "2MSPC1"},
     "text": "Nouvel élève : Ibrahim Zidane (2MSPC1 en 2025-2026)"},
    {"type": "interview_added", "student": "e03", "name": "Inès Caron", "date": "2025-12-10", "teacher": "bpetit",
     "text": "Entretien d'Inès Caron le 10/12/2025 avec Bruno Petit"},
]

# Hand-computed: the new 2-hour session of « Méthodo » on 16/12 has 2 students of 2MELEC1
# (e03, e04) and 3 of 2MSPC1 (e05, e06, e07): +0,8 h and +1,2 h.  Before: P1 10 h each,
# P2 9,87 h (2MELEC1) and 10,13 h (2MSPC1), e04 having left « Approfondissement » on 18/11.
EXPECTED_BUDGET = [
    {"year": "2025-2026", "division": "2MELEC1", "before": 19.87, "after": 20.67, "delta": 0.8, "budget": 70.0,
     "text": "2MELEC1 (2025-2026) : 19,9 h → 20,7 h (+0,8 h) pour un budget de 70,0 h"},
    {"year": "2025-2026", "division": "2MSPC1", "before": 20.13, "after": 21.33, "delta": 1.2, "budget": 70.0,
     "text": "2MSPC1 (2025-2026) : 20,1 h → 21,3 h (+1,2 h) pour un budget de 70,0 h"},
]


def test_diff_json_matches_hand_written_expectations(history: Path) -> None:
    data = json.loads(format_json(semantic_diff(history, "HEAD~1..HEAD")))
    head = git(history, "rev-parse", "HEAD").strip()
    parent = git(history, "rev-parse", "HEAD~1").strip()
    assert data["format"] == "aptui-diff" and data["version"] == 1
    assert data["from"] == {"rev": "HEAD~1", "commit": parent, "worktree": False}
    assert data["to"] == {"rev": "HEAD", "commit": head, "worktree": False}
    assert data["changes"] == [{**change, "authors": ["Bruno Petit"]} for change in EXPECTED_CHANGES]  # one commit
    assert data["budget"] == EXPECTED_BUDGET
    assert data["other_files"] == []


def test_working_tree_diff_sees_uncommitted_and_new_files(tmp_path: Path) -> None:
    repo = seed_school(tmp_path / "school")
    edit_school(repo)
    report = semantic_diff(repo)
    assert report.new.commit is None
    assert [c.type for c in report.changes] == [c["type"] for c in EXPECTED_CHANGES]


def test_text_and_markdown_read_like_a_summary(history: Path) -> None:
    report = semantic_diff(history, "HEAD~1..HEAD")
    text = format_text(report)
    assert "Déplacements d'élèves" in text and "Budget horaire" in text
    assert "  - P2 : Lina Eymard passe de « Approfondissement » à « Méthodo »" in text
    markdown = format_markdown(report)
    assert markdown.startswith("## Changements dans l'école")
    assert "### Appel et séances (2)" in markdown
    assert "| 2MSPC1 | 2025-2026 | 20,1 h | 21,3 h | +1,2 h | 70,0 h |" in markdown


def test_three_dot_range_and_path_limit(history: Path) -> None:
    report = semantic_diff(history, "HEAD~1...HEAD", pathspecs=["students"])
    assert {c.type for c in report.changes} == {"student_created", "interview_added"}
    assert report.budget == []


def test_unknown_revision_is_a_french_error(history: Path) -> None:
    with pytest.raises(GitError, match="révision inconnue"):
        semantic_diff(history, "HEAD~9..HEAD")


def test_unreadable_file_is_reported_not_fatal(history: Path) -> None:
    path = history / f"{YEAR}/groups/P2/G-APPRO.yaml"
    path.write_text("titre: [non fermé\n", encoding="utf-8")
    report = semantic_diff(history)
    assert [c.type for c in report.changes] == ["file_changed"]
    assert report.changes[0].fields["unreadable"] == ["après"]


def test_log_lists_commits_with_their_changes(history: Path) -> None:
    summaries = recent_changes(history)
    assert [s.info.subject for s in summaries] == ["Travail de décembre", "Création de l'école"]
    latest = summaries[0]
    assert latest.info.author == BRUNO[0]
    assert [c.type for c in latest.changes] == [c["type"] for c in EXPECTED_CHANGES]
    assert recent_changes(history, limit=1)[0].info.subject == "Travail de décembre"


def test_student_history_names_who_changed_what(history: Path) -> None:
    set_author(history, ANNE)
    set_mark(history, "G-METHODO", "2025-12-16", "e05", "retard")
    commit(history, "Correction de l'appel")
    entries = student_history(history, "e05")
    assert [e.author for e in entries] == [ANNE[0], BRUNO[0], ANNE[0]]
    assert entries[0].description == "Appel du 16/12/2025, P2 « Méthodo » : en retard"
    assert entries[1].description.startswith("P2 : Lina Eymard passe de « Approfondissement » à « Méthodo »")
    assert "Appel du 16/12/2025, P2 « Méthodo » : présent" in entries[1].description
    assert entries[2].subject == "Création de l'école"
    assert student_history(history, "e09")[0].description.startswith("Ibrahim Zidane arrive en 2MSPC1")


def test_a_mark_taken_back_is_told(tmp_path: Path) -> None:
    """A mark removed from a session (the student had left the group) must reach the reviewer."""
    repo = seed_school(tmp_path / "school")
    path = group_file(repo, "G-METHODO").parent.parent.parent / "sessions/P2/G-METHODO.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - date: 2025-12-09")
    line_start = text.index("      e07: ", start)
    line_end = text.index("\n", line_start) + 1
    path.write_text(text[:line_start] + text[line_end:], encoding="utf-8")
    commit(repo, "retrait")
    report = semantic_diff(repo, "HEAD~1..HEAD")
    [change] = [c for c in report.changes if c.type == "attendance"]
    assert change.text == "Appel du 09/12/2025, P2 « Méthodo » corrigé : Maëlle Giraud retiré(e) de l'appel"
    assert change.fields["removed"] == [{"student": "e07", "name": "Maëlle Giraud"}]
