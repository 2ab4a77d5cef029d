"""The saved model state holds the analysis's parts (model/memo.py): a warm open reuses them all."""

from __future__ import annotations

import pickle
import shutil
import sys
from pathlib import Path

import pytest
from test_workspace_incremental import a_move, assert_as_full_load

from aptui.model.analysis import Analysis
from aptui.model.memo import Memo
from aptui.pipeline import load_school
from aptui.rules import check_school
from aptui.workspace import Workspace


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from aptui.gen import generate_school

    root = tmp_path_factory.mktemp("generated") / "school"
    generate_school(root, students=150, years=3, seed=11)  # as test_workspace_incremental
    return root


@pytest.fixture
def school(generated: Path, tmp_path: Path) -> Path:
    target = tmp_path / "school"
    shutil.copytree(generated, target)
    return target


def test_a_warm_open_reuses_every_saved_part(school: Path) -> None:
    cold = Workspace(school)  # a full load: saves the state with its parts
    warm = Workspace(school)
    assert warm.result.diagnostics == cold.result.diagnostics
    assert warm.analysis.memo.computed == 0
    for year_id in warm.result.school.years:
        warm.analysis.calendar(year_id)
    warm.analysis.ledger  # noqa: B018  the dashboard's numbers
    check_school(warm.result.school, warm.analysis)  # the rules (the TUI's warm-up)
    assert warm.analysis.memo.computed == 0  # nothing computed again: every input is the School's own object
    assert_as_full_load(warm)


def test_an_edit_after_a_warm_open_gives_the_full_load(school: Path) -> None:
    Workspace(school)
    warm = Workspace(school)
    year = warm.result.school.years[max(warm.result.school.years)]
    warm.apply(a_move(year))
    assert warm.analysis.memo.reused > 0  # the other periods and years came from the saved state
    assert_as_full_load(warm)


def test_interned_inputs_are_interned_again_when_loaded() -> None:
    memo = Memo()
    year = "".join(["2025-", "2026"])  # not a constant: a new string, as unpickling makes
    token = memo.token("school", (sys.intern(year), [1]))  # a string and an entity
    memo.get("part", (sys.intern("zone " + year), token), lambda: 1)
    loaded = pickle.loads(pickle.dumps(memo))
    entity = loaded._tokens["school"][1]  # the entity as unpickled (the School's own object, in the TUI)
    reused_token = loaded.token("school", (sys.intern(year), entity))
    assert reused_token is loaded._tokens["school"]
    calls: list[int] = []
    assert loaded.get("part", (sys.intern("zone " + year), reused_token), lambda: calls.append(1) or 2) == 1
    assert not calls and loaded.computed == 0


def test_the_analysis_calendar_and_the_calendar_rule_are_two_parts(school: Path) -> None:
    result = load_school(school, use_cache=False)
    analysis = Analysis(result.school)
    check_school(result.school, analysis)
    year_id = next(iter(result.school.years))
    calendar = analysis.calendar(year_id)
    following = Analysis(result.school, analysis)
    assert following.calendar(year_id) is calendar  # taken over, not overwritten by the rule's part


def test_positions_survive_the_saved_state(school: Path) -> None:
    from aptui.load import snapshot

    fresh = load_school(school, use_cache=False)
    snapshot._register_reducers()
    loaded = pickle.loads(pickle.dumps(fresh.school, protocol=pickle.HIGHEST_PROTOCOL))
    assert loaded == fresh.school  # every Located.at (FieldLocs) and attendance line (KeyLocs), packed then read
    session = next(s for y in fresh.school.years.values() for s in y.all_sessions() if s.attendance)
    again = next(s for s in loaded.years[session.year].all_sessions()
                 if (s.period, s.group, s.day) == (session.period, session.group, session.day))
    assert dict(again.attendance_lines) == dict(session.attendance_lines) != {}
