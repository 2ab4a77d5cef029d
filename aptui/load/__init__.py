"""Loading: files -> documents (with positions) -> the School model."""

# Codes of the problems found while loading, before any rule runs.
CODES = {
    "APT001": "YAML invalide",
    "APT002": "encodage autre qu'UTF-8",
    "APT003": "marqueurs de conflit git",
    "APT005": "piège YAML 1.1 (heure ou booléen sans guillemets)",
    "APT006": "fichier YAML hors de l'organisation",
    "APT007": "clé en double",
    "APT008": "lien symbolique hors de l'école",
    "APT009": "pas un fichier ordinaire (FIFO, périphérique, socket)",
    "APT010": "fichier trop gros",
    "APT011": "étiquette YAML explicite",
    "APT101": "non conforme au schéma",
    "APT102": "school.yaml illisible",
    "APT103": "année scolaire impossible",
}
