"""Incremental revalidation gives exactly what a full load gives.

After an edit the Workspace keeps every part of the analysis and of the rules
whose inputs are the same objects (model/memo.py).  Here a generated
three-year school goes through many kinds of edits (and a seeded random
walk of moves and marks); after each, the diagnostics, the hours ledger and
the memberships must equal those of a fresh, uncached load.
"""

from __future__ import annotations

import os
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from aptui.edit import (
    CreateGroup,
    DeleteGroup,
    EditRefused,
    MoveStudent,
    RecordSession,
    SetAttendance,
    WriteBilan,
)
from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.pipeline import load_school
from aptui.workspace import Workspace


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from aptui.gen import generate_school

    root = tmp_path_factory.mktemp("generated") / "school"
    generate_school(root, students=150, years=3, seed=11)
    return root


@pytest.fixture
def school(generated: Path, tmp_path: Path) -> Path:
    target = tmp_path / "school"
    shutil.copytree(generated, target)
    return target


def assert_as_full_load(ws: Workspace) -> None:
    fresh = load_school(ws.root, use_cache=False)
    assert ws.result.school == fresh.school
    assert ws.result.diagnostics == fresh.diagnostics
    full = Analysis(fresh.school)
    assert ws.analysis.ledger == full.ledger  # the very floats
    assert ws.analysis.memberships.keys() == full.memberships.keys()
    for key, membership in ws.analysis.memberships.items():
        other = full.memberships[key]
        assert membership.end_groups == other.end_groups and membership.ever == other.ever


def rewrite(path: Path, text: str) -> None:
    """Write a file so that its mtime surely differs from the loaded one."""
    stat = path.stat() if path.exists() else None
    path.write_text(text, encoding="utf-8")
    if stat is not None:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def a_move(year: Year, period: str | None = None) -> MoveStudent:
    for current in reversed(year.sorted_periods()):
        if period is not None and current.id != period:
            continue
        groups = sorted(year.groups_of(current.id), key=lambda g: g.id)
        for source in groups:
            for target in groups:
                if target.id != source.id and target.barrette == source.barrette and source.students:
                    return MoveStudent(year.id, current.id, source.students[0], source.id, target.id, "", None)
    raise AssertionError("no move possible")


def a_marked_session(year: Year, rng: random.Random | None = None) -> tuple[str, str, date, str]:
    marked = [s for s in year.all_sessions() if s.attendance]
    session = rng.choice(marked) if rng else marked[-1]
    student = rng.choice(sorted(session.attendance)) if rng else sorted(session.attendance)[0]
    return session.period, session.group, session.day, student


def test_many_kinds_of_edits_give_the_full_load(school: Path) -> None:
    ws = Workspace(school, use_cache=False)
    assert_as_full_load(ws)
    first, *_, latest = ws.result.school.year_ids()

    # A move in the latest year: only that period's parts are computed again.
    ws.apply(a_move(ws.result.school.years[latest]))
    assert ws.analysis.memo.reused > ws.analysis.memo.computed
    assert_as_full_load(ws)

    # Moves in the earliest year (the cycle totals of the later years follow).
    ws.apply(a_move(ws.result.school.years[first], "P2"))
    assert_as_full_load(ws)

    # Attendance: a mark changed, then a mark for a student outside the group (APT601).
    period, group, day, student = a_marked_session(ws.result.school.years[latest])
    ws.apply(SetAttendance(latest, period, group, day, student, "absent"))
    assert_as_full_load(ws)
    year = ws.result.school.years[latest]
    outsider = next(s for s in sorted(ws.result.school.students)
                    if s not in ws.analysis.membership(latest, period).everyone_ever(group))
    ws.apply(SetAttendance(latest, period, group, day, outsider, "present"))
    assert any(d.code == "APT601" for d in ws.result.diagnostics)
    assert_as_full_load(ws)

    # A long session in the first year: year and cycle budgets.
    periods = ws.result.school.years[first].sorted_periods()
    key = next(k for k in ws.result.school.years[first].sessions if k[0] == periods[0].id)
    sessions = ws.result.school.years[first].sessions[key]
    ws.apply(RecordSession(first, key[0], key[1], sessions[0].day, "14:00", 480, "", "", {}))
    assert_as_full_load(ws)
    ws.apply(RecordSession(first, key[0], key[1], periods[0].end + timedelta(days=7), "14:00", 60, "", "", {}))
    assert any(d.code == "APT305" for d in ws.result.diagnostics)  # a session outside its period
    assert_as_full_load(ws)

    # A bilan deciding a change that is not applied (APT506), then its undo.
    year = ws.result.school.years[latest]
    before = year.sorted_periods()[0]
    member = year.groups_of(before.id)[0].students[0]
    ws.apply(WriteBilan(latest, before.id, member, year.groups_of(before.id)[0].teachers[0], before.end,
                        "atteint", "", "sortie"))
    assert_as_full_load(ws)
    ws.undo()
    assert_as_full_load(ws)

    # A group created, then deleted.
    group = year.groups_of(before.id)[0]
    ws.apply(CreateGroup(latest, before.id, "G-NOUVEAU", "Nouveau", group.content_type, group.barrette,
                         group.teachers))
    assert_as_full_load(ws)
    ws.apply(DeleteGroup(latest, before.id, "G-NOUVEAU"))
    assert_as_full_load(ws)

    # A student file edited by hand: the student leaves (APT505 where still present).
    student_path = school / "students" / f"{member}.yaml"
    rewrite(student_path, student_path.read_text(encoding="utf-8") + f"sortie: {before.start}\n")
    assert ws.reload() == [f"students/{member}.yaml"]
    assert_as_full_load(ws)

    # year.yaml edited by hand: a closure on a day with sessions (APT304).
    year_path = school / "years" / latest / "year.yaml"
    text = year_path.read_text(encoding="utf-8")
    closed = f"fermetures:\n  - du: {day}\n    au: {day}\n    motif: Travaux\n"
    rewrite(year_path, text.replace("fermetures:\n", closed, 1))
    assert ws.reload() == [f"years/{latest}/year.yaml"]
    assert_as_full_load(ws)

    # A broken group file, then repaired.
    group_path = school / "years" / latest / "groups" / before.id / f"{group.id}.yaml"
    good = group_path.read_text(encoding="utf-8")
    rewrite(group_path, good + "eleves: [\n")
    ws.reload()
    assert any(d.code == "APT001" for d in ws.result.diagnostics)
    assert_as_full_load(ws)
    rewrite(group_path, good)
    ws.reload()
    assert_as_full_load(ws)

    # A division file edited by hand: a student removed (APT501/APT210 change).
    division_path = next((school / "years" / latest / "divisions").iterdir())
    lines = division_path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- "))
    rewrite(division_path, "".join(lines[:index] + lines[index + 1:]))
    ws.reload()
    assert_as_full_load(ws)

    # staff.yaml and school.yaml: everything depends on them.
    staff_path = school / "staff.yaml"
    rewrite(staff_path, staff_path.read_text(encoding="utf-8") + "# relu\n")
    ws.reload()
    assert_as_full_load(ws)
    school_path = school / "school.yaml"
    rewrite(school_path, school_path.read_text(encoding="utf-8").replace("zone: A", "zone: C")
            .replace("zone: B", "zone: C"))
    ws.reload()
    assert_as_full_load(ws)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_moves_and_marks_give_the_full_load(school: Path, seed: int) -> None:
    rng = random.Random(seed)
    ws = Workspace(school, use_cache=False)
    for _ in range(6):
        school_model = ws.result.school
        year = school_model.years[rng.choice(school_model.year_ids())]
        try:
            if rng.random() < 0.5:
                period = rng.choice(year.sorted_periods()).id
                groups = [g for g in year.groups_of(period) if g.students]
                if not groups:
                    continue
                source = rng.choice(groups)
                targets = [g for g in year.groups_of(period) if g.id != source.id and g.barrette == source.barrette]
                if not targets:
                    continue
                ws.apply(MoveStudent(year.id, period, rng.choice(source.students), source.id,
                                     rng.choice(targets).id, "", None))
            else:
                period, group, day, student = a_marked_session(year, rng)
                ws.apply(SetAttendance(year.id, period, group, day, student, rng.choice(["absent", "retard"])))
        except EditRefused:
            continue
        assert_as_full_load(ws)
