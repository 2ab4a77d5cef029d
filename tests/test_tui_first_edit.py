"""The first edit never waits for the warm-up (issue 14): an edit made right after mount cancels the warm-up
still running, is written, and leaves the same diagnostics as a full load of the edited files."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from textual.worker import NoActiveWorker, get_current_worker

import aptui.rules as rules
from aptui.edit import MoveStudent
from aptui.tui.app import AptuiApp
from aptui.tui.messages import EditRequested
from aptui.workspace import Workspace

YEAR = "2025-2026"
APPRO = f"years/{YEAR}/groups/P2/G-APPRO.yaml"


def in_warm_up() -> bool:
    try:
        return get_current_worker().group == "warm-up"
    except NoActiveWorker:
        return False


class EndlessWarmUp:
    """A rule that, in the warm-up's worker only, goes on until it is stopped (at most ~20 s, then the
    test fails instead of hanging); elsewhere (the load's worker, the edit's own check in the app's
    thread) it finds nothing."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.stopped = threading.Event()

    def check(self, analysis: Any) -> Iterator[Any]:
        if not in_warm_up():
            return
        self.started.set()
        try:
            for _ in range(2000):
                if self.stopped.wait(0.01):
                    return
                yield None  # a step: the warm-up looks whether it was cancelled
        except GeneratorExit:
            self.stopped.set()  # closed by the cancelled warm-up
            raise


async def test_an_edit_right_after_mount_cancels_the_warm_up_and_is_written(
        mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    endless = EndlessWarmUp()
    monkeypatch.setattr(rules, "RULE_MODULES", [*rules.RULE_MODULES, SimpleNamespace(check=endless.check)])
    app = AptuiApp(mini_school, today=date(2025, 11, 20), poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):  # the warm-up starts once the first screen is ready
            if endless.started.is_set():
                break
            await pilot.pause(0.02)
        assert endless.started.is_set() and app.analysis_lock.locked()
        app.post_message(EditRequested(MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", None)))
        for _ in range(400):
            if app.ctx.workspace.pending_edits:
                break
            await pilot.pause(0.02)
        assert endless.stopped.is_set()  # cancelled, not run to its end
        assert app.ctx.workspace.pending_edits
        assert "e06" in (mini_school / APPRO).read_text(encoding="utf-8")
        diagnostics = app.ctx.workspace.result.diagnostics
        await app.workers.wait_for_complete()
    monkeypatch.undo()
    assert diagnostics == Workspace(mini_school, use_cache=False).result.diagnostics
