"""Which existing student an exported row is.

In order: the same INE; the same name and birth date; the same name alone
when only one student has it (homonyms are told apart by their division this
year).  A student is matched once: a second row for the same student is
reported, never merged.  Names are compared without accents, case or
punctuation (« Léa-Marie » = « LEA MARIE »).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from aptui.imports.existing import KnownStudent
from aptui.imports.rows import RowProblem, StudentRow
from aptui.imports.text import person_key


@dataclass(frozen=True, slots=True)
class Matched:
    row: StudentRow
    student: KnownStudent | None  # None: a new student
    how: str  # « INE », « nom et date de naissance », « nom », « nouveau »


def match_rows(rows: Iterable[StudentRow], known: Mapping[str, KnownStudent],
               year: str) -> tuple[list[Matched], list[RowProblem]]:
    by_ine = {s.ine: s for s in known.values() if s.ine}
    by_name: dict[str, list[KnownStudent]] = defaultdict(list)
    for student in known.values():
        by_name[person_key(student.last_name, student.first_name)].append(student)
    claimed: dict[str, int] = {}  # student id -> line of the row that matched it
    seen_ine: dict[str, int] = {}
    matches: list[Matched] = []
    problems: list[RowProblem] = []
    for row in rows:
        if row.ine and row.ine in seen_ine:
            problems.append(RowProblem(row.line, f"{row.display} : INE {row.ine} déjà vu ligne {seen_ine[row.ine]}"))
            continue
        found = _find(row, by_ine, by_name, claimed, year)
        if isinstance(found, RowProblem):
            problems.append(found)
            continue
        match, how = found
        if match is not None and match.id in claimed:
            problems.append(RowProblem(
                row.line, f"{row.display} : même élève que ligne {claimed[match.id]} ({match.id}) : "
                          "une seule ligne par élève"))
            continue
        if row.ine:
            seen_ine[row.ine] = row.line
        if match is not None:
            claimed[match.id] = row.line
        matches.append(Matched(row, match, how))
    return matches, problems


def _find(row: StudentRow, by_ine: Mapping[str, KnownStudent], by_name: Mapping[str, list[KnownStudent]],
          claimed: Mapping[str, int], year: str) -> tuple[KnownStudent | None, str] | RowProblem:
    if row.ine and row.ine in by_ine:
        return by_ine[row.ine], "INE"
    named = [s for s in by_name.get(person_key(row.last_name, row.first_name), ()) if _compatible(s, row)]
    if row.birth_date is not None:
        same_day = [s for s in named if s.birth_date == row.birth_date]
        if len(same_day) == 1:
            return same_day[0], "nom et date de naissance"
    candidates = [s for s in named if s.id not in claimed]
    if len(candidates) > 1:
        here = [s for s in candidates if s.divisions.get(year) == row.division]
        candidates = here if len(here) == 1 else candidates
    if len(candidates) > 1:
        ids = ", ".join(s.id for s in candidates)
        return RowProblem(row.line, f"{row.display} : plusieurs élèves portent ce nom ({ids}) : "
                                    "ajoutez l'INE ou la date de naissance à l'export (réglage « donnees_eleves »)")
    if candidates:
        return candidates[0], "nom"
    return None, "nouveau"


def _compatible(student: KnownStudent, row: StudentRow) -> bool:
    """A stored INE or birth date that differs from the row's says it is someone else."""
    if student.ine and row.ine and student.ine != row.ine:
        return False
    return not (student.birth_date and row.birth_date and student.birth_date != row.birth_date)
