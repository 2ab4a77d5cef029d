"""The académies of France and the zone of school holidays of each (calendar in force since 2016).

``aptui init --academie Lyon`` reads the zone from here (zone A), so the year's periods are
proposed between the right holidays; the académie also decides the public holidays
(Alsace-Moselle: :func:`aptui.model.holiday_law.public_subdivision`).  Overseas académies
and Corsica have a school calendar of their own (no zone A/B/C): their holidays are declared
as closures in ``year.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

ACADEMY_ZONES: Mapping[str, str | None] = {
    # zone A
    "Besançon": "A", "Bordeaux": "A", "Clermont-Ferrand": "A", "Dijon": "A", "Grenoble": "A",
    "Limoges": "A", "Lyon": "A", "Poitiers": "A",
    # zone B
    "Aix-Marseille": "B", "Amiens": "B", "Lille": "B", "Nancy-Metz": "B", "Nantes": "B", "Nice": "B",
    "Normandie": "B", "Caen": "B", "Rouen": "B", "Orléans-Tours": "B", "Reims": "B", "Rennes": "B",
    "Strasbourg": "B",
    # zone C
    "Créteil": "C", "Montpellier": "C", "Paris": "C", "Toulouse": "C", "Versailles": "C",
    # a calendar of their own
    "Corse": None, "Guadeloupe": None, "Martinique": None, "Guyane": None, "La Réunion": None,
    "Mayotte": None,
}
"""Académie (as written) -> zone, or None for an académie with its own school calendar."""


def academy_key(text: str) -> str:
    """« Académie de Clermont-Ferrand », « clermont ferrand » -> "clermont-ferrand"."""
    value = unicodedata.normalize("NFKD", text.casefold())
    value = "".join(c for c in value if not unicodedata.combining(c)).replace("’", "'").strip()
    for prefix in ("academie de la ", "academie de ", "academie d'", "academie "):
        if value.startswith(prefix):
            value = value[len(prefix):]
            break
    return re.sub(r"[\s'-]+", "-", value.strip())


_BY_KEY = {academy_key(name): name for name in ACADEMY_ZONES}
_BY_KEY["reunion"] = "La Réunion"


def find_academy(text: str) -> str | None:
    """The académie's name as written in the list, or None when unknown."""
    return _BY_KEY.get(academy_key(text))


def zone_of(academy: str) -> str | None:
    """The zone (A, B, C) of a known académie; None for one with its own calendar or unknown."""
    name = find_academy(academy)
    return ACADEMY_ZONES[name] if name else None


def known_list() -> str:
    """« Aix-Marseille, Amiens, … » for messages."""
    return ", ".join(sorted(ACADEMY_ZONES, key=academy_key))
