"""A bilan's ``vers`` names a group of the student's barrette in the following period.

While the following period has no group in that barrette, the current
period's groups stand for it (a group keeps its id when it continues): the
bilans are written before the next period is built from them.  Until the
following period has started, a wrong target is a warning (the group may
still be created); after, an error.  The targets are model/targets.py's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, Severity
from aptui.model.analysis import Analysis
from aptui.model.entities import Bilan, Period, School, Year
from aptui.model.targets import BilanTargets, PeriodTargets
from aptui.rules.common import who

CODES = {
    "APT508": "bilan : groupe de destination inconnu",
    "APT509": "bilan : groupe de destination hors de la barrette de l'élève",
}

SHOWN = 6  # groups named in a message


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    """By part (model/memo.py): each period's bilans, with the groups and appels they depend on."""
    school = analysis.school
    for year in school.years.values():
        inputs = analysis.inputs(year.id)
        for period in year.sorted_periods():
            if not year.bilans.get(period.id):
                continue
            following = year.next_period(period.id)
            after = following.id if following else None
            yield from analysis.part(
                ("bilan_targets", year.id, period.id),
                (analysis.school_token, inputs.header, inputs.divisions, inputs.of_bilans(period.id),
                 inputs.of_groups(period.id), inputs.of_groups(after),
                 inputs.of_sessions(after) if after else None),
                lambda year=year, period=period: list(_period(analysis, year, period)),
            )


def _period(analysis: Analysis, year: Year, period: Period) -> Iterator[Diagnostic]:
    targets = PeriodTargets(year, period, analysis.student_divisions.get(year.id, {}))
    # the target may be a group of an unreadable file, of this period or the next (rules/waiting.py)
    following = year.next_period(period.id)
    about = (("group", year.id, period.id), *((("group", year.id, following.id),) if following else ()),
             ("division", year.id))
    for bilan in year.bilans.get(period.id, {}).values():
        if bilan.to_group:
            for diagnostic in _target(analysis.school, bilan, targets.of(bilan.student)):
                yield replace(diagnostic, about=about)


def _names(targets: BilanTargets) -> str:
    ids = [g.id for g in targets.groups]
    return ", ".join(ids[:SHOWN]) + (f" (+{len(ids) - SHOWN})" if len(ids) > SHOWN else "") if ids else "aucun"


def _target(school: School, bilan: Bilan, targets: BilanTargets) -> Iterator[Diagnostic]:
    severity = Severity.ERROR if targets.final else Severity.WARNING
    loc = bilan.src.of(v.TO_GROUP)
    name = who(school, bilan.student)
    group_id = bilan.to_group
    following = targets.following.id if targets.following else None
    found = targets.find(group_id) if group_id else None
    if found is None:
        if targets.source == bilan.period and following is not None:
            later = (f"{following} n'a pas encore de groupe dans sa barrette ; « {group_id} » n'est pas non plus "
                     f"un groupe de {bilan.period} qui continuerait")
            advice = f"corrigez « vers » (groupes possibles : {_names(targets)}) ou créez ce groupe en {following}"
        else:
            later = f"« {group_id} » n'est pas un groupe de {targets.source}"
            advice = f"corrigez « vers » (groupes possibles : {_names(targets)})"
        yield Diagnostic(
            "APT508", severity,
            f"bilan de {bilan.period} de {name} : {later} : {advice}, ou écrivez « type: » à la place", loc,
        )
    elif found not in targets.groups:
        barrettes = ", ".join(sorted(targets.barrettes))
        yield Diagnostic(
            "APT509", severity,
            f"bilan de {bilan.period} de {name} : {group_id} est un groupe de la barrette {found.barrette} en "
            f"{targets.source}, l'élève est dans la barrette {barrettes} : choisissez un groupe de sa barrette "
            f"({_names(targets)})", loc,
        )
