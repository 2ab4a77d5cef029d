"""Hours per student (`aptui report heures-eleves`): each student's hours so far against the promise.

The figures are model/student_hours.py's, the same as rules APT410/APT411: the
level's yearly volume pro rata of the school weeks due so far (PFMP weeks out,
from the student's arrival to their departure, dispensed periods out).  The
students under the thresholds of school.yaml (``heures_eleve``) are listed.
"""

from __future__ import annotations

from datetime import date

from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.model.levels import level_rank
from aptui.model.student_hours import StudentHours
from aptui.reports.common import r1, rate, school_name
from aptui.reports.document import Document, Facts, Paragraph, Section
from aptui.reports.tables import Table
from aptui.rules.common import french_date, hours
from aptui.rules.student_hours import SLACK

COLUMNS = ("id", "élève", "division", "semaines dues", "dues à ce jour (h)",
           "prévues (h)", "suivies (h)", "prévues / dues (%)", "suivies / dues (%)", "présence (%)")


def below(figures: StudentHours, scheduled: float | None, attended: float | None) -> list[str]:
    """The codes of the thresholds a student is under (APT410 scheduled, APT411 attended)."""
    due = figures.due
    if due <= 0:
        return []
    codes = []
    if scheduled is not None and figures.scheduled < scheduled * due - SLACK:
        codes.append("APT410")
    if attended is not None and figures.attended < attended * due - SLACK:
        codes.append("APT411")
    return codes


def student_hours_document(analysis: Analysis, year: Year, as_of: date | None = None) -> Document:
    school = analysis.school
    figures = analysis.student_hours(year.id, as_of)
    thresholds = school.info.student_thresholds if school.info else None
    scheduled_min = thresholds.scheduled if thresholds else None
    attended_min = thresholds.attended if thresholds else None

    def sort_key(student: str) -> tuple[str, str, str]:
        known = school.students.get(student)
        return (figures[student].division, known.sort_name if known else student, student)

    rows = []
    flagged = []
    for student in sorted(figures, key=sort_key):
        line = figures[student]
        known = school.students.get(student)
        name = f"{known.last_name} {known.first_name}" if known else "?"
        row = (student, name, line.division, f"{line.weeks_due}/{line.weeks_year}", r1(line.due), r1(line.scheduled),
               r1(line.attended),
               rate(line.scheduled, line.due), rate(line.attended, line.due), rate(line.attended, line.marked))
        rows.append(row)
        codes = below(line, scheduled_min, attended_min)
        if codes:
            flagged.append((*row[:3], r1(line.due), r1(line.scheduled), r1(line.attended),
                            ", ".join("prévues" if c == "APT410" else "suivies" for c in codes)))
    until = max((f.until for f in figures.values()), default=None)
    facts = Facts((
        ("Jusqu'au", french_date(until) if until else "— (aucun appel)"),
        ("Élèves", str(len(figures))),
        ("Heures promises par an", " ; ".join(f"{level} {hours(value)}" for level, value in sorted(
            {f.level: f.promised for f in figures.values()}.items(), key=lambda item: level_rank(item[0])))
         or "—"),
        ("Seuil des heures prévues", _share(scheduled_min)),
        ("Seuil des heures suivies", _share(attended_min)),
        ("Sous un seuil", str(len(flagged))),
    ))
    explain = Paragraph(
        "Heures dues : le volume annuel du niveau au prorata des semaines de cours écoulées (PFMP exclues, de "
        "l'arrivée à la sortie de l'élève, périodes de dispense exclues). Prévues : séances des groupes de "
        "l'élève ; suivies : présent ou en retard. Mêmes chiffres que les avertissements APT410 et APT411 "
        "d'aptui validate.")
    table = Table(f"Heures par élève — {year.id}", COLUMNS, tuple(rows))
    if scheduled_min is None and attended_min is None:
        watch: tuple[Paragraph | Table, ...] = (Paragraph(
            "Aucun seuil n'est fixé : ajoutez dans school.yaml « heures_eleve: {prevues: 0.9, suivies: 0.8} » "
            "(parts des heures dues) pour lister les élèves en dessous."),)
    elif flagged:
        watch = (Table("Élèves sous le seuil", ("id", "élève", "division", "dues (h)", "prévues (h)",
                                                "suivies (h)", "sous le seuil des heures"), tuple(flagged)),)
    else:
        watch = (Paragraph("Aucun élève n'est sous les seuils."),)
    sections: tuple[Section, ...] = (Section("Synthèse", (facts, explain)), Section("Élèves sous le seuil", watch),
                Section("Tous les élèves", (table,)))
    if not figures:
        sections = (Section("Synthèse", (facts, Paragraph(
            "Aucun appel n'est encore enregistré cette année : rien n'est encore dû."),)),)
    return Document("heures-eleves", "Heures d'AP reçues par élève", school_name(school), year.id, sections,
                    subtitle="Heures prévues et suivies contre les heures dues à ce jour")


def _share(value: float | None) -> str:
    return "non fixé" if value is None else f"{value:.0%}".replace("%", " %")
