"""The outcome of an import in French: printed before anything is written, and the commit message."""

from __future__ import annotations

from pathlib import PurePath

from aptui.imports.plan import LEFT, NEW, UNCHANGED, UPDATED, ImportOutcome, StudentOutcome


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def headline(outcome: ImportOutcome) -> str:
    left = len(outcome.of_kind(LEFT)) + (len(outcome.absent) if outcome.absent_marked else 0)
    parts = [
        plural(len(outcome.of_kind(NEW)), "nouvel élève", "nouveaux élèves"),
        plural(len(outcome.of_kind(UPDATED)), "mis à jour", "mis à jour"),
        plural(left, "sorti", "sortis"),
        plural(len(outcome.of_kind(UNCHANGED)), "inchangé", "inchangés"),
        plural(len(outcome.problems), "ligne illisible", "lignes illisibles"),
    ]
    return f"Import {outcome.read.kind} {outcome.year} : " + ", ".join(parts)


def summary_text(outcome: ImportOutcome) -> str:
    """The headline, then one line per student changed, per absent student and per row not read."""
    lines = [headline(outcome), "", f"Fichier : {_file_name(outcome.read.source)}"]
    lines += [f"Lu : {note}" for note in outcome.read.notes]
    if outcome.new_divisions:
        created = ", ".join(f"{d.id} ({d.level} {d.formation})" for d in outcome.new_divisions)
        lines.append(f"Divisions créées : {created}")
    for kind, title in ((NEW, "Nouveaux élèves"), (UPDATED, "Mis à jour"), (LEFT, "Sortis")):
        lines += _section(title, outcome.of_kind(kind))
    if outcome.absent:
        title = "Absents de l'export, marqués sortis" if outcome.absent_marked else \
            "Absents de l'export, NON marqués sortis (confirmez, ou relancez avec --yes)"
        lines += _section(title, list(outcome.absent))
    if outcome.problems:
        lines += ["", f"Lignes non lues ({len(outcome.problems)}) :"]
        lines += [f"  {problem.text()}" for problem in outcome.problems]
    return "\n".join(lines)


def _section(title: str, students: list[StudentOutcome]) -> list[str]:
    if not students:
        return []
    lines = ["", f"{title} ({len(students)}) :"]
    for student in sorted(students, key=lambda s: (s.division or "", s.id)):
        lines.append(f"  {student.id} {student.display} : {', '.join(student.details)}")
    return lines


def _file_name(source: str) -> str:
    """The file's name without the folders it sat in (they mean nothing to a reviewer)."""
    name, sep, member = source.partition(" (")
    return PurePath(name).name + (sep + member if sep else "")
