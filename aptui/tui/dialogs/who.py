"""« Qui êtes-vous ? »: the person using this clone, asked once (« Mes séances » with no staff id), kept where
``aptui clone`` keeps it (the clone's ``git config aptui.staff``, aptui/gitsync/identity.py)."""

from __future__ import annotations

from pathlib import Path

from aptui.gitsync.identity import staff_id
from aptui.gitsync.onboarding import matching_members, staff_members
from aptui.gitsync.runner import Git
from aptui.tui import labels as L
from aptui.tui.dialogs.base import Field, FormDialog


def must_ask(root: Path) -> bool:
    """Whether to ask who uses the clone: a git clone that does not say it, and a staff.yaml to choose from."""
    try:
        return staff_id(root) is None and Git(root).is_repo() and bool(staff_members(root))
    except Exception:  # noqa: BLE001 - no git, a broken config: nothing to ask, the hint says how to declare
        return False


def who_dialog(root: Path) -> FormDialog:
    """A choice among staff.yaml's people, the one the git identity names first; dismisses {"staff": id} or None."""
    members = staff_members(root)
    git = Git(root)
    guess = matching_members(members, git.config("user.name"), git.config("user.email"))
    fields = [Field("staff", L.WHO_FIELD, "select", guess[0].id if guess else None,
                    tuple((m.label, m.id) for m in members), required=True)]
    return FormDialog(L.WHO_TITLE, fields, L.WHO_TEXT)
