"""The calendar: the year's dates, its declared spans, periods inside the year,
no overlap, 4 to 7 weeks of school; sessions on school days, inside their
period, on their barrette's weekday.

A week of school is a Monday-to-Sunday week with at least one school day
(school holidays of the zone, public holidays and declared closures excluded).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from aptui import vocab as v
from aptui.diagnostics import Diagnostic, error, warning
from aptui.model.analysis import Analysis
from aptui.model.calendar import year_window
from aptui.model.entities import DateSpan, Year
from aptui.model.holiday_law import ZONES
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
    "APT309": "fermeture, ouverture ou PFMP hors de l'année scolaire",
    "APT310": "fermeture pour une division inconnue",
}

MIN_WEEKS = 4
MAX_WEEKS = 7
# Each half of a school year (to 31 December, from 1 January) has at least two weeks of
# school holidays; fewer than one week known from the library means it does not know the year.
MIN_HOLIDAY_WEEKDAYS = 5


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    """By part (model/memo.py): each year's periods and spans, each period's sessions."""
    info = analysis.school.info  # the zone, the académie
    for year in analysis.school.years.values():
        inputs = analysis.inputs(year.id)
        yield from analysis.part(("calendar", year.id), (info, inputs.header),
                                 lambda year=year: list(_year(analysis, year)))
        yield from analysis.part(("calendar_divisions", year.id), (inputs.header, inputs.divisions),
                                 lambda year=year: list(_division_spans(year)))
        if _year_dates_problem(year):
            continue
        for period in sorted({p for p, _ in year.sessions}):
            yield from analysis.part(
                ("calendar", year.id, period),
                (info, inputs.header, inputs.of_groups(period), inputs.of_sessions(period)),
                lambda year=year, period=period: list(_sessions(analysis, year, period)),
            )


def _year_dates_problem(year: Year) -> bool:
    window = year_window(year.id)
    return year.first_day >= year.last_day or window is None or not (
        window[0] <= year.first_day <= window[1] and window[0] <= year.last_day <= window[1])


def _year(analysis: Analysis, year: Year) -> Iterator[Diagnostic]:
    if year.first_day >= year.last_day:
        yield error(
            "APT307",
            f"premier jour ({french_date(year.first_day)}) après le dernier "
            f"({french_date(year.last_day)}) : corrigez premier_jour / dernier_jour",
            year.src.of(v.FIRST_DAY),
        )
        return
    window = year_window(year.id)
    if window is not None:
        for key, day in ((v.FIRST_DAY, year.first_day), (v.LAST_DAY, year.last_day)):
            if not window[0] <= day <= window[1]:
                yield error(
                    "APT307",
                    f"{key} {french_date(day)} hors de l'année {year.id} (entre le {french_date(window[0])} "
                    f"et le {french_date(window[1])}) : corrigez la date",
                    year.src.of(key),
                )
    if _year_dates_problem(year):
        return
    yield from _holiday_coverage(analysis, year)
    for key, spans in ((v.CLOSURES, year.closures), (v.OPENINGS, year.openings)):
        what = "fermeture" if key == v.CLOSURES else "ouverture"
        for span in spans:
            yield from _span_inside_year(year, span, what)
    yield from _periods(analysis, year)


def _holiday_coverage(analysis: Analysis, year: Year) -> Iterator[Diagnostic]:
    """The library gives this year's school holidays, whatever the closures declared."""
    calendar = analysis.calendar(year.id)
    region = calendar.region
    problem = calendar.law.problem
    if problem is None:
        halves = ((calendar.first, date(calendar.first.year, 12, 31)), (date(calendar.last.year, 1, 1), calendar.last))
        if any(start <= end and calendar.school_holiday_weekdays(start, end) < MIN_HOLIDAY_WEEKDAYS
               for start, end in halves):
            problem = f"la bibliothèque holidays ne connaît pas les vacances de {year.id} en zone {region.zone}"
    if problem is None:
        return
    info = analysis.school.info
    loc = year.src.loc
    if info is not None and region.zone not in ZONES:
        loc = info.src.of(v.ZONE)
    elif info is not None and "académie" in problem:
        loc = info.src.of(v.ACADEMY)
    yield warning(
        "APT308",
        f"vacances scolaires inconnues pour {year.id} ({problem}) : aptui compte alors comme jours de classe "
        "les vacances non déclarées ; mettez à jour aptui (paquet holidays) ou déclarez chaque période de "
        "vacances dans « fermetures » de year.yaml",
        loc,
    )


def _span_inside_year(year: Year, span: DateSpan, what: str) -> Iterator[Diagnostic]:
    """A declared span (closure, opening, PFMP) ends after it starts, inside the year's window."""
    text = f"{what} du {french_date(span.start)} au {french_date(span.end)}"
    window = year_window(year.id)
    if span.end < span.start:
        yield error("APT309", f"{text} : elle finit avant de commencer, elle est ignorée : échangez du et au",
                    span.src.of(v.TO))
    elif window is not None and (span.start < window[0] or span.end > window[1]):
        key = v.FROM if span.start < window[0] else v.TO
        yield error(
            "APT309",
            f"{text} hors de l'année {year.id} (du {french_date(window[0])} au {french_date(window[1])}), "
            "elle est ignorée : corrigez les dates, ou déclarez-la dans l'année concernée",
            span.src.of(key),
        )


def _division_spans(year: Year) -> Iterator[Diagnostic]:
    """PFMP weeks inside the year; closures naming divisions that exist."""
    if _year_dates_problem(year):
        return
    for division in year.divisions.values():
        for span in division.work_placements:
            yield from _span_inside_year(year, span, f"PFMP de {division.id}")
    for span in year.closures:
        unknown = [d for d in span.divisions if d not in year.divisions]
        if unknown:
            yield error(
                "APT310",
                f"fermeture du {french_date(span.start)} pour la division {', '.join(unknown)} inconnue en "
                f"{year.id} : corrigez l'identifiant, ou créez la division",
                span.src.of(v.DIVISIONS),
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
