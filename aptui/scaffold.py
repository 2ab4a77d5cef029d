"""A new, valid, empty school: the files `aptui init` writes.

The year skeleton proposes periods between the zone's school holidays
(each 4 to 7 weeks of school), which the pilote then adjusts.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path

from aptui.diagnostics import Loc
from aptui.layout import SCHEMA_DIR, Kind, schema_header, year_path
from aptui.model.calendar import SchoolCalendar
from aptui.model.entities import Located, Year
from aptui.model.holiday_law import Region, law_days, public_subdivision

MAX_WEEKS = 7
MIN_WEEKS = 4


def school_year_of(today: date) -> str:
    """The school year a day belongs to: 2025-2026 from August 2025 to July 2026."""
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}-{start + 1}"


def _first_weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def year_bounds(year_id: str) -> tuple[date, date]:
    start = int(year_id[:4])
    first = date(start, 9, 1)
    while first.weekday() >= 5:  # the rentrée is the first weekday of September
        first += timedelta(days=1)
    last = _first_weekday_on_or_after(date(start + 1, 7, 1), 5)  # a Saturday in early July
    return first, last


def propose_periods(year_id: str, zone: str | Region) -> list[tuple[str, date, date]]:
    """Periods of 4 to 7 weeks of school between the holidays, from the third week on."""
    first, last = year_bounds(year_id)
    empty = Year(
        id=year_id, first_day=first, last_day=last, closures=(), openings=(), periods=(), barrettes={},
        exemptions=(), divisions={}, groups={}, sessions={}, sessions_src={}, bilans={}, bilans_src={},
        src=Located(Loc("")),
    )
    calendar = SchoolCalendar(empty, zone)
    weeks: list[date] = sorted({d - timedelta(days=d.weekday()) for d in calendar.school_days(first, last)})
    # Stretches of consecutive weeks of school (holidays break them), the first two weeks left to the welcome.
    stretches: list[list[date]] = []
    for monday in weeks[2:]:
        if stretches and monday - stretches[-1][-1] == timedelta(days=7):
            stretches[-1].append(monday)
        else:
            stretches.append([monday])
    periods: list[tuple[str, date, date]] = []
    for stretch in stretches:
        for chunk in _split(stretch):
            if len(chunk) < MIN_WEEKS:
                continue
            start = max(chunk[0], first)
            end = min(chunk[-1] + timedelta(days=4), last)
            periods.append((f"P{len(periods) + 1}", start, end))
    return periods


def _split(weeks: list[date]) -> list[list[date]]:
    """Cut a stretch longer than 7 weeks into near-equal chunks."""
    count = -(-len(weeks) // MAX_WEEKS)
    size = -(-len(weeks) // count)
    return [weeks[i : i + size] for i in range(0, len(weeks), size)]


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower()) or "pilote"


def pilote_ident(first_name: str, last_name: str) -> str:
    """The pilote's id in staff.yaml: « Claire Fontaine » -> cfontaine."""
    return slug(first_name[:1] + last_name)


def region_for(academy: str, uai: str, zone: str) -> Region:
    """Where a new school is, for its closed days (zone holidays, public holidays of the académie)."""
    return Region(zone, public_subdivision(academy, uai), academy)


def _fr(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def holiday_lines(year_id: str, region: Region) -> list[str]:
    """The closed days the proposed periods avoid, as comment lines of year.yaml (French)."""
    first, last = year_bounds(year_id)
    law = law_days(region, (first.year, last.year))
    if law.problem:
        return [f"# Vacances scolaires : {law.problem} ; déclarez-les dans « fermetures » "
                "(- {du: AAAA-MM-JJ, au: AAAA-MM-JJ, motif: Vacances de la Toussaint})."]
    spans: list[list[date]] = []
    for day in sorted(d for d in law.school if first <= d <= last):
        if spans and (day - spans[-1][-1]).days == 1:
            spans[-1].append(day)
        else:
            spans.append([day])

    def name(span: list[date]) -> str:
        """The holiday's own name (« Vacances de Noël »), not that of a public holiday inside it."""
        own = [law.names.get(d, "") for d in span if d not in law.public]
        return next((n for n in own if n), law.names.get(span[0], "Vacances"))

    lines = [f"# Vacances scolaires de la zone {region.zone} (calculées par aptui, inutile de les écrire) :"]
    lines += [f"#   {name(span)} : " + (f"à partir du {_fr(span[0])}" if span[-1] == last else
                                        f"du {_fr(span[0])} au {_fr(span[-1])}") for span in spans]
    if region.subdivision:
        mainland = law_days(Region(region.zone), (first.year, last.year)).public
        local = sorted(d for d in law.public - mainland if first <= d <= last)
        if local:
            lines.append("# Jours fériés locaux en plus (" + (region.academy or region.subdivision) + ") : "
                         + ", ".join(f"{law.names.get(d, 'férié')} ({_fr(d)})" for d in local))
    return lines


def school_files(name: str, uai: str, academy: str, zone: str, pilote: tuple[str, str], year_id: str) -> dict[str, str]:
    """Relative path -> text of every file of a new school."""
    first_name, last_name = pilote
    pilote_id = pilote_ident(first_name, last_name)
    first, last = year_bounds(year_id)
    region = region_for(academy, uai, zone)
    periods = "".join(
        f"  - id: {pid}\n    debut: {start.isoformat()}\n    fin: {end.isoformat()}\n"
        for pid, start, end in propose_periods(year_id, region)
    )
    holidays_text = "\n".join(holiday_lines(year_id, region)) + "\n"
    files = {
        "school.yaml": (
            f"nom: {name}\nuai: {uai}\nacademie: {academy}\nzone: {zone}\npilote: {pilote_id}\n"
            'referentiel: "2009"\n'
        ),
        "staff.yaml": (
            f"enseignants:\n  - id: {pilote_id}\n    nom: {last_name}\n    prenom: {first_name}\n"
            "    disciplines: []\n"
        ),
        year_path(year_id): (
            f"annee: {year_id}\npremier_jour: {first.isoformat()}\ndernier_jour: {last.isoformat()}\n"
            f"{holidays_text}fermetures: []\nperiodes:\n{periods}"
            "barrettes: []   # ex. - {id: B-2NDE, jour: mardi, debut: \"14:00\", duree_min: 120, divisions: [...]}\n"
        ),
    }
    kinds = {"school.yaml": Kind.SCHOOL, "staff.yaml": Kind.STAFF, year_path(year_id): Kind.YEAR}
    return {path: f"{schema_header(path, kinds[path])}\n{text}" for path, text in files.items()}


def install_schemas(root: Path) -> None:
    """Copy the JSON Schemas (and their version) into a school, so that it stands alone."""
    from aptui import FORMAT_VERSION
    from aptui.load.schemas import SCHEMA_FOLDER

    target = root / SCHEMA_DIR
    target.mkdir(parents=True, exist_ok=True)
    for schema in sorted(SCHEMA_FOLDER.glob("*.schema.json")):
        (target / schema.name).write_bytes(schema.read_bytes())
    (target / "VERSION").write_text(f"{FORMAT_VERSION}\n", encoding="utf-8")


def write_school(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for folder in ("students",):
        (root / folder).mkdir(exist_ok=True)
        (root / folder / ".gitkeep").touch()
