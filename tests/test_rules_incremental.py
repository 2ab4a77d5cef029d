"""After each edit the Workspace reuses the parts of the rules whose inputs did not change
(model/memo.py): the new rules (bilan targets, teachers, hours per student, departures) must give
exactly what a fresh load gives, edit after edit."""

from __future__ import annotations

from pathlib import Path

from rules_support import Change, apply, change, delete, mini

from aptui.pipeline import load_school
from aptui.workspace import Workspace

Y = "years/2025-2026"
EDITS: list[list[Change]] = [
    [change("school.yaml", 'referentiel: "2009"\n', 'referentiel: "2009"\nheures_eleve:\n  prevues: 0.7\n'
            "  suivies: 0.7\n")],
    [change(f"{Y}/bilans/P1.yaml", "vers: G-APPRO", "vers: G-NOPE")],  # bilans of P1
    [change(f"{Y}/groups/P2/G-APPRO.yaml", "  - e08\n", "")],  # groups of the following period
    [delete(f"{Y}/sessions/P2/G-METHODO.yaml"), delete(f"{Y}/sessions/P2/G-APPRO.yaml")],  # P2 not started
    [change(f"{Y}/groups/P1/G-METHODO.yaml", "  - adurand\n", "  - bpetit\n")],  # groups of P1
    [change(f"{Y}/groups/P1/G-APPRO.yaml", "enseignants:\n  - bpetit\n", "enseignants: []\n")],
    [change("students/e06.yaml", "profils:", "sortie: 2025-10-01\nprofils:")],  # a departure in P1
    [change(f"{Y}/sessions/P1/G-METHODO.yaml", "e06: absent", "e06: present")],
    [change(f"{Y}/year.yaml", "barrettes:", "dispenses:\n  - eleve: e03\n    periodes: [P1]\n    motif: Stage\n"
            "barrettes:")],
    [change(f"{Y}/bilans/P1.yaml", "vers: G-NOPE", "vers: G-METHODO")],
]


def test_each_edit_gives_what_a_full_load_gives(tmp_path: Path) -> None:
    root = mini(tmp_path)
    ws = Workspace(root)
    seen = set()
    for changes in EDITS:
        apply(root, changes)
        ws.reload()
        fresh = load_school(root, use_cache=False)
        assert ws.result.diagnostics == fresh.diagnostics
        seen |= {d.code for d in fresh.diagnostics}
    # the walk went through the new rules
    assert {"APT405", "APT410", "APT411", "APT503", "APT508"} <= seen
