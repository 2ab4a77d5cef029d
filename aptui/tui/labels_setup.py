"""The app's words for the set-up of a year (screen Année, Élèves forms) and the group proposals.

Imported into ``aptui.tui.labels`` (``L.X`` everywhere): kept apart only so that one module does
not grow past what a reader can hold.
"""

from __future__ import annotations

from typing import Final

# --- group proposals (board « P », and « N ») ------------------------------------
KEY_PROPOSE: Final = "Proposer les groupes"
PROPOSAL_TITLE: Final = "Proposition de groupes — {}"
PROPOSAL_FIRST: Final = "{period}, barrette {barrette}, d'après les besoins, profils et diagnostics"
PROPOSAL_NEXT: Final = "{period} à partir des groupes de {source}, d'après les bilans"
PROPOSAL_MIN: Final = "Min"
PROPOSAL_MAX: Final = "Max"
PROPOSAL_DEFAULT: Final = "Sans besoin"
PROPOSAL_DEFAULT_PROFILE: Final = "selon le profil"
PROPOSAL_COLUMNS: Final = ("Élève", "Division", "Groupe", "Motif")
PROPOSAL_GROUP_ROW: Final = "{size} élève(s){state}{teachers}"
PROPOSAL_NEW: Final = ", nouveau"
PROPOSAL_KEPT: Final = ", {} déjà là"
PROPOSAL_SHORT: Final = ", {} sous le minimum"
PROPOSAL_NO_TEACHER: Final = ", sans enseignant"
PROPOSAL_UNPLACED: Final = "— sans groupe —"
PROPOSAL_LEFT_OUT: Final = "— non proposé —"
PROPOSAL_ACCEPT: Final = "Accepter"
PROPOSAL_RECOMPUTE: Final = "Recalculer"
PROPOSAL_REJECT: Final = "Rejeter"
KEY_PROPOSAL_PIN: Final = "Garder dans un groupe"
KEY_PROPOSAL_UNPIN: Final = "Ne plus garder"
KEY_PROPOSAL_RECOMPUTE: Final = "Recalculer"
PROPOSAL_PIN_TITLE: Final = "Garder {} dans le groupe…"
PROPOSAL_PINNED: Final = "{} gardé(e) dans {} : proposition recalculée."
PROPOSAL_UNPINNED: Final = "{} n'est plus gardé(e) dans un groupe : proposition recalculée."
PROPOSAL_REJECTED: Final = "Proposition rejetée : rien n'a été écrit."
PROPOSAL_FROM_BILANS: Final = "Les élèves avaient des groupes en {} : la proposition suit leurs bilans."
PROPOSAL_NOBODY: Final = "Personne à placer en {} dans {} : chaque élève de la barrette a déjà un groupe."
PROPOSAL_BAD_NUMBER: Final = "« {} » : un nombre d'élèves, par exemple 6."
PROPOSAL_NOT_PROVEN: Final = "Meilleure proposition trouvée dans le temps imparti (pas forcément optimale)."
PROPOSAL_HELP: Final = ("Entrée/ctrl+s accepte (un commit), g garde l'élève choisi dans un groupe, "
                        "r recalcule avec les capacités, Échap rejette.")
