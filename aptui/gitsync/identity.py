"""Who is using this clone: the staff id (``staff.yaml``) of the person behind the git identity.

Kept in the clone's own git config (``git config aptui.staff <id>``): git config
is not cloned, so each teacher's clone says who they are, once.  ``aptui
clone`` asks for it; the app and the CLI use it as the default author of
bilans, interviews and appels.  ``APTUI_STAFF`` overrides it (tests, shared
machines).
"""

from __future__ import annotations

import os
from pathlib import Path

from aptui.gitsync.runner import Git

STAFF_KEY = "aptui.staff"
STAFF_ENV = "APTUI_STAFF"


def staff_id(root: Path | str) -> str | None:
    """The staff id recorded for this clone, or None when nobody said who they are."""
    forced = os.environ.get(STAFF_ENV)
    if forced:
        return forced
    git = Git(root)
    if not git.is_repo():
        return None
    return git.config(STAFF_KEY)


def set_staff_id(root: Path | str, ident: str) -> None:
    """Record who uses this clone (local git config only: never shared by a push)."""
    Git(root).run("config", "--local", STAFF_KEY, ident)
