"""French strings of the TUI's git screens: commits, sync, conflicts, history, pending edits, the merge driver.

Part of ``aptui.tui.labels`` (which re-exports every name): use them as ``L.NAME``.
"""

from __future__ import annotations

from typing import Final

# --- git: commits, sync, conflicts, history (issue 4) -------------------------
GIT: Final = "Git"
KEY_COMMIT: Final = "Enregistrer dans git (commit)"
KEY_GIT_FETCH: Final = "Actualiser (fetch)"
KEY_GIT_PULL: Final = "Recevoir (pull)"
KEY_GIT_PUSH: Final = "Envoyer (push)"
KEY_GIT_MODE: Final = "Commit : à chaque modification / par lot"
KEY_GIT_CONFLICTS: Final = "Conflits"
KEY_GIT_REFRESH: Final = "Actualiser l'écran"
KEY_HISTORY: Final = "Historique"
KEY_KEEP_LOCAL: Final = "Garder la version locale"
KEY_TAKE_DISTANT: Final = "Prendre la version reçue"
KEY_KEEP_LOCAL_FILE: Final = "Tout le fichier : local"
KEY_TAKE_DISTANT_FILE: Final = "Tout le fichier : reçu"
KEY_FINISH_MERGE: Final = "Terminer la fusion"
GIT_NOT_REPO: Final = (
    "« {} » n'est pas un dépôt git : les modifications restent sur le disque, sans historique ni partage. "
    "Pour les suivre : « git init » dans ce dossier (ou « aptui init »)."
)
GIT_SUBFOLDER: Final = (
    "« {} » est dans le dépôt git « {} » sans en être la racine : aptui ne fait pas de commit ici "
    "(l'école doit être à la racine de son dépôt)."
)
GIT_LOADING: Final = "Lecture du dépôt git…"
GIT_BRANCH: Final = "Branche : {}"
GIT_DETACHED: Final = "aucune branche (HEAD détachée)"
GIT_NO_REMOTE: Final = "Dépôt distant : aucun (git remote add origin ADRESSE pour partager l'école)"
GIT_REMOTE: Final = "Dépôt distant : {name} ({url}), branche {branch}"
GIT_NOT_PUSHED_YET: Final = "La branche n'a encore jamais été envoyée."
GIT_AHEAD_BEHIND: Final = "{ahead} commit(s) à envoyer · {behind} commit(s) à recevoir (depuis la dernière actualisation)"
GIT_AUTHOR: Final = "Auteur des commits : {} <{}>"
GIT_NO_AUTHOR: Final = "Auteur des commits : inconnu ! git config --global user.name \"Prénom Nom\" (et user.email)"
GIT_MODE_EACH: Final = "Commit : à chaque modification"
GIT_MODE_BATCH: Final = "Commit : par lot (touche C pour enregistrer les modifications en attente)"
GIT_MODE_SET_EACH: Final = "Désormais, chaque modification devient un commit."
GIT_MODE_SET_BATCH: Final = "Désormais, les modifications s'accumulent : C les enregistre en un seul commit."
GIT_MERGING: Final = "Fusion en cours : {} conflit(s) à trancher (touche x)."
GIT_MERGE_READY: Final = "Fusion en cours, conflits tranchés : terminez-la (touche x, puis f)."
GIT_PENDING_TITLE: Final = "Modifications non enregistrées dans git"
GIT_PENDING_NONE: Final = "Aucune : tout est enregistré."
GIT_PENDING_EDITS: Final = "{} modification(s) faite(s) dans aptui en attente de commit :"
GIT_PENDING_FILES: Final = "Autres fichiers : {}"
GIT_LOG_TITLE: Final = "Derniers commits"
GIT_LOG_COLUMNS: Final = ("Date", "Auteur", "Commit", "Changements")
GIT_LAST_SYNC: Final = "Dernière synchronisation :"
GIT_SYNCING: Final = "Synchronisation en cours… (l'application reste utilisable)"
GIT_BUSY: Final = "Une synchronisation est déjà en cours."
GIT_BUSY_LATER: Final = "Synchronisation en cours : le commit sera fait juste après."
GIT_COMMITTED: Final = "Commit {} : {}"
GIT_NOTHING_TO_COMMIT: Final = "Rien à enregistrer : tout est déjà dans git."
GIT_PENDING_BATCH: Final = "{} modification(s) en attente : C pour les enregistrer en un commit."
GIT_PENDING_NOT_KEPT: Final = ("{} modification(s) en attente : C pour les enregistrer en un commit avant de quitter "
                               "(leur liste n'a pas pu être gardée dans .git : {}).")
QUIT_PENDING: Final = "Quitter avec {} modification(s) pas encore enregistrée(s) dans git ?"
QUIT_PENDING_TEXT: Final = ("Elles restent dans les fichiers : la prochaine synchronisation (ou C au prochain "
                            "lancement) les enregistrera. Non pour revenir et appuyer sur C.")
GIT_COMMIT_FAILED: Final = "Modification écrite sur le disque, mais pas de commit : {}"
GIT_AUTHOR_TITLE: Final = "Qui êtes-vous ? (auteur des commits)"
GIT_AUTHOR_KEPT: Final = "La modification est bien écrite sur le disque ; elle sera enregistrée dans git au prochain commit."
GIT_FETCHED: Final = "Actualisé : {ahead} commit(s) à envoyer, {behind} à recevoir."
GIT_NEW_ERRORS: Final = "Après la fusion, l'école a {} nouvelle(s) erreur(s) : voyez l'écran Problèmes (6)."
GIT_BATCH_TITLE: Final = "Enregistrement de {} modifications faites dans aptui"
CONFLICTS_TITLE: Final = "Conflits de la synchronisation"
CONFLICTS_HELP: Final = (
    "Les deux côtés ont changé la même chose différemment ; chaque fichier montre le conflit entre marqueurs "
    "<<<<<<< et >>>>>>>. "
    "Choisissez pour chaque entrée : l = garder la version locale, d = prendre la version reçue "
    "(L / D : le même choix pour toutes les entrées restantes du fichier) ; puis f termine la fusion (commit)."
)
CONFLICTS_NONE: Final = "Aucun conflit en attente."
CONFLICTS_ALL_DONE: Final = "Tous les conflits sont tranchés : f pour terminer la fusion."
CONFLICT_RESOLVED: Final = "Conflit tranché ({}) : {}"
CONFLICT_ENTRY_CHOSEN: Final = "{} pour {} ; encore {} entrée(s) à trancher dans ce fichier."
CONFLICT_ENTRY_CHOSEN_NOW: Final = "  choisi : {}"
CONFLICT_FILE_PROGRESS: Final = "{} entrée(s) tranchée(s) sur {} dans ce fichier ; L / D pour toutes les autres."
CONFLICT_REMAINING: Final = "Il reste {} conflit(s) à trancher."
CONFLICT_NO_MERGE: Final = "Aucune fusion en cours."
CONFLICT_FINISHED: Final = "Fusion terminée."
HISTORY_STUDENT: Final = "Historique {}"
HISTORY_GROUP: Final = "Historique du groupe {} ({}, {})"
HISTORY_COLUMNS: Final = ("Date", "Auteur", "Commit", "Ce qui a changé")
HISTORY_LOADING: Final = "Lecture de l'historique git…"
HISTORY_EMPTY: Final = "Aucune modification enregistrée dans git."
HISTORY_COUNT: Final = "{} commit(s)"
GIT_FETCH_AUTH: Final = "Le dépôt distant « {name} » refuse l'accès (identifiant, mot de passe ou clé SSH)."
GIT_FETCH_UNREACHABLE: Final = "Le dépôt distant « {name} » ({url}) est injoignable : réessayez plus tard."
GIT_SYNC_CRASHED: Final = "La synchronisation a échoué : {}"
CONFLICT_FINISH_FAILED: Final = "La fusion n'a pas pu être terminée : {}"

# --- git: no new errors, pending edits, the merge driver (issue 9, sync) ------------------------
GIT_COMMIT_REFUSED: Final = "Modification écrite sur le disque, {}"
GIT_PENDING_OUTSIDE: Final = "Autres modifications de l'école (faites hors de l'application) :"
GIT_PENDING_FORMAT: Final = "{} : commentaires ou mise en forme modifiés"
GIT_DRIVER_PROBLEM: Final = "Pilote de fusion : {} (la prochaine synchronisation le répare, ou : aptui install-git)"
GIT_FORCE_TITLE: Final = "Envoyer quand même, avec les nouvelles erreurs ?"
GIT_FORCE_TEXT: Final = ("{}\n\nNon (conseillé) : rien n'est envoyé, vos commits restent ici ; corrigez, puis "
                         "synchronisez. Oui : l'équipe reçoit aussi ces erreurs.")
CONFLICT_STALE: Final = "Conflit abandonné : {}"
