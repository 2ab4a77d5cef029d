"""SIECLE's EXP_Liste_des_eleves_par_division.csv: ISO-8859-1, « ; », one student per line.

    NOM;PRENOM;SEXE;NE(E) LE;MEF;DIV.;REG.;OPT1;…;OPT12;DIV. PREC.;Doublant
"""

from __future__ import annotations

from aptui.imports.mapped_csv import CsvLayout, read_mapped_csv
from aptui.imports.rows import ExportRead

KIND = "SIECLE (CSV)"
COLUMNS = {
    "nom": "NOM", "prenom": "PRENOM", "naissance": "NE(E) LE", "mef": "MEF", "division": "DIV.",
    "precedente": "DIV. PREC.", "doublant": "Doublant",
}


def read_siecle_csv(raw: bytes, source: str, encoding: str | None = None) -> ExportRead:
    """Latin-1 unless the file is valid UTF-8 (a re-saved copy); « ; » as SIECLE writes it."""
    return read_mapped_csv(raw, source, CsvLayout(COLUMNS, encoding, ";", KIND, strict=False))


def looks_like_siecle_csv(raw: bytes) -> bool:
    head = raw[:400].decode("latin-1").upper()
    return "NOM;PRENOM" in head and "DIV." in head
