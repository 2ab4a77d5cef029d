"""French short labels of the footers: what the key does in a word or two (the help and the palette keep the long
label), and each screen's main keys, in the order they keep their place when the terminal is narrow."""

from __future__ import annotations

from typing import Final

FOOTER_SHORT: Final = {
    "next_division": "Division",
    "open_editor": "Fichier",
    "objective_status": "Statut",
    "edit_record": "Corriger",
    "delete_record": "Suppr. fiche",
    "new_group": "Nouveau",
    "delete_group": "Supprimer",
    "start_period": "Nouv. période",
    "propose": "Proposer",
    "plan_sessions": "Planifier",
    "all_present": "Tous présents",
    "step_day(-1)": "Précédente",
    "step_day(1)": "Suivante",
    "edit_session": "Corriger",
    "delete_session": "Supprimer",
    "write": "Écrire",
    "toggle_missing": "À écrire",
    "group_bilan": "Bilan cochés",
    "errors_only": "Erreurs",
    "commit": "Commit",
    "pull": "Recevoir",
    "push": "Envoyer",
    "fetch": "Actualiser",
    "toggle_mode": "Mode",
    "refresh_git": "Relire",
    "start_appel": "Appel",
    "toggle_all": "Tous/miens",
    "section(-1)": "Rubrique ←",
    "section(1)": "Rubrique →",
    "delete": "Supprimer",
    "split": "Couper",
    "propose_periods": "Périodes",
    "pfmp": "PFMP",
    "students": "Élèves",
    "new_year": "Nouvelle année",
    "pick('local')": "Garder local",
    "pick('distant')": "Prendre reçu",
    "pick_file('local')": "Fichier local",
    "pick_file('distant')": "Fichier reçu",
    "finish": "Terminer",
}
"""Binding action -> the footer's label (the binding's own description elsewhere)."""
