"""The edit commands, in one namespace.

Each command is a frozen dataclass with ``plan(root) -> list[FileChange]``
(reads the files, computes the new bytes, writes nothing; raises
``EditRefused`` with a French message for an impossible edit),
``describe() -> str`` (the commit message, in domain words) and
``paths() -> list[str]``.  ``apply_command`` writes a plan, ``undo_edit``
reverts it.
"""

from __future__ import annotations

from aptui.edit.apply import AppliedEdit, apply_command, undo_edit, write_all
from aptui.edit.base import Command, EditRefused
from aptui.edit.commands_groups import (
    AddStudentToGroup,
    CreateGroup,
    DeleteGroup,
    MoveStudent,
    RemoveStudentFromGroup,
    RenameGroup,
    SetGroupContentType,
    SetGroupTeachers,
)
from aptui.edit.commands_periods import StartPeriod, WriteBilan
from aptui.edit.commands_pfmp import AddWorkPlacement, RemoveWorkPlacement
from aptui.edit.commands_records import (
    DeleteDiagnostic,
    DeleteInterview,
    DeleteObjective,
    DiagnosticRef,
    EditDiagnostic,
    EditInterview,
    EditObjective,
    InterviewRef,
    ObjectiveRef,
)
from aptui.edit.commands_session_fix import DeleteSession, EditSession
from aptui.edit.commands_sessions import RecordSession, SetAttendance
from aptui.edit.commands_students import AddDiagnostic, AddInterview, AddObjective, SetObjectiveStatus

__all__ = [
    "AddDiagnostic", "AddInterview", "AddObjective", "AddStudentToGroup", "AppliedEdit", "Command",
    "CreateGroup", "DeleteGroup", "EditRefused", "MoveStudent", "RecordSession", "RemoveStudentFromGroup",
    "RenameGroup", "SetAttendance", "SetGroupContentType", "SetGroupTeachers", "SetObjectiveStatus",
    "StartPeriod", "WriteBilan", "apply_command", "undo_edit", "write_all",
    "AddWorkPlacement", "RemoveWorkPlacement",
    "DeleteDiagnostic", "DeleteInterview", "DeleteObjective", "DeleteSession", "DiagnosticRef", "EditDiagnostic",
    "EditInterview", "EditObjective", "EditSession", "InterviewRef", "ObjectiveRef",
]
