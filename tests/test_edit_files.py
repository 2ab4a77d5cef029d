"""Writing changes: atomic, checked against the bytes read, all or nothing, undoable."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from edit_support import GROUPS_P2, YEAR, changed, files

from aptui.edit import (
    FileChange,
    FileChangedOnDisk,
    MoveStudent,
    RenameGroup,
    apply_command,
    journal,
    undo_edit,
    write_atomic,
)
from aptui.edit.base import Snapshot
from aptui.edit.files import WriteFailed
from aptui.load.source import content_digest

APPRO = f"{GROUPS_P2}/G-APPRO.yaml"
METHODO = f"{GROUPS_P2}/G-METHODO.yaml"


def move() -> MoveStudent:
    return MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", None)


def test_write_atomic_creates_folders_and_leaves_no_temp_file(tmp_path: Path) -> None:
    write_atomic(tmp_path, FileChange("years/2030-2031/bilans/P1.yaml", None, b"bilans: {}\n"))
    assert (tmp_path / "years/2030-2031/bilans/P1.yaml").read_bytes() == b"bilans: {}\n"
    write_atomic(tmp_path, FileChange("years/2030-2031/bilans/P1.yaml", b"bilans: {}\n", b"bilans: []\n"))
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["P1.yaml"]


def test_write_atomic_refuses_when_the_file_changed(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"x: 2\n")
    with pytest.raises(FileChangedOnDisk) as caught:
        write_atomic(tmp_path, FileChange("a.yaml", b"x: 1\n", b"x: 3\n"))
    assert caught.value.path == "a.yaml"
    assert str(caught.value) == ("le fichier a.yaml a changé sur le disque depuis sa lecture : rechargé, "
                                 "refaites la modification")
    assert (tmp_path / "a.yaml").read_bytes() == b"x: 2\n"
    with pytest.raises(FileChangedOnDisk):
        write_atomic(tmp_path, FileChange("a.yaml", None, b"x: 3\n"))  # expected to be new


def test_write_atomic_deletes_and_prunes_empty_folders(tmp_path: Path) -> None:
    write_atomic(tmp_path, FileChange("years/Y/groups/P9/G.yaml", None, b"titre: G\n"))
    write_atomic(tmp_path, FileChange("years/Y/groups/P9/G.yaml", b"titre: G\n", None))
    assert not (tmp_path / "years").exists()
    assert tmp_path.exists()


def test_write_atomic_refuses_paths_outside_the_school(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_atomic(tmp_path, FileChange("../evil.yaml", None, b"x: 1\n"))


def test_crlf_and_bom_files_keep_their_encoding(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbftitre: A\r\neleves:\r\n  - e01\r\n"
    (tmp_path / "g.yaml").write_bytes(raw)
    snap = Snapshot(tmp_path)
    data = snap.edit("g.yaml", "absent")
    data["titre"] = "B"
    [change] = snap.changes()
    assert change.after == b"\xef\xbb\xbftitre: B\r\neleves:\r\n  - e01\r\n"


def test_apply_writes_only_the_planned_files_and_undo_restores_bytes(mini_school: Path) -> None:
    before = files(mini_school)
    applied = apply_command(mini_school, move())
    assert changed(before, files(mini_school)) == [APPRO, METHODO]
    assert [c.before for c in applied.changes] == [before[APPRO], before[METHODO]]
    undo_edit(mini_school, applied)
    assert files(mini_school) == before


def test_apply_refuses_if_a_loaded_digest_differs_and_writes_nothing(mini_school: Path) -> None:
    digests = {p: content_digest(b) for p, b in files(mini_school).items()}
    (mini_school / METHODO).write_text((mini_school / METHODO).read_text() + "# modifié ailleurs\n")
    before = files(mini_school)
    with pytest.raises(FileChangedOnDisk) as caught:
        apply_command(mini_school, move(), digests)
    assert caught.value.path == METHODO
    assert files(mini_school) == before


def test_a_failed_write_rolls_back_the_earlier_ones(mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = files(mini_school)
    real = journal._apply
    calls: list[str] = []

    def failing(entry: journal._Entry) -> None:
        calls.append(entry.change.path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(entry)

    monkeypatch.setattr(journal, "_apply", failing)
    with pytest.raises(WriteFailed) as caught:
        apply_command(mini_school, move())
    assert calls[:2] == [APPRO, METHODO]
    assert files(mini_school) == before
    assert "le disque est plein" in caught.value.message and "réessayez" in caught.value.message
    assert not [p for p in journal.journal_dir(mini_school).iterdir() if p.is_dir()]  # nothing to recover


def test_undo_refuses_when_a_file_changed_since(mini_school: Path) -> None:
    applied = apply_command(mini_school, RenameGroup(YEAR, "P2", "G-APPRO", "Approfondissement BTS"))
    (mini_school / APPRO).write_text((mini_school / APPRO).read_text() + "# retouche\n")
    before = files(mini_school)
    with pytest.raises(FileChangedOnDisk):
        undo_edit(mini_school, applied)
    assert files(mini_school) == before


def test_edit_of_an_unchanged_value_changes_no_file(mini_school: Path) -> None:
    before = files(mini_school)
    applied = apply_command(mini_school, RenameGroup(YEAR, "P2", "G-APPRO", "Approfondissement"))
    assert applied.changes == ()
    assert files(mini_school) == before
