"""The right of access: everything a school's repository holds about one student, as readable files.

``export_student(src, student, dest)`` writes into ``dest``:

* ``eleve.yaml``: the student's own file, byte for byte (identity, divisions,
  profiles, needs, diagnostics, interviews, contract, project...);
* ``groupes.yaml``: every group the student belonged to, period by period,
  with the dated arrivals and the reasons written about them;
* ``appel.yaml``: every attendance mark, with the session's date, group and
  activity (the session notes are about the whole group and stay out);
* ``bilans.yaml``: the student's end-of-period reviews;
* ``divisions.yaml`` and ``dispenses.yaml``: class lists and exemptions
  that name the student;
* ``historique.txt``: who changed the student's file in git, and when
  (when the school is a git repository);
* ``resume.md``: a short summary of the above, in French.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aptui import layout
from aptui import vocab as v
from aptui.layout import Kind
from aptui.load.guard import read_or_none
from aptui.privacy.anonymize import AnonymizeError, read_school, require_empty
from aptui.privacy.yamlout import dump


@dataclass
class AccessExport:
    """What was found about one student (the contents of the export's files)."""

    student: str
    file: bytes
    identity: Mapping[str, Any]
    groups: list[dict[str, Any]] = field(default_factory=list)
    marks: list[dict[str, Any]] = field(default_factory=list)
    bilans: list[dict[str, Any]] = field(default_factory=list)
    divisions: list[dict[str, Any]] = field(default_factory=list)
    exemptions: list[dict[str, Any]] = field(default_factory=list)


def collect(src: Path, student: str) -> AccessExport:
    """Everything the school's files say about ``student``; AnonymizeError if unknown."""
    documents = read_school(src)
    own = layout.student_path(student)
    if own not in documents:
        raise AnonymizeError(f"élève inconnu : {student} (pas de fichier {own})")
    raw = read_or_none(src, own)  # what the loader read: a regular school file within the limits
    if raw is None:
        raise AnonymizeError(f"{own} n'est pas lu par aptui (lien hors de l'école, fichier spécial ou trop gros)")
    found = AccessExport(student, raw, documents[own][1])
    for path, (role, data) in sorted(documents.items()):
        if role.kind is Kind.GROUP:
            _group(found, path, role, data)
        elif role.kind is Kind.SESSIONS:
            _sessions(found, path, role, data)
        elif role.kind is Kind.BILANS and isinstance(data.get(v.BILANS), Mapping):
            entry = data[v.BILANS].get(student)
            if entry is not None:
                found.bilans.append({"annee": role.year, "periode": role.period, "fichier": path, **entry})
        elif role.kind is Kind.DIVISION and student in (data.get(v.STUDENTS) or ()):
            found.divisions.append({"annee": role.year, "division": role.ident, "fichier": path})
        elif role.kind is Kind.YEAR:
            for entry in data.get(v.EXEMPTIONS) or ():
                if isinstance(entry, Mapping) and entry.get(v.STUDENT) == student:
                    found.exemptions.append({"annee": role.year, "fichier": path, **entry})
    return found


def _group(found: AccessExport, path: str, role: layout.FileRole, data: Mapping[str, Any]) -> None:
    student = found.student
    arrivals = [a for a in data.get(v.ARRIVALS) or () if isinstance(a, Mapping) and a.get(v.STUDENT) == student]
    found_reasons = data.get("motifs")
    reasons: Mapping[str, Any] = found_reasons if isinstance(found_reasons, Mapping) else {}
    if student not in (data.get(v.STUDENTS) or ()) and not arrivals and student not in reasons:
        return
    entry: dict[str, Any] = {"annee": role.year, "periode": role.period, "groupe": role.ident,
                             v.TITLE: data.get(v.TITLE), v.CONTENT_TYPE: data.get(v.CONTENT_TYPE),
                             v.TEACHERS: list(data.get(v.TEACHERS) or ()), "fichier": path}
    if arrivals:
        entry[v.ARRIVALS] = arrivals
    if student in reasons:
        entry["motif"] = reasons[student]
    found.groups.append(entry)


def _sessions(found: AccessExport, path: str, role: layout.FileRole, data: Mapping[str, Any]) -> None:
    for session in data.get(v.SESSIONS) or ():
        if not isinstance(session, Mapping):
            continue
        marks = session.get(v.ATTENDANCE)
        if isinstance(marks, Mapping) and found.student in marks:
            found.marks.append({v.DATE: session.get(v.DATE), "annee": role.year, "periode": role.period,
                                "groupe": role.ident, v.ACTIVITY: session.get(v.ACTIVITY),
                                "appel": marks[found.student], "fichier": path})


def export_student(src: Path, student: str, dest: Path) -> list[Path]:
    """Write the right-of-access export of one student into ``dest`` (new or empty); the files written."""
    src, dest = Path(src), Path(dest)
    found = collect(src, student)
    require_empty(dest)
    written = []

    def write(name: str, text: str | bytes) -> None:
        target = dest / name
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        written.append(target)

    write("eleve.yaml", found.file)
    write("groupes.yaml", dump({"groupes": found.groups}))
    write("appel.yaml", dump({"appel": found.marks}))
    write("bilans.yaml", dump({"bilans": found.bilans}))
    write("divisions.yaml", dump({"divisions": found.divisions}))
    write("dispenses.yaml", dump({"dispenses": found.exemptions}))
    history = git_history(src, layout.student_path(student))
    if history is not None:
        write("historique.txt", history)
    write("resume.md", summary(found, history is not None))
    return written


def git_history(src: Path, path: str) -> str | None:
    """The commits that changed the student's file (date, author, message), or None outside git."""
    try:
        proc = subprocess.run(["git", "log", "--follow", "--format=%ad  %an  %s", "--date=short", "--", path],
                              cwd=src, capture_output=True, text=True, check=False)
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout or "(aucun commit)\n"


def summary(found: AccessExport, has_history: bool) -> str:
    """resume.md: what the export holds, in a few lines."""
    identity = found.identity
    name = f"{identity.get(v.FIRST_NAME, '')} {identity.get(v.NAME, '')}".strip()
    marks = Counter(str(m["appel"]) for m in found.marks)
    lines = [
        f"# Données détenues sur {name} ({found.student})",
        "",
        "Export du droit d'accès (RGPD, article 15) produit par `aptui export --student`.",
        "",
        "| fichier | contenu |",
        "|---|---|",
        "| `eleve.yaml` | la fiche de l'élève telle qu'enregistrée (identité, divisions, profils, besoins, "
        f"diagnostics, {len(identity.get(v.INTERVIEWS) or ())} entretien(s), contrat, projet) |",
        f"| `groupes.yaml` | {len(found.groups)} appartenance(s) à un groupe de besoin, par période |",
        f"| `appel.yaml` | {len(found.marks)} marque(s) d'appel : "
        + (", ".join(f"{count} {mark}" for mark, count in sorted(marks.items())) or "aucune") + " |",
        f"| `bilans.yaml` | {len(found.bilans)} bilan(s) de fin de période |",
        f"| `divisions.yaml` | {len(found.divisions)} liste(s) de classe |",
        f"| `dispenses.yaml` | {len(found.exemptions)} dispense(s) |",
    ]
    if has_history:
        lines.append("| `historique.txt` | les modifications de la fiche dans git (date, auteur, message) |")
    lines += [
        "",
        "Les notes de séance concernent tout le groupe et ne sont pas reprises ; l'historique git garde "
        "les versions précédentes de ces fichiers (voir docs/privacy.md).",
        "",
    ]
    return "\n".join(lines)
