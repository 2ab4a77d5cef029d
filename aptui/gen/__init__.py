"""Deterministic generator of invented schools (the sample school, demos, benchmarks).

    generate_school(Path("sample_school"), students=225, years=2, seed=2025)

The same arguments always give byte-identical files: every random choice
comes from ``random.Random`` streams seeded from ``seed`` and a label, and
every collection is walked in sorted order.  Stages, in order:

    calendar_plan  year dates, exam closure, periods (SchoolCalendar, zone B)
    people         teachers, divisions, cohorts of students over the years
    records        needs, diagnostics, interviews, contracts, tutors
    organisation   barrettes and exemptions
    pfmp           PFMP weeks of each division (18-22 over the cycle, per cohort)
    groups         needs groups per period and barrette, moves
    budget         co-animation and session lengths for the hour budget
    staffing       teachers of each group
    sessions       sessions with attendance, bilans
    writer         YAML text files and the JSON Schemas
"""

from __future__ import annotations

import re
from pathlib import Path

from aptui.gen import calendar_plan, organisation, people, records
from aptui.gen.budget import division_hours, tune_budget
from aptui.gen.catalog import FORMATIONS
from aptui.gen.groups import plan_groups
from aptui.gen.names import ACADEMIES_ZONE_B, SCHOOL_PATRONS, TOWNS
from aptui.gen.pfmp import plan_placements
from aptui.gen.plan import SchoolPlan, child_rng
from aptui.gen.sessions import make_bilans, make_sessions
from aptui.gen.staffing import assign_teachers
from aptui.gen.writer import school_files, write_files
from aptui.model.holiday_law import Region, public_subdivision
from aptui.scaffold import install_schemas

__all__ = ["generate_school", "install_schemas", "plan_school", "division_hours"]

ZONE = "B"
MIN_STUDENTS, MAX_STUDENTS = 30, 5000
MAX_YEARS = 6


def check_arguments(students: int, years: int, last_year: str) -> None:
    """Raise ValueError (French message) on arguments the generator cannot honour."""
    if not MIN_STUDENTS <= students <= MAX_STUDENTS:
        raise ValueError(f"nombre d'élèves hors limites : {students} (entre {MIN_STUDENTS} et {MAX_STUDENTS})")
    if not 1 <= years <= MAX_YEARS:
        raise ValueError(f"nombre d'années hors limites : {years} (entre 1 et {MAX_YEARS})")
    match = re.fullmatch(r"(\d{4})-(\d{4})", last_year)
    if match is None or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValueError(f"année scolaire invalide : « {last_year} » (attendu par exemple 2025-2026)")


def plan_school(*, students: int, years: int, seed: int, last_year: str = "2025-2026") -> SchoolPlan:
    """The whole school in memory (nothing written)."""
    check_arguments(students, years, last_year)
    last = int(last_year[:4])
    rng = child_rng(seed, "school")  # drawn first: the académie decides the public holidays
    town = rng.choice(TOWNS)
    name = (f"Lycée professionnel {rng.choice(SCHOOL_PATRONS)} de {town}" if not town.startswith("Les ")
            else f"Lycée professionnel {rng.choice(SCHOOL_PATRONS)} des {town[4:]}")
    uai = f"0999{rng.randrange(1000):03d}{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}"
    academy = rng.choice(ACADEMIES_ZONE_B)
    region = Region(ZONE, public_subdivision(academy, uai), academy)
    plan_years = [
        calendar_plan.plan_year(start, region, child_rng(seed, "calendar", start))
        for start in range(last - years + 1, last + 1)
    ]
    pupils = people.populate(plan_years, students, child_rng(seed, "people"))
    formations = [f for f in FORMATIONS if any(d.formation == f.code for d in plan_years[0].divisions.values())]
    teachers = people.make_teachers(people.teacher_count(students), formations, child_rng(seed, "teachers"))
    for year in plan_years:
        organisation.plan_barrettes(year)
        plan_placements(year, seed)
    records.fill_records(pupils, plan_years, teachers, seed)
    for year in plan_years:
        organisation.plan_exemptions(year, pupils, students, child_rng(seed, year.id, "exemptions"))
        plan_groups(year, pupils, seed)
        tune_budget(year, pupils)
        assign_teachers(year, teachers, seed)
        make_sessions(year, pupils, seed)
        make_bilans(year, seed)
    return SchoolPlan(
        name=name,
        uai=uai,
        academy=academy,
        zone=ZONE,
        pilote=rng.choice(teachers).id,
        teachers=teachers,
        students=pupils,
        years=plan_years,
    )


def generate_school(path: Path, *, students: int, years: int, seed: int, last_year: str = "2025-2026") -> None:
    """Write an invented school of about `students` students over `years` school years.

    `path` must not exist or be an empty folder.  Raises ValueError on bad
    arguments and FileExistsError on a non-empty folder.
    """
    root = Path(path)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise FileExistsError(f"le dossier {root} existe et n'est pas vide")
    plan = plan_school(students=students, years=years, seed=seed, last_year=last_year)
    root.mkdir(parents=True, exist_ok=True)
    write_files(root, school_files(plan))
    install_schemas(root)
