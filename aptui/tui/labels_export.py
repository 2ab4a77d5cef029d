"""French texts of « Exporter / imprimer » (printing engineer, issue 13)."""

from __future__ import annotations

from typing import Final

KEY_EXPORT: Final = "Exporter / imprimer"
EXPORT_TITLE: Final = "Exporter / imprimer : {}"
EXPORT_FORMAT: Final = "Format"
EXPORT_FILE: Final = "Fichier"
EXPORT_WRITE: Final = "Écrire"
EXPORT_HINT: Final = ("Le dossier exports/ de l'école n'est pas enregistré dans git. Le fichier contient des "
                      "données personnelles d'élèves : ne le transmettez qu'à qui en a besoin.")
EXPORT_NO_FILE: Final = "Donnez un nom de fichier."
EXPORT_NO_FOLDER: Final = "Le dossier « {} » n'existe pas."
EXPORT_WORKING: Final = "Écriture de {} en cours…"
EXPORT_DONE: Final = "Écrit : {}"
EXPORT_FAILED: Final = "Export impossible : {}"
EXPORT_NOTHING: Final = "Rien à exporter ici : choisissez d'abord un élève, une période ou une année."
EXPORT_FORMAT_LABELS: Final = {
    "html": "HTML (page A4 à ouvrir ou imprimer dans un navigateur)",
    "pdf": "PDF (imprimé par Chromium)",
    "ods": "ODS (classeur LibreOffice, une feuille par tableau)",
    "xlsx": "XLSX (classeur Excel, une feuille par tableau)",
    "markdown": "Markdown (texte)",
}
