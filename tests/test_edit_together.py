"""Several edit commands as one edit: each sees what the ones before it planned; one write, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tui_support import snapshot_files

from aptui.edit.apply import apply_command, undo_edit
from aptui.edit.base import EditRefused
from aptui.edit.commands_setup_students import ChangeDivision, EditStudent, SetProfile
from aptui.edit.together import Together

YEAR = "2025-2026"


def read(root: Path, path: str) -> dict[str, object]:
    data = yaml.safe_load((root / path).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_commands_on_the_same_files_make_one_change_each(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    edit = Together((ChangeDivision("e01", YEAR, "2MSPC1"), ChangeDivision("e02", YEAR, "2MSPC1"),
                     EditStudent("e01", project="BTS"), SetProfile("e01", YEAR, "contents")), "deux élèves en 2MSPC1")
    applied = apply_command(mini_school, edit)
    assert applied.description == "deux élèves en 2MSPC1"
    assert sorted(c.path for c in applied.changes) == [
        "students/e01.yaml", "students/e02.yaml",
        f"years/{YEAR}/divisions/2MELEC1.yaml", f"years/{YEAR}/divisions/2MSPC1.yaml"]
    spc = read(mini_school, f"years/{YEAR}/divisions/2MSPC1.yaml")["eleves"]
    assert spc == ["e01", "e02", "e05", "e06", "e07", "e08"]
    assert read(mini_school, f"years/{YEAR}/divisions/2MELEC1.yaml")["eleves"] == ["e03", "e04"]
    e01 = read(mini_school, "students/e01.yaml")
    assert e01["projet_poursuite"] == "BTS" and e01["profils"] == {YEAR: "contents"}
    assert e01["divisions"] == {YEAR: "2MSPC1"}
    undo_edit(mini_school, applied)
    assert snapshot_files(mini_school) == before


def test_a_refused_command_refuses_the_whole_edit(mini_school: Path) -> None:
    before = snapshot_files(mini_school)
    with pytest.raises(EditRefused, match="division inconnue"):
        apply_command(mini_school, Together((ChangeDivision("e01", YEAR, "2MSPC1"),
                                             ChangeDivision("e02", YEAR, "9NULLE"))))
    assert snapshot_files(mini_school) == before
