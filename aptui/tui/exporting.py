"""« Exporter / imprimer » on the screens a report belongs to: the dialog, then the file written in a
thread (a PDF takes Chromium a few seconds), then where it is said.

Files go by default to the school's ``exports/`` folder, which holds a ``.gitignore`` of ``*``: an
export is never committed, whatever the school's own .gitignore says.  When that folder cannot be
made (a read-only school), a temporary folder is proposed instead.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aptui.reports.document import Document
from aptui.tui import labels_export as LX
from aptui.tui.dialogs.export import ExportDialog

if TYPE_CHECKING:
    from aptui.tui.screens.base import AptScreen

EXPORTS_DIR = "exports"
IGNORE_ALL = "# Exports d'aptui (rapports, classeurs) : jamais enregistrés dans git.\n*\n"


@dataclass(frozen=True)
class ExportSubject:
    label: str  # « la fiche de Noms1 Prenoms1 » in the dialog's title
    stem: str  # the file name without extension
    build: Callable[[], Document]


def formats() -> tuple[str, ...]:
    """The formats the dialog offers: the printed ones, and those of the text registry once there."""
    from aptui.reports.printed import PRINTED_FORMATS

    offered = ["html", "pdf", "ods", "xlsx"]
    return tuple(f for f in offered if f in PRINTED_FORMATS) + tuple(f for f in ("markdown",) if text_renderer(f))


def text_renderer(fmt: str) -> Callable[[Document], bytes] | None:
    """A renderer of the reports' own registry (aptui/reports/formats.py), when it has ``fmt``."""
    import importlib

    try:
        registry = importlib.import_module("aptui.reports.formats")
    except ImportError:
        return None
    entry = registry.load().get(fmt)
    render = getattr(entry, "render", None)
    return render if callable(render) else None


def render(document: Document, fmt: str) -> bytes:
    from aptui.reports.printed import PRINTED_FORMATS

    if fmt in PRINTED_FORMATS:
        return PRINTED_FORMATS[fmt](document)
    renderer = text_renderer(fmt)
    if renderer is None:
        raise ValueError(f"format inconnu : {fmt}")
    return renderer(document)


def exports_folder(root: Path) -> Path:
    """The school's exports/ folder (made, and ignored by git), or a temporary folder."""
    folder = root / EXPORTS_DIR
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text(IGNORE_ALL, encoding="utf-8")
        return folder
    except OSError:
        return Path(tempfile.gettempdir())


def write_export(subject: ExportSubject, fmt: str, path: Path) -> Path:
    """Build the document, render it and write the file (atomically); returns the absolute path."""
    from aptui.cli.export_files import write_file

    data = render(subject.build(), fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, data)
    return path.resolve()


def start_export(screen: AptScreen, subject: ExportSubject | None) -> None:
    """Open the dialog for ``subject``; on « Écrire », write the file in a thread and say where."""
    if subject is None:
        screen.notify(LX.EXPORT_NOTHING, severity="warning")
        return
    default = exports_folder(screen.ctx.root) / subject.stem

    def chosen(answer: tuple[str, Path] | None) -> None:
        if answer is None:
            return
        fmt, path = answer
        screen.notify(LX.EXPORT_WORKING.format(path.name), timeout=4)

        def work() -> None:
            try:
                written = write_export(subject, fmt, path)
            except Exception as exc:  # noqa: BLE001 - any failure is told, the app keeps running
                message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
                screen.app.call_from_thread(screen.notify, LX.EXPORT_FAILED.format(message), severity="error",
                                            timeout=15)
                return
            screen.app.call_from_thread(screen.notify, LX.EXPORT_DONE.format(written), timeout=15)
            screen.app.call_from_thread(setattr, screen, "last_export", written)

        screen.run_worker(work, thread=True, group="export", exclusive=True, exit_on_error=False)

    screen.app.push_screen(ExportDialog(subject.label, formats(), default), chosen)


def safe_stem(*parts: str) -> str:
    """A file name from ids (which come from files): letters, digits, - and _ only."""
    import re

    return "-".join(re.sub(r"[^A-Za-z0-9_-]+", "_", p) for p in parts if p)
