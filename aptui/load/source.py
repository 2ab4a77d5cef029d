"""From the bytes of one file to a parsed document, or to diagnostics.

A broken file never stops the load: bad encoding, merge-conflict markers and
YAML syntax errors each become a diagnostic with the position of the fault,
and the document is simply left out of the model.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from aptui.diagnostics import Diagnostic, Loc, error, warning
from aptui.layout import FileRole
from aptui.load.limits import excerpt
from aptui.load.yamlread import MAX_SAFE_INT, ParsedYaml, ScalarNote, YamlSyntaxError, parse_yaml

CONFLICT_MARKER = re.compile(rb"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.M)
_MARKER_RUNS = (b"<" * 7, b"=" * 7, b">" * 7, b"|" * 7)  # in every marker CONFLICT_MARKER finds


@dataclass(slots=True)
class Document:
    """One school file as read: its role, its values with positions, its hash."""

    path: str  # relative to the school root, with "/" separators
    role: FileRole
    digest: str
    data: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # What the file adds to the model (load/build.py), memoised with the document.
    contribution: Any = field(default=None, compare=False, repr=False)
    built: bool = field(default=False, compare=False, repr=False)
    parsed: bool = False  # kept when ``data`` is dropped (documents restored from the model cache)
    # ``data`` went through its schema: what the schema refused was taken out (load/prune.py)
    checked: bool = field(default=False, compare=False, repr=False)
    # read without positions (load/fastread.py): where the builders' pending Locs find them
    lazy: Any = field(default=None, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        """True when the file was parsed (its values may still break the schema)."""
        return self.data is not None or self.parsed


def content_digest(raw: bytes) -> str:
    """The content key of a file for the parse cache."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text of a file (BOM tolerated), or an encoding diagnostic."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = ""
        try:
            sample = raw[max(0, exc.start - 10) : exc.start + 10].decode("cp1252")
            guess = f" (en Windows-1252 on lirait « {sample.strip()} »)"
        except UnicodeDecodeError:
            pass
        message = (
            f"le fichier n'est pas en UTF-8{guess} : réenregistrez-le en UTF-8 "
            "(dans l'éditeur : « Enregistrer sous… » > encodage UTF-8)"
        )
        return None, [error("APT002", message, Loc(path, line, column))]


def conflict_markers(raw: bytes, path: str) -> list[Diagnostic]:
    """Diagnostics for git merge-conflict markers left in a file."""
    if not any(run in raw for run in _MARKER_RUNS):
        return []  # (a byte search: ~10x cheaper than the line-start pattern on a clean file)
    found = CONFLICT_MARKER.search(raw)
    if not found:
        return []
    line = raw.count(b"\n", 0, found.start()) + 1
    message = (
        "marqueurs de conflit git (<<<<<<< ======= >>>>>>>) : choisissez la bonne version, "
        "supprimez les marqueurs, puis relancez (ou résolvez le conflit dans aptui)"
    )
    return [error("APT003", message, Loc(path, line, 1))]


def parse_source(raw: bytes, path: str) -> tuple[ParsedYaml | None, list[Diagnostic]]:
    """Decode and parse one file's bytes; never raises on bad input."""
    markers = conflict_markers(raw, path)
    if markers:
        return None, markers
    text, diags = decode(raw, path)
    if text is None:
        return None, diags
    try:
        parsed = parse_yaml(text)
    except YamlSyntaxError as exc:
        return None, [error("APT001", exc.message, Loc(path, exc.line, exc.column))]
    return parsed, []


def note_diagnostics(notes: list[ScalarNote], path: str) -> list[Diagnostic]:
    """Turn the reader's remarks (YAML 1.1 traps, duplicate keys) into diagnostics."""
    diags = []
    for note in notes:
        loc = Loc(path, note.line, note.column)
        if note.kind == "duplicate-key":
            diags.append(
                error("APT007", f"clé « {excerpt(note.text)} » en double : gardez une seule occurrence", loc)
            )
        elif note.kind == "big-int":
            digits = sum(ch.isdigit() for ch in note.text)
            diags.append(error(
                "APT101",
                f"nombre entier trop grand ({digits} chiffres ; au plus {MAX_SAFE_INT:_}) : corrigez-le, ou "
                "mettez-le entre guillemets s'il s'agit d'un texte".replace("_", " "),
                loc,
            ))
        elif note.kind == "explicit-tag":
            diags.append(error(
                "APT011",
                f"étiquette YAML explicite « {note.text} » refusée : retirez-la (aptui lit le type sur la valeur ; "
                "mettez un texte entre guillemets) ; la valeur est lue comme du texte",
                loc,
            ))
        elif note.kind == "non-finite":
            diags.append(error(
                "APT101",
                f"« {excerpt(note.text)} » n'est pas un nombre fini : écrivez un nombre, ou mettez-le entre "
                "guillemets s'il s'agit d'un texte",
                loc,
            ))
        elif note.kind == "sexagesimal":
            diags.append(
                error(
                    "APT005",
                    f"heure {excerpt(note.text)} sans guillemets : certains lecteurs YAML la lisent comme "
                    f"un nombre ; écrivez \"{excerpt(note.text)}\"",
                    loc,
                )
            )
        elif note.kind == "yaml11-bool":
            diags.append(
                warning(
                    "APT005",
                    f"« {excerpt(note.text)} » sans guillemets est lu comme un booléen par certains lecteurs "
                    f"YAML : écrivez true/false pour un booléen, \"{note.text}\" pour du texte",
                    loc,
                )
            )
    return diags
