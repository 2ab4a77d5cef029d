"""The evaluation of the scheme over a year (`aptui report dispositif [ANNÉE]`), for the head and inspectors.

Hours delivered against the budget per division (year and cycle: the figures of
`aptui report budget`) and per teacher (co-animation counted for each), attendance
by content type and by group, the transitions between content types from one
period to the next (a table and a "flow" chart), how profiles evolved, the
students without bilan and those who left during their course (without
qualification).
"""

from __future__ import annotations

from collections import Counter

from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.model.student_hours import last_appel
from aptui.reports.common import (
    Marks,
    content_label,
    group_marks,
    profile_label,
    r1,
    school_name,
    students_of_year,
)
from aptui.reports.document import Block, Chart, Document, Facts, Paragraph, Section, Series
from aptui.reports.period_review import expected_bilans
from aptui.reports.tables import Table, budget_table, current_group
from aptui.reports.teacher_hours import teacher_hours_document
from aptui.rules.common import french_date, hours, percent


def _hours(analysis: Analysis, year: Year) -> list[Block]:
    budget = budget_table(analysis, year)
    chart = Chart("bars", "Heures réalisées contre le budget de l'année", tuple(str(r[0]) for r in budget.rows), (
        Series("réalisé", tuple(float(r[4]) for r in budget.rows)),
        Series("budget année", tuple(float(r[2]) for r in budget.rows)),
    ), unit="h", table=Table("Heures réalisées et budget par division", ("division", "réalisé (h)", "budget année (h)"),
                             tuple((r[0], r[4], r[2]) for r in budget.rows)))
    return [Paragraph("Heures enseignant : une séance co-animée compte pour chaque enseignant ; elles sont "
                      "réparties entre divisions au prorata des élèves de chacune dans le groupe ce jour-là. "
                      "« Réalisé » : séances dont l'appel est fait. Le cycle additionne les années de la cohorte "
                      "(divisions « précédente »)."), budget, chart]


def type_attendance(year: Year) -> list[tuple[str, int, int, Marks]]:
    """Content type -> groups, sessions and marks of the year."""
    found: dict[str, tuple[set[tuple[str, str]], int, Marks]] = {}
    for key, group in sorted(year.groups.items()):
        groups, sessions, marks = found.get(group.content_type, (set(), 0, Marks()))
        groups.add(key)
        extra = group_marks(year, key[0], key[1])
        marks = Marks(marks.present + extra.present, marks.late + extra.late, marks.absent + extra.absent,
                      marks.excused + extra.excused)
        found[group.content_type] = (groups, sessions + len(year.sessions.get(key, ())), marks)
    return [(t, len(g), n, m) for t, (g, n, m) in sorted(found.items())]


def _attendance(year: Year) -> list[Block]:
    by_type = Table("Assiduité par type de contenu", (
        "type", "groupes", "séances", "présent", "retard", "absent", "excusé", "présence (%)"),
        tuple((content_label(t), g, n, m.present, m.late, m.absent, m.excused, m.rate)
              for t, g, n, m in type_attendance(year)))
    rows = []
    for (period, group_id), group in sorted(year.groups.items(), key=lambda item: (_rank(year, item[0][0]), item[0])):
        marks = group_marks(year, period, group_id)
        rows.append((period, group_id, content_label(group.content_type), len(year.sessions.get((period, group_id), ())),
                     marks.total, marks.rate))
    by_group = Table("Assiduité par groupe", ("période", "groupe", "type", "séances", "marques", "présence (%)"),
                     tuple(rows))
    return [by_type, by_group]


def _rank(year: Year, period: str) -> int:
    ordered = [p.id for p in year.sorted_periods()]
    return ordered.index(period) if period in ordered else len(ordered)


def transitions(analysis: Analysis, year: Year) -> Counter[tuple[str, str, str, str]]:
    """(period, next period, type at the end of period, type at the start of the next) -> students.

    Barrette by barrette: a student in two barrettes makes two transitions."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    ordered = [p.id for p in year.sorted_periods() if (year.id, p.id) in analysis.memberships]
    for before, after in zip(ordered, ordered[1:]):
        first, second = analysis.membership(year.id, before), analysis.membership(year.id, after)
        for student in sorted(first.end_groups):
            for barrette in sorted(first.barrettes_of(student)):
                end, start = first.end_group(student, barrette), second.start_group(student, barrette)
                if end is None or start is None or end not in first.groups or start not in second.groups:
                    continue
                counts[(before, after, first.groups[end].content_type, second.groups[start].content_type)] += 1
    return counts


def _transitions(analysis: Analysis, year: Year) -> list[Block]:
    counts = transitions(analysis, year)
    if not counts:
        return [Paragraph("Pas encore deux périodes avec des groupes : aucune transition.")]
    rows = tuple((b, a, content_label(f), content_label(t), n)
                 for (b, a, f, t), n in sorted(counts.items(), key=lambda i: (_rank(year, i[0][0]), i[0])))
    table = Table("Transitions entre types de contenu", ("période", "période suivante", "de", "vers", "élèves"), rows)
    overall: Counter[tuple[str, str]] = Counter()
    for (_b, _a, source, target), n in counts.items():
        overall[(source, target)] += n
    pairs = sorted(overall.items(), key=lambda item: (-item[1], item[0]))
    chart = Chart("flow", "Flux entre types de contenu sur l'année",
                  tuple(f"{content_label(s)} → {content_label(t)}" for (s, t), _n in pairs),
                  (Series("élèves", tuple(float(n) for _p, n in pairs)),),
                  table=Table("Flux entre types de contenu (année)", ("de", "vers", "élèves"),
                              tuple((content_label(s), content_label(t), n) for (s, t), n in pairs)))
    stays = sum(n for (s, t), n in overall.items() if s == t)
    total = sum(overall.values())
    return [Paragraph(f"{total} passage(s) d'une période à la suivante, dont {stays} dans le même type de contenu "
                      f"et {total - stays} vers un autre type."), chart, table]


def _profiles(analysis: Analysis, year: Year) -> list[Block]:
    students = students_of_year(analysis, year)
    years = sorted({y for s in students for y in s.profiles if y <= year.id} | {year.id})
    codes = sorted({p for s in students for y, p in s.profiles.items() if y in years})
    spread = Table("Profils des élèves de l'année, par année", ("profil", *years), tuple(
        (profile_label(code), *(sum(1 for s in students if s.profiles.get(y) == code) for y in years))
        for code in codes))
    previous = f"{int(year.id[:4]) - 1}-{year.id[:4]}"
    moves: Counter[tuple[str, str]] = Counter(
        (s.profiles[previous], s.profiles[year.id]) for s in students if previous in s.profiles and year.id in s.profiles)
    blocks: list[Block] = [spread]
    if moves:
        blocks.append(Table(f"Évolution des profils de {previous} à {year.id}", ("profil avant", "profil après",
                                                                                 "élèves"),
                            tuple((profile_label(a), profile_label(b), n) for (a, b), n in sorted(moves.items()))))
    else:
        blocks.append(Paragraph(f"Aucun élève n'a de profil noté à la fois en {previous} et en {year.id}."))
    return blocks


def _without_bilan(analysis: Analysis, year: Year) -> Block:
    horizon = last_appel(year)
    rows = []
    for period in year.sorted_periods():
        bilans = year.bilans.get(period.id, {})
        if not bilans and (horizon is None or period.end > horizon):
            continue  # a period not over yet, without any bilan: nothing is late
        for student in sorted(expected_bilans(analysis, year, period.id) - set(bilans)):
            known = analysis.school.students.get(student)
            rows.append((period.id, f"{known.display} ({student})" if known else student,
                         analysis.student_divisions.get(year.id, {}).get(student, "—"),
                         current_group(analysis, year, student, period.id)))
    if not rows:
        return Paragraph("Chaque élève des périodes terminées a son bilan.")
    return Table("Élèves sans bilan", ("période", "élève", "division", "groupe"), tuple(rows))


def left_without_qualification(analysis: Analysis, year: Year) -> list[tuple[str, str, str]]:
    """(student, division, level) of the students who left the school during the year."""
    divisions = analysis.student_divisions.get(year.id, {})
    found = []
    for student in students_of_year(analysis, year):
        left = student.left_on
        if left is None or not year.first_day <= left < year.last_day:
            continue
        division = year.divisions.get(divisions.get(student.id, ""))
        found.append((student.id, division.id if division else "—", division.level if division else "—"))
    return found


def _left(analysis: Analysis, year: Year) -> Block:
    school = analysis.school
    ledger = analysis.ledger
    rows = []
    for student_id, division, level in left_without_qualification(analysis, year):
        student = school.students[student_id]
        last_bilan = next((year.bilans[p.id][student_id] for p in reversed(year.sorted_periods())
                           if student_id in year.bilans.get(p.id, {})), None)
        rows.append((f"{student.display} ({student_id})", division, level, profile_label(student.profiles.get(year.id)),
                     student.left_on, r1(ledger.student_scheduled.get((year.id, student_id), 0.0)),
                     r1(ledger.student_attended.get((year.id, student_id), 0.0)),
                     "oui" if student.objectives else "non",
                     french_date(last_bilan.day) if last_bilan else "aucun"))
    if not rows:
        return Paragraph("Aucun élève n'a quitté l'établissement en cours d'année.")
    return Table("Élèves sortis en cours d'année", ("élève", "division", "niveau", "profil", "sortie", "heures prévues",
                                                    "heures suivies", "contrat", "dernier bilan"), tuple(rows))


def evaluation_document(analysis: Analysis, year: Year) -> Document:
    school = analysis.school
    students = students_of_year(analysis, year)
    marks = Marks()
    for sessions in year.sessions.values():
        for session in sessions:
            marks = marks.plus(session.attendance.values())
    done = sum(analysis.ledger.division_done.get((year.id, d), 0.0) for d in year.divisions)
    budget = sum(analysis.year_budget(d) or 0.0 for d in year.divisions.values())
    facts = Facts((
        ("Divisions", str(len(year.divisions))), ("Élèves", str(len(students))),
        ("Périodes", str(len(year.periods))), ("Groupes", str(len(year.groups))),
        ("Séances", str(sum(len(s) for s in year.sessions.values()))),
        ("Heures réalisées (toutes divisions)", f"{hours(done)} sur {hours(budget)} de budget"),
        ("Présence", "—" if marks.rate is None else percent(marks.rate / 100)),
        ("Sorties en cours d'année", str(len(left_without_qualification(analysis, year)))),
    ))
    teachers = teacher_hours_document(analysis, year)
    teacher_blocks = tuple(b for b in teachers.sections[0].blocks if isinstance(b, Table | Paragraph))
    sections = (
        Section("Synthèse", (facts,)),
        Section("Heures contre le budget, par division", tuple(_hours(analysis, year))),
        Section("Heures par enseignant", teacher_blocks),
        Section("Assiduité par type de contenu et par groupe", tuple(_attendance(year))),
        Section("Transitions entre types de contenu", tuple(_transitions(analysis, year))),
        Section("Évolution des profils", tuple(_profiles(analysis, year))),
        Section("Élèves sans bilan", (_without_bilan(analysis, year),)),
        Section("Élèves sortis sans qualification", (
            Paragraph("Élèves qui ont quitté l'établissement en cours d'année (date de sortie avant le dernier jour "
                      "de l'année) : sortie en cours de cursus, donc sans la qualification préparée."),
            _left(analysis, year))),
    )
    return Document("dispositif", f"Évaluation du dispositif — {year.id}", school_name(school), year.id, sections,
                    subtitle="Accompagnement personnalisé : heures, assiduité, parcours, profils")
