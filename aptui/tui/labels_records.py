"""The app's words for correcting records (Élèves, Appel) and for « Mes séances »."""

from __future__ import annotations

from typing import Final

# --- Élèves: correcting a record ---------------------------------------------------
KEY_RECORD_EDIT: Final = "Corriger une fiche"
KEY_RECORD_DELETE: Final = "Supprimer une fiche"
HELP_GROUP_RECORDS: Final = "Corriger le suivi (entretiens, diagnostics, contrat)"
RECORD_NONE: Final = "{} n'a ni entretien, ni diagnostic, ni objectif de contrat."
RECORD_PICK_EDIT: Final = "Corriger une fiche de {}"
RECORD_PICK_DELETE: Final = "Supprimer une fiche de {}"
RECORD_WHICH: Final = "Fiche"
RECORD_INTERVIEW: Final = "Entretien du {day} ({teacher}) : {notes}"
RECORD_DIAGNOSTIC: Final = "Diagnostic du {day}, {tool} : {result}"
RECORD_OBJECTIVE: Final = "Objectif {number}. {label} — {status}"
RECORD_EDIT_INTERVIEW: Final = "Corriger l'entretien du {} — {}"
RECORD_EDIT_DIAGNOSTIC: Final = "Corriger le diagnostic du {} — {}"
RECORD_EDIT_OBJECTIVE: Final = "Corriger l'objectif — {}"
RECORD_DELETE_QUESTION: Final = "Supprimer cette fiche de {} ?"
RECORD_DELETE_TEXT: Final = "{}\n\nElle disparaît du fichier de l'élève (ctrl+z la rétablit)."

# --- Appel: correcting or deleting the session ------------------------------------
KEY_SESSION_EDIT: Final = "Corriger la séance"
KEY_SESSION_DELETE: Final = "Supprimer la séance"
SESSION_NOT_RECORDED: Final = "Cette séance n'est pas encore enregistrée : rien à corriger (ctrl+s l'enregistre)."
SESSION_EDIT_TITLE: Final = "Corriger la séance du {} — {}"
FIELD_SESSION_START: Final = "Début (HH:MM)"
FIELD_SESSION_DURATION: Final = "Durée (minutes)"
FIELD_SESSION_ACTIVITY: Final = "Activité (contenu de la séance)"
SESSION_BAD_DURATION: Final = "Durée « {} » : un nombre de minutes (ex. 120)"
SESSION_NOT_MEMBERS: Final = ("Le {} : {} ne sont plus membres du groupe ; leur appel ne peut pas suivre la séance. "
                              "Choisissez une autre date.")
SESSION_DELETE_QUESTION: Final = "Supprimer la séance du {} du groupe {} ?"
SESSION_DELETE_MARKS: Final = "L'appel de cette séance est perdu : {} (ctrl+z le rétablit)."
SESSION_DELETE_NO_MARK: Final = "Cette séance n'a pas d'appel."

# --- Mes séances ---------------------------------------------------------------
MY_SESSIONS: Final = "Mes séances"
KEY_START_APPEL: Final = "Faire l'appel"
KEY_ALL_TEACHERS: Final = "Tous / les miens"
MY_SESSIONS_HEAD: Final = "{who} — {today}"
MY_SESSIONS_ALL: Final = "Toute l'équipe"
MY_SESSIONS_UNKNOWN: Final = ("Qui êtes-vous ? Ce clone ne le dit pas : toutes les séances sont montrées. "
                              "« aptui doctor » explique comment le déclarer (git config aptui.staff <id>).")
MY_SESSIONS_NOT_STAFF: Final = "« {} » n'est pas dans staff.yaml : toutes les séances sont montrées."
MY_SESSIONS_GROUPS: Final = "Mes groupes : {}"
MY_SESSIONS_ALL_GROUPS: Final = "Groupes en cours : {}"
MY_SESSIONS_NO_GROUP: Final = "Aucun groupe en cours."
MY_SESSIONS_NONE: Final = "Aucune séance aujourd'hui ni à venir dans la période en cours."
MY_SESSIONS_COLUMNS: Final = ("Quand", "Horaire", "Groupe", "Élèves", "Appel")
MY_SESSIONS_TODAY: Final = "Aujourd'hui"
MY_SESSIONS_DONE: Final = "fait ({})"
MY_SESSIONS_TODO: Final = "à faire"
MY_SESSIONS_COANIMATED: Final = " (co-animé)"

# --- Bilans for several students ----------------------------------------------------
KEY_BILAN_MARK: Final = "Cocher l'élève"
KEY_BILAN_MARK_ALL: Final = "Cocher tous / aucun"
KEY_GROUP_BILAN: Final = "Bilan des cochés"
HELP_GROUP_GROUP_BILAN: Final = "Bilans de plusieurs élèves"
GROUP_BILAN_TITLE: Final = "Bilan de {} élèves — {}"
GROUP_BILAN_TEXT: Final = ("Le même résultat et la même décision pour : {}.\n"
                           "Chaque bilan reste modifiable ensuite (b).")
GROUP_BILAN_NOBODY: Final = "« {} » n'est dans la barrette d'aucun des élèves cochés : choisissez un autre groupe."
GROUP_BILAN_SUMMARY: Final = "{period} : bilans de {count} élèves, {outcome}, {decision}"
GROUP_BILAN_LEFT_OUT: Final = " ; non écrits ({} hors de leur barrette) : {}"
GROUP_BILAN_NONE_MARKED: Final = "Cochez d'abord des élèves (espace, ou T pour tous ceux affichés)."
GROUP_BILAN_MARKED: Final = "  ·  {} coché(s)"
GROUP_BILAN_MARK: Final = "✓ "

WHO_TITLE: Final = "Qui êtes-vous ?"
WHO_TEXT: Final = ("Ce clone ne dit pas qui l'utilise. Choisissez votre nom : il est gardé dans ce clone "
                   "(git config aptui.staff) et la question ne reviendra pas. Échap : plus tard (toutes les "
                   "séances sont montrées).")
WHO_FIELD: Final = "Vous êtes"
WHO_SAVED: Final = "Vous êtes {} : enregistré pour ce clone."
WHO_NOT_KEPT: Final = "Vous êtes {} pour cette fois : git n'a pas pu l'enregistrer dans ce clone ({})."
