"""Hours delivered per teacher (`aptui report heures-enseignants`), for the HSA/HSE follow-up.

A session of a group counts its full duration for each of the group's teachers
(co-animation: two teachers, each paid for the session).  Per division, a
teacher's hours of a session are shared in proportion to the group's members
from each division that day (the rule of the hour ledger, model/hours.py, PFMP
days excluded), so the divisions' totals over all teachers equal the ledger's.
"Faites" are the sessions whose appel was taken; "prévues" all sessions in the
files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.reports.common import ordered_divisions, r1, school_name, teacher_name
from aptui.reports.document import Chart, Document, Facts, Paragraph, Section, Series
from aptui.reports.tables import Table
from aptui.rules.common import hours as hours_text

NO_STUDENT = "(sans élève)"


@dataclass(slots=True)
class TeacherHours:
    """One teacher's hours in one year."""

    scheduled: float = 0.0
    done: float = 0.0
    co_animated: float = 0.0  # of the scheduled hours, those shared with another teacher
    sessions: int = 0
    groups: set[tuple[str, str]] = field(default_factory=set)
    by_division: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    by_period: dict[str, list[float]] = field(default_factory=dict)  # period -> [scheduled, done]


def teacher_hours(analysis: Analysis, year: Year, period: str | None = None) -> dict[str, TeacherHours]:
    """Teacher id -> hours of the year (or of one period)."""
    divisions_of = analysis.student_divisions.get(year.id, {})
    away = analysis.away_days(year.id)
    result: dict[str, TeacherHours] = defaultdict(TeacherHours)
    for (period_id, group_id), sessions in sorted(year.sessions.items()):
        group = year.groups.get((period_id, group_id))
        if group is None or not group.teachers or (period is not None and period_id != period):
            continue
        membership = analysis.membership(year.id, period_id)
        for session in sessions:
            members = [s for s in membership.members_on(group_id, session.day)
                       if session.day not in away.get(divisions_of.get(s, ""), ())]
            known = [d for s in members if (d := divisions_of.get(s)) is not None]
            hours = session.hours
            for teacher in group.teachers:
                line = result[teacher]
                line.scheduled += hours
                line.sessions += 1
                line.groups.add((period_id, group_id))
                if len(group.teachers) > 1:
                    line.co_animated += hours
                if session.attendance:
                    line.done += hours
                totals = line.by_period.setdefault(period_id, [0.0, 0.0])
                totals[0] += hours
                totals[1] += hours if session.attendance else 0.0
                if known:
                    for division in known:
                        line.by_division[division] += hours / len(known)
                else:
                    line.by_division[NO_STUDENT] += hours
    return dict(result)


def teacher_hours_document(analysis: Analysis, year: Year, period: str | None = None) -> Document:
    school = analysis.school
    figures = teacher_hours(analysis, year, period)
    order = sorted(figures, key=lambda t: (teacher_name(school, t).split()[-1].casefold(), t))
    scope = f"période {period}" if period else f"année {year.id}"
    summary = Table(f"Heures par enseignant — {scope}", (
        "enseignant", "id", "groupes", "séances", "prévues (h)", "faites (h)", "à faire (h)", "dont co-animation (h)"),
        tuple((teacher_name(school, t), t, len(figures[t].groups), figures[t].sessions, r1(figures[t].scheduled),
               r1(figures[t].done), r1(figures[t].scheduled - figures[t].done), r1(figures[t].co_animated))
              for t in order))
    shown = {t: teacher_name(school, t) for t in order}
    twice = {name for name in shown.values() if list(shown.values()).count(name) > 1}
    label = {t: f"{name} ({t})" if name in twice else name for t, name in shown.items()}  # homonyms told apart
    divisions = ordered_divisions(year)
    extra = sorted({d for f in figures.values() for d in f.by_division} - set(divisions))
    columns = [*divisions, *extra]
    by_division = Table(f"Heures prévues par enseignant et par division — {scope}",
                        ("enseignant", *columns, "total (h)"),
                        tuple((label[t], *(r1(figures[t].by_division.get(d, 0.0)) for d in columns),
                               r1(figures[t].scheduled)) for t in order))
    periods = [p.id for p in year.sorted_periods() if period is None or p.id == period]
    by_period = Table(f"Heures par enseignant et par période (prévues / faites) — {scope}",
                      ("enseignant", *(f"{p} {kind}" for p in periods for kind in ("prévues", "faites"))),
                      tuple((label[t], *(r1(figures[t].by_period.get(p, [0.0, 0.0])[i])
                                                        for p in periods for i in (0, 1))) for t in order))
    total = sum(f.scheduled for f in figures.values())
    facts = Facts((
        ("Enseignants", str(len(figures))),
        ("Heures prévues", hours_text(total)),
        ("Heures faites (appel fait)", hours_text(sum(f.done for f in figures.values()))),
        ("Dont co-animation", hours_text(sum(f.co_animated for f in figures.values()))),
    ))
    note = Paragraph(
        "Une séance compte sa durée entière pour chaque enseignant du groupe (co-animation : chacun est compté). "
        "Par division, les heures d'une séance sont partagées au prorata des élèves de chaque division présents "
        "dans le groupe ce jour-là (hors PFMP), comme pour le budget des divisions. « Faites » : séances dont "
        "l'appel est fait.")
    chart = Chart("bars", "Heures par enseignant", tuple(label[t] for t in order),
                  (Series("prévues", tuple(r1(figures[t].scheduled) for t in order)),
                   Series("faites", tuple(r1(figures[t].done) for t in order))), unit="h", table=None)
    sections = (
        Section("Synthèse", (facts, note, summary, chart)),
        Section("Par division", (by_division,)),
        Section("Par période", (by_period,)),
    ) if figures else (Section("Synthèse", (Paragraph("Aucune séance avec un enseignant n'est enregistrée."),)),)
    return Document("heures-enseignants", "Heures d'AP par enseignant", school_name(school), year.id, sections,
                    subtitle=f"Suivi des HSA/HSE — {scope}")
