"""The review of a period for the team meeting (`aptui report bilan PÉRIODE`).

Who moves where and why (the bilans' decisions, and the dated moves during the
period), who still has no bilan, attendance per group, the hours of each
division in the period against the pace (the same figures as
`aptui report budget --period`, with a bar chart and its number table), and
the students to watch: attendance falling from the previous period, « Malgré
eux » without a contract, no group although their division has AP.
"""

from __future__ import annotations

from aptui import vocab as v
from aptui.model.analysis import Analysis
from aptui.model.attention import FALL_POINTS, LOW_RATE
from aptui.model.entities import Year
from aptui.reports.common import (
    content_label,
    group_marks,
    ordered_divisions,
    period_figures,
    r1,
    school_name,
    students_of_year,
    teacher_name,
)
from aptui.reports.document import Block, Chart, Document, Facts, Paragraph, Section, Series
from aptui.reports.tables import Table, budget_table, current_group
from aptui.rules.common import french_date


def _label(analysis: Analysis, year: Year, student: str) -> tuple[str, str]:
    known = analysis.school.students.get(student)
    return (f"{known.display} ({student})" if known else student,
            analysis.student_divisions.get(year.id, {}).get(student, "—"))


def _moves(analysis: Analysis, year: Year, period: str) -> list[Block]:
    bilans = year.bilans.get(period, {})
    following = year.next_period(period)
    after = (analysis.membership(year.id, following.id)
             if following is not None and (year.id, following.id) in analysis.memberships else None)
    decided = []
    for student, bilan in sorted(bilans.items(), key=lambda item: _label(analysis, year, item[0])):
        if bilan.decision == "maintien":
            continue
        name, division = _label(analysis, year, student)
        target = bilan.to_group or (content_label(bilan.to_type) if bilan.to_type else "—")
        # where the student actually starts the next period (the decision applied, or not yet)
        placed = ", ".join(g for b in sorted(after.barrettes_of(student)) if (g := after.start_group(student, b))) \
            if after is not None else ""
        decided.append((name, division, current_group(analysis, year, student, period),
                        v.DECISION_LABELS.get(bilan.decision, bilan.decision), target, bilan.reason or "—",
                        placed or "—", v.OUTCOME_LABELS.get(bilan.outcome, bilan.outcome),
                        teacher_name(analysis.school, bilan.author)))
    during = []
    for group in year.groups_of(period):
        for arrival in group.arrivals:
            name, division = _label(analysis, year, arrival.student)
            during.append((arrival.day, name, division, arrival.from_group, group.id, arrival.reason or "—"))
    during.sort()
    blocks: list[Block] = []
    blocks.append(Table("Changements décidés aux bilans", (
        "élève", "division", "groupe actuel", "décision", "vers", "motif",
        f"groupe en {following.id}" if following else "période suivante", "résultat", "auteur"), tuple(decided))
        if decided else Paragraph("Aucun changement décidé aux bilans de cette période."))
    blocks.append(Table("Changements datés pendant la période", ("date", "élève", "division", "de", "vers", "motif"),
                        tuple(during)) if during else Paragraph("Aucun changement de groupe pendant la période."))
    return blocks


def expected_bilans(analysis: Analysis, year: Year, period: str) -> set[str]:
    """Students in a group of the period and still in the school at its end: a bilan is expected."""
    span = year.period(period)
    membership = analysis.membership(year.id, period) if (year.id, period) in analysis.memberships else None
    if span is None or membership is None:
        return set()
    everyone = {s for g in membership.groups for s in membership.everyone_ever(g)}
    return {s for s in everyone if not membership.gone(s, span.end)}


def _missing(analysis: Analysis, year: Year, period: str) -> Block:
    bilans = year.bilans.get(period, {})
    rows = []
    for student in expected_bilans(analysis, year, period) - set(bilans):
        name, division = _label(analysis, year, student)
        membership = analysis.membership(year.id, period)
        groups = [g for b in sorted(membership.barrettes_of(student)) if (g := membership.end_group(student, b))]
        teachers = sorted({teacher_name(analysis.school, t) for g in groups
                           if (found := year.groups.get((period, g))) for t in found.teachers})
        rows.append((name, division, ", ".join(groups) or "—", ", ".join(teachers) or "—"))
    rows.sort(key=lambda row: (row[1], row[0]))
    if not rows:
        return Paragraph("Chaque élève des groupes a son bilan.")
    return Table("Élèves sans bilan", ("élève", "division", "groupe", "enseignants du groupe"), tuple(rows))


def _attendance(analysis: Analysis, year: Year, period: str) -> Block:
    membership = analysis.membership(year.id, period) if (year.id, period) in analysis.memberships else None
    rows = []
    for group in sorted(year.groups_of(period), key=lambda g: g.id):
        sessions = year.sessions.get((period, group.id), ())
        marks = group_marks(year, period, group.id)
        members = len(membership.everyone_ever(group.id)) if membership else len(group.students)
        rows.append((group.id, content_label(group.content_type),
                     ", ".join(teacher_name(analysis.school, t) for t in group.teachers) or "—", members,
                     len(sessions), sum(1 for s in sessions if s.attendance), marks.present, marks.late, marks.absent,
                     marks.excused, marks.rate))
    return Table("Assiduité par groupe", ("groupe", "type", "enseignants", "élèves", "séances",
                                          "appels faits", "présent", "retard", "absent", "excusé", "présence (%)"),
                 tuple(rows)) if rows else Paragraph("Aucun groupe dans cette période.")


def pace_chart(analysis: Analysis, year: Year, period: str) -> Chart:
    table = budget_table(analysis, year, period)
    labels = tuple(str(row[0]) for row in table.rows)
    chart = Chart("bars", f"Heures de la période {period} contre le rythme attendu", labels, (
        Series("prévu", tuple(float(row[3]) for row in table.rows)),
        Series("rythme attendu", tuple(float(row[2]) for row in table.rows)),
    ), unit="h", table=Table(f"Heures par division, période {period}", ("division", "prévu (h)", "rythme attendu (h)",
                                                                        "écart (h)"),
                             tuple((row[0], row[3], row[2], row[4]) for row in table.rows)))
    return chart


def cumulated(analysis: Analysis, year: Year, period: str) -> Table:
    """Per division, the hours of the year's periods up to this one against the sum of their paces."""
    ordered = year.sorted_periods()
    upto = ordered[:next((i for i, p in enumerate(ordered) if p.id == period), len(ordered) - 1) + 1]
    rows = []
    for division in ordered_divisions(year):
        found = year.divisions[division]
        budget = analysis.year_budget(found) or 0.0
        calendar = analysis.division_calendar(year.id, division)
        weeks_year = calendar.school_weeks(year.first_day, year.last_day) or 1
        pace = sum(budget * calendar.school_weeks(p.start, p.end) / weeks_year for p in upto)
        by_period = analysis.ledger.division_period.get((year.id, division), {})
        done = sum(by_period.get(p.id, 0.0) for p in upto)
        rows.append((division, r1(done), r1(pace), r1(done - pace)))
    return Table(f"Cumul de l'année jusqu'à la fin de {period}", (
        "division", "prévu cumulé (h)", "rythme cumulé (h)", "écart (h)"), tuple(rows))


def _to_watch(analysis: Analysis, year: Year, period: str) -> Block:
    span = year.period(period)
    now = period_figures(analysis, year, period)
    ordered = year.sorted_periods()
    index = next((i for i, p in enumerate(ordered) if p.id == period), 0)
    before = period_figures(analysis, year, ordered[index - 1].id) if index > 0 else {}
    barrette_divisions = {d for b in year.barrettes.values() for d in b.divisions}
    membership = analysis.membership(year.id, period) if (year.id, period) in analysis.memberships else None
    rows = []
    for student in students_of_year(analysis, year):
        reasons = []
        rate_now = now[student.id].rate if student.id in now else None
        rate_before = before[student.id].rate if student.id in before else None
        if rate_now is not None and rate_before is not None and rate_before - rate_now >= FALL_POINTS \
                and rate_now < LOW_RATE:
            reasons.append(f"présence en baisse : {rate_before:.0f} % → {rate_now:.0f} %")
        if student.profiles.get(year.id) == "malgre-eux" and not student.objectives:
            reasons.append("« Malgré eux » sans contrat d'objectifs")
        division = analysis.student_divisions.get(year.id, {}).get(student.id, "")
        gone = span is not None and student.left_on is not None and student.left_on < span.start
        exempt = any(e.student == student.id and e.covers(period) for e in year.exemptions)
        in_group = membership is not None and bool(membership.barrettes_of(student.id))
        if division in barrette_divisions and not (gone or exempt or in_group) and year.groups_of(period):
            reasons.append("dans aucun groupe")
        if reasons:
            rows.append((f"{student.display} ({student.id})", division,
                         current_group(analysis, year, student.id, period) if in_group else "—",
                         "—" if rate_now is None else rate_now, "; ".join(reasons)))
    if not rows:
        return Paragraph("Aucun élève à signaler.")
    rows.sort(key=lambda row: (row[1], row[0]))
    return Table("Élèves à suivre", ("élève", "division", "groupe", "présence (%)", "pourquoi"), tuple(rows))


def period_review_document(analysis: Analysis, year: Year, period: str) -> Document:
    school = analysis.school
    span = year.period(period)
    assert span is not None
    expected = expected_bilans(analysis, year, period)
    bilans = year.bilans.get(period, {})
    decisions = [b.decision for b in bilans.values()]
    next_period = year.next_period(period)
    chart = pace_chart(analysis, year, period)
    facts = Facts((
        ("Période", f"{period}, du {french_date(span.start)} au {french_date(span.end)}"),
        ("Groupes", str(len(year.groups_of(period)))),
        ("Élèves dans les groupes", str(len(expected))),
        ("Bilans écrits", f"{len([s for s in bilans if s in expected])} sur {len(expected)}"),
        ("Maintiens", str(decisions.count("maintien"))),
        ("Changements de groupe", str(decisions.count("changement"))),
        ("Sorties du dispositif", str(decisions.count("sortie"))),
        ("Période suivante", next_period.id if next_period else "—"),
    ))
    sections = (
        Section("Synthèse", (facts,)),
        Section("Qui change de groupe, et pourquoi", tuple(_moves(analysis, year, period))),
        Section("Bilans manquants", (_missing(analysis, year, period),)),
        Section("Assiduité par groupe", (_attendance(analysis, year, period),)),
        Section("Heures par division contre le rythme", (
            Paragraph("Rythme attendu : le budget annuel de la division au prorata des semaines de cours de la "
                      "période (PFMP exclues) ; mêmes chiffres que « aptui report budget --period »."),
            chart, cumulated(analysis, year, period))),
        Section("Élèves à suivre", (
            Paragraph(f"Présence en baisse d'au moins {FALL_POINTS:.0f} points depuis la période précédente "
                      f"(et sous {LOW_RATE:.0f} %), "
                      "profil « Malgré eux » sans contrat d'objectifs, ou élève sans groupe alors que sa division "
                      "a de l'AP (hors dispense et sortie)."),
            _to_watch(analysis, year, period))),
    )
    return Document("bilan", f"Bilan de la période {period}", school_name(school), year.id, sections,
                    subtitle=f"Réunion d'équipe — du {french_date(span.start)} au {french_date(span.end)}",
                    meta={"periode": period})
