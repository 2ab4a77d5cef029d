"""A tiny school for the report tests, every figure computed by hand below (not by aptui).

Zone B, 2025-2026 (01/09/2025-04/07/2026), barrette B on Tuesdays 14:00-16:00 for 1A and 1B (1re, 70 h a
year with the 2009 preset).  1B is in PFMP the week of 22/09.  Teachers t1, t2, t3.

  P1 15/09-03/10 (sessions 16/09, 23/09, 30/09)
    G-A  aide-methodologique  t1 + t2 (co-animated): a1, b1, and a2 from 30/09 (dated move from G-B,
         « Besoin de méthode »)
    G-B  soutien-disciplinaire  t3: a3, a4, b2, and a2 until 29/09; a4 leaves the school on 24/09
  P2 06/10-17/10 (sessions 07/10, 14/10; G-D's 14/10 session has no appel yet)
    G-C  approfondissement  t1: a1, b1
    G-D  soutien-disciplinaire  t2 + t3 (co-animated): a2, a3, b2
  a5 (1A) is in no group; b2 has no bilan of P1.

Teacher hours of a session = 2 h x teachers, shared among the members of each division that day
(b1, b2 away on 23/09):
  G-A 16/09 a1 b1: 1A 2, 1B 2 | 23/09 a1: 1A 4 | 30/09 a1 a2 b1: 1A 8/3, 1B 4/3  -> 1A 26/3, 1B 10/3
  G-B 16/09 a2 a3 a4 b2: 1A 1.5, 1B 0.5 | 23/09 a2 a3 a4: 1A 2 | 30/09 a3 b2: 1A 1, 1B 1 -> 1A 4.5, 1B 1.5
  P1: 1A 79/6 = 13.167, 1B 29/6 = 4.833
  G-C 1A 1 + 1B 1 per session -> 1A 2, 1B 2 | G-D 1A 8/3 + 1B 4/3 per session -> 1A 16/3, 1B 8/3
  P2: 1A 22/3 = 7.333, 1B 14/3 = 4.667.   Year: 1A 20.5, 1B 9.5 (30 teacher hours).
  Done (appel taken): G-D 14/10 (1A 8/3, 1B 4/3) is not: 1A 107/6 = 17.833, 1B 49/6 = 8.167.
Per teacher (each teacher of a group counts the whole session):
  t1 G-A 6 + G-C 4 = 10 (co-animation 6), 1A 1 + 2 + 4/3 + 2 = 19/3, 1B 1 + 2/3 + 2 = 11/3; all done
  t2 G-A 6 + G-D 4 = 10 (co-animation 10), 1A 13/3 + 8/3 = 7, 1B 5/3 + 4/3 = 3; done 8 (G-D 14/10)
  t3 G-B 6 + G-D 4 = 10 (co-animation 4), 1A 4.5 + 8/3 = 43/6, 1B 1.5 + 4/3 = 17/6; done 8
Marks (P present, R late, A absent, E excused):
  G-A 16/09 a1 P b1 P | 23/09 a1 P | 30/09 a1 P a2 P b1 A
  G-B 16/09 a2 P a3 P a4 A b2 P | 23/09 a2 P a3 P a4 P | 30/09 a3 P b2 R
  G-C 07/10 a1 P b1 P | 14/10 a1 P b1 A        G-D 07/10 a2 P a3 A b2 E | 14/10 no appel
Student hours (scheduled, attended, marked): a1 10 10 10, a2 10 8 8, a3 10 6 8, a4 4 2 4, a5 0,
  b1 8 4 8, b2 8 4 6.  Attendance P1 -> P2: a3 100 % -> 0 %, b2 100 % -> 0 %, b1 50 % -> 50 %.
Weeks so far (last appel 14/10 -> Sunday 19/10): 7 school weeks for 1A, 6 for 1B (PFMP week out);
  weeks of the year 36 (1A) and 35 (1B); a4 (left Wednesday 24/09): 4 weeks.
Bilans of P1: a1 and b1 to G-C, a2 to the type soutien-disciplinaire, a3 to G-D; b2 has none (a4 left).
  Due: 1A 70 x 7/36 = 13.611 h, 1B 70 x 6/35 = 12 h, a4 70 x 4/36 = 7.778 h.
  Thresholds 70 % scheduled, 60 % attended: under the scheduled one a4 (51 %), a5 (0), b1 and b2 (67 %);
  under the attended one a2 (58.8 %), a3 (44 %), a4, a5, b1, b2 (33 %); a1 under none.
Pace of P1: 1A 70 x 3/36 = 5.833 h, 1B 70 x 2/35 = 4 h.
Transitions P1 -> P2 (end group -> start group): a1 b1 aide -> approfondissement, a2 aide -> soutien,
  a3 b2 soutien -> soutien.
Attendance by type: aide 5 P 1 A (83.3 %); soutien G-B 7 P 1 R 1 A + G-D 1 P 1 A 1 E (9/12 = 75 %);
  approfondissement 3 P 1 A (75 %).
"""

from __future__ import annotations

from pathlib import Path

DAYS_P1 = ["2025-09-16", "2025-09-23", "2025-09-30"]
DAYS_P2 = ["2025-10-07", "2025-10-14"]


def _student(ident: str, division: str, extra: str = "") -> str:
    return (f"id: {ident}\nnom: Nom{ident.upper()}\nprenom: Prenom{ident.upper()}\n"
            f"divisions:\n  2025-2026: {division}\n{extra}")


def _group(content: str, teachers: str, students: str, extra: str = "") -> str:
    return f"titre: Groupe {content}\ntype: {content}\nbarrette: B\nenseignants: [{teachers}]\neleves: [{students}]\n{extra}"


def _sessions(days: list[str], marks: list[dict[str, str]]) -> str:
    text = "seances:\n"
    for day, appel in zip(days, marks):
        text += f'  - date: {day}\n    debut: "14:00"\n    duree_min: 120\n    activite: Séance\n'
        if appel:
            text += "    appel:\n" + "".join(f"      {s}: {status}\n" for s, status in appel.items())
    return text


def _bilan(author: str, outcome: str, decision: str, extra: str = "") -> str:
    return (f"    auteur: {author}\n    date: 2025-10-02\n    resultat: {outcome}\n"
            f"    commentaire: Bilan de P1.\n    decision: {decision}\n{extra}")


FILES = {
    "school.yaml": ("nom: LP des Rapports\nuai: 0999003C\nacademie: Test\nzone: B\npilote: t1\nreferentiel: \"2009\"\n"
                    "heures_eleve:\n  prevues: 0.7\n  suivies: 0.6\n"),
    "staff.yaml": ("enseignants:\n  - {id: t1, nom: Un, prenom: Tom, disciplines: [lettres]}\n"
                   "  - {id: t2, nom: Deux, prenom: Ana, disciplines: [maths]}\n"
                   "  - {id: t3, nom: Trois, prenom: Léo, disciplines: [anglais]}\n"),
    "students/a1.yaml": _student("a1", "1A", "profils:\n  2024-2025: pourquoi-pas\n  2025-2026: contents\n"
                                 "tuteur: t1\n"),
    "students/a2.yaml": _student("a2", "1A", "besoins:\n  - type: aide-methodologique\n    detail: S'organiser\n"
                                 "diagnostics:\n  - date: 2025-09-05\n    outil: Positionnement maths\n"
                                 "    resultat: 8/20\n"
                                 "entretiens:\n  - date: 2025-09-10\n    enseignant: t2\n    notes: Veut un BTS.\n"),
    "students/a3.yaml": _student("a3", "1A", "profils:\n  2024-2025: pourquoi-pas\n  2025-2026: malgre-eux\n"
                                 "contrat:\n  objectifs:\n    - libelle: Venir en AP\n      statut: atteint\n"
                                 "    - libelle: Rendre les devoirs\n      statut: en-cours\n"),
    "students/a4.yaml": _student("a4", "1A", "sortie: 2025-09-24\n"),
    "students/a5.yaml": _student("a5", "1A", "profils:\n  2025-2026: malgre-eux\n"),
    "students/b1.yaml": _student("b1", "1B", "profils:\n  2025-2026: contents\n"),
    "students/b2.yaml": _student("b2", "1B"),
    "years/2025-2026/year.yaml": (
        "annee: 2025-2026\npremier_jour: 2025-09-01\ndernier_jour: 2026-07-04\nperiodes:\n"
        "  - id: P1\n    debut: 2025-09-15\n    fin: 2025-10-03\n  - id: P2\n    debut: 2025-10-06\n"
        "    fin: 2025-10-17\nbarrettes:\n  - id: B\n    jour: mardi\n    debut: \"14:00\"\n    duree_min: 120\n"
        "    divisions: [1A, 1B]\n"),
    "years/2025-2026/divisions/1A.yaml": "niveau: 1re\nformation: MELEC\neleves: [a1, a2, a3, a4, a5]\n",
    "years/2025-2026/divisions/1B.yaml": ("niveau: 1re\nformation: MSPC\neleves: [b1, b2]\n"
                                          "pfmp:\n  - du: 2025-09-22\n    au: 2025-09-26\n    motif: PFMP 1\n"),
    "years/2025-2026/groups/P1/G-A.yaml": _group(
        "aide-methodologique", "t1, t2", "a1, a2, b1",
        "arrivees:\n  - date: 2025-09-30\n    eleve: a2\n    depuis: G-B\n    motif: Besoin de méthode\n"),
    "years/2025-2026/groups/P1/G-B.yaml": _group("soutien-disciplinaire", "t3", "a3, a4, b2"),
    "years/2025-2026/groups/P2/G-C.yaml": _group("approfondissement", "t1", "a1, b1"),
    "years/2025-2026/groups/P2/G-D.yaml": _group("soutien-disciplinaire", "t2, t3", "a2, a3, b2"),
    "years/2025-2026/sessions/P1/G-A.yaml": _sessions(DAYS_P1, [
        {"a1": "present", "b1": "present"}, {"a1": "present"}, {"a1": "present", "a2": "present", "b1": "absent"}]),
    "years/2025-2026/sessions/P1/G-B.yaml": _sessions(DAYS_P1, [
        {"a2": "present", "a3": "present", "a4": "absent", "b2": "present"},
        {"a2": "present", "a3": "present", "a4": "present"}, {"a3": "present", "b2": "retard"}]),
    "years/2025-2026/sessions/P2/G-C.yaml": _sessions(DAYS_P2, [
        {"a1": "present", "b1": "present"}, {"a1": "present", "b1": "absent"}]),
    "years/2025-2026/sessions/P2/G-D.yaml": _sessions(DAYS_P2, [
        {"a2": "present", "a3": "absent", "b2": "excuse"}, {}]),
    "years/2025-2026/bilans/P1.yaml": (
        "bilans:\n"
        "  a1:\n" + _bilan("t1", "atteint", "changement", "    vers: G-C\n    motif: Peut aller plus loin\n")
        + "  a2:\n" + _bilan("t2", "partiel", "changement",
                             "    type: soutien-disciplinaire\n    motif: Lacunes en calcul\n")
        + "  a3:\n" + _bilan("t3", "partiel", "changement", "    vers: G-D\n    motif: Deux enseignants en maths\n")
        + "  b1:\n" + _bilan("t1", "atteint", "changement", "    vers: G-C\n    motif: Peut aller plus loin\n")),
}


def write_report_school(root: Path) -> Path:
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
