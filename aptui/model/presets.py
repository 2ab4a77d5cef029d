"""Regulatory hour presets: data, never constants in the rules.

2009 reform (B.O. spécial n°2 du 19 février 2009): 210 h per division over the
3-year cycle, 70 h a year.  2019 reform: 265 h over the cycle, about 90 h in
2nde, 84 h in 1re and 91 h in Terminale.  A school may override any number in
school.yaml (``heures: {cycle: ..., par_niveau: {...}}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aptui import vocab as v
from aptui.model.entities import HoursRules

PRESETS: dict[str, HoursRules] = {
    "2009": HoursRules("2009", 210.0, {"2nde": 70.0, "1re": 70.0, "Tle": 70.0}),
    "2019": HoursRules("2019", 265.0, {"2nde": 90.0, "1re": 84.0, "Tle": 91.0}),
}


def hours_rules(preset: str, overrides: Mapping[str, Any]) -> HoursRules:
    """The preset's numbers with the school's overrides applied."""
    base = PRESETS.get(preset, PRESETS["2009"])
    cycle = overrides.get(v.HOURS_CYCLE, base.cycle)
    per_level = dict(base.per_level)
    level_overrides = overrides.get(v.HOURS_PER_LEVEL)
    if isinstance(level_overrides, Mapping):
        for level, hours in level_overrides.items():
            if isinstance(hours, (int, float)):
                per_level[str(level)] = float(hours)
    return HoursRules(base.preset, float(cycle) if isinstance(cycle, (int, float)) else base.cycle, per_level)
