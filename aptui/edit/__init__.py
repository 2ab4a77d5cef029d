"""The edit layer: commands that change school files with minimal, reviewable diffs.

    roundtrip  ruamel.yaml round-trip and comment-safe list/mapping helpers
    files      FileChange, atomic writes, FileChangedOnDisk
    base       Command, EditRefused, the per-command file snapshot
    commands   every command, apply_command and undo_edit
"""

from __future__ import annotations

from aptui.edit.commands import (
    AddDiagnostic, AddInterview, AddObjective, AddStudentToGroup, AppliedEdit, Command, CreateGroup, DeleteGroup,
    EditRefused, MoveStudent, RecordSession, RemoveStudentFromGroup, RenameGroup, SetAttendance,
    SetGroupContentType, SetGroupTeachers, SetObjectiveStatus, StartPeriod, WriteBilan, apply_command, undo_edit,
    write_all,
)
from aptui.edit.files import FileChange, FileChangedOnDisk, write_atomic

__all__ = [
    "AddDiagnostic", "AddInterview", "AddObjective", "AddStudentToGroup", "AppliedEdit", "Command",
    "CreateGroup", "DeleteGroup", "EditRefused", "FileChange", "FileChangedOnDisk", "MoveStudent",
    "RecordSession", "RemoveStudentFromGroup", "RenameGroup", "SetAttendance", "SetGroupContentType",
    "SetGroupTeachers", "SetObjectiveStatus", "StartPeriod", "WriteBilan", "apply_command", "undo_edit",
    "write_all", "write_atomic",
]
