"""Group evolution: one group per barrette and period, changes explained.

* In each period, every student of a barrette's divisions is in exactly one
  group of that barrette, or exempted with a reason (year.yaml ``dispenses``).
* A student whose group changes between two periods has a bilan in the
  earlier period whose decision matches the new group.
* A change inside a period only through a dated arrival with a reason.
* A student who left appears in no later group or session.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, Loc, error, warning
from aptui.model.analysis import Analysis
from aptui.model.entities import Bilan, Group, Period, School, Year
from aptui.model.membership import PeriodMembership
from aptui.rules.common import french_date, who

CODES = {
    "APT501": "élève sans groupe ou dans deux groupes",
    "APT502": "changement de groupe sans bilan",
    "APT503": "décision du bilan contraire au nouveau groupe",
    "APT504": "changement en cours de période mal enregistré",
    "APT505": "élève sorti encore présent",
    "APT506": "décision du bilan non appliquée",
    "APT507": "élève hors des divisions de la barrette",
}


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    """By part (model/memo.py): each period, each pair of consecutive periods."""
    school = analysis.school
    for year in school.years.values():
        inputs = analysis.inputs(year.id)
        ordered = year.sorted_periods()
        for period in ordered:
            yield from analysis.part(
                ("evolution", year.id, period.id),
                (analysis.school_token, inputs.header, inputs.divisions, inputs.of_groups(period.id),
                 inputs.of_sessions(period.id)),
                lambda year=year, period=period: list(_period(analysis, year, period)),
            )
        for before, after in zip(ordered, ordered[1:]):
            yield from analysis.part(
                ("evolution", year.id, before.id, after.id),
                (analysis.school_token, inputs.header, inputs.of_groups(before.id), inputs.of_groups(after.id),
                 inputs.of_bilans(before.id), analysis.membership(year.id, before.id),
                 analysis.membership(year.id, after.id)),
                lambda year=year, before=before, after=after: list(_between_periods(
                    school, year, before, after,
                    analysis.membership(year.id, before.id), analysis.membership(year.id, after.id),
                )),
            )


def _period(analysis: Analysis, year: Year, period: Period) -> Iterator[Diagnostic]:
    school = analysis.school
    membership = analysis.membership(year.id, period.id)
    yield from _one_group_each(school, year, period, membership)
    yield from _arrival_chains(school, period, membership)
    yield from _left_students(school, year, period, membership)


def _exempted(year: Year, student: str, period: str) -> bool:
    return any(e.student == student and e.covers(period) for e in year.exemptions)


def _gone(school: School, student: str, day: date) -> bool:
    known = school.students.get(student)
    return known is not None and known.left_on is not None and known.left_on < day


def _not_yet_arrived(school: School, student: str, day: date) -> bool:
    """A student who joined during the year is not expected in a period over before their ``arrivee``."""
    known = school.students.get(student)
    return known is not None and known.arrived_on is not None and known.arrived_on > day


def _group_line(group: Group, student: str) -> Loc:
    for member, loc in zip(group.students, group.student_locs):
        if member == student:
            return loc
    return group.src.loc


def _one_group_each(
    school: School, year: Year, period: Period, membership: PeriodMembership
) -> Iterator[Diagnostic]:
    for barrette in year.barrettes.values():
        groups = [g for g in membership.groups.values() if g.barrette == barrette.id]
        if not groups:
            continue  # a period whose groups are not built yet is not an error
        expected: dict[str, Loc] = {}
        for division_id in barrette.divisions:
            division = year.divisions.get(division_id)
            for student, loc in zip(division.students, division.student_locs) if division else ():
                expected[student] = loc
        seen: dict[str, str] = {}
        in_no_group = (("group", year.id, period.id),)  # any group of the period may be theirs
        for group in sorted(groups, key=lambda g: g.id):
            for student, loc in zip(group.students, group.student_locs):
                if student in seen:
                    yield error(
                        "APT501",
                        f"{who(school, student)} est dans deux groupes de la barrette {barrette.id} en "
                        f"{period.id} ({seen[student]} et {group.id}) : retirez-le de l'un des deux",
                        loc,
                    )
                    continue
                seen[student] = group.id
                if student not in expected and student in school.students:
                    yield error(
                        "APT507",
                        f"{who(school, student)} n'est dans aucune division de la barrette {barrette.id} "
                        f"({', '.join(barrette.divisions)}) : placez-le dans un groupe de sa barrette",
                        loc, about=(("division", year.id),),  # their division's file may hold them
                    )
        for student, loc in expected.items():
            if student in seen or _exempted(year, student, period.id) or _gone(school, student, period.start) \
                    or _not_yet_arrived(school, student, period.end):
                continue
            left_on = membership.left_on.get(student)
            if left_on is not None and period.contains(left_on):
                if (student, barrette.id) in membership.left_unlisted or not _sessions_until(
                    year, period, groups, left_on
                ):
                    continue  # left during the period: their group until then is known, or none met
                yield error(
                    "APT501",
                    f"{who(school, student)}, sorti le {french_date(left_on)}, n'est dans aucun groupe de la "
                    f"barrette {barrette.id} en {period.id} alors que des séances ont eu lieu avant sa sortie : "
                    "remettez-le dans la liste « eleves » de son groupe (il n'en est plus membre après sa sortie)",
                    loc, about=in_no_group,
                )
                continue
            yield error(
                "APT501",
                f"{who(school, student)} n'est dans aucun groupe de la barrette {barrette.id} en "
                f"{period.id} : ajoutez-le à un groupe, ou déclarez une dispense motivée dans "
                f"years/{year.id}/year.yaml",
                loc, about=in_no_group,
            )


def _sessions_until(year: Year, period: Period, groups: list[Group], last_day: date) -> bool:
    """Whether a session of these groups took place in the period up to ``last_day``."""
    return any(
        session.day <= last_day
        for group in groups
        for session in year.sessions.get((period.id, group.id), ())
    )


def _arrival_chains(school: School, period: Period, membership: PeriodMembership) -> Iterator[Diagnostic]:
    for student, by_barrette in membership.steps.items():
        for barrette, steps in by_barrette.items():
            previous_to: str | None = None
            for step in steps:
                arrival = step.arrival
                loc = arrival.src.of(v.DATE)
                if not period.contains(arrival.day):
                    yield error(
                        "APT504",
                        f"arrivée de {who(school, student)} le {french_date(arrival.day)}, hors de la "
                        f"période {period.id} : datez-la dans la période",
                        loc,
                    )
                source = membership.groups.get(arrival.from_group)
                if arrival.from_group == step.to_group:
                    yield error("APT504", f"{who(school, student)} arrive dans son propre groupe : supprimez "
                                "cette arrivée", arrival.src.of(v.FROM_GROUP))
                elif source is not None and source.barrette != barrette:
                    yield error(
                        "APT504",
                        f"{who(school, student)} arrive de {source.id}, groupe d'une autre barrette : "
                        "un changement en cours de période reste dans la même barrette",
                        arrival.src.of(v.FROM_GROUP),
                    )
                elif previous_to is not None and arrival.from_group != previous_to:
                    yield error(
                        "APT504",
                        f"{who(school, student)} arrive de {arrival.from_group} alors qu'il était dans "
                        f"{previous_to} depuis l'arrivée précédente : corrigez « depuis »",
                        arrival.src.of(v.FROM_GROUP),
                    )
                previous_to = step.to_group
            end = membership.end_group(student, barrette)
            if previous_to is not None and end != previous_to:
                last = steps[-1].arrival
                yield error(
                    "APT504",
                    f"{who(school, student)} est arrivé dans {previous_to} le {french_date(last.day)} mais "
                    f"n'est plus dans sa liste « eleves » (groupe final : {end or 'aucun'}) : tout "
                    "changement en cours de période s'enregistre par une arrivée datée et motivée",
                    last.src.loc,
                )


def _left_students(
    school: School, year: Year, period: Period, membership: PeriodMembership
) -> Iterator[Diagnostic]:
    for group in membership.groups.values():
        for student, loc in zip(group.students, group.student_locs):
            if _gone(school, student, period.start):
                left_on = school.students[student].left_on
                yield error(
                    "APT505",
                    f"{who(school, student)} est sorti le {french_date(left_on)} mais figure dans "
                    f"{group.id} en {period.id} : retirez-le du groupe",
                    loc,
                )
    left = {ident for ident, s in school.students.items() if s.left_on is not None}
    if not left:
        return
    for (period_id, _group_id), sessions in year.sessions.items():
        if period_id != period.id:
            continue
        for session in sessions:
            if left.isdisjoint(session.attendance):
                continue
            for student in session.attendance:  # the marks' lines are made only for a diagnostic
                if _gone(school, student, session.day):
                    yield error(
                        "APT505",
                        f"{who(school, student)} est sorti le {french_date(school.students[student].left_on)}"
                        f" mais est noté à la séance du {french_date(session.day)} : retirez cette ligne",
                        session.attendance_lines[student],
                    )


def _between_periods(
    school: School, year: Year, before: Period, after: Period,
    then: PeriodMembership, now: PeriodMembership,
) -> Iterator[Diagnostic]:
    if not now.groups:
        return  # the next period's groups are not built yet
    bilans = year.bilans.get(before.id, {})
    for student, by_barrette in then.end_groups.items():
        if then.gone(student, after.start):
            continue  # left the school: APT505 if still placed after
        for barrette, groups in by_barrette.items():
            old = groups[0]
            new = now.start_group(student, barrette)
            bilan = bilans.get(student)
            if new is None or new not in now.groups:  # (an arrival from an unknown group: APT204 says so)
                if bilan and bilan.decision == "changement" and not _exempted(year, student, after.id):
                    yield warning("APT506", f"{who(school, student)} : le bilan de {before.id} décide un "
                                  f"changement mais l'élève n'a pas de groupe en {after.id}", bilan.src.loc,
                                  about=(("group", year.id, after.id),))
                continue
            new_group = now.groups.get(new)
            if new_group is None:
                continue  # an arrival from an unknown group: APT204
            if old != new:
                # a change "without bilan" waits on an unreadable bilans file of that period
                yield from _explained_change(school, before, after, student, old, new_group, bilan,
                                             (("bilans", year.id, before.id),) if bilan is None else ())
            elif bilan is not None and bilan.decision in ("changement", "sortie"):
                yield warning(
                    "APT506",
                    f"{who(school, student)} : le bilan de {before.id} décide « "
                    f"{v.DECISION_LABELS.get(bilan.decision, bilan.decision)} » mais l'élève reste dans "
                    f"{old} en {after.id} : appliquez la décision ou corrigez le bilan",
                    bilan.src.of(v.DECISION),
                )


def _explained_change(
    school: School, before: Period, after: Period, student: str, old: str, new_group: Group,
    bilan: Bilan | None, about: tuple[tuple[str, ...], ...] = (),
) -> Iterator[Diagnostic]:
    loc = _group_line(new_group, student)
    name = who(school, student)
    if bilan is None:
        yield error(
            "APT502",
            f"{name} passe de {old} ({before.id}) à {new_group.id} ({after.id}) sans bilan : écrivez son "
            f"bilan de {before.id} avec la décision « changement » vers {new_group.id}",
            loc, about,
        )
        return
    if bilan.decision != "changement":
        label = v.DECISION_LABELS.get(bilan.decision, bilan.decision)
        yield error(
            "APT503",
            f"{name} passe de {old} à {new_group.id} en {after.id} alors que son bilan de {before.id} "
            f"décide « {label} » : corrigez le bilan ou remettez l'élève dans {old}",
            bilan.src.of(v.DECISION),
        )
    elif bilan.to_group and bilan.to_group != new_group.id:
        yield error(
            "APT503",
            f"{name} : le bilan de {before.id} l'envoie vers {bilan.to_group}, mais il est dans "
            f"{new_group.id} en {after.id} : mettez les deux d'accord",
            bilan.src.of(v.TO_GROUP),
        )
    elif bilan.to_type and bilan.to_type != new_group.content_type:
        yield error(
            "APT503",
            f"{name} : le bilan de {before.id} demande un groupe « "
            f"{v.CONTENT_TYPE_LABELS.get(bilan.to_type, bilan.to_type)} », mais {new_group.id} est « "
            f"{v.CONTENT_TYPE_LABELS.get(new_group.content_type, new_group.content_type)} » : mettez les "
            "deux d'accord",
            bilan.src.of(v.TO_TYPE),
        )
    elif not bilan.to_group and not bilan.to_type:
        yield error(
            "APT503",
            f"{name} : le bilan de {before.id} décide un changement sans dire vers quoi : ajoutez « vers: "
            f"{new_group.id} » (ou « type: ... »)",
            bilan.src.of(v.DECISION),
        )
    if bilan.decision == "changement" and not bilan.reason.strip():
        yield error("APT503", f"{name} : un changement de groupe demande un « motif » dans le bilan de "
                    f"{before.id}", bilan.src.of(v.DECISION))
