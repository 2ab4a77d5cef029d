"""Helpers of the TUI tests: open the real app on a school, read the screen as text, compare files."""

from __future__ import annotations

import io
import os
import shutil
import stat
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot

from aptui.tui.app import AptuiApp

TODAY = date(2025, 11, 20)
"""A fixed 'today' inside period P2 of the test schools (Thursday 20 November 2025)."""
WIDE = (120, 40)
NARROW = (80, 24)


@asynccontextmanager
async def running(root: Path, today: date = TODAY, size: tuple[int, int] = WIDE) -> AsyncIterator[Pilot[None]]:
    """The real app on a school folder, headless, file polling off (tests call check_disk)."""
    app = AptuiApp(root, today=today, poll_seconds=0)
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        await settle(pilot)
        yield pilot


async def opened(pilot: Pilot[None], timeout: float = 30.0) -> None:
    """Wait until the school is open (the app loads it in a worker, behind its loading screen) and the
    first main screen is shown."""
    app = pilot.app
    assert isinstance(app, AptuiApp)
    for _ in range(int(timeout / 0.01)):
        if app.is_open and app.main_screen is not None:
            return
        await pilot.pause(0.01)
    raise AssertionError("l'école ne s'est pas ouverte")


async def settle(pilot: Pilot[None]) -> None:
    """Let messages, workers (the board's columns) and refreshes finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def shown(pilot: Pilot[None], text: str, timeout: float = 10.0) -> str:
    """The screen's text once it shows ``text`` (a timer's redraw comes later on a loaded machine);
    the last text seen after ``timeout``, for the test's own assertion to show."""
    seen = screen_text(pilot.app)
    for _ in range(int(timeout / 0.02)):
        if text in seen:
            break
        await pilot.pause(0.02)
        seen = screen_text(pilot.app)
    return seen


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys one by one, settling after each (no key: settle only)."""
    if not keys:
        await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type a text into the focused input."""
    await pilot.press(*[_key(char) for char in text])
    await settle(pilot)


def _key(char: str) -> str:
    names = {" ": "space", "/": "slash", "-": "minus", ".": "full_stop", ":": "colon", "'": "apostrophe",
             ",": "comma", "?": "question_mark"}
    return names.get(char, char)


def screen_text(app: AptuiApp) -> str:
    """The screen as plain text (what a user reads), trailing spaces removed."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)  # noqa: SLF001
    console.print(update)
    return "\n".join(line.rstrip() for line in console.export_text(styles=False).splitlines())


def copy_school(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def recording_editor(folder: Path) -> tuple[str, Path]:
    """An $EDITOR script that records its arguments (one per line), then edits the file (its last argument).

    It appends a comment line, or, when $FAKE_EDITOR_SOURCE names a file, replaces the file by that one
    (the user "fixes" the file in the editor).
    """
    log = folder / "editor-args.txt"
    script = folder / "fake-editor.sh"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{log}"\n'
        'for last; do :; done\n'
        'if [ -n "$FAKE_EDITOR_SOURCE" ]; then cat "$FAKE_EDITOR_SOURCE" > "$last"; '
        'else printf "# vu par l\'éditeur\\n" >> "$last"; fi\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script), log


def editor_env(monkeypatch: object, folder: Path) -> Path:
    """Point $EDITOR (and not $VISUAL) at the recording editor; returns the log file."""
    command, log = recording_editor(folder)
    monkeypatch.delenv("VISUAL", raising=False)  # type: ignore[attr-defined]
    monkeypatch.setenv("EDITOR", command)  # type: ignore[attr-defined]
    assert os.access(command, os.X_OK)
    return log


def snapshot_files(root: Path) -> dict[str, bytes]:
    """Every file of a school (relative path -> bytes), to compare before and after an edit."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def changed_paths(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


def line_diff(before: bytes | None, after: bytes | None) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) between two versions of a file, as `git diff` shows them."""
    import difflib

    old = (before or b"").decode().splitlines()
    new = (after or b"").decode().splitlines()
    removed, added = [], []
    for line in difflib.unified_diff(old, new, n=0, lineterm=""):
        if line.startswith(("---", "+++", "@@")):
            continue
        (removed if line.startswith("-") else added).append(line[1:])
    return removed, added


def school_errors(root: Path) -> list[str]:
    """The errors `aptui validate` would report (fresh load, no cache)."""
    from aptui.pipeline import load_school

    return [f"{d.code} {d.loc.path}:{d.loc.line} {d.message}" for d in load_school(root, use_cache=False).errors]


def notifications(app: AptuiApp) -> list[str]:
    """The texts of the notifications currently shown."""
    return [n.message for n in app._notifications]  # noqa: SLF001 - no public accessor in Textual 8


def rendered(renderable: object, width: int = 100) -> str:
    """A Rich renderable as plain text (the help's content, wider than the screen shows at once)."""
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text(styles=False).splitlines())
