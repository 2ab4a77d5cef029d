"""Redo (ctrl+y) beside undo: the same bytes again, the pending edits kept right, refused over changed files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from edit_support import GROUPS_P2, YEAR, files

from aptui.edit import FileChangedOnDisk, RemoveStudentFromGroup, RenameGroup
from aptui.pipeline import load_school
from aptui.workspace import Workspace

APPRO = f"{GROUPS_P2}/G-APPRO.yaml"


def rename() -> RenameGroup:
    return RenameGroup(YEAR, "P2", "G-APPRO", "Approfondissement BTS")


def test_redo_writes_the_edit_again_and_it_is_pending_again(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    before = files(mini_school)
    applied = ws.apply(rename())
    after = files(mini_school)
    assert not ws.can_redo
    ws.undo()
    assert ws.can_redo and files(mini_school) == before and ws.pending_edits == []
    assert ws.redo() is applied
    assert files(mini_school) == after
    assert ws.pending_edits == [applied] and not ws.can_redo and ws.next_undo is applied
    assert ws.result.school.years[YEAR].groups[("P2", "G-APPRO")].title == "Approfondissement BTS"
    assert ws.result.diagnostics == load_school(mini_school, use_cache=False).diagnostics
    assert ws.redo() is None


def test_redo_after_a_committed_undo_is_a_new_pending_edit(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    applied = ws.apply(rename())
    ws.clear_pending()  # committed
    ws.undo()
    ws.clear_pending()  # the undo committed too
    ws.redo()
    assert ws.pending_edits == [applied]


def test_an_undo_not_yet_committed_and_its_redo_cancel_out(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    ws.apply(rename())
    ws.clear_pending()
    ws.undo()
    assert [e.description for e in ws.pending_edits] == [f"Annulation : {ws._redo[-1][0].description}"]  # noqa: SLF001
    ws.redo()
    assert ws.pending_edits == []  # nothing left to commit: the files are as committed


def test_a_new_edit_clears_what_could_be_redone(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    ws.apply(rename())
    ws.undo()
    ws.apply(RemoveStudentFromGroup(YEAR, "P2", "G-APPRO", "e05"))
    assert not ws.can_redo and ws.redo() is None


def test_redo_refuses_when_the_file_changed_since(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    ws.apply(rename())
    ws.undo()
    path = mini_school / APPRO
    stat = path.stat()
    path.write_text(path.read_text() + "# retouche\n")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    before = files(mini_school)
    with pytest.raises(FileChangedOnDisk):
        ws.redo()
    assert files(mini_school) == before and not ws.can_redo
