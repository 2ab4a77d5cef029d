"""Every French string of the TUI, in one place.

Code speaks English, the interface speaks French.  Another language would be
another module with the same names.  Labels of stored values (profiles,
content types, statuses...) come from ``aptui.vocab``; this module holds the
words of the interface itself.  Strings with ``{}`` fields are templates.
"""

from __future__ import annotations

from typing import Final

APP_TITLE: Final = "aptui"
APP_SUBTITLE: Final = "accompagnement personnalisé"

# --- screens (titles, also the command palette entries) ---------------------
DASHBOARD: Final = "Tableau de bord"
STUDENTS: Final = "Élèves"
GROUPS: Final = "Groupes"
ATTENDANCE: Final = "Appel"
BILANS: Final = "Bilans"
PROBLEMS: Final = "Problèmes"
HELP: Final = "Aide"
GOTO_SCREEN: Final = "Aller à l'écran « {} »"

# --- global bindings --------------------------------------------------------
KEY_HELP: Final = "Aide"
KEY_QUIT: Final = "Quitter"
KEY_UNDO: Final = "Annuler"
KEY_RELOAD: Final = "Recharger"
KEY_BACK: Final = "Retour"
KEY_FILTER: Final = "Filtrer"
KEY_EDITOR: Final = "Ouvrir le fichier"
KEY_PALETTE: Final = "Palette"
KEY_JUMP: Final = "Aller à"
KEY_SORT: Final = "Trier"

# --- notifications ----------------------------------------------------------
DONE: Final = "Enregistré : {}"
UNDONE: Final = "Annulé : {}"
NOTHING_TO_UNDO: Final = "Rien à annuler."
RELOADED: Final = "Fichiers modifiés sur le disque, rechargés : {}"
RELOADED_ALL: Final = "École rechargée."
CHANGED_ON_DISK: Final = (
    "Un fichier a changé sur le disque depuis sa lecture : rien n'a été écrit. "
    "L'école est rechargée, refaites la modification si elle est toujours utile."
)
SCHOOL_BACK: Final = "L'école se charge de nouveau : retour au tableau de bord."
SCHOOL_BROKEN: Final = "L'école ne se charge pas : corrigez les problèmes listés (touche e pour ouvrir le fichier)."
NOT_A_SCHOOL: Final = "« {} » n'est plus une école aptui (school.yaml introuvable)."
EDIT_REFUSED: Final = "Modification refusée"
EDITOR_FAILED: Final = "Impossible de lancer l'éditeur « {} » : {}"
NO_FILE: Final = "Rien à ouvrir ici."
NO_SELECTION: Final = "Sélectionnez d'abord un élève."
NO_GROUP_SELECTED: Final = "Sélectionnez d'abord un groupe."
NO_YEAR: Final = "Aucune année scolaire dans ce dépôt (years/AAAA-AAAA/year.yaml)."
NO_PERIOD: Final = "Aucune période déclarée dans year.yaml."
NOT_LOADED: Final = "L'école ne se charge pas : voyez l'écran Problèmes (6)."
ERROR_TITLE: Final = "Erreur"

# --- dialogs ----------------------------------------------------------------
OK: Final = "Valider"
CANCEL: Final = "Annuler"
YES: Final = "Oui"
NO: Final = "Non"
REQUIRED: Final = "« {} » est obligatoire."
DATE_OUTSIDE: Final = "La date doit être dans la période {} (du {} au {})."
BAD_TIME: Final = "« {} » n'est pas une heure (HH:MM)."
BAD_ID: Final = "Identifiant : lettres, chiffres, « - », « _ » ou « . » seulement."
FIELD_DATE: Final = "Date (JJ/MM, JJ/MM/AAAA, aujourd'hui…)"
FIELD_REASON: Final = "Motif"
FIELD_DATED: Final = "Changement daté (sinon : composition du groupe)"
FIELD_TO_GROUP: Final = "Vers le groupe"
FIELD_TEACHER: Final = "Enseignant"
FIELD_NOTES: Final = "Notes"
FIELD_TOOL: Final = "Outil (positionnement, test…)"
FIELD_RESULT: Final = "Résultat"
FIELD_OBJECTIVE: Final = "Objectif (limité, vérifiable)"
FIELD_STATUS: Final = "Statut"
FIELD_GROUP_ID: Final = "Identifiant du groupe (ex. G-METHODO-2)"
FIELD_TITLE: Final = "Titre"
FIELD_CONTENT_TYPE: Final = "Type de contenu"
FIELD_TEACHERS: Final = "Enseignants (plusieurs = co-animation)"
FIELD_AUTHOR: Final = "Auteur"
FIELD_OUTCOME: Final = "Résultat"
FIELD_COMMENT: Final = "Commentaire"
FIELD_DECISION: Final = "Décision"
FIELD_TO_TYPE: Final = "Ou vers un type de contenu"
FIELD_FROM_PERIOD: Final = "À partir des groupes de"
NONE_CHOICE: Final = "(aucun)"

MOVE_TITLE: Final = "Déplacer {} ({} → ?)"
ADD_TITLE: Final = "Placer {} dans un groupe"
REMOVE_QUESTION: Final = "Retirer {} du groupe {} ?"
INTERVIEW_TITLE: Final = "Nouvel entretien : {}"
DIAGNOSTIC_TITLE: Final = "Nouveau diagnostic : {}"
OBJECTIVE_TITLE: Final = "Nouvel objectif du contrat : {}"
OBJECTIVE_STATUS_TITLE: Final = "Statut d'un objectif : {}"
FIELD_WHICH_OBJECTIVE: Final = "Objectif"
CREATE_GROUP_TITLE: Final = "Nouveau groupe ({}, barrette {})"
RENAME_GROUP_TITLE: Final = "Renommer le groupe {}"
CONTENT_TYPE_TITLE: Final = "Type de contenu du groupe {}"
TEACHERS_TITLE: Final = "Enseignants du groupe {}"
DELETE_GROUP_QUESTION: Final = "Supprimer le groupe {} ({} élève(s)) et son fichier ?"
START_PERIOD_TITLE: Final = "Nouvelle période {}"
START_PERIOD_HELP: Final = (
    "Les groupes de la période choisie sont recopiés et les décisions des bilans appliquées "
    "(maintien, changement, sortie) : c'est une proposition, à ajuster ensuite sur le tableau."
)
NO_NEXT_PERIOD: Final = "Aucune période sans groupes après {} : déclarez-la d'abord dans year.yaml."
BILAN_TITLE: Final = "Bilan {} ({})"

# --- dashboard --------------------------------------------------------------
DASH_SCHOOL: Final = "{name} — {year}, période {period} ({start} → {end})"
DASH_NO_PERIOD: Final = "{name} — {year}"
DASH_PROBLEMS: Final = "{} erreur(s), {} avertissement(s)"
TABS_PROBLEMS_SHORT: Final = "{} err. {} av."
DASH_NO_PROBLEM: Final = "Aucun problème"
DASH_BUDGETS: Final = "Heures par division (réalisé · prévu · budget)"
DASH_YEAR: Final = "Année"
DASH_CYCLE: Final = "Cycle"
DASH_ATTENTION: Final = "Élèves à suivre (présence faible : sous {} % sur l'année)"
DASH_NOBODY: Final = "Aucun élève à signaler."
DASH_PACE: Final = "Heures de {} semaine par semaine"
DASH_PACE_DONE: Final = "cumul"
DASH_PACE_LINE: Final = "rythme"
DASH_NEXT_DIVISION: Final = "Division suivante"
BUDGET_LINE: Final = "{done} réalisées · {planned} prévues · budget {budget}"
BUDGET_NONE: Final = "{done} réalisées · {planned} prévues · pas de budget"
ATTENTION: Final = {
    "attendance": "présence faible : {} (année)",  # each fits the board's column at 120 (the title says the threshold)
    "bilan": "pas de bilan ({})",
    "contract": "« Malgré eux » sans objectifs",
    "no_group": "sans groupe {}",
}
ATTENTION_COLUMNS: Final = ("Élève", "Division", "À suivre")

# --- students ---------------------------------------------------------------
STUDENT_COLUMNS: Final = ("Nom", "Division", "Profil", "Groupe", "Heures", "Présence")
PROFILE_SHORT: Final = {"contents": "Contents", "pourquoi-pas": "Pourquoi pas", "malgre-eux": "Malgré eux"}
"""A profile in the Élèves table's narrow column (the detail pane gives the full label)."""
FILTER_PLACEHOLDER: Final = "Filtrer (nom, division, profil, groupe…) — Échap pour effacer"
FILTER_NO_MATCH: Final = "Aucun élève ne correspond à « {} »"
FILTER_STUDENTS: Final = "Filtrer les élèves (nom ou identifiant) — Échap pour effacer"
KEY_INTERVIEW: Final = "Entretien"
KEY_DIAGNOSTIC: Final = "Diagnostic"
KEY_OBJECTIVE: Final = "Objectif"
KEY_OBJECTIVE_STATUS: Final = "Statut objectif"
DETAIL_EMPTY: Final = "Sélectionnez un élève."
DETAIL_NO_STUDENT: Final = ("Aucun élève cette année : « A » en ajoute un, "
                            "ou importez-les depuis SIECLE (aptui import siecle).")
DETAIL_NO_MATCH: Final = "Aucun élève ne correspond au filtre « {} » (Échap l'efface)."
DETAIL_DIVISIONS: Final = "Divisions"
DETAIL_PROFILES: Final = "Profils"
DETAIL_NEEDS: Final = "Besoins"
DETAIL_DIAGNOSTICS: Final = "Diagnostics"
DETAIL_INTERVIEWS: Final = "Entretiens"
DETAIL_CONTRACT: Final = "Contrat (objectifs limités)"
DETAIL_TIMELINE: Final = "Parcours dans les groupes"
DETAIL_ATTENDANCE: Final = "Assiduité"
DETAIL_PROBLEMS: Final = "Problèmes"
DETAIL_NONE: Final = "—"
DETAIL_TUTOR: Final = "Tuteur : {}"
DETAIL_PROJECT: Final = "Poursuite d'études : {}"
DETAIL_PASSERELLE: Final = "Passerelle"
DETAIL_LEFT: Final = "Sorti le {}"
DETAIL_RATE: Final = "{attended} suivies sur {marked} notées ({rate})"
DETAIL_NO_MARK: Final = "Aucun appel noté."
DETAIL_MOVE: Final = "le {} : {} → {} ({})"

# --- groups board -----------------------------------------------------------
BOARD_UNASSIGNED: Final = "Sans groupe"
BOARD_EXEMPTED: Final = "dispensé"
BOARD_ARRIVED: Final = "← {} le {}"
BOARD_PERIOD: Final = "Période"
BOARD_BARRETTE: Final = "Barrette"
BOARD_NO_GROUPS: Final = ("Aucun groupe dans cette barrette pour {} : « P » propose les groupes, « n » crée un groupe, "
                          "« N » démarre la période.")
KEY_MOVE: Final = "Déplacer"
KEY_REMOVE: Final = "Retirer"
KEY_NEW_GROUP: Final = "Nouveau groupe"
KEY_RENAME: Final = "Renommer"
KEY_CONTENT_TYPE: Final = "Type"
KEY_TEACHERS: Final = "Enseignants"
KEY_DELETE_GROUP: Final = "Supprimer groupe"
KEY_START_PERIOD: Final = "Nouvelle période"
KEY_LEFT: Final = "Colonne précédente"
KEY_RIGHT: Final = "Colonne suivante"

# --- attendance -------------------------------------------------------------
APPEL_GROUP: Final = "Groupe"
APPEL_GROUP_PROMPT: Final = "(choisir)"
APPEL_DATE: Final = "Date"
APPEL_COLUMNS: Final = ("Élève", "Division", "Statut")
APPEL_HEADER: Final = "{group} — {title} · {day} · {start} ({minutes} min) · {state}"
APPEL_NEW: Final = "nouvelle séance"
APPEL_EXISTING: Final = "séance enregistrée"
APPEL_NOT_SCHOOL_DAY: Final = "Attention : pas de cours ce jour-là ({})."
APPEL_NOT_BARRETTE_DAY: Final = "Attention : la barrette {} a lieu le {} (une séance un autre jour est une erreur)."
APPEL_NO_MEMBER: Final = "Aucun membre ce jour-là."
APPEL_UNMARKED: Final = "(à noter)"
APPEL_SUMMARY: Final = "{present} présent(s), {absent} absent(s), {excuse} excusé(s), {late} en retard, {missing} à noter"
KEY_PRESENT: Final = "Présent"
KEY_ABSENT: Final = "Absent"
KEY_EXCUSED: Final = "Excusé"
KEY_LATE: Final = "Retard"
KEY_ALL_PRESENT: Final = "Tous présents"
KEY_SAVE: Final = "Enregistrer"
KEY_PREV_DAY: Final = "Séance précédente"
KEY_NEXT_DAY: Final = "Séance suivante"
APPEL_NO_GROUP: Final = "Aucun groupe dans cette période : créez-les sur l'écran Groupes (3)."

# --- bilans -----------------------------------------------------------------
BILAN_COLUMNS: Final = ("Élève", "Division", "Groupe", "Résultat", "Décision", "Vers", "Motif")
BILAN_COLUMNS_NARROW: Final = ("Élève", "Div.", "Groupe", "Résultat", "Décision", "Vers", "Motif")
BILAN_LINE: Final = "{day} · {author} · {outcome} · {decision}{target} : {comment}"
"""The line under the Bilans table: the highlighted bilan whole (its cells may be cut at 80 columns)."""
BILAN_MISSING: Final = "à écrire"
BILAN_COUNT: Final = "{period} : {done} bilan(s) écrit(s), {missing} à écrire"
BILAN_ALL_DONE: Final = "{period} : tous les bilans sont écrits ({done})."
KEY_WRITE_BILAN: Final = "Écrire le bilan"
KEY_ONLY_MISSING: Final = "Seulement à écrire"

# --- problems ---------------------------------------------------------------
PROBLEM_COLUMNS: Final = ("", "Code", "Fichier:ligne", "Problème")
PROBLEM_ERROR: Final = "erreur"
PROBLEM_WARNING: Final = "avert."
PROBLEMS_COUNT: Final = "{} erreur(s), {} avertissement(s)"
PROBLEMS_NONE: Final = "Aucun problème : l'école est valide."
KEY_ERRORS_ONLY: Final = "Erreurs seules"

# --- help -------------------------------------------------------------------

# --- git screens; a day in the app (issue 11): in their own modules ----------------------------
from aptui.tui.labels_day import *  # noqa: E402, F403
from aptui.tui.labels_git import *  # noqa: E402, F403

# --- writing edits: disk errors, interrupted edits (privacy engineer, issue 10) ---------------
WRITE_FAILED_TITLE: Final = "Écriture impossible"
WRITE_FAILED_RETRY: Final = "{}\n\nRéessayer maintenant ? (Non : la modification reste gardée ; ctrl+r la réessaie.)"
WRITE_KEPT: Final = "Modification gardée, non écrite : ctrl+r pour réessayer."
WRITE_NOTHING_TO_RETRY: Final = "Aucune modification en attente d'écriture."
KEY_RETRY: Final = "Réessayer l'écriture"

# --- calendar: PFMP weeks (dashboard, student detail) ------------------------
DASH_PFMP: Final = "PFMP {}"
DASH_PFMP_SHORT: Final = "PFMP : {count} fois, {weeks} sem."
DASH_AWAY_TODAY: Final = "En PFMP aujourd'hui : {}"
DASH_HOURS_WAIT: Final = ("Heures incomplètes : {} illisible(s), leurs séances ne sont pas comptées ({}) : "
                          "corrigez-les (écran Problèmes, 6)")
DASH_AWAY_UNTIL: Final = "{} (jusqu'au {})"
DETAIL_PFMP: Final = "PFMP (stages en entreprise)"
DETAIL_PFMP_YEAR: Final = "{year}, {division} : {weeks} semaine(s)"
DETAIL_PFMP_SPAN: Final = "du {start} au {end}"

# --- bilan targets (edges): what « Vers le groupe » offers (tui/data/bilans.py) ----
BILAN_NO_NEXT_PERIOD: Final = ("Pas de période après {period} en {year} : aucun groupe à proposer (ceux de l'année "
                                "suivante n'existent pas encore) ; pour un changement, indiquez « Vers le type ».")
BILAN_TARGETS_NEXT: Final = "Groupes de {next} dans la barrette {barrette} de l'élève."
BILAN_TARGETS_CONTINUING: Final = ("{next} n'a pas encore de groupe dans la barrette {barrette} : groupes de {period}, "
                                   "qui continuent en {next} sous le même nom.")

# --- year set-up, Élèves forms, group proposals (setup engineer, issue 12): in their own module ----
from aptui.tui.labels_records import *  # noqa: E402, F403
from aptui.tui.labels_setup import *  # noqa: E402, F403

FILTER_BOARD: Final = "Filtrer (élève, division, groupe, titre) — Échap pour effacer"
FILTER_ELSEWHERE: Final = "« {} » : personne dans {} ; trouvé dans {} (Entrée pour y aller)."
MISSING_YEAR: Final = "Aucune année scolaire : créez-la (écran Année, touche 8, ou « aptui init »)."
MISSING_TEAM: Final = "À déclarer d'abord : l'équipe (écran Année, touche 8, section Équipe)."
MISSING_DIVISIONS: Final = "À déclarer d'abord : les divisions de {} (écran Année, touche 8, section Divisions)."
MISSING_BARRETTES: Final = ("À déclarer d'abord : une barrette de {} (jour, heure, divisions ; écran Année, touche 8, "
                            "section Barrettes).")
MISSING_PERIODS: Final = "À déclarer d'abord : les périodes de {} (écran Année, touche 8, section Périodes)."
MISSING_STUDENTS: Final = "À déclarer ensuite : les élèves de {} (écran Élèves, « A », ou aptui import siecle)."
YEAR_OVER: Final = ("L'année {} est terminée depuis le {} : préparez la suivante (écran Année, touche 8, "
                    "« nouvelle année »).")
YEAR_OVER_KEY: Final = "« Y » y mène."
KEY_NEW_YEAR: Final = "Année suivante"
APPEL_SAVE_ODD_DAY: Final = "Enregistrer quand même cet appel ?"
APPEL_OUTSIDE_PERIOD: Final = "Le {} est hors de la période {} ({} → {})."
BILAN_SHORT_OUTCOMES: Final = {"atteint": "Atteints", "partiel": "Partiels", "non-atteint": "Non atteints"}
"""The Bilans table's result column (the dialog and the detail say it in full)."""
BILAN_SHORT_DECISIONS: Final = {"maintien": "Maintien", "changement": "Changement", "sortie": "Sortie"}
# --- a merge waiting on the dashboard; a new school's set-up steps (fixes, issues 9 and 11) ----------
DASH_MERGING: Final = "Fusion en cours : {} conflit(s) à trancher — écran Git (7), touche x"
DASH_MERGE_READY: Final = "Fusion en cours, conflits tranchés : terminez-la — écran Git (7), touche x puis f"
SETUP_STEPS_TITLE: Final = "Mise en place de l'année : {} étape(s) sur {} faites"
SETUP_STEP_TEAM: Final = "Équipe (enseignants d'AP)"
SETUP_STEP_DIVISIONS: Final = "Divisions"
SETUP_STEP_BARRETTES: Final = "Barrettes (créneaux d'AP)"
SETUP_STEP_PERIODS: Final = "Périodes"
SETUP_STEP_STUDENTS: Final = "Élèves"
SETUP_STEP_GROUPS: Final = "Groupes de besoin"
SETUP_STEP_APPEL: Final = "Premier appel"
SETUP_WHERE_TEAM: Final = "écran Année (8), section Équipe"
SETUP_WHERE_DIVISIONS: Final = "écran Année (8), section Divisions"
SETUP_WHERE_BARRETTES: Final = "écran Année (8), section Barrettes"
SETUP_WHERE_PERIODS: Final = "écran Année (8), section Périodes"
SETUP_WHERE_STUDENTS: Final = "écran Élèves (2), ou « aptui import siecle »"
SETUP_WHERE_GROUPS: Final = "écran Groupes (3), « P » propose les groupes"
SETUP_WHERE_APPEL: Final = "écran Appel (4)"
SETUP_COUNT_DIVISIONS: Final = "{} division(s)"
SETUP_COUNT_BARRETTES: Final = "{} barrette(s)"
SETUP_COUNT_PERIODS: Final = "{} période(s)"
SETUP_COUNT_STUDENTS: Final = "{} élève(s) dans les divisions"
SETUP_COUNT_GROUPS: Final = "{} groupe(s)"
SETUP_STEP_TEACHERS: Final = "{} enseignant(s) en plus du pilote"
SETUP_STEP_ONLY_PILOTE: Final = "seul le pilote est déclaré"
SETUP_STEP_NO_TEACHER: Final = "aucun enseignant"
SETUP_STEP_SESSIONS: Final = "{} séance(s) avec appel"
APPEL_SAVE_FUTURE: Final = "Enregistrer un appel à venir ?"
APPEL_FUTURE_TEXT: Final = ("Le {day} est après aujourd'hui ({today}) : {marks} marque(s) d'appel seraient enregistrées "
                            "pour une séance qui n'a pas encore eu lieu. Vérifiez la date (d).")
