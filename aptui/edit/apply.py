"""Applying a planned edit to the files, all or nothing, and undoing it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aptui.edit.files import FileChange, FileChangedOnDisk, check_unchanged, french_os_error
from aptui.load.source import content_digest

if TYPE_CHECKING:
    from aptui.edit.base import Command


@dataclass(frozen=True)
class AppliedEdit:
    """An edit written to disk: what was asked, its commit message, and the exact bytes changed."""

    command: Command
    description: str
    changes: tuple[FileChange, ...]

    @property
    def paths(self) -> list[str]:
        return [change.path for change in self.changes]

    def reverted(self) -> AppliedEdit:
        """The edit that undoes this one (for history once this one is committed)."""
        inverse = tuple(change.inverse() for change in reversed(self.changes))
        return AppliedEdit(self.command, f"Annulation : {self.description}", inverse)


def apply_command(root: Path, command: Command,
                  expected_digests: Mapping[str, str] | None = None) -> AppliedEdit:
    """Plan and write a command; refuses (FileChangedOnDisk) if a file differs from what was loaded.

    ``expected_digests`` maps each loaded path to its content digest
    (``Document.digest``); a touched file that is not in it must not exist.
    Raises WriteFailed (French message, nothing changed) when the disk refuses.
    """
    changes = command.plan(root)
    if expected_digests is not None:
        for change in changes:
            now = content_digest(change.before) if change.before is not None else None
            if expected_digests.get(change.path) != now:
                raise FileChangedOnDisk(change.path)
    write_all(root, changes)
    return AppliedEdit(command, command.describe(), tuple(changes))


def undo_edit(root: Path, applied: AppliedEdit) -> None:
    """Restore the bytes every file had before the edit, if they all still hold its result."""
    write_all(root, applied.reverted().changes)


def write_all(root: Path, changes: Sequence[FileChange]) -> None:
    """Write every change or none (aptui.edit.journal): each file is checked first.

    Raises FileChangedOnDisk (nothing written), UnsafePath (a link on the way)
    or WriteFailed (the disk refused; nothing left changed).
    """
    from aptui.edit.journal import write_transaction

    for change in changes:
        check_unchanged(root, change)
    try:
        write_transaction(root, changes)
    except OSError as exc:
        what = changes[0].path if len(changes) == 1 else f"{len(changes)} fichiers ({changes[0].path}…)"
        raise french_os_error(exc, what) from exc
