"""Whole messages of the budget, teacher and per-student rules: the numbers by hand (see
tests/test_near_miss.py for the mini school's figures), the wording as docs/rules.md promises it
(what is wrong, the figures, then what to do after " : ")."""

from __future__ import annotations

from pathlib import Path

from rules_support import change, messages, mini
from test_near_miss import NEXT_YEAR, budget, school

Y = "years/2025-2026"
PACE_END = " : possible si c'est voulu (heures cumulées), vérifiez le total de l'année"


def test_year_budget_message(tmp_path: Path) -> None:
    root = mini(tmp_path, [budget(22.033333)])
    assert messages(root, "APT401") == [
        "2MSPC1 (2nde) en 2025-2026 : budget 22,0 h, séances enregistrées 22,1 h, soit 0,1 h de trop (total de "
        "l'année du 01/09/2025 au 04/07/2026, heures enseignants, co-animation comprise) : retirez des séances ou "
        "des co-animations"]


def test_cycle_budget_message(tmp_path: Path) -> None:
    root = mini(tmp_path, [school("heures:\n  cycle: 22.033333\n")])
    assert messages(root, "APT402") == [
        "cycle 2MSPC1 (2025-2026) : budget 22,0 h sur trois ans, déjà 22,1 h, soit 0,1 h de trop (total du cycle à "
        "ce jour, toutes années enregistrées) : réduisez les séances de cette année"]


def test_pace_messages_over_and_under(tmp_path: Path) -> None:
    over = mini(tmp_path / "over", [budget(46.6)])  # pace 6.657 h for 10 h
    assert messages(over, "APT403") == [
        f"{d} en P1 : 10,0 h pour un rythme attendu de 6,7 h (5 semaine(s) de cours sur les 35 de l'année), soit "
        f"3,3 h de trop{PACE_END}" for d in ("2MELEC1", "2MSPC1")]
    under = mini(tmp_path / "under", [budget(140.1)])  # pace 20.014 h (P1), 28.02 h (P2)
    assert sorted(messages(under, "APT403")) == sorted([
        f"2MELEC1 en P1 : 10,0 h pour un rythme attendu de 20,0 h (5 semaine(s) de cours sur les 35 de l'année), "
        f"soit 10,0 h de moins{PACE_END}",
        f"2MSPC1 en P1 : 10,0 h pour un rythme attendu de 20,0 h (5 semaine(s) de cours sur les 35 de l'année), "
        f"soit 10,0 h de moins{PACE_END}",
        # 28.02 - 11.867 = 16.15; 28.02 - 12.133 = 15.89
        f"2MELEC1 en P2 : 11,9 h pour un rythme attendu de 28,0 h (7 semaine(s) de cours sur les 35 de l'année), "
        f"soit 16,2 h de moins{PACE_END}",
        f"2MSPC1 en P2 : 12,1 h pour un rythme attendu de 28,0 h (7 semaine(s) de cours sur les 35 de l'année), "
        f"soit 15,9 h de moins{PACE_END}",
    ])


def test_unused_hours_message(tmp_path: Path) -> None:
    root = mini(tmp_path, [NEXT_YEAR, budget(43.933333, "tolerance_rythme: 1\n")])
    # 43.93 h, 21.87 h used: 22.07 h short
    assert messages(root, "APT404") == [
        "2MELEC1 en 2025-2026 (année terminée) : budget 43,9 h, consommé 21,9 h, soit 22,1 h de moins : heures "
        "perdues pour la division"]


def test_no_teacher_message(tmp_path: Path) -> None:
    root = mini(tmp_path, [change(f"{Y}/groups/P1/G-APPRO.yaml", "enseignants:\n  - bpetit\n", "enseignants: []\n")])
    assert messages(root, "APT405") == [
        "le groupe G-APPRO (P1) n'a aucun enseignant ; ses séances (10,0 h) ne comptent aucune heure au budget : "
        "ajoutez son ou ses enseignants à « enseignants »"]


def test_student_hours_messages(tmp_path: Path) -> None:
    root = mini(tmp_path, [school("heures_eleve:\n  prevues: 0.8\n  suivies: 0.65\n")])
    basis = ("28,0 h dues (70,0 h par an en 2nde, au prorata de 14 semaine(s) de cours sur 35, jusqu'au "
             "21/12/2025)")
    scheduled = messages(root, "APT410")
    assert len(scheduled) == 8
    assert scheduled[0] == (
        f"Zoé Arnaud (e01), 2MELEC1 : 22,0 h de séances prévues pour {basis}, soit 78,6 %, sous le seuil de "
        "80,0 % : vérifiez qu'il est dans un groupe à chaque période et que ses séances sont enregistrées, ou "
        "déclarez sa dispense")
    attended = messages(root, "APT411")
    assert attended[0] == (
        f"Inès Caron (e03), 2MELEC1 : 18,0 h suivies (présent ou en retard) pour {basis}, soit 64,3 %, sous le "
        "seuil de 65,0 % : voyez ses absences avec lui, son tuteur et sa famille")
    assert len(attended) == 5
