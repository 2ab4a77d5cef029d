"""The hour budget of each division, from the preset of school.yaml.

Hours may be moved between periods (*cumuler les horaires*), so only the year
and the cycle totals are errors; a period far from the pace is a warning.
Totals are taken over every session recorded in the files (past and planned),
teacher hours, charged pro rata of the group's students from each division.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from aptui.diagnostics import Diagnostic, error, warning
from aptui.model.analysis import Analysis
from aptui.model.entities import Division, Year
from aptui.rules.common import hours

CODES = {
    "APT401": "budget de l'année dépassé",
    "APT402": "budget du cycle dépassé",
    "APT403": "période loin du rythme",
    "APT404": "heures de l'année non consommées",
}

# Rounding slack: a total is "too much" only when the excess shows in the message (0,1 h after
# rounding), so that neither 70.0000001 h nor a few minutes of pro rata shares is an error.
EPSILON = 0.05
# APT404: a finished year that used less than this share of its budget (docs/rules.md: "moins de la moitié"),
# by at least EPSILON (as for an excess).
UNUSED_SHARE = 0.5


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    """By part (model/memo.py): each year, with the years of its cycles."""
    school = analysis.school
    if school.info is None:
        return
    latest = max(school.years) if school.years else None
    for year in school.years.values():
        inputs = analysis.inputs(year.id)
        cycle: list[object] = []
        year_id = year.id
        for _ in range(2):  # the cycle's earlier years (a chain has 3 divisions at most)
            year_id = f"{int(year_id[:4]) - 1}-{year_id[:4]}"
            known = year_id in school.years
            cycle += (analysis.inputs(year_id).divisions, analysis.year_ledger(year_id)) if known else (None, None)
        yield from analysis.part(
            ("budget", year.id),
            (school.info, inputs.header, inputs.divisions, analysis.year_ledger(year.id), year.id == latest, *cycle),
            lambda year=year: list(_year(analysis, year, latest)),
        )


def hours_inputs(*year_ids: str) -> tuple[tuple[str, ...], ...]:
    """What a year's hours are computed from (``Diagnostic.about``): an unreadable division, group or
    sessions file of the year moves hours between its divisions (rules/waiting.py)."""
    return tuple((kind, year_id) for year_id in year_ids for kind in ("division", "group", "sessions"))


def _year(analysis: Analysis, year: Year, latest: str | None) -> Iterator[Diagnostic]:
    school = analysis.school
    assert school.info is not None
    about = hours_inputs(year.id)
    for division in year.divisions.values():
        budget = analysis.year_budget(division)
        if budget is None:
            continue
        total = analysis.ledger.division_year(year.id, division.id)
        for diagnostic in (*_year_total(year, division, total, budget, year.id != latest),
                           *_pace(analysis, year, division, budget)):
            yield replace(diagnostic, about=about)
        for diagnostic in _cycle_total(analysis, division):
            yield replace(diagnostic, about=hours_inputs(*(d.year for d in analysis.cycle_chain(division))))


def difference(expected: float, actual: float) -> str:
    """« 4,0 h de trop » / « 3,5 h de moins »."""
    gap = actual - expected
    return f"{hours(abs(gap))} de trop" if gap > 0 else f"{hours(abs(gap))} de moins"


def _year_total(year: Year, division: Division, total: float, budget: float, year_over: bool) -> Iterator[Diagnostic]:
    if total >= budget + EPSILON:
        yield error(
            "APT401",
            f"{division.id} ({division.level}) en {year.id} : budget {hours(budget)}, séances "
            f"enregistrées {hours(total)}, soit {difference(budget, total)} (total de l'année du "
            f"{year.first_day:%d/%m/%Y} au {year.last_day:%d/%m/%Y}, heures enseignants, co-animation "
            "comprise) : retirez des séances ou des co-animations",
            division.src.loc,
        )
    elif year_over and budget * UNUSED_SHARE - total >= EPSILON:
        yield warning(
            "APT404",
            f"{division.id} en {year.id} (année terminée) : budget {hours(budget)}, consommé "
            f"{hours(total)}, soit {difference(budget, total)} : heures perdues pour la division",
            division.src.loc,
        )


def _cycle_total(analysis: Analysis, division: Division) -> Iterator[Diagnostic]:
    chain = analysis.cycle_chain(division)
    info = analysis.school.info
    assert info is not None
    total = sum(analysis.ledger.division_year(d.year, d.id) for d in chain)
    if total >= info.hours.cycle + EPSILON:
        path = " → ".join(f"{d.id} ({d.year})" for d in chain)
        yield error(
            "APT402",
            f"cycle {path} : budget {hours(info.hours.cycle)} sur trois ans, déjà {hours(total)}, "
            f"soit {difference(info.hours.cycle, total)} (total du cycle à ce jour, toutes années "
            "enregistrées) : réduisez les séances de cette année",
            division.src.loc,
        )


def _pace(analysis: Analysis, year: Year, division: Division, budget: float) -> Iterator[Diagnostic]:
    """Warn when a period is far from its share of the year's weeks of school.

    Only periods up to the last one with hours are checked: later ones are not
    planned yet."""
    info = analysis.school.info
    assert info is not None
    calendar = analysis.division_calendar(year.id, division.id)  # its PFMP weeks are not weeks of school
    weeks = {p.id: calendar.school_weeks(p.start, p.end) for p in year.periods}
    total_weeks = calendar.school_weeks(year.first_day, year.last_day)
    own = " (PFMP de la division exclues)" if calendar.away else ""
    by_period = analysis.ledger.division_period.get((year.id, division.id), {})
    ordered = year.sorted_periods()
    started = [p.id for p in ordered if by_period.get(p.id, 0) > 0]
    if not started or total_weeks == 0:
        return
    last_started = max(index for index, p in enumerate(ordered) if p.id in started)
    for period in ordered[: last_started + 1]:
        expected = budget * weeks[period.id] / total_weeks
        actual = by_period.get(period.id, 0.0)
        if expected > 0 and abs(actual - expected) > info.pace_tolerance * expected:
            yield warning(
                "APT403",
                f"{division.id} en {period.id} : {hours(actual)} pour un rythme attendu de "
                f"{hours(expected)} ({weeks[period.id]} semaine(s) de cours sur les {total_weeks} de l'année{own}), soit "
                f"{difference(expected, actual)} : possible si c'est voulu (heures cumulées), "
                "vérifiez le total de l'année",
                period.src.loc,
            )
