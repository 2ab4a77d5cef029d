"""The appel being taken, kept on disk at each change until it is saved or discarded: a crash, a closed
terminal or a power cut loses no mark.  The next open of the app shows that appel again, carried onto the
session as it is then (data/appel_rebase.py: a colleague's marks received meanwhile are kept).

Kept in the school's private cache folder (mode 0700, load/cache.py: students' ids and marks are personal
data), as JSON (nothing there runs code), written atomically and synced; ``aptui forget`` purges it with
the rest of that folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from aptui.load.cache import is_private, private_folder, school_folder

if TYPE_CHECKING:
    from aptui.model.entities import Year

DRAFT_FILE = "appel-draft.json"


@dataclass(frozen=True, slots=True)
class AppelDraft:
    year: str
    period: str
    group: str
    day: date
    base: dict[str, str]
    """The members' marks as read when the appel began (what the user's changes are changes to)."""
    marks: dict[str, str]
    base_activity: str
    activity: str
    base_notes: str
    notes: str
    written_at: str
    """When the draft was last written (ISO, local time): said when it is shown again."""


def draft_path(root: Path) -> Path:
    return school_folder(root) / DRAFT_FILE


def save_draft(root: Path, draft: AppelDraft) -> None:
    """Write the draft atomically and durably; raises OSError (the caller says it once)."""
    target = draft_path(root)
    private_folder(target.parent)
    payload = {**asdict(draft), "day": draft.day.isoformat()}
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".appel-draft-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def load_draft(root: Path) -> AppelDraft | None:
    """The draft left by an appel never saved nor discarded, or None (none, unreadable, not private)."""
    target = draft_path(root)
    if not target.is_file() or not is_private(target.parent):
        return None
    try:
        raw = json.loads(target.read_text(encoding="utf-8"))
        draft = AppelDraft(**{**raw, "day": date.fromisoformat(raw["day"])})
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if not all(isinstance(v, dict) and all(isinstance(x, str) for x in (*v, *v.values()))
               for v in (draft.base, draft.marks)):
        return None
    return draft


def draft_for(root: Path, year: Year | None) -> AppelDraft | None:
    """The draft left for a session of ``year`` that still exists (a group since deleted, another year: None)."""
    draft = load_draft(root) if year is not None else None
    if draft is None or year is None or draft.year != year.id or (draft.period, draft.group) not in year.groups:
        return None
    return draft


def clear_draft(root: Path) -> None:
    with contextlib.suppress(OSError):
        draft_path(root).unlink()
