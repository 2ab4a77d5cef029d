"""`aptui report KIND ...`: the school's tables and documents, in a text format or a file.

Kinds: budget, students, groups, attendance (tables), fiche ÉLÈVE, bilan PÉRIODE,
dispositif [ANNÉE], heures-eleves, heures-enseignants (documents).  Every kind
takes ``--format`` (text, markdown, csv, json and the formats other modules
register, aptui/reports/formats.py), ``-o FICHIER`` and ``--table N``.  Reports
are for readers: they show names (not in ``MASKED_COMMANDS``); messages on
standard error name students by id only.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from aptui.cli.common import UsageError, open_school, usage_error
from aptui.cli.report_output import OutputError, emit
from aptui.model.analysis import Analysis
from aptui.model.entities import School, Year
from aptui.reports.document import Document, Section
from aptui.reports.render_pdf import PrintError
from aptui.reports.tables import REPORTS, Table, pick_year, render

KIND_HELP = ("budget (heures par division), students (élèves), groups (groupes), attendance (assiduité), "
             "fiche (fiche de suivi d'un élève), bilan (revue d'une période), dispositif (évaluation de l'année), "
             "heures-eleves (heures reçues par élève), heures-enseignants (heures par enseignant, HSA/HSE)")
TABLE_TITLES = {"budget": "Budget horaire", "students": "Élèves", "groups": "Groupes", "attendance": "Assiduité"}
YEAR_PATTERN = re.compile(r"^\d{4}-\d{4}$")
Builder = Callable[[Analysis, Year, argparse.Namespace], Document]


def _options(parser: argparse.ArgumentParser, period: bool = True) -> None:
    parser.add_argument("--year", metavar="AAAA-AAAA", help="année scolaire (défaut : la dernière)")
    if period:
        parser.add_argument("--period", metavar="PÉRIODE", help="limiter à une période (ex. P2)")
    parser.add_argument("--format", metavar="FORMAT",
                        help="text (défaut), markdown, csv, json, ou un format de fichier (html, pdf, ods, xlsx "
                             "s'ils sont installés) ; défaut : d'après l'extension de -o")
    parser.add_argument("-o", "--output", metavar="FICHIER", help="écrire dans ce fichier (sinon : la sortie standard)")
    parser.add_argument("--table", type=int, metavar="N", help="seulement le N-ième tableau (1 = le premier)")


def _path(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report", help="rapports : fiche élève, bilan de période, dispositif, heures, tableaux",
        description="Rapports de l'école, calculés comme aptui validate. " + KIND_HELP,
    )
    kinds = parser.add_subparsers(dest="kind", metavar="TYPE", required=True, parser_class=type(parser))
    for name, title in TABLE_TITLES.items():
        sub = kinds.add_parser(name, help=title.lower(), description=f"{title} (tableau).")
        _path(sub)
        _options(sub)
        sub.set_defaults(run=run, build=None)
    fiche = kinds.add_parser("fiche", help="fiche de suivi d'un élève (conseil de classe, famille)",
                             description="Fiche de suivi : identité, profils, besoins, diagnostics, entretiens, "
                                         "contrat, groupes et changements datés, heures, assiduité, bilans. "
                                         "--division ou --groupe : une fiche par élève, une page chacune.")
    fiche.add_argument("targets", nargs="*", metavar="ÉLÈVE [DOSSIER]",
                       help="identifiant ou nom de l'élève, puis le dossier de l'école (défaut : .)")
    fiche.add_argument("--division", metavar="DIVISION", help="les fiches de tous les élèves d'une division")
    fiche.add_argument("--groupe", metavar="GROUPE", help="les fiches des élèves d'un groupe (de --period, ou de "
                                                          "la dernière période où il existe)")
    _options(fiche)
    fiche.set_defaults(run=run, build=_fiche)
    review = kinds.add_parser("bilan", help="revue d'une période pour la réunion d'équipe",
                              description="Qui change de groupe et pourquoi, qui n'a pas de bilan, assiduité par "
                                          "groupe, heures par division contre le rythme, élèves à suivre.")
    review.add_argument("period", metavar="PÉRIODE", help="la période (ex. P2)")
    _path(review)
    _options(review, period=False)
    review.set_defaults(run=run, build=_review)
    scheme = kinds.add_parser("dispositif", help="évaluation du dispositif sur une année",
                              description="Heures faites contre le budget (division, cycle, enseignant), "
                                          "assiduité par type et par groupe, transitions entre types, profils, "
                                          "élèves sans bilan, sorties sans qualification.")
    scheme.add_argument("targets", nargs="*", metavar="[ANNÉE] [DOSSIER]", help="l'année (AAAA-AAAA), le dossier")
    _options(scheme, period=False)
    scheme.set_defaults(run=run, build=_scheme)
    students = kinds.add_parser("heures-eleves", help="heures reçues par élève contre les heures dues",
                                description="Heures prévues et suivies par élève contre ce que le référentiel "
                                            "promet au prorata des semaines de cours (PFMP exclues) ; les élèves "
                                            "sous le seuil heures_eleve de school.yaml (APT410/APT411).")
    _path(students)
    _options(students, period=False)
    students.add_argument("--au", metavar="AAAA-MM-JJ", type=_day,
                          help="compter jusqu'à ce jour (défaut : la semaine du dernier appel)")
    students.set_defaults(run=run, build=_students)
    teachers = kinds.add_parser("heures-enseignants", help="heures par enseignant (HSA/HSE)",
                                description="Heures prévues et faites par enseignant, par division et par "
                                            "période ; la co-animation compte pour chaque enseignant.")
    _path(teachers)
    _options(teachers)
    teachers.set_defaults(run=run, build=_teachers)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date « {text} » invalide : écrivez AAAA-MM-JJ (ex. 2026-01-16)") from None


def _split_targets(args: argparse.Namespace, wanted: int) -> list[str]:
    """The kind's own operands (``wanted`` of them, some maybe absent), the school folder set in ``args.path``."""
    targets = list(getattr(args, "targets", []))
    if len(targets) > wanted + 1:
        raise UsageError(f"trop d'arguments : {' '.join(targets[wanted + 1:])}")
    args.path = targets[wanted] if len(targets) > wanted else "."
    return targets[:wanted]


def run(args: argparse.Namespace) -> int:
    try:
        _prepare(args)
        result = open_school(args.path)
    except UsageError as exc:
        return usage_error(str(exc))
    school = result.school
    analysis = Analysis(school)
    year = pick_year(analysis, args.year)
    if year is None:
        known = ", ".join(school.year_ids()) or "aucune"
        if args.year is None:
            return usage_error("l'école n'a encore aucune année (aptui init, ou aptui nouvelle-annee)")
        return usage_error(f"année « {args.year} » inconnue (années : {known})")
    period = getattr(args, "period", None)
    if period and year.period(period) is None:
        known = ", ".join(p.id for p in year.periods)
        return usage_error(f"période « {period} » inconnue en {year.id} (périodes : {known})")
    try:
        if args.build is None:
            code = _table(analysis, year, args)
        else:
            emit(args.build(analysis, year, args), args.format, args.output, args.table)
            code = 0
    except (UsageError, OutputError) as exc:
        return usage_error(str(exc))
    except PrintError as exc:  # Chromium missing or failing (printing)
        sys.stderr.write(f"aptui report : {exc}\n")
        return 1
    if result.errors:
        print(f"attention : l'école a {len(result.errors)} erreur(s) (aptui validate) ; "
              "les chiffres portent sur ce qui a pu être lu.", file=sys.stderr)
    return code


def _prepare(args: argparse.Namespace) -> None:
    """The positional operands of each kind, read before the school is opened."""
    if args.kind == "fiche":
        if args.division or args.groupe:
            _split_targets(args, 0)
            args.student = None
        else:
            found = _split_targets(args, 1)
            if not found:
                raise UsageError("donnez l'élève (identifiant ou nom), ou --division / --groupe")
            args.student = found[0]
    elif args.kind == "dispositif":
        targets = list(args.targets)
        if targets and YEAR_PATTERN.match(targets[0]):
            if args.year and args.year != targets[0]:
                raise UsageError(f"deux années : {targets[0]} et --year {args.year}")
            args.year = targets.pop(0)
        args.targets = targets
        _split_targets(args, 0)


def _table(analysis: Analysis, year: Year, args: argparse.Namespace) -> int:
    table = REPORTS[args.kind](analysis, year, args.period)
    if args.output is None and args.table in (None, 1) and args.format in (None, "text", "markdown", "csv", "json"):
        print(render(table, args.format or "text"))  # the historical output of the four tables
        return 0
    emit(table_document(analysis.school, year, args.kind, table), args.format, args.output, args.table)
    return 0


def table_document(school: School, year: Year, kind: str, table: Table) -> Document:
    """One of the four tables as a document (for the file formats)."""
    name = school.info.name if school.info else ""
    return Document(kind, table.title, name, year.id, (Section("", (table,)),))


def _fiche(analysis: Analysis, year: Year, args: argparse.Namespace) -> Document:
    from aptui.reports.fiche import SelectionError, fiche_document, select_students

    try:
        students = select_students(analysis, year, args.student, args.division, args.groupe, args.period)
    except SelectionError as exc:
        raise UsageError(str(exc)) from None
    return fiche_document(analysis, students, year, args.period)


def _review(analysis: Analysis, year: Year, args: argparse.Namespace) -> Document:
    from aptui.reports.period_review import period_review_document

    return period_review_document(analysis, year, args.period)


def _scheme(analysis: Analysis, year: Year, args: argparse.Namespace) -> Document:
    from aptui.reports.evaluation import evaluation_document

    return evaluation_document(analysis, year)


def _students(analysis: Analysis, year: Year, args: argparse.Namespace) -> Document:
    from aptui.reports.student_hours import student_hours_document

    return student_hours_document(analysis, year, args.au)


def _teachers(analysis: Analysis, year: Year, args: argparse.Namespace) -> Document:
    from aptui.reports.teacher_hours import teacher_hours_document

    return teacher_hours_document(analysis, year, args.period)
