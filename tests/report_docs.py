"""Documents built by hand, shaped like the fiche and the dispositif report, for the renderers' tests
(the reports' own figures are checked by their tests; here only what a renderer does with them)."""

from __future__ import annotations

from aptui.reports.document import Chart, Document, Facts, Paragraph, Section, Series
from aptui.reports.tables import Table

HOSTILE = '<script>alert("x")</script> & Cie'
SCHOOL = "LP des Calculs"


def fiche(students: int = 2) -> Document:
    """A fiche per student, each on its own page (``page_break``)."""
    sections = []
    for n in range(1, students + 1):
        name = f"Prenoms{n} Noms{n}" if n > 1 else f"Prenoms1 {HOSTILE}"
        sections.append(Section(
            f"Fiche de suivi — {name}",
            (
                Facts((("Division", "TA"), ("Profil", "Malgré eux"), ("Tuteur", "Deux Ana")), "Identité"),
                Paragraph(f"Objectif du contrat : méthode de travail ({n})."),
                Table("Groupes", ("période", "groupe", "du", "au", "motif"),
                      (("P1", "G-B", "2025-09-15", "2025-09-29", ""),
                       ("P1", "G-A", "2025-09-30", "2025-10-17", "Besoin de méthode"))),
                Table("Heures", ("période", "prévues (h)", "suivies (h)", "assiduité (%)"),
                      (("P1", 10.0, 8.0, 80.0), ("Année", 10.0, 8.0, 80.0))),
                Chart("lines", "Assiduité par semaine", ("15/09", "22/09", "29/09", "06/10", "13/10"),
                      (Series("présence (%)", (100.0, 100.0, 100.0, 0.0, 100.0)),), unit="%",
                      table=Table("Assiduité par semaine", ("semaine", "présence (%)"),
                                  (("15/09", 100.0), ("22/09", 100.0), ("29/09", 100.0), ("06/10", 0.0),
                                   ("13/10", 100.0)))),
            ),
            page_break=True,
        ))
    return Document("fiche", "Fiche de suivi", SCHOOL, "2025-2026", tuple(sections), subtitle="Conseil de classe")


def dispositif() -> Document:
    budget = Table("Heures par division", ("division", "budget (h)", "réalisé (h)", "écart (h)"),
                   (("TA", 70.0, 18.7, -51.3), ("TB", 70.0, 11.3, -58.7)))
    flows = Table("Transitions P1 → P2", ("de", "vers", "élèves"),
                  (("Aide méthodologique", "Soutien disciplinaire", 2), ("Aide méthodologique", "Aide méthodologique", 3),
                   ("Approfondissement", "Projet professionnel", 1)))
    return Document("dispositif", "Évaluation du dispositif", SCHOOL, "2025-2026", (
        Section("Heures", (
            Paragraph("Heures assurées face au budget de chaque division."),
            Chart("bars", "Heures par division", ("TA", "TB"),
                  (Series("budget", (70.0, 70.0)), Series("réalisé", (18.7, 11.3))), unit="h", table=budget),
            Table("Heures par enseignant", ("enseignant", "heures (h)", "dont co-animation (h)"),
                  (("Un Tom", 10.0, 10.0), ("Deux Ana", 20.0, 10.0))),
        )),
        Section("Parcours", (
            Chart("flow", "Transitions P1 → P2",
                  ("Aide méthodologique → Soutien disciplinaire", "Aide méthodologique → Aide méthodologique",
                   "Approfondissement → Projet professionnel"), (Series("élèves", (2.0, 3.0, 1.0)),), table=flows),
        ), page_break=True),
        Section("Sorties", (Facts((("Sortis sans qualification", "1"), ("Sans bilan", "2")),),), page_break=True),
    ))
