"""The hour ledger's fast paths give the very floats of the plain loop.

``period_hours`` reads the memoised member sets without copying them and takes
the divisions away on a day from ``Analysis.away_by_day`` (one look-up per
session instead of one per member); ``Analysis.away_on`` keeps its two maps.
Here the plain student-by-student loop (as it was) is the reference, on a
generated school with PFMP weeks, arrivals and departures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

import pytest

from aptui import vocab as v
from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.model.hours import PeriodHours, Week, period_hours, sessions_by_period
from aptui.model.membership import PeriodMembership
from aptui.pipeline import load_school


def reference_period_hours(
    year: Year, keys: list[tuple[str, str]], membership: PeriodMembership, divisions_of: dict[str, str],
    away: Mapping[str, frozenset[date]] | None = None,
) -> PeriodHours:
    part = PeriodHours()
    division: dict[str, float] = defaultdict(float)
    division_week: dict[str, dict[date, float]] = defaultdict(lambda: defaultdict(float))
    scheduled: dict[str, float] = defaultdict(float)
    attended: dict[str, float] = defaultdict(float)
    marked: dict[str, float] = defaultdict(float)
    done: dict[str, float] = defaultdict(float)
    student_week: dict[str, dict[date, Week]] = defaultdict(dict)
    for key in keys:
        group_id = key[1]
        group = year.groups.get(key)
        teachers = len(group.teachers) if group else 0
        total = 0.0
        for session in year.sessions[key]:
            members = membership.members_on(group_id, session.day)
            if away:
                members = {s for s in members if session.day not in away.get(divisions_of.get(s, ""), ())}
            hours = session.hours
            total += hours
            known = [d for s in members if (d := divisions_of.get(s)) is not None]
            monday = session.day - timedelta(days=session.day.weekday())
            if known:
                share = hours * teachers / len(known)
                for name in known:
                    division[name] += share
                    division_week[name][monday] += share
                if session.attendance:
                    for name in known:
                        done[name] += share
            for student in members:
                scheduled[student] += hours
                status = session.attendance.get(student)
                was_marked = hours if status is not None else 0.0
                was_there = hours if status in v.ATTENDED_STATUSES else 0.0
                marked[student] += was_marked
                attended[student] += was_there
                weeks = student_week[student]
                old = weeks.get(monday)
                weeks[monday] = ((hours, was_there, was_marked) if old is None
                                 else (old[0] + hours, old[1] + was_there, old[2] + was_marked))
        part.group_hours[group_id] = total
    part.division = dict(division)
    part.division_week = {d: dict(weeks) for d, weeks in division_week.items()}
    part.scheduled, part.attended, part.marked, part.done = dict(scheduled), dict(attended), dict(marked), dict(done)
    part.student_week = dict(student_week)
    return part


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from aptui.gen import generate_school

    root = tmp_path_factory.mktemp("hours") / "school"
    generate_school(root, students=150, years=3, seed=11)
    return root


def test_period_hours_are_the_plain_loop(generated: Path) -> None:
    school = load_school(generated, use_cache=False).school
    analysis = Analysis(school)
    away_seen = 0
    for year_id, year in school.years.items():
        away = analysis.away_days(year_id)
        away_seen += sum(len(days) for days in away.values())
        divisions_of = analysis.student_divisions[year_id]
        for period, keys in sessions_by_period(year).items():
            membership = analysis.membership(year_id, period)
            expected = reference_period_hours(year, keys, membership, divisions_of, away)
            assert period_hours(year, keys, membership, divisions_of, away, analysis.away_by_day(year_id)) == expected
            assert period_hours(year, keys, membership, divisions_of, away) == expected  # by_day made inside
    assert away_seen > 0  # PFMP weeks took students out of some sessions


def test_away_on_is_the_division_s_away_days(generated: Path) -> None:
    school = load_school(generated, use_cache=False).school
    analysis = Analysis(school)
    for year_id, year in school.years.items():
        away = analysis.away_days(year_id)
        divisions_of = analysis.student_divisions[year_id]
        by_day = analysis.away_by_day(year_id)
        assert {(d, day) for d, days in away.items() for day in days} == \
            {(d, day) for day, names in by_day.items() for d in names}
        for division in year.divisions.values():
            for student in division.students[:3]:
                for day in sorted(away.get(division.id, ()))[:5] + [year.first_day]:
                    assert analysis.away_on(year_id, student, day) is (
                        day in away.get(divisions_of.get(student, ""), ()))
