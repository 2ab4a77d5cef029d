"""What a head of school reads in a merge request: a new period built from the previous one is one
summary line and only its real changes, each with who made it, and no reason that nobody wrote.

History (mini school): the pilote clears P2's groups; Anne writes them back (Yanis Bernier moved by
his P1 bilan, Hugo Dumas's dated move of 18/11 with its motif); Bruno opens « Projet pro » with
Nolan Faure (motif in the group's ``motifs``) and Rayan Huet (no motif; his P1 bilan says « maintien »).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_git_support import ANNE, BRUNO, FIXTURE, YEAR, commit, git, seed_school, set_author

from aptui.cli.main import main

PROJET = """\
# yaml-language-server: $schema=../../../../schema/group.schema.json
titre: Projet pro
type: projet-professionnel
barrette: B-2NDE
enseignants:
  - adurand
eleves:
  - e06
  - e08
motifs:
  e06: Projet pro à construire
"""


def drop_line(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert line in text
    path.write_text(text.replace(line, "", 1), encoding="utf-8")


@pytest.fixture()
def history(tmp_path: Path) -> Path:
    repo = seed_school(tmp_path / "school")
    groups = repo / YEAR / "groups/P2"
    shutil.rmtree(groups)
    shutil.rmtree(repo / YEAR / "sessions/P2")
    commit(repo, "P2 à refaire")
    set_author(repo, ANNE)
    shutil.copytree(FIXTURE / YEAR / "groups/P2", groups)
    commit(repo, "Groupes de P2")
    set_author(repo, BRUNO)
    (groups / "G-PROJET.yaml").write_text(PROJET, encoding="utf-8")
    drop_line(groups / "G-METHODO.yaml", "  - e06\n")
    drop_line(groups / "G-APPRO.yaml", "  - e08\n")
    commit(repo, "Projet pro")
    return repo


SUMMARY = ("P2 : 2 groupes repris de P1 — 4 élèves maintenus, 4 changements "
           "(Yanis Bernier, Hugo Dumas, Nolan Faure, Rayan Huet) ; 1 nouveau groupe")
EXPECTED = [  # (type, text, authors), in the order printed
    ("period_built", SUMMARY, ["Anne Durand", "Bruno Petit"]),
    ("student_moved", "P2 : Hugo Dumas passe de « Approfondissement » à « Méthodo » le 18/11/2025 "
                      "(motif : Difficultés d'organisation repérées en classe)", ["Anne Durand"]),
    ("student_moved", "P2 : Yanis Bernier passe de « Méthodo » (P1) à « Approfondissement » "
                      "(bilan P1 : objectifs partiellement atteints ; Méthode acquise, projet de BTS)", ["Anne Durand"]),
    ("student_moved", "P2 : Nolan Faure passe de « Méthodo » (P1) à « Projet pro » (motif : Projet pro à construire)",
     ["Bruno Petit"]),
    ("student_moved", "P2 : Rayan Huet passe de « Approfondissement » (P1) à « Projet pro » (sans motif écrit)",
     ["Bruno Petit"]),
    ("group_created", "P2 : groupe « Projet pro » créé (Projet professionnel, Anne Durand, 2 élèves)", ["Bruno Petit"]),
]


def diff(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(["diff", *argv]) == 0
    return capsys.readouterr().out


def test_a_new_period_lists_only_the_real_changes_with_their_authors(
        history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(diff(capsys, "HEAD~2..HEAD", str(history), "--format", "json", "--no-budget"))
    assert [(c["type"], c["text"], c["authors"]) for c in data["changes"]] == EXPECTED
    summary = data["changes"][0]
    assert summary["continued"] == ["G-APPRO", "G-METHODO"] and summary["created"] == ["G-PROJET"]
    assert summary["kept"] == 4 and summary["changed"] == ["e02", "e04", "e06", "e08"]
    yanis, nolan, rayan = data["changes"][2], data["changes"][3], data["changes"][4]
    assert yanis["bilan"] == {"decision": "changement", "outcome": "partiel", "reason": "Méthode acquise, projet de BTS",
                              "to_group": "G-APPRO"}
    assert nolan["reason"] == "Projet pro à construire" and nolan["bilan"] is None  # his « maintien » is not a reason
    assert rayan["reason"] is None and rayan["bilan"] is None


def test_the_markdown_a_reviewer_reads(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    markdown = diff(capsys, "HEAD~2..HEAD", str(history), "--format", "markdown", "--no-budget")
    lines = markdown.splitlines()
    start = lines.index("### Déplacements d'élèves (5)")
    assert lines[start + 2] == f"- {SUMMARY} — *par Anne Durand, Bruno Petit*"
    assert lines[start + 6] == r"- P2 : Rayan Huet passe de « Approfondissement » (P1) à « Projet pro » (sans motif écrit)" \
                               " — *par Bruno Petit*"
    assert "élèves maintenus" in markdown and markdown.count("rejoint") == 0  # 8 « arrivals » would hide the 4 changes
    text = diff(capsys, "HEAD~2..HEAD", str(history), "--no-budget")
    assert f"  - {SUMMARY} [par Anne Durand, Bruno Petit]" in text.splitlines()


def test_one_commit_of_the_range_is_told_the_same_way(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(diff(capsys, "HEAD~2..HEAD~1", str(history), "--format", "json", "--no-budget"))
    assert [c["text"] for c in data["changes"]] == [
        "P2 : 2 groupes repris de P1 — 6 élèves maintenus, 2 changements (Yanis Bernier, Hugo Dumas)",
        EXPECTED[1][1], EXPECTED[2][1]]
    assert {a for c in data["changes"] for a in c["authors"]} == {"Anne Durand"}
    assert git(history, "log", "-1", "--format=%an", "HEAD~1").strip() == "Anne Durand"


# --- aptui log: a merge is « fusion de … » and its own decisions ---------------------------------
@pytest.fixture()
def merged(tmp_path: Path) -> Path:
    """Anne works on main; Bruno's branch has 2 commits; the merge adds an interview and says a decision."""
    from test_git_support import add_interview, set_mark, take_attendance

    repo = seed_school(tmp_path / "school")
    git(repo, "switch", "-q", "-c", "bruno")
    set_author(repo, BRUNO)
    set_mark(repo, "G-METHODO", "2025-12-09", "e07", "excuse")
    commit(repo, "Appel du 09/12 : Maëlle excusée")
    take_attendance(repo, "G-METHODO", "2025-12-16", {"e03": "present"})
    commit(repo, "Appel du 16/12")
    git(repo, "switch", "-q", "main")
    set_author(repo, ANNE)
    set_mark(repo, "G-METHODO", "2025-12-09", "e03", "retard")
    commit(repo, "Appel du 09/12 : Inès en retard")
    git(repo, "merge", "-q", "--no-commit", "bruno")
    add_interview(repo, "e03", "2025-12-17", "adurand", "Fait le point après la fusion")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m",
        "Fusion de la branche de Bruno\n\n- Appel du 16/12\n- Maëlle Giraud : excusée (reçu)")  # a subject, a decision
    return repo


def log(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(["log", *argv]) == 0
    return capsys.readouterr().out


def test_log_tells_a_merge_by_what_it_brought_and_what_it_decided(merged: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    entries = json.loads(log(capsys, str(merged), "--format", "json"))
    merge = entries[0]
    assert merge["subject"] == "Fusion de la branche de Bruno" and len(merge["parents"]) == 2
    assert merge["merge"] == {"commits": 2, "authors": ["Bruno Petit"], "incoming": "appel et séances (2)",
                              "decisions": ["Maëlle Giraud : excusée (reçu)"],
                              "text": "fusion de 2 commits de Bruno Petit : appel et séances (2)"}
    # only the merge's own edit, not Bruno's two sheets again
    assert [c["text"] for c in merge["changes"]] == ["Entretien d'Inès Caron le 17/12/2025 avec Anne Durand"]
    text = log(capsys, str(merged))
    assert text.splitlines()[1:5] == ["    Fusion de la branche de Bruno",
                                      "      fusion de 2 commits de Bruno Petit : appel et séances (2)",
                                      "      - Entretien d'Inès Caron le 17/12/2025 avec Anne Durand",
                                      "      - Maëlle Giraud : excusée (reçu)"]


def test_log_first_parent_and_no_merges(merged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    subjects = [e["subject"] for e in json.loads(log(capsys, str(merged), "--format", "json", "--first-parent"))]
    assert subjects == ["Fusion de la branche de Bruno", "Appel du 09/12 : Inès en retard", "Création de l'école"]
    subjects = [e["subject"] for e in json.loads(log(capsys, str(merged), "--format", "json", "--no-merges"))]
    assert "Fusion de la branche de Bruno" not in subjects and len(subjects) == 4
