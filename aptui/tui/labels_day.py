"""French strings of a day in the app (issue 11): unsaved appel, moves, help, palette, keymap, undo/redo.

Part of ``aptui.tui.labels`` (which re-exports every name): use them as ``L.NAME``.
"""

from __future__ import annotations

from typing import Final

# --- the day in the app (issue 11, app): unsaved appel, moves, help, palette, keymap, undo/redo ---------------
KEY_REDO: Final = "Rétablir"
KEY_QUIT_ANYWHERE: Final = "Quitter (même dans un champ)"
KEY_SCREEN: Final = "Écran « {} »"
KEY_FIELD_DATE: Final = "Date de la séance"
KEY_FIELD_ACTIVITY: Final = "Activité de la séance"
KEY_FIELD_NOTES: Final = "Note de la séance"
KEY_CLOSE: Final = "Fermer"
NOTHING_TO_REDO: Final = "Rien à rétablir."
REDONE: Final = "Rétabli : {}"
UNDO_AGAIN: Final = "Annuler aussi la modification précédente ?"
UNDO_AGAIN_TEXT: Final = "« {} »\n\nVous venez déjà d'en annuler une. Oui pour annuler celle-ci aussi (ctrl+y la rétablit)."
UNSAVED_TITLE: Final = "{} : pas encore enregistré"
UNSAVED_TEXT: Final = "Enregistrer avant de continuer ? Abandonner efface ce qui n'est pas enregistré."
UNSAVED_SAVE: Final = "Enregistrer"
UNSAVED_DISCARD: Final = "Abandonner"
UNSAVED_STAY: Final = "Rester"
UNSAVED_NOT_SAVED: Final = "Rien n'a été enregistré : vous restez sur l'écran."
APPEL_UNSAVED: Final = "Appel de {} du {}"
APPEL_DIRTY: Final = "● Non enregistré (ctrl+s)"
APPEL_RECEIVED_MEANWHILE: Final = ("Cette séance a changé sur le disque (git pull, un collègue…) : ses marques sont "
                                   "reprises, vos changements gardés par-dessus, pas encore enregistrés (ctrl+s).")
APPEL_CONFLICT_MARK: Final = "{} : reçu « {} », vous aviez mis « {} » (gardé, non enregistré)."
APPEL_CONFLICT_TEXT: Final = "Texte reçu « {} » remplacé par le vôtre (non enregistré)."
APPEL_DRAFT_FOUND: Final = ("Appel non enregistré retrouvé ({group}, séance du {day}, interrompu le {when}) : "
                             "repris tel quel. ctrl+s l'enregistre ; changer de séance ou quitter propose de "
                             "l'abandonner.")
APPEL_DRAFT_FAILED: Final = ("L'appel en cours n'a pas pu être gardé sur le disque ({}) : enregistrez-le (ctrl+s) "
                             "avant de quitter.")
APPEL_DROPPED_MARK: Final = "{} n'est plus membre du groupe ce jour-là : sa marque n'est pas reprise."
APPEL_SAVED_STATE: Final = "Enregistré"
APPEL_STRAY: Final = ("Gardé(s) à l'enregistrement : {} noté(s) sans être membre(s) ce jour-là (voyez Problèmes, "
                      "APT601) : {}")
APPEL_FIELD_HINT: Final = "Entrée ou Échap : retour à la liste"
APPEL_ACTIVITY_PLACEHOLDER: Final = "Activité (c)"
APPEL_NOTES_PLACEHOLDER: Final = "Note (n)"
APPEL_DATE_PLACEHOLDER: Final = "JJ/MM (d)"
HELP_TITLE: Final = "Aide — {}"
HELP_GROUP_SCREEN: Final = "Cet écran"
HELP_GROUP_GLOBAL: Final = "Partout"
HELP_GROUP_SCREENS: Final = "Changer d'écran"
HELP_GROUP_FIELDS: Final = "Dans un champ, une liste ou une fenêtre"
HELP_GROUP_MARKS: Final = "Statut de l'élève sélectionné"
HELP_GROUP_SESSION: Final = "La séance"
HELP_GROUP_LIST: Final = "La liste"
HELP_GROUP_MEMBERS: Final = "Les élèves"
HELP_GROUP_GROUPS: Final = "Les groupes"
HELP_COLUMNS: Final = ("Touche", "Action", "Identifiant")
HELP_FIELD_KEYS: Final = (
    ("Tab, maj+Tab", "Champ suivant, précédent"),
    ("Entrée", "Valider un champ, choisir dans une liste"),
    ("Échap", "Quitter le champ (le texte reste), fermer une fenêtre, effacer le filtre"),
    ("ctrl+s", "Valider une fenêtre de saisie"),
    ("↑ ↓ PgPréc PgSuiv", "Se déplacer dans une liste ou dans cette aide"),
)
HELP_INTRO: Final = (
    "aptui lit et écrit les fichiers YAML de l'école (un dépôt git). Chaque modification est écrite aussitôt, "
    "en changeant le moins de lignes possible ; ctrl+z l'annule, ctrl+y la rétablit. Dans un dépôt git, chaque "
    "modification devient un commit à votre nom (ou s'accumule jusqu'à C, au choix, écran Git). Les fichiers "
    "modifiés hors d'aptui (éditeur, git pull) sont relus automatiquement ; si un fichier a changé depuis sa "
    "lecture, rien n'est écrit."
)
HELP_KEYMAP: Final = (
    "Changer une touche : écrivez son identifiant et la nouvelle touche dans {} (une ligne par touche, "
    "par exemple « \"attendance.absent\" = \"z\" »), puis relancez aptui."
)
HELP_FOOTER: Final = "↑ ↓ PgPréc PgSuiv Début Fin : faire défiler · Échap, q ou ? : fermer"
PALETTE_PLACEHOLDER: Final = "Chercher une action (nom ou écran)…"
PALETTE_NO_MATCH: Final = "Aucune action ne correspond"
PALETTE_SCREEN_ACTION: Final = "{screen} : {action}"
PALETTE_THEME: Final = "Thème des couleurs"
PALETTE_THEME_HELP: Final = "Choisir les couleurs de l'application"
PALETTE_THEME_PLACEHOLDER: Final = "Chercher un thème…"
PALETTE_SCREENSHOT: Final = "Capture d'écran"
PALETTE_SCREENSHOT_HELP: Final = "Enregistrer l'écran en image SVG dans le dossier courant"
SCREENSHOT_SAVED: Final = "Capture enregistrée : {}"
KEYMAP_UNREADABLE: Final = "Touches personnalisées : {} illisible ({}) ; touches par défaut."
KEYMAP_BROKEN: Final = "Touches personnalisées : {} n'est pas du TOML valide ({}) ; touches par défaut."
KEYMAP_UNKNOWN_ID: Final = "Touches personnalisées ({}) : identifiant inconnu « {} » (voyez l'aide, ?) : ignoré."
KEYMAP_BAD_KEY: Final = "Touches personnalisées ({}) : « {} » = {!r} n'est pas une touche : ignoré."
KEYMAP_CLASH: Final = "Touches personnalisées : la touche « {} » sert à plusieurs actions ({}) : corrigez {}."
DELETE_REFUSED_TITLE: Final = "Suppression impossible"
REMOVE_REFUSED_TITLE: Final = "Retrait impossible"
MOVE_UNDATED_TITLE: Final = "Changement non daté refusé"
MOVE_MAKE_DATED: Final = "En faire un changement daté à partir du {} ?"
FIELD_CARRY_MARKS: Final = "Ses appels suivants passent dans le nouveau groupe"
FIELD_REASON_OPTIONAL: Final = "Motif (facultatif)"
NEW_PERIOD_FROM: Final = "Nouvelle période {} à partir des groupes de {}"
NO_GROUPS_TO_COPY: Final = "Aucune période n'a encore de groupes à reprendre : créez les groupes avec « n »."
TEXTUAL_WORDS: Final = {
    "Dismiss menu": "Fermer la liste",
    "Show menu": "Ouvrir la liste",
    "palette": "Commandes",
    "Exit the command palette": "Fermer",
    "Toggle option": "Cocher",
    "Press button": "Valider",
    "Toggle": "Cocher",
}
"""Descriptions of Textual's own bindings, as the footer shows them, in French."""
KEY_NAMES: Final = {
    "escape": "Échap", "enter": "Entrée", "space": "Espace", "tab": "Tab", "shift+tab": "maj+Tab",
    "question_mark": "?", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
    "left": "←", "right": "→", "up": "↑", "down": "↓", "pageup": "PgPréc", "pagedown": "PgSuiv",
    "home": "Début", "end": "Fin", "delete": "Suppr", "backspace": "⌫",
}
"""How a key is written in the help, the palette and the footer."""

# --- the loading screen (aptui/tui/opening.py) ---------------------------------------------
LOADING_TITLE: Final = "Chargement de l'école…"
LOADING_SAVED: Final = "Lecture de l'état enregistré à la dernière ouverture…"
LOADING_FILES: Final = "Fichiers lus : {} / {}"
LOADING_CHECK: Final = "Vérification de l'école ({} fichiers) : modèle, règles, budgets…"
LOADING_WAIT: Final = "L'école se charge encore : patientez un instant (q pour quitter)."
LOADING_KEYS: Final = "Touche d'écran (1, 2…) gardée pour l'ouverture · q : quitter"
LOADING_SCREEN_KEPT: Final = "L'école se charge encore : l'écran « {} » s'ouvrira dès qu'elle sera prête."
LOADING_FAILED: Final = "L'école n'a pas pu être ouverte : {}"
LOADING_UNEXPECTED: Final = "erreur inattendue d'aptui ({}) : signalez-la, avec ce message"
LOADING_FAILED_KEYS: Final = "Corrigez le problème, puis relancez aptui. Touche q : quitter."
LOADING_NOT_A_SCHOOL: Final = "« {} » n'est pas une école aptui (school.yaml introuvable)"
