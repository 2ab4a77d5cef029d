"""`aptui history STUDENT_ID [PATH]`: a student's groups period by period, with the bilans."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tabulate import tabulate

from aptui import vocab as v
from aptui.cli.common import UsageError, open_school, usage_error
from aptui.model.analysis import Analysis
from aptui.reports.history import student_timeline

if TYPE_CHECKING:
    from aptui.gitsync.history import StudentHistoryQuery


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "history", help="parcours d'un élève : groupes période par période, bilans",
        description="Le parcours d'un élève dans l'AP : groupe de chaque période, changements datés, bilans.",
    )
    parser.add_argument("student", metavar="ID_ÉLÈVE", help="identifiant de l'élève (ex. e2024-017)")
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    parser.add_argument("--no-git", action="store_true", help="ne pas lire l'historique git (qui a changé quoi)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # the searches of the git log run (in git processes) while the school loads
    query = None if args.no_git else _start_git_history(args.path, args.student)
    try:
        result = open_school(args.path)
    except UsageError as exc:
        return usage_error(str(exc))
    school = result.school
    student = school.students.get(args.student)
    if student is None:
        matches = [s for s in school.students.values()
                   if args.student.casefold() in f"{s.first_name} {s.last_name}".casefold()]
        hint = ("; voulez-vous dire : " + ", ".join(f"{s.id} ({s.display})" for s in matches[:5])) if matches else ""
        return usage_error(f"élève « {args.student} » inconnu{hint}")
    divisions = ", ".join(f"{d} ({y})" for y, d in sorted(student.divisions.items()))
    print(f"{student.display} ({student.id}) — {divisions}")
    profiles = ", ".join(f"{y} : {v.PROFILE_LABELS.get(p, p)}" for y, p in sorted(student.profiles.items()))
    if profiles:
        print(f"Profils : {profiles}")
    if student.left_on:
        print(f"Sorti le {student.left_on:%d/%m/%Y}")
    rows = [(line.year, line.period, line.dates, line.division, line.groups, line.bilan)
            for line in student_timeline(Analysis(school), student.id)]
    print()
    print(tabulate(rows, headers=("année", "période", "dates", "division", "groupe(s)", "bilan"),
                   tablefmt="simple", maxcolwidths=[None, None, None, None, 40, 50]))
    if not args.no_git:
        if query is None or query.student_id != student.id:
            query = _start_git_history(args.path, student.id)
        _print_git_history(query)
    return 0


def _start_git_history(path: str, student_id: str) -> StudentHistoryQuery:
    from aptui.gitsync.history import StudentHistoryQuery

    return StudentHistoryQuery(Path(path), student_id)


def _print_git_history(query: StudentHistoryQuery) -> None:
    """Who changed what about this student, when (from git), if the school is a git repository."""
    entries = query.entries()
    if not entries:
        return
    print("\nModifications (git) :")
    for entry in entries:
        print(f"  {entry.date}  {entry.author:<20}  {entry.commit[:8]}  {entry.description}")
