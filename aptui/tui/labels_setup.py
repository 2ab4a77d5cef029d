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
KEY_PROPOSAL_CAPACITY: Final = "Capacité (min, max)"
PROPOSAL_PIN_TITLE: Final = "Garder {} dans le groupe…"
PROPOSAL_PINNED: Final = "{} gardé(e) dans {} : proposition recalculée."
PROPOSAL_UNPINNED: Final = "{} n'est plus gardé(e) dans un groupe : proposition recalculée."
PROPOSAL_REJECTED: Final = "Proposition rejetée : rien n'a été écrit."
PROPOSAL_FROM_BILANS: Final = "Les élèves avaient des groupes en {} : la proposition suit leurs bilans."
PROPOSAL_NOBODY: Final = "Personne à placer en {} dans {} : chaque élève de la barrette a déjà un groupe."
PROPOSAL_BAD_NUMBER: Final = "« {} » : un nombre d'élèves, par exemple 6."
PROPOSAL_NOT_PROVEN: Final = "Meilleure proposition trouvée dans le temps imparti (pas forcément optimale)."
PROPOSAL_HELP: Final = ("ctrl+s accepte (un commit) · c capacité (min, max ; Entrée recalcule) · g garde l'élève "
                        "choisi dans un groupe, G ne le garde plus · Échap rejette")

KEY_PLAN_SESSIONS: Final = "Planifier les séances"
PLAN_SESSIONS_QUESTION: Final = ("Planifier {count} séance(s) en {period} pour {groups} groupe(s), chaque jour de "
                                 "barrette ? (l'appel se fera sur chacune)")
PLAN_SESSIONS_NONE: Final = "Rien à planifier en {} dans {} : pas de groupe, ou chaque jour de barrette a sa séance."

# --- the screen Année ---------------------------------------------------------------------------
YEAR_SCREEN: Final = "Année"
SETUP_SECTIONS: Final = {"equipe": "Équipe", "divisions": "Divisions", "barrettes": "Barrettes",
                         "periodes": "Périodes", "pfmp": "PFMP"}
SETUP_COLUMNS: Final = {
    "equipe": ("Id", "Nom", "Disciplines", "État", "Groupes en cours"),
    "divisions": ("Division", "Niveau", "Formation", "Précédente", "Élèves", "Barrette", "PFMP"),
    "barrettes": ("Barrette", "Jour", "Début", "Durée", "Divisions"),
    "periodes": ("Période", "Début", "Fin", "Semaines de cours", ""),
    "pfmp": ("Division", "Du", "Au", "Semaines", "Motif"),
}
SETUP_YEAR: Final = "Année"
SETUP_SECTION: Final = "Rubrique"
SETUP_ACTIVE: Final = "actif"
SETUP_INACTIVE: Final = "désactivé"
SETUP_PILOTE: Final = " (pilote)"
SETUP_WEEKS: Final = "{} sem."
SETUP_HAS_GROUPS: Final = "a des groupes"
SETUP_EMPTY: Final = {
    "equipe": "Personne dans l'équipe : « a » ajoute un enseignant.",
    "divisions": "Aucune division : « a » en crée une (ou importez SIECLE : aptui import siecle).",
    "barrettes": "Aucune barrette : « a » en crée une (jour, heure, durée, divisions).",
    "periodes": "Aucune période : « a » en crée une, « r » les propose entre les vacances.",
    "pfmp": "Aucune PFMP déclarée : « a » en ajoute une à une division.",
}
SETUP_NO_YEAR: Final = "Aucune année : créez l'école avec « aptui init »."
SETUP_HINT: Final = ("[ ] rubrique · a ajouter · m modifier · x supprimer/désactiver · c couper · r périodes · "
                     "p PFMP · Y nouvelle année")  # one line at 120 columns, the footer's words
KEY_SETUP_PREV: Final = "Rubrique précédente"
KEY_SETUP_NEXT: Final = "Rubrique suivante"
KEY_SETUP_ADD: Final = "Ajouter"
KEY_SETUP_EDIT: Final = "Modifier"
KEY_SETUP_DELETE: Final = "Supprimer / désactiver"
KEY_SETUP_SPLIT: Final = "Couper la période"
KEY_SETUP_PROPOSE_PERIODS: Final = "Proposer les périodes"
KEY_SETUP_PFMP: Final = "PFMP de la division"
KEY_SETUP_STUDENTS: Final = "Élèves de la division"
KEY_SETUP_NEW_YEAR: Final = "Nouvelle année"
HELP_GROUP_SETUP: Final = "Mettre en place l'année"
SETUP_NOTHING_SELECTED: Final = "Choisissez d'abord une ligne."
SETUP_NOT_HERE: Final = "Pas dans cette rubrique."
# forms
FIELD_LAST_NAME: Final = "Nom"
FIELD_FIRST_NAME: Final = "Prénom"
FIELD_SUBJECTS: Final = "Disciplines (séparées par des virgules)"
FIELD_TEACHER_ID: Final = "Identifiant (vide : initiale + nom)"
FIELD_DIVISION_ID: Final = "Division (ex. 2MELEC1)"
FIELD_LEVEL: Final = "Niveau"
FIELD_FORMATION: Final = "Formation (ex. MELEC)"
FIELD_PREVIOUS: Final = "Division de l'année précédente"
FIELD_BARRETTE_ID: Final = "Barrette (ex. B-2NDE)"
FIELD_WEEKDAY: Final = "Jour"
FIELD_START_TIME: Final = "Début (HH:MM)"
FIELD_DURATION: Final = "Durée (minutes)"
FIELD_DIVISIONS: Final = "Divisions"
FIELD_PERIOD_ID: Final = "Identifiant (vide : P suivant)"
FIELD_START_DAY: Final = "Premier jour"
FIELD_END_DAY: Final = "Dernier jour"
FIELD_CUT_DAY: Final = "Premier jour de la seconde partie"
FIELD_DIVISION: Final = "Division"
FIELD_PFMP_REASON: Final = "Motif (facultatif, ex. PFMP 1)"
FIELD_STUDENTS: Final = "Élèves"
TEACHER_ADD_TITLE: Final = "Nouvel enseignant"
TEACHER_EDIT_TITLE: Final = "Modifier {}"
TEACHER_DEACTIVATE: Final = "Désactiver {} ? (gardé dans staff.yaml : d'anciens groupes et bilans le citent)"
TEACHER_DEACTIVATE_GROUPS: Final = "Il ou elle anime encore : {}. Pensez à les confier à quelqu'un d'autre."
TEACHER_REACTIVATE: Final = "Réactiver {} ?"
DIVISION_ADD_TITLE: Final = "Nouvelle division ({})"
DIVISION_EDIT_TITLE: Final = "Modifier la division {}"
DIVISION_STUDENTS_TITLE: Final = "Élèves à mettre en {} ({})"
BARRETTE_ADD_TITLE: Final = "Nouvelle barrette ({})"
BARRETTE_EDIT_TITLE: Final = "Modifier la barrette {}"
BARRETTE_DELETE: Final = "Supprimer la barrette {} ?"
PERIOD_ADD_TITLE: Final = "Nouvelle période ({})"
PERIOD_MOVE_TITLE: Final = "Déplacer la période {}"
PERIOD_SPLIT_TITLE: Final = "Couper la période {} en deux"
PERIOD_DELETE: Final = "Supprimer la période {} ?"
PERIOD_PROPOSE: Final = "Remplacer les périodes de {} par celles proposées entre les vacances de la zone ?"
PERIOD_HELP: Final = "Vérifiée aussitôt : dans l'année, sans chevauchement, de 4 à 7 semaines de cours."
PFMP_ADD_TITLE: Final = "Nouvelle PFMP ({})"
PFMP_DELETE: Final = "Retirer la PFMP de {} du {} au {} ?"
NEW_YEAR_TITLE: Final = "Créer l'année suivante ?"
BAD_TIME: Final = "« {} » : une heure HH:MM, par exemple 14:00."
BAD_MINUTES: Final = "« {} » : un nombre de minutes, par exemple 120."

# --- Élèves: the set-up forms of a student -------------------------------------------------------
KEY_STUDENT_ADD: Final = "Nouvel élève"
KEY_STUDENT_IDENTITY: Final = "Identité"
KEY_STUDENT_DIVISION: Final = "Changer de division"
KEY_STUDENT_PROFILE: Final = "Profil de l'année"
KEY_STUDENT_NEED: Final = "Ajouter un besoin"
KEY_STUDENT_REMOVE_NEED: Final = "Retirer un besoin"
KEY_STUDENT_FOLLOW_UP: Final = "Tuteur, projet, passerelle"
KEY_STUDENT_LEAVE: Final = "Sortie de l'établissement"
KEY_STUDENT_EXEMPTION: Final = "Dispense"
KEY_STUDENT_LIFT_EXEMPTION: Final = "Lever la dispense"
KEY_STUDENT_ORIENTATION: Final = "Décision de fin d'année"
HELP_GROUP_STUDENT_SETUP: Final = "Fiche de l'élève"
FIELD_ARRIVAL: Final = "Arrivée en cours d'année (facultatif)"
FIELD_PROFILE: Final = "Profil"
FIELD_NEED_TYPE: Final = "Type de besoin"
FIELD_NEED_DETAIL: Final = "Précision (facultatif, ex. Fractions)"
FIELD_WHICH_NEED: Final = "Besoin à retirer"
FIELD_TUTOR: Final = "Tuteur"
FIELD_PROJECT: Final = "Projet de poursuite d'études (vide : aucun)"
FIELD_PASSERELLE: Final = "Passerelle (changement de spécialité)"
FIELD_LEAVE_DAY: Final = "Dernier jour dans l'établissement"
FIELD_EXEMPTION_REASON: Final = "Motif de la dispense"
FIELD_EXEMPTION_PERIODS: Final = "Périodes (aucune cochée : toute l'année)"
FIELD_ORIENTATION: Final = "Décision"
NO_TUTOR_CHOICE: Final = "— aucun —"
STUDENT_ADD_TITLE: Final = "Nouvel élève ({})"
STUDENT_ADD_HELP: Final = "Identifiant attribué : eAAAA-NNN suivant. Une arrivée en cours d'année se date."
STUDENT_IDENTITY_TITLE: Final = "Identité {}"
STUDENT_DIVISION_TITLE: Final = "Division {} en {}"
STUDENT_PROFILE_TITLE: Final = "Profil {} en {}"
STUDENT_NEED_TITLE: Final = "Nouveau besoin {}"
STUDENT_REMOVE_NEED_TITLE: Final = "Retirer un besoin {}"
STUDENT_FOLLOW_UP_TITLE: Final = "Suivi {}"
STUDENT_LEAVE_TITLE: Final = "Sortie {}"
STUDENT_LEAVE_HELP: Final = ("L'élève sera retiré(e) des groupes des périodes qui commencent après ce jour et de "
                             "l'appel des séances postérieures ; le passé reste. Ce qui change est montré avant.")
STUDENT_LEAVE_CONFIRM: Final = "Confirmer la sortie ?"
STUDENT_LEAVE_NOTHING_ELSE: Final = "Aucun groupe ni appel postérieur : seule la date de sortie est écrite."
STUDENT_EXEMPTION_TITLE: Final = "Dispense {} en {}"
STUDENT_EXEMPTION_HELP: Final = "Un élève dispensé n'est pas attendu dans les groupes des périodes cochées."
STUDENT_LIFT_EXEMPTION: Final = "Lever la dispense {} en {} ?"
STUDENT_NO_NEED: Final = "{} n'a aucun besoin noté."
STUDENT_ORIENTATION_TITLE: Final = "Fin d'année {1} {0}"
