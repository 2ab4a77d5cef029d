"""Every reference resolves: students, divisions, groups, teachers, barrettes, periods.

APT201 (duplicate ids) and APT208 (file name vs id) come from the builder.

A reference to what a file that exists but could not be read would define
(``School.unreadable``: a student file with a YAML error, a scalar
staff.yaml) is not "unknown": it waits on that file.  All the references
waiting on one file make one warning on it (APT211), which says how many and
where, instead of one error at each of them advising to create a file that
exists.  Each part yields (subject, diagnostic) pairs; ``check`` decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, Loc, error, warning
from aptui.model.analysis import Analysis
from aptui.model.entities import School, Year
from aptui.rules.common import who

CODES = {
    "APT201": "identifiant défini deux fois",
    "APT202": "élève inconnu",
    "APT203": "division inconnue",
    "APT204": "groupe inconnu",
    "APT205": "enseignant inconnu",
    "APT206": "barrette inconnue",
    "APT207": "période inconnue",
    "APT208": "nom de fichier différent de l'identifiant",
    "APT209": "fichier sans année ou sans groupe",
    "APT210": "division d'un élève incohérente",
    "APT211": "références en attente d'un fichier illisible",
}

Subject = tuple[str, ...] | None  # what a reference names: ("student", id), ("teacher", id), ...
Ref = tuple[Subject, Diagnostic]


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    """Every unresolved reference, but those waiting on an unreadable file: one summary per such file."""
    school = analysis.school
    waiting: dict[str, list[Diagnostic]] = {}
    for subject, diagnostic in _references(analysis):
        path = _waits_on(school, subject)
        if path is None:
            yield diagnostic
        else:
            waiting.setdefault(path, []).append(diagnostic)
    for path, held in sorted(waiting.items()):
        yield _waiting_summary(path, held)


def _waits_on(school: School, subject: Subject) -> str | None:
    """The unreadable file that would define the subject of a reference, if any."""
    if subject is None or not school.unreadable:
        return None
    if subject[0] == "teacher":
        return school.unreadable.get(("staff",))
    return school.unreadable.get(subject)


def _waiting_summary(path: str, held: list[Diagnostic]) -> Diagnostic:
    files = sorted({d.loc.path for d in held})
    shown = ", ".join(files[:3]) + (f" et {len(files) - 3} autre(s)" if len(files) > 3 else "")
    return warning(
        "APT211",
        f"{len(held)} référence(s) à ce fichier ne sont pas vérifiées tant qu'il est illisible "
        f"({len(files)} fichier(s) : {shown}) : corrigez d'abord l'erreur de ce fichier, elles le seront ensuite",
        Loc(path, 1, 1),
    )


def _references(analysis: Analysis) -> Iterator[Ref]:
    """By part (model/memo.py): the school's files, each year's own files, each period's files."""
    school = analysis.school
    every_year = tuple(analysis.inputs(year_id).divisions for year_id in school.years)
    yield from analysis.part("references", (analysis.school_token, *every_year), lambda: list(_school_refs(school)))
    for year in school.years.values():
        inputs = analysis.inputs(year.id)
        previous = f"{int(year.id[:4]) - 1}-{year.id[:4]}"
        before = analysis.inputs(previous).divisions if previous in school.years else None
        yield from analysis.part(
            ("references", year.id), (analysis.school_token, inputs.header, inputs.divisions, before),
            lambda year=year: [*_year_own_refs(school, year), *_plain(_division_consistency(school, year, analysis))],
        )
        period_ids = {p.id for p in year.periods}
        periods = {p for p, _ in year.groups} | {p for p, _ in year.sessions_src} | set(year.bilans)
        for period in sorted(periods):
            following = year.next_period(period)
            yield from analysis.part(
                ("references", year.id, period),
                (analysis.school_token, inputs.header, inputs.of_groups(period), inputs.of_sessions(period),
                 inputs.of_bilans(period), inputs.of_groups(following.id if following else None)),
                lambda year=year, period=period, period_ids=period_ids: list(
                    _period_refs(school, year, period, period_ids)
                ),
            )


def _unknown_student(student: str, loc: Loc) -> Ref:
    return ("student", student), error(
        "APT202",
        f"élève inconnu « {student} » : créez students/{student}.yaml ou corrigez l'identifiant",
        loc,
    )


def _unknown_teacher(teacher: str, loc: Loc) -> Ref:
    return ("teacher", teacher), error(
        "APT205", f"enseignant inconnu « {teacher} » : ajoutez-le à staff.yaml ou corrigez l'identifiant", loc
    )


def _plain(diagnostics: Iterable[Diagnostic]) -> Iterator[Ref]:
    """Diagnostics that wait on nothing."""
    for diagnostic in diagnostics:
        yield None, diagnostic


def _school_refs(school: School) -> Iterator[Ref]:
    if school.info and school.info.pilote and school.info.pilote not in school.teachers:
        yield _unknown_teacher(school.info.pilote, school.info.src.of(v.PILOTE))
    for student in school.students.values():
        if student.tutor and student.tutor not in school.teachers:
            yield _unknown_teacher(student.tutor, student.src.of(v.TUTOR))
        for interview in student.interviews:
            if interview.teacher and interview.teacher not in school.teachers:
                yield _unknown_teacher(interview.teacher, interview.src.of(v.TEACHER))
        for year_id, division in student.divisions.items():
            year = school.years.get(year_id)
            if year is not None and division not in year.divisions:
                yield ("division", year_id, division), error(
                    "APT203",
                    f"division inconnue « {division} » en {year_id} : créez "
                    f"years/{year_id}/divisions/{division}.yaml ou corrigez la division de l'élève",
                    student.src.of(v.DIVISIONS),
                )


def _year_own_refs(school: School, year: Year) -> Iterator[Ref]:
    """The references of year.yaml and of the division files."""
    period_ids = {p.id for p in year.periods}
    for barrette in year.barrettes.values():
        for division in barrette.divisions:
            if division not in year.divisions:
                yield ("division", year.id, division), error(
                    "APT203",
                    f"la barrette {barrette.id} cite une division inconnue « {division} » : "
                    f"créez years/{year.id}/divisions/{division}.yaml ou retirez-la",
                    barrette.src.of(v.DIVISIONS),
                )
    for exemption in year.exemptions:
        if exemption.student not in school.students:
            yield _unknown_student(exemption.student, exemption.src.of(v.STUDENT))
        for period in exemption.periods or ():
            if period not in period_ids:
                yield _unknown_period(period, year, exemption.src.of(v.PERIODS))
    for div in year.divisions.values():
        for student, loc in zip(div.students, div.student_locs, strict=False):
            if student not in school.students:
                yield _unknown_student(student, loc)
        if div.previous:
            previous_year = f"{int(year.id[:4]) - 1}-{year.id[:4]}"
            known = school.years.get(previous_year)
            if known is not None and div.previous not in known.divisions:
                yield ("division", previous_year, div.previous), error(
                    "APT203",
                    f"division précédente inconnue « {div.previous} » en {previous_year} : "
                    "corrigez « precedente »",
                    div.src.of(v.PREVIOUS),
                )


def _period_refs(school: School, year: Year, period: str, period_ids: set[str]) -> Iterator[Ref]:
    """The references of one period's group, sessions and bilans files."""
    for (group_period, _group_id), group in year.groups.items():
        if group_period != period:
            continue
        if period not in period_ids:
            yield _unknown_period(period, year, group.src.loc)
        if group.barrette not in year.barrettes:
            yield None, error(
                "APT206",
                f"barrette inconnue « {group.barrette} » : barrettes de {year.id} : "
                f"{', '.join(sorted(year.barrettes)) or 'aucune'}",
                group.src.of(v.BARRETTE),
            )
        for teacher in group.teachers:
            if teacher not in school.teachers:
                yield _unknown_teacher(teacher, group.src.of(v.TEACHERS))
        for student, loc in zip(group.students, group.student_locs):
            if student not in school.students:
                yield _unknown_student(student, loc)
        for arrival in group.arrivals:
            if arrival.student not in school.students:
                yield _unknown_student(arrival.student, arrival.src.of(v.STUDENT))
            if (period, arrival.from_group) not in year.groups:
                yield _unknown_group(arrival.from_group, year, period, arrival.src.of(v.FROM_GROUP))
    yield from _sessions_refs(school, year, period, period_ids)
    yield from _bilans_refs(school, year, period, period_ids)


def _sessions_refs(school: School, year: Year, only: str, period_ids: set[str]) -> Iterator[Ref]:
    for (period, group_id), located in year.sessions_src.items():
        if period != only:
            continue
        if period not in period_ids:
            yield _unknown_period(period, year, located.loc)
        elif (period, group_id) not in year.groups:
            yield ("group", year.id, period, group_id), error(
                "APT209",
                f"séances d'un groupe inexistant « {group_id} » en {period} : créez "
                f"years/{year.id}/groups/{period}/{group_id}.yaml ou renommez ce fichier",
                located.loc,
            )
        for session in year.sessions.get((period, group_id), ()):
            for student in session.attendance:  # the marks' lines are made only for a diagnostic
                if student not in school.students:
                    yield _unknown_student(student, session.attendance_lines[student])


def _bilans_refs(school: School, year: Year, only: str, period_ids: set[str]) -> Iterator[Ref]:
    for period, bilans in year.bilans.items():
        if period != only:
            continue
        if period not in period_ids:
            yield _unknown_period(period, year, year.bilans_src[period].loc)
            continue
        for bilan in bilans.values():  # a bilan's target group: rules/bilan_targets.py
            if bilan.student not in school.students:
                yield _unknown_student(bilan.student, bilan.src.loc)
            if bilan.author and bilan.author not in school.teachers:
                yield _unknown_teacher(bilan.author, bilan.src.of(v.AUTHOR))


def _unknown_period(period: str, year: Year, loc: Loc) -> Ref:
    known = ", ".join(p.id for p in year.periods) or "aucune"
    return None, error(
        "APT207",
        f"période inconnue « {period} » : périodes de years/{year.id}/year.yaml : {known}",
        loc,
    )


def _unknown_group(group: str, year: Year, period: str, loc: Loc) -> Ref:
    return ("group", year.id, period, group), error(
        "APT204", f"groupe inconnu « {group} » en {period} : créez-le ou corrigez l'identifiant", loc
    )


def _division_consistency(school: School, year: Year, analysis: Analysis) -> Iterator[Diagnostic]:
    """A student is in one division per year, the one their own file names."""
    seen: dict[str, str] = {}
    for division in sorted(year.divisions.values(), key=lambda d: d.id):
        for student_id, loc in zip(division.students, division.student_locs):
            if student_id in seen:
                yield error(
                    "APT210",
                    f"{who(school, student_id)} est dans deux divisions ({seen[student_id]} et "
                    f"{division.id}) : retirez-le de l'une",
                    loc,
                )
                continue
            seen[student_id] = division.id
            student = school.students.get(student_id)
            if student is None:
                continue
            declared = student.divisions.get(year.id)
            if declared != division.id:
                yield error(
                    "APT210",
                    f"{who(school, student_id)} figure dans {division.id} mais son fichier indique "
                    f"« {declared or 'aucune division'} » pour {year.id} : mettez les deux d'accord",
                    loc,
                )
