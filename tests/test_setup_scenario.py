"""A school set up from an empty folder with the command line only (no YAML written by hand).

aptui init → import SIECLE → staff → barrettes → periods → diagnostics, needs, profiles, tutors,
an exemption: the school validates with no problem after each step, each run is one commit, and a
refused change writes nothing.  (The proposed groups and a first appel come with the group solver.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from import_support import XML, cli, commits, files, new_school

from aptui.pipeline import load_school


def clean(root: Path) -> list[str]:
    return [f"{d.code} {d.loc.path}:{d.loc.line} {d.message}" for d in load_school(root, use_cache=False).diagnostics]


def step(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> str:
    count = commits(root)
    code, out, err = cli(capsys, *args)
    assert code == 0, out + err
    assert commits(root) == count + 1, f"{args}: one commit per run"
    assert clean(root) == [], args
    return out


def refused(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> str:
    before, count = files(root), commits(root)
    code, _, err = cli(capsys, *args)
    assert code == 1 and "aptui : refusé : " in err, err
    assert files(root) == before and commits(root) == count
    return err


def test_from_init_to_a_school_ready_for_its_first_groups(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    assert clean(root) == []
    at = ("-C", str(root))
    step(capsys, root, "import", "siecle", str(XML), str(root))
    step(capsys, root, "equipe", "ajouter", "Martin", "Sophie", "--disciplines", "lettres-histoire", *at)
    step(capsys, root, "equipe", "ajouter", "Roux", "Karim", "--disciplines", "mathematiques-sciences", *at)
    step(capsys, root, "equipe", "modifier", "kroux", "--disciplines", "mathematiques,physique-chimie", *at)
    step(capsys, root, "barrette", "creer", "B-2NDE", "--jour", "mardi", "--debut", "14:00", "--duree", "120",
         "--divisions", "2MELEC1,2MSPC1", *at)
    refused(capsys, root, "barrette", "creer", "B-1RE", "--jour", "mardi", "--debut", "15:00", "--duree", "60",
            "--divisions", "1MELEC1,2MSPC1", *at)
    step(capsys, root, "barrette", "creer", "B-1RE", "--jour", "jeudi", "--debut", "14:00", "--duree", "120",
         "--divisions", "1MELEC1", *at)
    # init proposed P1–P6 between the holidays of zone B; the team ends the year with the exams in June.
    step(capsys, root, "periode", "supprimer", "P6", *at)
    refused(capsys, root, "periode", "creer", "2026-06-01", "2026-06-12", *at)  # 2 weeks (APT303)
    step(capsys, root, "periode", "deplacer", "P5", "2026-04-27", "2026-06-12", *at)
    refused(capsys, root, "periode", "deplacer", "P1", "2025-09-15", "2025-09-26", *at)
    out = step(capsys, root, "eleve", "diagnostic", "e2025-007", "--date", "2025-09-09", "--outil",
               "Positionnement mathématiques", "--resultat", "6/20, fractions fragiles", *at)
    assert "Diagnostic « Positionnement mathématiques » du 09/09/2025, Léa Martin (e2025-007)" in out
    step(capsys, root, "eleve", "ajouter-besoin", "e2025-007", "soutien-disciplinaire", "--detail", "Fractions", *at)
    step(capsys, root, "eleve", "modifier", "e2025-007", "--profil", "malgre-eux", "--tuteur", "kroux", *at)
    step(capsys, root, "eleve", "modifier", "e2025-001", "--projet", "BTS Électrotechnique", "--passerelle", "non", *at)
    step(capsys, root, "eleve", "dispenser", "e2025-009", "--motif", "Sportif de haut niveau", "--periodes", "P1,P2",
         *at)
    step(capsys, root, "eleve", "ajouter", "Rivière", "Nathan", "--division", "2MSPC1", "--arrivee", "2025-11-17", *at)
    step(capsys, root, "eleve", "sortir", "e2025-010", "2025-12-05", "--yes", *at)
    code, _, err = cli(capsys, "validate", str(root))
    assert code == 0 and "aucun problème" in err
    lines = (root / "students/e2025-007.yaml").read_text(encoding="utf-8").splitlines()
    assert "tuteur: kroux" in lines and "  2025-2026: malgre-eux" in lines
