"""The pages of the site as Documents (plus the links each page holds), built from the Analysis.

One page per division, group, student and period, and a list page for each kind.  Pages name each
other by file name (``page_name``): a flat folder, so every link is relative and works from
``file://``.  Figures come from the same functions as ``aptui report`` (tables.py, history.py,
exports/groupes.py): the site computes nothing of its own.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from aptui import vocab as v
from aptui.exports.groupes import clock, teacher_names
from aptui.exports.groupes import groups_table as composition
from aptui.model.analysis import Analysis
from aptui.model.entities import Group, Period, Year
from aptui.model.levels import division_order
from aptui.reports.document import Chart, Document, Facts, Paragraph, Section, Series
from aptui.reports.render_html import number
from aptui.reports.sources import (
    bilan_document,
    dispositif_document,
    fiche_document,
    student_hours_document,
    teacher_hours_document,
)
from aptui.reports.tables import Table, budget_table, groups_table, students_table

Link = tuple[str, str]  # (label, file name)
_SAFE = re.compile(r"[^A-Za-z0-9_-]")


def page_name(kind: str, *ids: str) -> str:
    """A file name for a page: the ids kept when they are plain, else cleaned and made unique by a hash."""
    raw = "-".join(ids)
    clean = _SAFE.sub("_", raw)[:60]
    if clean != raw:
        clean += "-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:8]
    return f"{kind}-{clean}.html" if ids else f"{kind}.html"


@dataclass(frozen=True)
class Page:
    name: str
    document: Document
    links: tuple[tuple[str, tuple[Link, ...]], ...] = ()
    meta: dict[str, str] = field(default_factory=dict)


INDEX, DIVISIONS, GROUPS, STUDENTS, PERIODS = "index.html", "divisions.html", "groupes.html", "eleves.html", "periodes.html"
SCHEME, STUDENT_HOURS, TEACHER_HOURS = "dispositif.html", "heures-eleves.html", "heures-enseignants.html"
NAV: tuple[Link, ...] = (("Accueil", INDEX), ("Dispositif", SCHEME), ("Divisions", DIVISIONS), ("Groupes", GROUPS),
                         ("Élèves", STUDENTS), ("Périodes", PERIODS), ("Heures des élèves", STUDENT_HOURS),
                         ("Heures des enseignants", TEACHER_HOURS))


class SitePages:
    def __init__(self, analysis: Analysis, year: Year) -> None:
        self.analysis, self.year = analysis, year
        self.school = analysis.school
        self.name = self.school.info.name if self.school.info else "Établissement"
        self.divisions = sorted(year.divisions.values(), key=division_order)
        self.students = sorted(analysis.student_divisions.get(year.id, {}),
                               key=lambda s: self.school.students[s].sort_name if s in self.school.students else s)
        self.periods = year.sorted_periods()

    def doc(self, kind: str, title: str, sections: tuple[Section, ...], subtitle: str = "") -> Document:
        return Document(kind, title, self.name, self.year.id, sections, subtitle)

    def student_label(self, student_id: str) -> str:
        student = self.school.students.get(student_id)
        return f"{student.last_name} {student.first_name} ({student_id})" if student else student_id

    def all(self) -> list[Page]:
        builders: list[Callable[[], list[Page]]] = [self.index, self.reports, self.division_pages, self.group_pages,
                                                    self.student_pages, self.period_pages]
        return [page for build in builders for page in build()]

    def index(self) -> list[Page]:
        budget = budget_table(self.analysis, self.year)
        sessions = sum(len(s) for s in self.year.sessions.values())
        facts = Facts((("Établissement", self.name), ("UAI", self.school.info.uai if self.school.info else ""),
                       ("Année scolaire", self.year.id), ("Divisions", str(len(self.divisions))),
                       ("Élèves", str(len(self.students))), ("Groupes", str(len(self.year.groups))),
                       ("Périodes", str(len(self.periods))), ("Séances", str(sessions))))
        chart = Chart("bars", "Heures par division : budget de l'année et réalisé", tuple(r[0] for r in budget.rows),
                      (Series("budget (h)", tuple(float(r[2]) for r in budget.rows)),
                       Series("réalisé (h)", tuple(float(r[4]) for r in budget.rows))), "h", budget)
        blocks = (facts, Paragraph("Ce site rassemble les rapports de l'accompagnement personnalisé de l'année."),
                  chart) if budget.rows else (facts, Paragraph("Aucune division cette année."))
        links = (("Rapports", NAV[1:]),)
        return [Page(INDEX, self.doc("site", "Accompagnement personnalisé", (Section("L'année", blocks),)), links)]

    def reports(self) -> list[Page]:
        """The year's reports of the whole scheme, as ``aptui report`` computes them."""
        return [Page(SCHEME, dispositif_document(self.analysis, self.year)),
                Page(STUDENT_HOURS, student_hours_document(self.analysis, self.year)),
                Page(TEACHER_HOURS, teacher_hours_document(self.analysis, self.year))]

    def division_pages(self) -> list[Page]:
        budget = budget_table(self.analysis, self.year)
        listing = Page(DIVISIONS, self.doc("site", "Divisions", (Section("", (budget,)),)),
                       (("Divisions", tuple((d.id, page_name("division", d.id)) for d in self.divisions)),))
        pages = [listing]
        everyone = students_table(self.analysis, self.year)
        for division in self.divisions:
            row = next((r for r in budget.rows if r[0] == division.id), None)
            facts = Facts((("Niveau", v.LEVELS.get(division.level, division.level)), ("Formation", division.formation),
                           ("Élèves", str(len(division.students))),
                           ("Budget de l'année", f"{row[2]} h" if row else "—"),
                           ("Réalisé", f"{row[4]} h" if row else "—")))
            members = Table(f"Élèves de {division.id}", everyone.columns,
                            tuple(r for r in everyone.rows if r[3] == division.id))
            groups = sorted({(p, g) for (p, g), group in self.year.groups.items()
                             if set(group.students) & set(division.students)},
                            key=lambda k: (self._period_rank(k[0]), k[1]))
            links = (("Élèves", tuple(sorted(((self.student_label(s), page_name("eleve", s)) for s in division.students
                                             if s in self.school.students), key=lambda link: link[0].casefold()))),
                     ("Groupes de ses élèves", tuple((f"{p} · {g}", page_name("groupe", p, g)) for p, g in groups)))
            doc = self.doc("division", f"Division {division.id}", (Section("", (facts, members)),))
            pages.append(Page(page_name("division", division.id), doc, links))
        return pages

    def _period_rank(self, period_id: str) -> int:
        return next((i for i, p in enumerate(self.periods) if p.id == period_id), len(self.periods))

    def group_pages(self) -> list[Page]:
        keys = sorted(self.year.groups, key=lambda k: (self._period_rank(k[0]), k[1]))
        listing = Page(GROUPS, self.doc("site", "Groupes", (Section("", (groups_table(self.analysis, self.year),)),)),
                       tuple((f"Période {p.id}", tuple((g.id, page_name("groupe", p.id, g.id))
                                                        for g in sorted(self.year.groups_of(p.id), key=lambda g: g.id)))
                             for p in self.periods if self.year.groups_of(p.id)))
        pages = [listing]
        stays = {p.id: composition(self.analysis, self.year, p.id) for p in self.periods}
        for period_id, group_id in keys:
            group = self.year.groups[(period_id, group_id)]
            rows = tuple((r[9], r[10], r[11], r[12], r[13], r[14]) for r in stays[period_id].rows if r[0] == group_id)
            members = Table("Élèves (avec leurs dates dans le groupe)", ("division", "id", "nom", "prénom", "du", "au"), rows)
            doc = self.doc("groupe", f"Groupe {group_id}", (Section("", (self._group_facts(group), members,
                                                                           self._sessions(group))),),
                           subtitle=f"{group.title} — période {period_id}")
            links = (("Élèves", tuple(sorted(((self.student_label(s), page_name("eleve", s)) for s in {r[1] for r in rows}
                                             if s in self.school.students), key=lambda link: link[0].casefold()))),
                     ("Voir aussi", ((f"Période {period_id}", page_name("periode", period_id)),)))
            pages.append(Page(page_name("groupe", period_id, group_id), doc, links))
        return pages

    def _group_facts(self, group: Group) -> Facts:
        barrette = self.year.barrettes.get(group.barrette)
        slot = (f"{v.WEEKDAYS[barrette.weekday]} {clock(barrette.start_minute)}–"
                f"{clock(barrette.start_minute + barrette.duration)}" if barrette else "—")
        hours = self.analysis.ledger.group_hours.get((self.year.id, group.period, group.id), 0.0)
        return Facts((("Type", v.CONTENT_TYPE_LABELS.get(group.content_type, group.content_type)),
                      ("Barrette", f"{group.barrette} ({slot})"), ("Enseignants", teacher_names(self.analysis, group.teachers)),
                      ("Heures assurées", f"{number(round(hours, 1))} h")))

    def _sessions(self, group: Group) -> Table:
        rows = []
        for session in sorted(self.year.sessions.get((group.period, group.id), ()), key=lambda s: s.day):
            counts = {k: sum(1 for x in session.attendance.values() if x == k) for k in v.ATTENDANCE_LABELS}
            marked = sum(counts.values())
            rate = f"{(counts['present'] + counts['retard']) / marked:.0%}" if marked else "—"
            rows.append((session.day.isoformat(), session.activity, counts["present"], counts["retard"],
                         counts["absent"], counts["excuse"], rate))
        return Table("Séances", ("date", "activité", "présents", "retards", "absents", "excusés", "présence"), tuple(rows))

    def student_pages(self) -> list[Page]:
        listing = Page(STUDENTS, self.doc("site", "Élèves", (Section("", (students_table(self.analysis, self.year),)),)),
                       (("Élèves", tuple((self.student_label(s), page_name("eleve", s)) for s in self.students
                                         if s in self.school.students)),))
        return [listing, *(page for page in map(self.student_page, self.students) if page is not None)]

    def student_page(self, student_id: str) -> Page | None:
        """The follow-up sheet of one student this year."""
        student = self.school.students.get(student_id)
        if student is None:
            return None
        division = self.analysis.student_divisions.get(self.year.id, {}).get(student_id, "—")
        doc = fiche_document(self.analysis, self.year, student_id)
        groups = sorted({(p, g.id) for (p, _), g in self.year.groups.items() if student_id in
                         self.analysis.membership(self.year.id, p).everyone_ever(g.id)},
                        key=lambda k: (self._period_rank(k[0]), k[1]))
        links = (("Voir aussi", ((f"Division {division}", page_name("division", division)),
                                 *((f"{p} · {g}", page_name("groupe", p, g)) for p, g in groups))),)
        return Page(page_name("eleve", student_id), doc, links)

    def period_pages(self) -> list[Page]:
        dates = Table("Périodes", ("période", "début", "fin", "groupes", "bilans"),
                      tuple((p.id, p.start.isoformat(), p.end.isoformat(), len(self.year.groups_of(p.id)),
                             len(self.year.bilans.get(p.id, {}))) for p in self.periods))
        pages = [Page(PERIODS, self.doc("site", "Périodes", (Section("", (dates,)),)),
                      (("Périodes", tuple((p.id, page_name("periode", p.id)) for p in self.periods)),))]
        return pages + [self.period_page(period) for period in self.periods]

    def period_page(self, period: Period) -> Page:
        """The review of one period: attendance per group, hours against the pace, the bilans."""
        doc = bilan_document(self.analysis, self.year, period.id)
        links = (("Groupes", tuple((g.id, page_name("groupe", period.id, g.id))
                                   for g in sorted(self.year.groups_of(period.id), key=lambda g: g.id))),)
        return Page(page_name("periode", period.id), doc, links)
