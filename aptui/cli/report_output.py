"""Writing a report: the format chosen (``--format``, or the suffix of ``-o``), one table (``--table N``),
to standard output (text formats) or to a file.  Messages never name a student (they may reach logs)."""

from __future__ import annotations

import sys
from pathlib import Path

from aptui.reports import formats
from aptui.reports.document import Document
from aptui.reports.render_text import only_table


class OutputError(Exception):
    """A mistake about the output (format, file, table number): a usage error."""


def choose_format(name: str | None, output: str | None) -> formats.Format:
    known = formats.load()
    if name is not None:
        if name not in known:
            raise OutputError(f"format « {name} » inconnu (formats : {', '.join(known)})")
        return known[name]
    if output is not None:
        guessed = formats.for_path(output)
        if guessed is not None:
            return guessed
    return known["text"]


def emit(document: Document, fmt_name: str | None, output: str | None, table: int | None) -> None:
    """Render and write the document; OutputError for a usage mistake."""
    fmt = choose_format(fmt_name, output)
    if table is not None:
        try:
            document = only_table(document, table)
        except IndexError:
            count = len(document.tables())
            raise OutputError(f"pas de tableau n° {table} : ce rapport en a {count}") from None
    if fmt.binary and output is None:
        raise OutputError(f"le format {fmt.name} s'écrit dans un fichier : ajoutez -o FICHIER")
    data = fmt.render(document)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    target = Path(output)
    if not target.parent.is_dir():
        raise OutputError(f"le dossier « {target.parent} » n'existe pas")
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"impossible d'écrire « {target} » : {exc.strerror}") from None
    print(f"Rapport écrit : {target} ({fmt.name}, {len(data)} octets)")
