"""Several edit commands as one edit: one plan, one write, one commit, one undo.

Each command is planned on the files as the commands before it left them (their planned bytes
are read in place of the disk's, ``files.PLANNED``); the result is one change per file, from
its bytes on disk to its last planned bytes.  A command that finds files by listing a folder
does not see a file an earlier command of the same edit creates: combine only commands that
name their files (a student's, a division's, year.yaml).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aptui.edit.base import Command, EditRefused
from aptui.edit.files import PLANNED, FileChange


@dataclass(frozen=True)
class Together(Command):
    """``commands`` applied in order as one edit, described by ``summary`` (or their descriptions)."""

    commands: Sequence[Command]
    summary: str = ""

    def paths(self) -> list[str]:
        return sorted({path for command in self.commands for path in command.paths()})

    def plan(self, root: Path) -> list[FileChange]:
        if not self.commands:
            raise EditRefused("rien à faire : choisissez au moins un élément")
        planned: dict[str, bytes | None] = {}
        before: dict[str, bytes | None] = {}
        for command in self.commands:
            token = PLANNED.set(planned)
            try:
                changes = command.plan(root)
            finally:
                PLANNED.reset(token)
            for change in changes:
                before.setdefault(change.path, change.before)
                planned[change.path] = change.after
        return [FileChange(path, before[path], planned[path]) for path in sorted(planned)
                if planned[path] != before[path]]

    def describe(self) -> str:
        if self.summary:
            return self.summary
        return " ; ".join(command.describe() for command in self.commands)
