"""French texts of generated files: activities, notes, comments, reasons.

Everything a teacher would type is drawn from these tuples, by content type
or by outcome, so generated schools read like real ones.
"""

from __future__ import annotations

ACTIVITIES: dict[str, tuple[str, ...]] = {
    "aide-methodologique": (
        "Organiser son cartable et son agenda", "Apprendre une leçon : fiches et cartes mentales",
        "Prendre des notes pendant un cours", "Préparer un contrôle : planning de révision",
        "Lire une consigne et reformuler la question", "Gérer son temps pendant un devoir",
        "Utiliser l'ENT et rendre un devoir en ligne", "Faire le point sur les méthodes qui marchent",
        "Travailler en autonomie sur un dossier", "Chercher une information fiable sur internet",
    ),
    "soutien-disciplinaire": (
        "Proportionnalité et pourcentages", "Calcul littéral : reprise des bases",
        "Lire un graphique et un tableau", "Rédiger un paragraphe argumenté",
        "Orthographe grammaticale : les accords", "Résoudre une équation du premier degré",
        "Comprendre un texte documentaire", "Conversions d'unités en situation professionnelle",
        "Écrire un compte rendu d'activité", "Exercices de remédiation après le contrôle commun",
    ),
    "approfondissement": (
        "Synthèse de documents : méthode", "Découvrir les attendus d'un BTS",
        "Argumenter à l'oral sur un sujet d'actualité", "Lecture d'un article scientifique",
        "Préparer un dossier Parcoursup", "Approfondir les fonctions en maths",
        "Rencontre avec d'anciens élèves en BTS", "Écrire une lettre de motivation pour le BTS",
        "Anglais : présenter son métier", "Étude de cas : de l'atelier au bureau d'études",
    ),
    "developpement-personnel": (
        "Se présenter au groupe : qualités et talents", "Confiance en soi : réussites de la semaine",
        "Gérer son stress avant un examen", "Jeux de coopération", "Exprimer un désaccord sans conflit",
        "Atelier théâtre : prendre la parole", "Se fixer un objectif atteignable",
        "Bilan des progrès avec le tuteur", "Atelier relaxation et respiration",
        "Valoriser ses expériences hors du lycée",
    ),
    "projet-professionnel": (
        "Découvrir les métiers de la filière", "Rédiger son CV", "Préparer la recherche de PFMP",
        "Simuler un entretien d'embauche", "Retour d'expérience de PFMP", "Visite virtuelle d'une entreprise",
        "Construire son parcours de formation", "Rencontre avec un professionnel",
        "Écrire un mail à une entreprise", "Présenter son projet à l'oral",
    ),
    "passerelle": (
        "Vocabulaire technique de la spécialité", "Bases de l'atelier : sécurité et outillage",
        "Rattrapage du programme professionnel de 2nde", "Lecture de schémas et de plans",
        "Point d'étape avec le tuteur", "Travaux pratiques guidés en petit groupe",
    ),
}

SESSION_NOTES: tuple[str, ...] = (
    "Bonne implication.", "Groupe agité en début de séance.", "Travail en binômes efficace.",
    "Séance écourtée : exercice d'évacuation.", "Plusieurs élèves en PFMP cette semaine.",
    "Très bonne participation à l'oral.", "Matériel oublié par plusieurs élèves.",
    "Reprendre la notion la semaine prochaine.", "Salle informatique indisponible, travail sur papier.",
    "Séance appréciée, à refaire.",
)

BILAN_COMMENTS: dict[str, tuple[str, ...]] = {
    "atteint": (
        "Objectifs atteints, progrès nets.", "Travail régulier, autonomie acquise.",
        "Très bonne implication, résultats en hausse.", "A gagné en confiance et en méthode.",
    ),
    "partiel": (
        "Progrès réels mais irréguliers.", "Agenda tenu, devoirs encore oubliés.",
        "Bonne volonté, bases encore fragiles.", "Participation inégale selon les séances.",
    ),
    "non-atteint": (
        "Peu d'investissement, absences répétées.", "Difficultés persistantes, à reprendre.",
        "Objectifs trop ambitieux, à redéfinir.", "Décrochage à surveiller, contact avec la famille.",
    ),
}

# Reasons of a change of group, by content type of the destination group.
CHANGE_REASONS: dict[str, tuple[str, ...]] = {
    "aide-methodologique": ("Besoin de méthode plus que de remédiation", "Organisation du travail à reprendre"),
    "soutien-disciplinaire": ("Lacunes en maths repérées au contrôle commun", "Besoin de reprendre les bases"),
    "approfondissement": ("Objectifs atteints, vise un BTS", "Peut aller plus loin : approfondissement"),
    "developpement-personnel": ("Manque de confiance, besoin d'un cadre rassurant", "Travailler la motivation"),
    "projet-professionnel": ("Projet professionnel à construire", "Préparer la recherche de PFMP"),
    "passerelle": ("Rattrapage du programme professionnel",),
}
CLOSED_GROUP_REASON = "Fin du groupe à l'issue de la période"

EXIT_REASONS: tuple[str, ...] = (
    "Objectifs atteints : tutorat par les pairs auprès des 2nde sur le créneau",
    "Parcours aménagé avec la mission de lutte contre le décrochage",
)
EXEMPTION_REASONS: tuple[str, ...] = (
    "Aménagement d'emploi du temps (PAP) : soins sur le créneau d'AP",
    "Sportif de haut niveau : entraînement sur le créneau d'AP",
)

DIAGNOSTIC_TOOLS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "2nde": (
        ("Positionnement mathématiques",
         ("calcul littéral fragile", "proportionnalité acquise", "fractions à revoir")),
        ("Positionnement français",
         ("lecture fluide", "expression écrite à travailler", "orthographe fragile")),
    ),
    "1re": (
        ("Test de positionnement en enseignement professionnel",
         ("bases solides", "vocabulaire technique à revoir")),
        ("Positionnement mathématiques", ("équations maîtrisées", "pourcentages fragiles")),
    ),
    "Tle": (
        ("Diagnostic écrit : synthèse de documents", ("bonne compréhension", "rédaction à structurer")),
        ("Positionnement anglais", ("oral aisé", "compréhension écrite fragile")),
    ),
}

INTERVIEW_NOTES: dict[str, tuple[str, ...]] = {
    "contents": (
        "Motivé, souhaite poursuivre en BTS.", "À l'aise dans la filière, cherche à approfondir.",
        "Bon élève, aimerait une PFMP à l'étranger.",
    ),
    "pourquoi-pas": (
        "Choix d'orientation par défaut, à rassurer.", "Peu de projet pour l'instant, curieux du métier.",
        "Manque de méthode, motivation fluctuante.",
    ),
    "malgre-eux": (
        "Orientation subie, ne se sent pas à sa place.", "Absences fréquentes, situation familiale difficile.",
        "Perte de confiance, veut changer de filière.",
    ),
}

NEED_DETAILS: dict[str, tuple[str, ...]] = {
    "aide-methodologique": ("Organisation du travail personnel", "Apprendre ses leçons", "Tenue de l'agenda"),
    "soutien-disciplinaire": ("Proportionnalité, pourcentages", "Expression écrite", "Lecture de consignes"),
    "approfondissement": ("Préparer la poursuite d'études", "Synthèse de documents"),
    "developpement-personnel": ("Confiance en soi", "Motivation", "Prise de parole"),
    "projet-professionnel": ("Construire un projet", "Trouver un lieu de PFMP"),
    "passerelle": ("Bases du domaine professionnel (arrive de 2nde générale)",
                   "Rattrapage des enseignements professionnels de 2nde"),
}

OBJECTIVES: tuple[str, ...] = (
    "Tenir un agenda à jour", "Venir à toutes les séances d'AP", "Rendre les devoirs à la date prévue",
    "Apporter son matériel", "Trouver un lieu de PFMP", "Rencontrer la conseillère d'orientation",
    "Lever la main au moins une fois par cours", "Réviser 20 minutes par jour",
)
