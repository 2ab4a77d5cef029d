"""The workspace: the loaded school, edits with undo, incremental reloads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from edit_support import GROUPS_P2, YEAR, files

from aptui.edit import FileChangedOnDisk, MoveStudent, RemoveStudentFromGroup, RenameGroup
from aptui.model.analysis import Analysis
from aptui.pipeline import NotASchool, load_school
from aptui.workspace import Workspace

APPRO = f"{GROUPS_P2}/G-APPRO.yaml"
METHODO = f"{GROUPS_P2}/G-METHODO.yaml"


def move() -> MoveStudent:
    return MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", None)


def touch_later(path: Path, text: str) -> None:
    """Write a file so that its mtime surely differs from the loaded one."""
    stat = path.stat() if path.exists() else None
    path.write_text(text)
    if stat is not None:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def assert_same_as_fresh_load(ws: Workspace) -> None:
    fresh = load_school(ws.root, use_cache=False)
    assert ws.result.diagnostics == fresh.diagnostics
    assert ws.result.school == fresh.school
    assert {p: d.digest for p, d in ws.result.documents.items()} == {p: d.digest for p, d in fresh.documents.items()}


def test_workspace_loads_like_the_pipeline(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    assert_same_as_fresh_load(ws)
    assert isinstance(ws.analysis, Analysis) and ws.analysis.school is ws.result.school
    assert ws.changed_on_disk() == []
    assert ws.pending_edits == [] and ws.undo() is None


def test_apply_reloads_only_the_touched_documents(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    old_docs = dict(ws.result.documents)
    applied = ws.apply(move())
    assert ws.result.school.years[YEAR].groups[("P2", "G-APPRO")].students == ("e01", "e02", "e05", "e06", "e08")
    for path, doc in ws.result.documents.items():
        assert (doc is old_docs[path]) == (path not in (APPRO, METHODO))
    assert ws.pending_edits == [applied]
    assert ws.changed_on_disk() == []
    assert_same_as_fresh_load(ws)


def test_undo_restores_bytes_and_forgets_an_uncommitted_edit(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    before = files(mini_school)
    first = ws.apply(move())
    ws.apply(RenameGroup(YEAR, "P2", "G-APPRO", "Approfondissement BTS"))
    ws.undo()
    assert ws.pending_edits == [first]
    assert ws.undo() is first
    assert files(mini_school) == before
    assert ws.pending_edits == [] and ws.undo() is None
    assert_same_as_fresh_load(ws)


def test_undo_after_a_commit_is_a_new_pending_edit(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    applied = ws.apply(move())
    ws.clear_pending()
    ws.undo()
    [revert] = ws.pending_edits
    assert revert.description == f"Annulation : {applied.description}"
    assert [c.after for c in revert.changes] == [c.before for c in reversed(applied.changes)]


def test_file_changed_behind_its_back_refuses_the_edit_and_reloads(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    touch_later(mini_school / METHODO, (mini_school / METHODO).read_text() + "# vu par un collègue\n")
    before = files(mini_school)
    with pytest.raises(FileChangedOnDisk) as caught:
        ws.apply(move())
    assert caught.value.path == METHODO
    assert files(mini_school) == before
    assert ws.pending_edits == []
    assert_same_as_fresh_load(ws)  # reloaded: the same edit now goes through
    ws.apply(move())
    assert (mini_school / METHODO).read_text().endswith("  - e07\narrivees:\n  - date: 2025-11-18\n"
                                                         "    eleve: e04\n    depuis: G-APPRO\n"
                                                         "    motif: Difficultés d'organisation repérées en classe\n"
                                                         "# vu par un collègue\n")


def test_undo_refuses_when_the_file_changed_since(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    ws.apply(RemoveStudentFromGroup(YEAR, "P2", "G-APPRO", "e05"))
    touch_later(mini_school / APPRO, (mini_school / APPRO).read_text() + "# retouche\n")
    before = files(mini_school)
    with pytest.raises(FileChangedOnDisk):
        ws.undo()
    assert files(mini_school) == before
    assert_same_as_fresh_load(ws)


def test_reload_picks_up_modified_new_and_deleted_files(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    old_docs = dict(ws.result.documents)
    student = mini_school / "students/e01.yaml"
    touch_later(student, student.read_text().replace("Zoé", "Zoë"))
    (mini_school / "students/e09.yaml").write_text(
        "# yaml-language-server: $schema=../schema/student.schema.json\nid: e09\nnom: Ibert\nprenom: Jade\n")
    (mini_school / "students/e08.yaml").unlink()
    expected = ["students/e01.yaml", "students/e08.yaml", "students/e09.yaml"]
    assert ws.changed_on_disk() == expected
    assert ws.reload() == expected
    assert ws.result.school.students["e01"].first_name == "Zoë"
    assert "e08" not in ws.result.school.students and "e09" in ws.result.school.students
    assert ws.result.documents["students/e02.yaml"] is old_docs["students/e02.yaml"]
    assert ws.changed_on_disk() == [] and ws.reload() == []
    assert_same_as_fresh_load(ws)


def test_same_bytes_with_a_new_mtime_is_not_a_change(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    touch_later(mini_school / APPRO, (mini_school / APPRO).read_text())
    assert ws.changed_on_disk() == [APPRO]
    assert ws.reload() == []
    assert ws.changed_on_disk() == []


def test_reload_of_given_paths_only(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    touch_later(mini_school / APPRO, (mini_school / APPRO).read_text().replace("Approfondissement\n", "Appro\n", 1))
    touch_later(mini_school / METHODO, (mini_school / METHODO).read_text().replace("Méthodo\n", "Métho\n", 1))
    assert ws.reload([APPRO]) == [APPRO]
    assert ws.result.school.years[YEAR].groups[("P2", "G-APPRO")].title == "Appro"
    assert ws.result.school.years[YEAR].groups[("P2", "G-METHODO")].title == "Méthodo"
    assert ws.reload() == [METHODO]


def test_a_stray_yaml_file_is_reported_after_reload(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    (mini_school / "notes.yaml").write_text("a: 1\n")
    assert ws.reload() == ["notes.yaml"]
    assert [d.code for d in ws.result.diagnostics if d.loc.path == "notes.yaml"] == ["APT006"]
    assert_same_as_fresh_load(ws)


def test_reload_of_a_folder_that_lost_its_school_raises(mini_school: Path) -> None:
    ws = Workspace(mini_school)
    (mini_school / "school.yaml").unlink()
    with pytest.raises(NotASchool):
        ws.reload()


def test_a_warm_open_reuses_the_saved_state_and_sees_changes(mini_school: Path) -> None:
    first = load_school(mini_school)  # fills the saved state (load/snapshot.py)
    warm = Workspace(mini_school)
    assert warm.result.diagnostics == first.diagnostics
    assert_same_as_fresh_load(warm)
    warm.apply(move())  # the documents of a saved state keep their entities: an edit rebuilds from them
    assert_same_as_fresh_load(warm)
    touch_later(mini_school / "students/e01.yaml", "id: e01\nnom: [cassé\n")
    assert load_school(mini_school).diagnostics == load_school(mini_school, use_cache=False).diagnostics
