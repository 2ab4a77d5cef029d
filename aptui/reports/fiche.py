"""The follow-up sheet of a student (`aptui report fiche ÉLÈVE`), for the conseil de classe and the family.

Identity, profiles over the years, needs, diagnostics, interviews, contract
objectives, the groups timeline with its dated moves and reasons, hours
scheduled and attended per period and over the cycle, attendance marks and
bilans.  Several students: one section each, on its own page.
"""

from __future__ import annotations

from collections.abc import Sequence

from aptui import vocab as v
from aptui.model.analysis import Analysis
from aptui.model.entities import Student, Year
from aptui.reports.common import (
    content_label,
    find_students,
    period_figures,
    profile_label,
    r1,
    rate,
    school_name,
    teacher_name,
)
from aptui.reports.document import Block, Document, Facts, Paragraph, Section
from aptui.reports.history import student_timeline
from aptui.reports.tables import Table, last_period_with_groups
from aptui.rules.common import french_date, hours


class SelectionError(LookupError):
    """No student (or several) for what was asked; the message names students by id only."""


def select_students(analysis: Analysis, year: Year, query: str | None, division: str | None = None,
                    group: str | None = None, period: str | None = None) -> list[Student]:
    school = analysis.school
    if division is not None:
        found = year.divisions.get(division)
        if found is None:
            raise SelectionError(f"division « {division} » inconnue en {year.id} "
                                 f"(divisions : {', '.join(sorted(year.divisions)) or 'aucune'})")
        return sorted((school.students[s] for s in found.students if s in school.students),
                      key=lambda s: (s.sort_name, s.id))
    if group is not None:
        periods = [period] if period else [p.id for p in reversed(year.sorted_periods())]
        for candidate in periods:
            known = year.groups.get((candidate, group))
            if known is not None:
                members = analysis.membership(year.id, candidate).everyone_ever(group)
                return sorted((school.students[s] for s in members if s in school.students),
                              key=lambda s: (s.sort_name, s.id))
        raise SelectionError(f"groupe « {group} » inconnu en {year.id}" + (f", période {period}" if period else ""))
    if not query:
        raise SelectionError("donnez l'élève (identifiant ou nom), ou --division / --groupe")
    matches = find_students(school, query)
    if not matches:
        raise SelectionError("aucun élève ne correspond (identifiant ou nom)")
    if len(matches) > 1:
        listed = ", ".join(f"{s.id} ({', '.join(sorted(s.divisions.values()))})" for s in matches[:8])
        raise SelectionError(f"{len(matches)} élèves correspondent : {listed} ; donnez l'identifiant")
    return matches


def _identity(analysis: Analysis, student: Student) -> Facts:
    school = analysis.school
    items = [("Identifiant", student.id), ("Nom", student.last_name), ("Prénom", student.first_name),
             ("Divisions", " ; ".join(f"{d} ({y})" for y, d in sorted(student.divisions.items())) or "—")]
    if student.tutor:
        items.append(("Tuteur", teacher_name(school, student.tutor)))
    if student.study_project:
        items.append(("Projet de poursuite d'études", student.study_project))
    if student.passerelle:
        items.append(("Passerelle", "oui"))
    if student.arrived_on:
        items.append(("Arrivée", french_date(student.arrived_on)))
    if student.left_on:
        items.append(("Sortie", french_date(student.left_on)))
    return Facts(tuple(items), "Identité")


def _table(title: str, columns: tuple[str, ...], rows: Sequence[tuple[object, ...]], empty: str) -> Block:
    return Table(title, columns, tuple(rows)) if rows else Paragraph(f"{title} : {empty}.")


def _hours(analysis: Analysis, student: Student, only: frozenset[str]) -> list[Block]:
    school = analysis.school
    rows: list[tuple[object, ...]] = []
    cycle = [0.0, 0.0, 0.0]
    for year_id in sorted(student.divisions):
        year = school.years.get(year_id)
        if year is None:
            continue
        totals = [0.0, 0.0, 0.0]
        for period in year.sorted_periods():
            figures = period_figures(analysis, year, period.id, only).get(student.id)
            if figures is None or not figures.scheduled:
                continue
            m = figures.marks
            rows.append((year_id, period.id, r1(figures.scheduled), r1(figures.attended),
                         rate(figures.attended, figures.marked), m.present, m.late, m.absent, m.excused))
            for index, value in enumerate((figures.scheduled, figures.attended, figures.marked)):
                totals[index] += value
                cycle[index] += value
        if totals[0]:
            rows.append((year_id, "année", r1(totals[0]), r1(totals[1]), rate(totals[1], totals[2]),
                         None, None, None, None))
    if not rows:
        return [Paragraph("Heures : aucune séance enregistrée pour cet élève.")]
    rows.append(("cycle", "total", r1(cycle[0]), r1(cycle[1]), rate(cycle[1], cycle[2]), None, None, None, None))
    blocks: list[Block] = [Table("Heures et assiduité", (
        "année", "période", "prévues (h)", "suivies (h)", "présence (%)", "présent", "retard", "absent", "excusé"),
        tuple(rows))]
    latest = max(student.divisions)
    due = analysis.student_hours(latest).get(student.id) if latest in school.years else None
    if due is not None and due.due > 0:
        blocks.append(Paragraph(
            f"Heures dues en {latest} jusqu'au {french_date(due.until)} : {hours(due.due)} "
            f"({hours(due.promised)} par an en {due.level}, {due.weeks_due} semaine(s) de cours sur "
            f"{due.weeks_year}) ; prévues {hours(due.scheduled)}, suivies {hours(due.attended)}."))
    return blocks


def _groups(analysis: Analysis, student: Student) -> list[Block]:
    school = analysis.school
    timeline = [(line.year, line.period, line.dates, line.division, line.groups)
                for line in student_timeline(analysis, student.id)]
    moves = []
    for year_id in sorted(student.divisions):
        year = school.years.get(year_id)
        if year is None:
            continue
        for period in year.sorted_periods():
            for group in year.groups_of(period.id):
                for arrival in group.arrivals:
                    if arrival.student == student.id:
                        moves.append((year_id, period.id, arrival.day, arrival.from_group, group.id,
                                      arrival.reason or "—"))
    moves.sort(key=lambda row: (row[0], row[2]))
    return [
        _table("Groupes, période par période", ("année", "période", "dates", "division", "groupe(s)"), timeline,
               "aucun groupe"),
        _table("Changements de groupe datés", ("année", "période", "date", "de", "vers", "motif"), moves,
               "aucun changement en cours de période"),
    ]


def _bilans(analysis: Analysis, student: Student) -> Block:
    school = analysis.school
    rows = []
    for year_id in sorted(student.divisions):
        year = school.years.get(year_id)
        if year is None:
            continue
        for period in year.sorted_periods():
            bilan = year.bilans.get(period.id, {}).get(student.id)
            if bilan is None:
                continue
            target = bilan.to_group or (content_label(bilan.to_type) if bilan.to_type else "")
            rows.append((year_id, period.id, bilan.day, teacher_name(school, bilan.author),
                         v.OUTCOME_LABELS.get(bilan.outcome, bilan.outcome),
                         v.DECISION_LABELS.get(bilan.decision, bilan.decision), target or "—",
                         bilan.reason or "—", bilan.comment or "—"))
    return _table("Bilans", ("année", "période", "date", "auteur", "résultat", "décision", "vers", "motif",
                             "commentaire"), rows, "aucun bilan")


def student_section(analysis: Analysis, student: Student, only: frozenset[str] | None = None) -> Section:
    """``only``: the students whose sheets are made together (their hours are computed in one pass)."""
    only = only if only is not None else frozenset((student.id,))
    school = analysis.school
    profiles = [(y, student.divisions.get(y, "—"), profile_label(p)) for y, p in sorted(student.profiles.items())]
    objectives = [(o.label, v.OBJECTIVE_STATUS_LABELS.get(o.status, o.status)) for o in student.objectives]
    reached = sum(1 for o in student.objectives if o.status == "atteint")
    blocks: list[Block] = [
        _identity(analysis, student),
        _table("Profils", ("année", "division", "profil"), profiles, "aucun profil noté"),
        _table("Besoins", ("type", "détail"), [(content_label(n.content_type), n.detail or "—") for n in student.needs],
               "aucun besoin noté"),
        _table("Diagnostics", ("date", "outil", "résultat"),
               [(d.day, d.tool, d.result or "—") for d in sorted(student.diagnostics, key=lambda d: d.day)],
               "aucun diagnostic"),
        _table("Entretiens", ("date", "enseignant", "notes"),
               [(i.day, teacher_name(school, i.teacher), i.notes or "—")
                for i in sorted(student.interviews, key=lambda i: i.day)], "aucun entretien"),
        _table("Contrat d'objectifs", ("objectif", "statut"), objectives, "pas de contrat"),
    ]
    if objectives:
        blocks.append(Paragraph(f"Objectifs atteints : {reached} sur {len(objectives)}."))
    blocks += _groups(analysis, student)
    blocks += _hours(analysis, student, only)
    blocks.append(_bilans(analysis, student))
    return Section(f"{student.display} ({student.id})", tuple(blocks), page_break=True)


def fiche_document(analysis: Analysis, students: Sequence[Student], year: Year,
                   scope: str | None = None) -> Document:
    school = analysis.school
    title = "Fiche de suivi" if len(students) == 1 else f"Fiches de suivi ({len(students)} élèves)"
    subtitle = students[0].display if len(students) == 1 else ""
    together = frozenset(s.id for s in students)
    sections = tuple(student_section(analysis, s, together) for s in students) or (
        Section("", (Paragraph("Aucun élève."),)),)
    shown = year.id if len(students) != 1 or year.id in students[0].divisions else max(students[0].divisions,
                                                                                          default=year.id)
    return Document("fiche", title, school_name(school), shown, sections, subtitle=subtitle,
                    meta={"eleves": [s.id for s in students], "periode": scope or last_period_with_groups(year)})
