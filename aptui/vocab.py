"""The French vocabulary of the school files, in one place.

Code speaks English; the YAML keys and the enumerated values that teachers
read and edit speak French.  Every French key used by the loader, the rules,
the writers and the generator is a constant here, so that the mapping between
the two languages lives in exactly one module.
"""

from __future__ import annotations

from typing import Final

# --- school.yaml -----------------------------------------------------------
NAME: Final = "nom"
UAI: Final = "uai"
ACADEMY: Final = "academie"
ZONE: Final = "zone"
PILOTE: Final = "pilote"
PRESET: Final = "referentiel"
HOURS: Final = "heures"
HOURS_CYCLE: Final = "cycle"
HOURS_PER_LEVEL: Final = "par_niveau"
PACE_TOLERANCE: Final = "tolerance_rythme"
# rules engineer: hours per student (model/student_hours.py, rules/student_hours.py)
STUDENT_HOURS: Final = "heures_eleve"
STUDENT_HOURS_SCHEDULED: Final = "prevues"
STUDENT_HOURS_ATTENDED: Final = "suivies"

# --- staff.yaml ------------------------------------------------------------
TEACHERS: Final = "enseignants"
FIRST_NAME: Final = "prenom"
SUBJECTS: Final = "disciplines"

# --- students/<id>.yaml ----------------------------------------------------
ID: Final = "id"
DIVISIONS: Final = "divisions"
PROFILES: Final = "profils"
NEEDS: Final = "besoins"
NEED_TYPE: Final = "type"
DETAIL: Final = "detail"
DIAGNOSTICS: Final = "diagnostics"
DATE: Final = "date"
TOOL: Final = "outil"
RESULT: Final = "resultat"
INTERVIEWS: Final = "entretiens"
TEACHER: Final = "enseignant"
NOTES: Final = "notes"
CONTRACT: Final = "contrat"
OBJECTIVES: Final = "objectifs"
LABEL: Final = "libelle"
STATUS: Final = "statut"
TUTOR: Final = "tuteur"
STUDY_PROJECT: Final = "projet_poursuite"
PASSERELLE: Final = "passerelle"
LEFT_ON: Final = "sortie"

# --- years/<Y>/year.yaml ---------------------------------------------------
YEAR: Final = "annee"
FIRST_DAY: Final = "premier_jour"
LAST_DAY: Final = "dernier_jour"
CLOSURES: Final = "fermetures"
OPENINGS: Final = "ouvertures"
FROM: Final = "du"
TO: Final = "au"
REASON: Final = "motif"
PERIODS: Final = "periodes"
START: Final = "debut"
END: Final = "fin"
BARRETTES: Final = "barrettes"
WEEKDAY: Final = "jour"
DURATION: Final = "duree_min"
EXEMPTIONS: Final = "dispenses"
STUDENT: Final = "eleve"
# calendar: a closure for some levels or divisions only (``divisions`` is DIVISIONS)
CLOSURE_LEVELS: Final = "niveaux"

# --- divisions/<id>.yaml ---------------------------------------------------
LEVEL: Final = "niveau"
FORMATION: Final = "formation"
PREVIOUS: Final = "precedente"
STUDENTS: Final = "eleves"
WORK_PLACEMENTS: Final = "pfmp"  # the division's PFMP weeks: a list of {du, au, motif}

# --- groups/<period>/<id>.yaml --------------------------------------------
TITLE: Final = "titre"
CONTENT_TYPE: Final = "type"
BARRETTE: Final = "barrette"
ARRIVALS: Final = "arrivees"
FROM_GROUP: Final = "depuis"

# --- sessions/<period>/<group>.yaml ---------------------------------------
SESSIONS: Final = "seances"
ACTIVITY: Final = "activite"
ATTENDANCE: Final = "appel"

# --- bilans/<period>.yaml --------------------------------------------------
BILANS: Final = "bilans"
AUTHOR: Final = "auteur"
OUTCOME: Final = "resultat"
DECISION: Final = "decision"
TO_GROUP: Final = "vers"
TO_TYPE: Final = "type"

# --- enumerations: stored value -> French label ----------------------------
LEVELS: Final = {"2nde": "Seconde", "1re": "Première", "Tle": "Terminale"}

PROFILE_LABELS: Final = {
    "contents": "Contents d'être là",
    "pourquoi-pas": "Pourquoi pas ?",
    "malgre-eux": "Malgré eux",
}

CONTENT_TYPE_LABELS: Final = {
    "aide-methodologique": "Aide méthodologique",
    "soutien-disciplinaire": "Soutien disciplinaire",
    "approfondissement": "Approfondissement",
    "developpement-personnel": "Développement personnel",
    "projet-professionnel": "Projet professionnel",
    "passerelle": "Passerelle",
}

OBJECTIVE_STATUS_LABELS: Final = {
    "en-cours": "En cours",
    "atteint": "Atteint",
    "partiel": "Partiellement atteint",
    "non-atteint": "Non atteint",
    "abandonne": "Abandonné",
}

ATTENDANCE_LABELS: Final = {
    "present": "Présent",
    "absent": "Absent",
    "excuse": "Excusé",
    "retard": "En retard",
}
# Statuses that count as attended hours.
ATTENDED_STATUSES: Final = frozenset({"present", "retard"})

OUTCOME_LABELS: Final = {
    "atteint": "Objectifs atteints",
    "partiel": "Objectifs partiellement atteints",
    "non-atteint": "Objectifs non atteints",
}

DECISION_LABELS: Final = {
    "maintien": "Maintien dans le groupe",
    "changement": "Changement de groupe",
    "sortie": "Sortie du dispositif",
}

WEEKDAYS: Final = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

ZONES: Final = ("A", "B", "C")

COMMENT: Final = "commentaire"

# --- review (aptui diff, textconv) ---------------------------------------------
# A group file's optional mapping student id -> reason of an undated placement (written by the app).
PLACEMENT_REASONS: Final = "motifs"
# --- year set-up, imports and the new year (the `year` engineer) -------------
INE: Final = "ine"  # students/<id>.yaml, only when school.yaml allows it
BIRTH_DATE: Final = "naissance"  # idem
ARRIVED_ON: Final = "arrivee"  # date of arrival in the school, for a student who came mid-year
PROFILES_TO_CONFIRM: Final = "profils_a_confirmer"  # year -> profile carried over by the new year
ORIENTATION: Final = "orientation"  # year -> decision of the end of that year
ACTIVE: Final = "actif"  # staff.yaml: false for a teacher who left the team
PERSONAL_DATA: Final = "donnees_eleves"  # school.yaml: which identifiers the imports keep
KEEP_INE: Final = "ine"
KEEP_BIRTH_DATE: Final = "naissance"

ORIENTATION_LABELS: Final = {
    "passage": "Passage au niveau suivant",
    "redoublement": "Redoublement",
    "depart": "Départ de l'établissement",
}
