"""Each report's figures against the values computed by hand in tests/report_school.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from report_school import write_report_school
from rules_support import analysis

from aptui.model.analysis import Analysis
from aptui.reports.document import Chart, Document, Paragraph
from aptui.reports.evaluation import evaluation_document, transitions
from aptui.reports.fiche import SelectionError, fiche_document, select_students
from aptui.reports.period_review import period_review_document
from aptui.reports.student_hours import student_hours_document
from aptui.reports.tables import Table
from aptui.reports.teacher_hours import teacher_hours, teacher_hours_document

YEAR = "2025-2026"


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return analysis(write_report_school(tmp_path_factory.mktemp("reports") / "school"))


def table(document: Document, title: str) -> Table:
    found = [t for t in document.tables() if t.title.startswith(title)]
    assert len(found) == 1, [t.title for t in document.tables()]
    return found[0]


def rows(document: Document, title: str) -> list[dict[str, Any]]:
    found = table(document, title)
    return [dict(zip(found.columns, row)) for row in found.rows]


def charts(document: Document) -> list[Chart]:
    return [b for s in document.sections for b in s.blocks if isinstance(b, Chart)]


def texts(document: Document) -> str:
    return "\n".join(b.text for s in document.sections for b in s.blocks if isinstance(b, Paragraph))


def test_teacher_hours_count_co_animation_for_each_teacher(model: Analysis) -> None:
    year = model.school.years[YEAR]
    figures = teacher_hours(model, year)
    assert {t: (f.scheduled, f.done, f.co_animated, f.sessions) for t, f in figures.items()} == {
        "t1": (10.0, 10.0, 6.0, 5), "t2": (10.0, 8.0, 10.0, 5), "t3": (10.0, 8.0, 4.0, 5)}
    expected = {"t1": (19 / 3, 11 / 3), "t2": (7.0, 3.0), "t3": (43 / 6, 17 / 6)}
    for teacher, (one_a, one_b) in expected.items():
        assert figures[teacher].by_division == pytest.approx({"1A": one_a, "1B": one_b})
    # over all teachers, the divisions' totals are the ledger's
    assert sum(f.by_division["1A"] for f in figures.values()) == pytest.approx(20.5)
    assert model.ledger.division_year(YEAR, "1A") == pytest.approx(20.5)
    assert figures["t2"].by_period == {"P1": [6.0, 6.0], "P2": [4.0, 2.0]}
    document = teacher_hours_document(model, year)
    by_name = {r["id"]: r for r in rows(document, "Heures par enseignant —")}
    assert by_name["t3"] == {"enseignant": "Léo Trois", "id": "t3", "groupes": 2, "séances": 5, "prévues (h)": 10.0,
                             "faites (h)": 8.0, "à faire (h)": 2.0, "dont co-animation (h)": 4.0}
    division_rows = rows(document, "Heures prévues par enseignant et par division")
    assert [(r["enseignant"], r["1A"], r["1B"]) for r in division_rows] == [
        ("Ana Deux", 7.0, 3.0), ("Léo Trois", 7.2, 2.8), ("Tom Un", 6.3, 3.7)]
    only_p2 = teacher_hours(model, year, "P2")
    assert {t: f.scheduled for t, f in only_p2.items()} == {"t1": 4.0, "t2": 4.0, "t3": 4.0}


def test_student_hours_against_the_promise_and_the_thresholds(model: Analysis) -> None:
    document = student_hours_document(model, model.school.years[YEAR])
    lines = {r["id"]: r for r in rows(document, "Heures par élève")}
    assert set(lines) == {"a1", "a2", "a3", "a4", "a5", "b1", "b2"}
    figures = {s: (r["semaines dues"], r["dues à ce jour (h)"], r["prévues (h)"], r["suivies (h)"])
               for s, r in lines.items()}
    assert figures == {
        "a1": ("7/36", 13.6, 10.0, 10.0), "a2": ("7/36", 13.6, 10.0, 8.0), "a3": ("7/36", 13.6, 10.0, 6.0),
        "a4": ("4/36", 7.8, 4.0, 2.0), "a5": ("7/36", 13.6, 0.0, 0.0),
        "b1": ("6/35", 12.0, 8.0, 4.0), "b2": ("6/35", 12.0, 8.0, 4.0),
    }
    assert lines["a4"]["prévues / dues (%)"] == round(100 * 4 / (70 * 4 / 36), 1)  # 51.4
    assert lines["b2"]["présence (%)"] == round(100 * 4 / 6, 1)
    assert lines["a5"]["présence (%)"] is None
    flagged = {r["id"]: r["sous le seuil des heures"] for r in rows(document, "Élèves sous le seuil")}
    assert flagged == {"a2": "suivies", "a3": "suivies", "a4": "prévues, suivies", "a5": "prévues, suivies",
                       "b1": "prévues, suivies", "b2": "prévues, suivies"}


def test_period_review_of_p1(model: Analysis) -> None:
    document = period_review_document(model, model.school.years[YEAR], "P1")
    moves = {r["élève"]: (r["groupe actuel"], r["vers"], r["motif"], r["groupe en P2"])
             for r in rows(document, "Changements décidés")}
    assert moves == {
        "PrenomA1 NomA1 (a1)": ("G-A", "G-C", "Peut aller plus loin", "G-C"),
        "PrenomA2 NomA2 (a2)": ("G-A", "Soutien disciplinaire", "Lacunes en calcul", "G-D"),
        "PrenomA3 NomA3 (a3)": ("G-B", "G-D", "Deux enseignants en maths", "G-D"),
        "PrenomB1 NomB1 (b1)": ("G-A", "G-C", "Peut aller plus loin", "G-C"),
    }
    during = rows(document, "Changements datés")
    assert [(r["date"].isoformat(), r["élève"], r["de"], r["vers"], r["motif"]) for r in during] == [
        ("2025-09-30", "PrenomA2 NomA2 (a2)", "G-B", "G-A", "Besoin de méthode")]
    missing = rows(document, "Élèves sans bilan")
    assert [(r["élève"], r["groupe"], r["enseignants du groupe"]) for r in missing] == [
        ("PrenomB2 NomB2 (b2)", "G-B", "Léo Trois")]
    groups = {r["groupe"]: r for r in rows(document, "Assiduité par groupe")}
    assert (groups["G-A"]["élèves"], groups["G-A"]["présent"], groups["G-A"]["absent"],
            groups["G-A"]["présence (%)"]) == (3, 5, 1, 83.3)
    assert (groups["G-B"]["élèves"], groups["G-B"]["présent"], groups["G-B"]["retard"], groups["G-B"]["absent"],
            groups["G-B"]["présence (%)"]) == (4, 7, 1, 1, 88.9)
    (chart,) = charts(document)
    assert chart.kind == "bars" and chart.labels == ("1A", "1B")
    assert [s.values for s in chart.series] == [(13.2, 4.8), (5.8, 4.0)]  # 79/6, 29/6 against 70x3/36, 70x2/35
    assert chart.table is not None and chart.table.rows == (("1A", 13.2, 5.8, 7.3), ("1B", 4.8, 4.0, 0.8))
    watch = {r["élève"]: r["pourquoi"] for r in rows(document, "Élèves à suivre")}
    assert watch == {"PrenomA5 NomA5 (a5)": "« Malgré eux » sans contrat d'objectifs; dans aucun groupe"}
    facts = dict(next(b for b in document.sections[0].blocks if hasattr(b, "items")).items)  # type: ignore[attr-defined]
    assert facts["Bilans écrits"] == "4 sur 5" and facts["Changements de groupe"] == "4"


def test_period_review_of_p2_flags_falling_attendance(model: Analysis) -> None:
    document = period_review_document(model, model.school.years[YEAR], "P2")
    # 1A: 79/6 + 22/3 = 20.5 h against 70 x 3/36 + 70 x 2/36 = 9.7 h; 1B: 9.5 h against 70 x 2/35 + 70 x 2/35 = 8 h
    assert table(document, "Cumul de l'année").rows == (("1A", 20.5, 9.7, 10.8), ("1B", 9.5, 8.0, 1.5))
    watch = {r["élève"]: (r["présence (%)"], r["pourquoi"]) for r in rows(document, "Élèves à suivre")}
    assert watch == {
        "PrenomA3 NomA3 (a3)": (0.0, "présence en baisse : 100 % → 0 %"),
        "PrenomB2 NomB2 (b2)": (0.0, "présence en baisse : 100 % → 0 %"),
        "PrenomA5 NomA5 (a5)": ("—", "« Malgré eux » sans contrat d'objectifs; dans aucun groupe"),
    }
    # nobody has a bilan of P2 yet: all five students of its groups are missing
    assert len(rows(document, "Élèves sans bilan")) == 5


def test_evaluation_of_the_year(model: Analysis) -> None:
    year = model.school.years[YEAR]
    document = evaluation_document(model, year)
    budget = {r["division"]: (r["prévu (h)"], r["réalisé (h)"], r["budget année (h)"])
              for r in rows(document, "Budget horaire")}
    assert budget == {"1A": (20.5, 17.8, 70.0), "1B": (9.5, 8.2, 70.0)}
    teachers = {r["id"]: (r["prévues (h)"], r["dont co-animation (h)"]) for r in rows(document, "Heures par enseignant")}
    assert teachers == {"t1": (10.0, 6.0), "t2": (10.0, 10.0), "t3": (10.0, 4.0)}
    by_type = {r["type"]: (r["groupes"], r["séances"], r["présent"], r["retard"], r["absent"], r["excusé"],
                           r["présence (%)"]) for r in rows(document, "Assiduité par type")}
    assert by_type == {"Aide méthodologique": (1, 3, 5, 0, 1, 0, 83.3),
                       "Soutien disciplinaire": (2, 5, 8, 1, 2, 1, 75.0),
                       "Approfondissement": (1, 2, 3, 0, 1, 0, 75.0)}
    assert dict(transitions(model, year)) == {
        ("P1", "P2", "aide-methodologique", "approfondissement"): 2,
        ("P1", "P2", "aide-methodologique", "soutien-disciplinaire"): 1,
        ("P1", "P2", "soutien-disciplinaire", "soutien-disciplinaire"): 2,
    }
    flow = next(c for c in charts(document) if c.kind == "flow")
    assert dict(zip(flow.labels, flow.series[0].values)) == {
        "Aide méthodologique → Approfondissement": 2.0, "Soutien disciplinaire → Soutien disciplinaire": 2.0,
        "Aide méthodologique → Soutien disciplinaire": 1.0}
    assert "5 passage(s)" in texts(document) and "dont 2 dans le même type" in texts(document)
    spread = {r["profil"]: (r["2024-2025"], r[YEAR]) for r in rows(document, "Profils des élèves")}
    assert spread == {"Contents d'être là": (0, 2), "Malgré eux": (0, 2), "Pourquoi pas ?": (2, 0)}
    evolution = {(r["profil avant"], r["profil après"]): r["élèves"] for r in rows(document, "Évolution des profils")}
    assert evolution == {("Pourquoi pas ?", "Contents d'être là"): 1, ("Pourquoi pas ?", "Malgré eux"): 1}
    # P2 is not over at the last appel (14/10) and has no bilan: only b2's P1 bilan is missing
    assert [(r["période"], r["élève"]) for r in rows(document, "Élèves sans bilan")] == [("P1", "PrenomB2 NomB2 (b2)")]
    left = rows(document, "Élèves sortis")
    assert [(r["élève"], r["sortie"].isoformat(), r["heures prévues"], r["heures suivies"]) for r in left] == [
        ("PrenomA4 NomA4 (a4)", "2025-09-24", 4.0, 2.0)]


def test_fiche_of_a_student_who_moved(model: Analysis) -> None:
    year = model.school.years[YEAR]
    (student,) = select_students(model, year, "a2")
    document = fiche_document(model, [student], year)
    assert len(document.sections) == 1 and document.sections[0].page_break
    moves = rows(document, "Changements de groupe datés")
    assert [(r["date"].isoformat(), r["de"], r["vers"], r["motif"]) for r in moves] == [
        ("2025-09-30", "G-B", "G-A", "Besoin de méthode")]
    hours = [(r["période"], r["prévues (h)"], r["suivies (h)"], r["présence (%)"], r["présent"])
             for r in rows(document, "Heures et assiduité")]
    assert hours == [("P1", 6.0, 6.0, 100.0, 3), ("P2", 4.0, 2.0, 100.0, 1), ("année", 10.0, 8.0, 100.0, None),
                     ("total", 10.0, 8.0, 100.0, None)]
    bilans = rows(document, "Bilans")
    assert [(r["période"], r["décision"], r["vers"], r["motif"], r["auteur"]) for r in bilans] == [
        ("P1", "Changement de groupe", "Soutien disciplinaire", "Lacunes en calcul", "Ana Deux")]
    assert [tuple(r.values()) for r in rows(document, "Entretiens")][0][1:] == ("Ana Deux", "Veut un BTS.")
    assert "13,6 h" in texts(document)  # hours due so far: 70 x 7/36


def test_fiche_of_a_pfmp_student_and_of_a_group(model: Analysis) -> None:
    year = model.school.years[YEAR]
    (b1,) = select_students(model, year, "prenomb1")
    hours = {r["période"]: (r["prévues (h)"], r["suivies (h)"], r["absent"])
             for r in rows(fiche_document(model, [b1], year), "Heures et assiduité")}
    assert hours == {"P1": (4.0, 2.0, 1), "P2": (4.0, 2.0, 1), "année": (8.0, 4.0, None), "total": (8.0, 4.0, None)}
    members = select_students(model, year, None, group="G-D")
    assert [s.id for s in members] == ["a2", "a3", "b2"]
    document = fiche_document(model, members, year)
    assert [s.page_break for s in document.sections] == [True, True, True]
    assert [s.id for s in select_students(model, year, None, division="1B")] == ["b1", "b2"]
    with pytest.raises(SelectionError, match="2 élèves correspondent : b1 .*b2"):
        select_students(model, year, "prenomb")
    with pytest.raises(SelectionError):
        select_students(model, year, None, group="G-Z")


def test_a_dispense_and_a_graduate_change_the_lists(tmp_path: Path) -> None:
    """The same school where a5 is dispensed of P1 and a4 leaves on the last day of the year instead.

    a5: not « dans aucun groupe » any more (still « Malgré eux » without contract); weeks due 7 - 3 (P1) = 4,
    70 x 4/36 = 7.8 h.  a4 leaving on 04/07/2026 (the last day) is not a departure during the year; it is in
    G-B for the whole of P1 now: 3 sessions scheduled (6 h), marks A P (30/09 unmarked): 4 h marked, 2 attended.
    """
    root = write_report_school(tmp_path / "school")
    year_file = root / "years/2025-2026/year.yaml"
    year_file.write_text(year_file.read_text(encoding="utf-8")
                         + "dispenses:\n  - eleve: a5\n    periodes: [P1]\n    motif: Soins à l'hôpital\n",
                         encoding="utf-8")
    student = root / "students/a4.yaml"
    student.write_text(student.read_text(encoding="utf-8").replace("2025-09-24", "2026-07-04"), encoding="utf-8")
    changed = analysis(root)
    year = changed.school.years[YEAR]
    watch = {r["élève"]: r["pourquoi"] for r in rows(period_review_document(changed, year, "P1"), "Élèves à suivre")}
    assert watch == {"PrenomA5 NomA5 (a5)": "« Malgré eux » sans contrat d'objectifs"}
    lines = {r["id"]: r for r in rows(student_hours_document(changed, year), "Heures par élève")}
    assert (lines["a5"]["semaines dues"], lines["a5"]["dues à ce jour (h)"]) == ("4/36", 7.8)
    assert (lines["a4"]["semaines dues"], lines["a4"]["prévues (h)"], lines["a4"]["suivies (h)"]) == ("7/36", 6.0, 2.0)
    assert isinstance(next(b for s in evaluation_document(changed, year).sections
                           if s.title == "Élèves sortis sans qualification" for b in s.blocks[1:]), Paragraph)


def test_students_under_the_thresholds_are_those_of_apt410_and_apt411(tmp_path: Path) -> None:
    import re

    from aptui.pipeline import load_school

    result = load_school(write_report_school(tmp_path / "school"), use_cache=False)
    warned: dict[str, set[str]] = {}
    for found in result.diagnostics:
        if found.code in ("APT410", "APT411"):
            student = re.search(r"\((\w+)\), 1[AB] :", found.message)
            assert student is not None, found.message
            warned.setdefault(student.group(1), set()).add("prévues" if found.code == "APT410" else "suivies")
    document = student_hours_document(Analysis(result.school), result.school.years[YEAR])
    listed = {r["id"]: set(r["sous le seuil des heures"].split(", ")) for r in rows(document, "Élèves sous le seuil")}
    assert listed == warned


def test_a_full_name_is_not_also_a_longer_one(tmp_path: Path) -> None:
    from aptui.reports.common import find_students

    root = write_report_school(tmp_path / "school")
    for ident, last in (("m1", "Martin"), ("m2", "Martinez")):
        (root / f"students/{ident}.yaml").write_text(
            f"id: {ident}\nnom: {last}\nprenom: Léa\ndivisions:\n  2025-2026: 1A\n", encoding="utf-8")
    school = analysis(root).school
    assert [s.id for s in find_students(school, "Léa Martin")] == ["m1"]
    assert [s.id for s in find_students(school, "martin léa")] == ["m1"]
    assert [s.id for s in find_students(school, "Léa Mart")] == ["m1", "m2"]
