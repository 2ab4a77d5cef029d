"""Whole messages of the evolution, bilan-target and attendance rules on the near-miss variants of
tests/test_near_miss.py.  Each names the student, the groups, periods and dates the variant sets up
(checked against the variant by hand), then what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from rules_support import messages, mini
from test_near_miss import CASES

VARIANTS = {name: changes for name, changes, _ in CASES}
E02, E04 = "Yanis Bernier (e02)", "Hugo Dumas (e04)"
APPEL_E04 = f"{E04} est noté à la séance du 04/11/2025 de G-APPRO sans en être membre ce jour-là : retirez la ligne, " \
            "ou enregistrez son arrivée datée dans le groupe"
MISSING_E04 = f"appel incomplet le 04/11/2025 : {E04} sans statut : notez present, absent, excuse ou retard"

EXPECTED: list[tuple[str, str, list[str]]] = [
    ("APT501-other-period", "APT501", [
        "Rayan Huet (e08) n'est dans aucun groupe de la barrette B-2NDE en P1 : ajoutez-le à un groupe, ou déclarez "
        "une dispense motivée dans years/2025-2026/year.yaml"]),
    ("APT502-outside", "APT502", [
        f"{E02} passe de G-METHODO (P1) à G-APPRO (P2) sans bilan : écrivez son bilan de P1 avec la décision "
        "« changement » vers G-APPRO"]),
    ("APT503-no-motif", "APT503", [f"{E02} : un changement de groupe demande un « motif » dans le bilan de P1"]),
    ("APT503-other-group", "APT503", [
        f"{E02} : le bilan de P1 l'envoie vers G-METHODO, mais il est dans G-APPRO en P2 : mettez les deux d'accord"]),
    ("APT503-type-outside", "APT503", [
        f"{E02} : le bilan de P1 demande un groupe « Passerelle », mais G-APPRO est « Approfondissement » : mettez "
        "les deux d'accord"]),
    ("APT503-no-target", "APT503", [
        f"{E02} : le bilan de P1 décide un changement sans dire vers quoi : ajoutez « vers: G-APPRO » (ou « type: ... »)"]),
    ("APT504-outside", "APT504", [
        f"arrivée de {E04} le 02/11/2025, hors de la période P2 : datez-la dans la période"]),
    ("APT504-outside", "APT601", [APPEL_E04]),
    ("APT504-outside", "APT602", [MISSING_E04]),
    ("APT504-own-group", "APT504", [f"{E04} arrive dans son propre groupe : supprimez cette arrivée"]),
    ("APT505-outside", "APT505", [
        "Lina Eymard (e05) est sorti le 15/12/2025 mais est noté à la séance du 16/12/2025 : retirez cette ligne"]),
    ("APT506-outside", "APT506", [
        "Zoé Arnaud (e01) : le bilan de P1 décide « Sortie du dispositif » mais l'élève reste dans G-APPRO en P2 : "
        "appliquez la décision ou corrigez le bilan"]),
    ("APT508-not-started", "APT508", [
        f"bilan de P1 de {E02} : « G-NOPE » n'est pas un groupe de P2 : corrigez « vers » (groupes possibles : "
        "G-APPRO, G-METHODO), ou écrivez « type: » à la place"]),
    ("APT601-outside", "APT601", [
        f"{E04} est noté à la séance du 18/11/2025 de G-METHODO sans en être membre ce jour-là : retirez la ligne, ou "
        "enregistrez son arrivée datée dans le groupe"]),
    ("APT601-outside", "APT602", [
        f"appel incomplet le 18/11/2025 : {E04} sans statut : notez present, absent, excuse ou retard"]),
    ("APT602-outside", "APT602", [
        "appel incomplet le 16/09/2025 : Zoé Arnaud (e01) sans statut : notez present, absent, excuse ou retard"]),
    ("APT603-longer", "APT603", [
        "séance du 16/09/2025 de 14:00 à 16:01 hors du créneau de la barrette B-2NDE (14:00–16:00) : corrigez debut "
        "ou duree_min"]),
]


@pytest.mark.parametrize(("variant", "code", "expected"), EXPECTED, ids=[f"{v}-{c}" for v, c, _ in EXPECTED])
def test_message(tmp_path: Path, variant: str, code: str, expected: list[str]) -> None:
    assert messages(mini(tmp_path, VARIANTS[variant]), code) == expected
