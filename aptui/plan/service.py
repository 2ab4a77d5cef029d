"""One entry for the app and the CLI: a proposal named by ids, refused in French when they do not fit."""

from __future__ import annotations

from aptui.model.entities import School
from aptui.plan.proposal import Proposal, ProposalRefused, propose_first, propose_next
from aptui.plan.sources import Settings

DEFAULT = Settings()
"""The capacities offered first (the pilote changes them in the dialog or with --min / --max)."""


def propose(school: School, year_id: str, period_id: str, barrette: str | None, from_period: str | None,
            settings: Settings, previous: Proposal | None = None) -> Proposal:
    """First groups of ``barrette`` (from the diagnostics), or, with ``from_period``, the next period's groups."""
    year = school.years.get(year_id)
    if year is None:
        raise ProposalRefused(f"année {year_id} inconnue")
    period = year.period(period_id)
    if period is None:
        raise ProposalRefused(f"période {period_id} inconnue en {year_id} : "
                              f"choisissez parmi {', '.join(p.id for p in year.sorted_periods()) or 'aucune'}")
    if from_period:
        before = year.period(from_period)
        if before is None:
            raise ProposalRefused(f"période {from_period} inconnue en {year_id}")
        if before.start >= period.start:
            raise ProposalRefused(f"{from_period} ne précède pas {period_id} : reprenez une période antérieure")
        return propose_next(school, year, period, before, settings)
    if not barrette:
        choices = ", ".join(sorted(year.barrettes)) or "aucune (créez-en une)"
        raise ProposalRefused(f"quelle barrette ? {choices}")
    return propose_first(school, year, period, barrette, settings, previous)
