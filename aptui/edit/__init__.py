"""The edit layer: commands that change school files with minimal, reviewable diffs.

    roundtrip  ruamel.yaml round-trip and comment-safe list/mapping helpers
    files      FileChange, atomic writes, FileChangedOnDisk
    base       Command, EditRefused, the per-command file snapshot
    commands   every command, apply_command and undo_edit
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aptui.edit.commands import (
        AddDiagnostic,
        AddInterview,
        AddObjective,
        AddStudentToGroup,
        AppliedEdit,
        Command,
        CreateGroup,
        DeleteGroup,
        EditRefused,
        MoveStudent,
        RecordSession,
        RemoveStudentFromGroup,
        RenameGroup,
        SetAttendance,
        SetGroupContentType,
        SetGroupTeachers,
        SetObjectiveStatus,
        StartPeriod,
        WriteBilan,
        apply_command,
        undo_edit,
        write_all,
    )
    from aptui.edit.commands_pfmp import AddWorkPlacement, RemoveWorkPlacement
    from aptui.edit.files import FileChange, FileChangedOnDisk, write_atomic

__all__ = [
    "AddDiagnostic", "AddInterview", "AddObjective", "AddStudentToGroup", "AppliedEdit", "Command",
    "CreateGroup", "DeleteGroup", "EditRefused", "FileChange", "FileChangedOnDisk", "MoveStudent",
    "RecordSession", "RemoveStudentFromGroup", "RenameGroup", "SetAttendance", "SetGroupContentType",
    "SetGroupTeachers", "SetObjectiveStatus", "StartPeriod", "WriteBilan", "apply_command", "undo_edit",
    "write_all", "write_atomic",
    "AddWorkPlacement", "RemoveWorkPlacement",
]

# Names are resolved on first use (PEP 562): importing ``aptui.edit`` (the TUI does at start-up)
# must not import the commands, whose modules import ruamel.yaml (~0.2 s).
_HOME = {
    "EditRefused": "aptui.edit.base", "Command": "aptui.edit.base",
    "AppliedEdit": "aptui.edit.apply", "apply_command": "aptui.edit.apply", "undo_edit": "aptui.edit.apply",
    "write_all": "aptui.edit.apply",
    "FileChange": "aptui.edit.files", "FileChangedOnDisk": "aptui.edit.files", "write_atomic": "aptui.edit.files",
    "AddWorkPlacement": "aptui.edit.commands_pfmp", "RemoveWorkPlacement": "aptui.edit.commands_pfmp",
}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME.get(name, "aptui.edit.commands")), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
