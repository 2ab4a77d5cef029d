"""Opening a school file in the user's editor at a line."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

DEFAULT_EDITOR = "vi"


def editor_command(path: Path, line: int) -> list[str]:
    """$VISUAL or $EDITOR (with its arguments), then +LINE and the file: understood by vi, nano, emacs, micro."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or DEFAULT_EDITOR
    return [*shlex.split(editor), f"+{max(1, line)}", str(path)]


def run_editor(path: Path, line: int) -> int:
    """Run the editor and wait for it; returns its exit status."""
    return subprocess.run(editor_command(path, line), check=False).returncode
