"""The calendar: periods inside the year, no overlap, 4 to 7 weeks of school;
sessions on school days, inside their period, on their barrette's weekday.

A week of school is a Monday-to-Sunday week with at least one school day
(school holidays of the zone, public holidays and declared closures excluded).
"""

from __future__ import annotations

from collections.abc import Iterator

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, error, warning
from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.rules.common import french_date

CODES = {
    "APT301": "période hors de l'année scolaire",
    "APT302": "périodes qui se chevauchent",
    "APT303": "période trop courte ou trop longue",
    "APT304": "séance un jour sans cours",
    "APT305": "séance hors de sa période",
    "APT306": "séance un autre jour que celui de la barrette",
    "APT307": "dates de l'année incohérentes",
    "APT308": "vacances scolaires inconnues pour l'année",
}

MIN_WEEKS = 4
MAX_WEEKS = 7


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    """By part (model/memo.py): each year's periods, each period's sessions."""
    info = analysis.school.info  # the zone
    for year in analysis.school.years.values():
        inputs = analysis.inputs(year.id)
        yield from analysis.part(("calendar", year.id), (info, inputs.header),
                                 lambda year=year: list(_year(analysis, year)))
        if year.first_day >= year.last_day:
            continue
        for period in sorted({p for p, _ in year.sessions}):
            yield from analysis.part(
                ("calendar", year.id, period),
                (info, inputs.header, inputs.of_groups(period), inputs.of_sessions(period)),
                lambda year=year, period=period: list(_sessions(analysis, year, period)),
            )


def _year(analysis: Analysis, year: Year) -> Iterator[Diagnostic]:
    if year.first_day >= year.last_day:
        yield error(
            "APT307",
            f"premier jour ({french_date(year.first_day)}) après le dernier "
            f"({french_date(year.last_day)}) : corrigez premier_jour / dernier_jour",
            year.src.of(v.FIRST_DAY),
        )
        return
    yield from _holiday_coverage(analysis, year)
    yield from _periods(analysis, year)


def _holiday_coverage(analysis: Analysis, year: Year) -> Iterator[Diagnostic]:
    calendar = analysis.calendar(year.id)
    weekdays_closed = [d for d in calendar.closed if year.first_day <= d <= year.last_day and d.weekday() < 5]
    if len(weekdays_closed) < 20 and not year.closures:
        yield warning(
            "APT308",
            f"aucune vacance scolaire connue pour {year.id} dans cette zone : mettez à jour aptui "
            "(paquet holidays) ou déclarez les vacances dans « fermetures »",
            year.src.loc,
        )


def _periods(analysis: Analysis, year: Year) -> Iterator[Diagnostic]:
    calendar = analysis.calendar(year.id)
    ordered = year.sorted_periods()
    for period in ordered:
        if period.start > period.end:
            yield error(
                "APT301",
                f"la période {period.id} finit ({french_date(period.end)}) avant de commencer "
                f"({french_date(period.start)}) : échangez debut et fin",
                period.src.of(v.START),
            )
            continue
        if period.start < year.first_day or period.end > year.last_day:
            yield error(
                "APT301",
                f"la période {period.id} ({french_date(period.start)} – {french_date(period.end)}) "
                f"déborde de l'année scolaire ({french_date(year.first_day)} – "
                f"{french_date(year.last_day)}) : ramenez-la dans l'année",
                period.src.of(v.START if period.start < year.first_day else v.END),
            )
        weeks = calendar.school_weeks(period.start, period.end)
        if not MIN_WEEKS <= weeks <= MAX_WEEKS:
            advice = "allongez-la" if weeks < MIN_WEEKS else "raccourcissez-la ou coupez-la en deux"
            yield error(
                "APT303",
                f"la période {period.id} dure {weeks} semaine(s) de cours (vacances et fermetures "
                f"exclues) ; il en faut de {MIN_WEEKS} à {MAX_WEEKS} : {advice}",
                period.src.of(v.END),
            )
    for before, after in zip(ordered, ordered[1:]):
        if after.start <= before.end:
            yield error(
                "APT302",
                f"les périodes {before.id} et {after.id} se chevauchent ({before.id} finit le "
                f"{french_date(before.end)}, {after.id} commence le {french_date(after.start)}) : "
                f"faites commencer {after.id} après la fin de {before.id}",
                after.src.of(v.START),
            )


def _sessions(analysis: Analysis, year: Year, only: str) -> Iterator[Diagnostic]:
    calendar = analysis.calendar(year.id)
    for (period_id, group_id), sessions in year.sessions.items():
        if period_id != only:
            continue
        period = year.period(period_id)
        group = year.groups.get((period_id, group_id))
        barrette = year.barrettes.get(group.barrette) if group else None
        for session in sessions:
            loc = session.src.of(v.DATE)
            day = session.day
            if period is not None and not period.contains(day):
                yield error(
                    "APT305",
                    f"séance du {french_date(day)} hors de la période {period_id} "
                    f"({french_date(period.start)} – {french_date(period.end)}) : déplacez-la dans "
                    "le fichier de la bonne période",
                    loc,
                )
            if not calendar.is_school_day(day):
                yield error(
                    "APT304",
                    f"séance du {french_date(day)} un jour sans cours ({calendar.why_closed(day)}) : "
                    "corrigez la date ou déclarez une « ouverture » dans year.yaml",
                    loc,
                )
            elif barrette is not None and day.weekday() != barrette.weekday:
                yield error(
                    "APT306",
                    f"séance du {french_date(day)} ({v.WEEKDAYS[day.weekday()]}) alors que la barrette "
                    f"{barrette.id} a lieu le {v.WEEKDAYS[barrette.weekday]} : corrigez la date",
                    loc,
                )
