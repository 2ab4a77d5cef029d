"""What every edit command shares: refusals, the file snapshot, key orders, labels.

A command reads the files it needs through a ``Snapshot`` (round-trip YAML,
one load per file), mutates the loaded trees in place, and the snapshot turns
the mutated trees into ``FileChange``s: this is the one place where a file is
"loaded, mutated and dumped".
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from aptui import layout
from aptui import vocab as v
from aptui.edit.files import FileChange, read_bytes
from aptui.load.source import parse_source
from aptui.rules.common import french_date

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap

    from aptui.edit.roundtrip import Owner

# ruamel.yaml (~0.2 s to import) is loaded when an edit is planned, not when this
# module is imported: the TUI and the Workspace import the edit layer at start-up.

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
ID_MAX = 40
TIME_PATTERN = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
MIN_REASON = 3  # the schema's minLength for a dated move's reason
DURATION_RANGE = (15, 480)

# Canonical key order of each kind of entry (docs/format.md): a missing key is
# inserted where a person would have written it.
GROUP_KEYS = (v.TITLE, v.CONTENT_TYPE, v.BARRETTE, v.TEACHERS, v.STUDENTS, v.ARRIVALS, v.PLACEMENT_REASONS)
ARRIVAL_KEYS = (v.DATE, v.STUDENT, v.FROM_GROUP, v.REASON)
SESSION_KEYS = (v.DATE, v.START, v.DURATION, v.ACTIVITY, v.NOTES, v.ATTENDANCE)
BILAN_KEYS = (v.AUTHOR, v.DATE, v.OUTCOME, v.COMMENT, v.DECISION, v.TO_GROUP, v.TO_TYPE, v.REASON)
STUDENT_KEYS = (
    v.ID, v.NAME, v.FIRST_NAME, v.DIVISIONS, v.PROFILES, v.NEEDS, v.DIAGNOSTICS, v.INTERVIEWS,
    v.CONTRACT, v.TUTOR, v.STUDY_PROJECT, v.PASSERELLE, v.LEFT_ON,
)
INTERVIEW_KEYS = (v.DATE, v.TEACHER, v.NOTES)
DIAGNOSTIC_KEYS = (v.DATE, v.TOOL, v.RESULT)
OBJECTIVE_KEYS = (v.LABEL, v.STATUS)


class EditRefused(Exception):
    """An edit that cannot be made; the message (French) says why and what to do."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Command(ABC):
    """Base of the edit commands: frozen data, planned against the files of a school."""

    # Names and titles read by plan(), so that describe() speaks in domain words.
    _seen: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    @abstractmethod
    def plan(self, root: Path) -> list[FileChange]:
        """The file changes this edit makes to the school as it is now; writes nothing."""

    @abstractmethod
    def describe(self) -> str:
        """One French line in domain words (the commit message); names once plan() has run."""

    @abstractmethod
    def paths(self) -> list[str]:
        """The files this edit may touch."""

    def _remember(self, **names: str) -> None:
        self._seen.update(names)

    def _name(self, key: str, default: str) -> str:
        return self._seen.get(key, default)


# --- checks -------------------------------------------------------------------


def check_id(value: str, what: str) -> None:
    """Identifiers become file names: refuse anything else (and any path trick)."""
    if not isinstance(value, str) or not ID_PATTERN.match(value) or len(value) > ID_MAX:
        raise EditRefused(
            f"{what} « {value} » invalide : lettres, chiffres, « - », « _ » et « . » seulement "
            f"({ID_MAX} caractères au plus)"
        )


def check_year(year: str) -> None:
    if not isinstance(year, str) or not layout.YEAR_ID.match(year):
        raise EditRefused(f"année scolaire « {year} » invalide : écrivez-la AAAA-AAAA (ex. 2025-2026)")


def check_choice(value: str | None, labels: Mapping[str, str], what: str) -> None:
    if value not in labels:
        raise EditRefused(f"{what} « {value} » : valeur inconnue, choisissez parmi {', '.join(labels)}")


def check_time(hhmm: str) -> None:
    if not isinstance(hhmm, str) or not TIME_PATTERN.match(hhmm):
        raise EditRefused(f"heure « {hhmm} » invalide : écrivez-la HH:MM (ex. 14:00)")


def check_duration(minutes: int) -> None:
    low, high = DURATION_RANGE
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not low <= minutes <= high:
        raise EditRefused(f"durée « {minutes} » invalide : un nombre de minutes entre {low} et {high}")


def check_reason(reason: str) -> None:
    if len(reason.strip()) < MIN_REASON:
        raise EditRefused("motif obligatoire : dites en quelques mots pourquoi l'élève change de groupe")


def quoted(title: str) -> str:
    return f"« {title} »"


def day_text(day: date) -> str:
    return french_date(day)


# --- entries -------------------------------------------------------------------


def update_entry(entry: CommentedMap, fields: Iterable[tuple[str, Any]], order: Sequence[str],
                 owner: Owner | None = None) -> None:
    """Set each field in place (None removes it): only the lines that change differ."""
    from aptui.edit.roundtrip import delete_key, set_key

    for key, value in fields:
        if value is None:
            delete_key(entry, key, owner=owner)
        else:
            set_key(entry, key, value, order, owner=owner)


def optional_text(text: str | None) -> str | None:
    """Free text for an optional field: blank means the field is absent."""
    from aptui.edit.roundtrip import text_value

    return text_value(text.strip()) if text and text.strip() else None


def insert_dated(parent: CommentedMap, key: str, entry: CommentedMap, order: Sequence[str]) -> None:
    """Insert a dated entry in the list under key, kept in date order (after same-day entries)."""
    from ruamel.yaml.comments import CommentedMap

    from aptui.edit.roundtrip import child_seq, insert_item

    items = child_seq(parent, key, order)
    day = entry[v.DATE]
    pos = sum(1 for item in items
              if isinstance(item, CommentedMap) and isinstance(item.get(v.DATE), date) and item[v.DATE] <= day)
    insert_item(items, pos, entry, owner=(parent, key))


# --- files --------------------------------------------------------------------


@dataclass
class YamlFile:
    """One school file loaded round-trip; ``data`` is mutated in place by a command."""

    path: str
    before: bytes | None
    data: Any
    kind: layout.Kind | None = None  # set for a file created by the command
    deleted: bool = False

    def after(self) -> bytes | None:
        if self.deleted:
            return None
        from aptui.edit.roundtrip import dump_rt

        text = dump_rt(self.data)
        if self.before is None:
            assert self.kind is not None
            return (layout.schema_header(self.path, self.kind) + "\n" + text).encode("utf-8")
        return _encode_like(text, self.before)


def _encode_like(text: str, before: bytes) -> bytes:
    """Keep the byte order mark and the line endings the file had."""
    if b"\r\n" in before:
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8")
    return b"\xef\xbb\xbf" + raw if before.startswith(b"\xef\xbb\xbf") else raw


def _as_date(value: Any) -> date | None:
    """A date as read round-trip (date) or by the fast reader (ISO text)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8-sig").replace("\r\n", "\n")


class Snapshot:
    """The files one command reads and changes, each loaded once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: dict[str, YamlFile] = {}
        self._lookups: dict[str, Mapping[str, Any] | None] = {}  # read-only files, fast reader

    def exists(self, path: str) -> bool:
        if path in self._files:
            return not self._files[path].deleted and self._files[path].data is not None
        return read_bytes(self.root, path) is not None

    def edit(self, path: str, missing: str) -> CommentedMap:
        """The mapping of an existing file to mutate; refuses with ``missing`` if there is none."""
        loaded = self._load(path)
        if loaded.data is None or loaded.deleted:
            raise EditRefused(missing)
        return loaded.data

    def edit_or_create(self, path: str, kind: layout.Kind, template: CommentedMap) -> CommentedMap:
        """The mapping of a file, or ``template`` as a new file (written with its schema header)."""
        loaded = self._load(path)
        if loaded.data is None:
            loaded.data, loaded.kind, loaded.deleted = template, kind, False
        return loaded.data

    def create(self, path: str, kind: layout.Kind, data: CommentedMap, exists: str) -> None:
        """A new file; refuses with ``exists`` if the file is already there."""
        if self.exists(path):
            raise EditRefused(exists)
        self.edit_or_create(path, kind, data)

    def delete(self, path: str) -> None:
        self._load(path).deleted = True

    def read(self, path: str) -> Mapping[str, Any] | None:
        """A file's mapping for lookups (names, titles), None when missing or unreadable.

        A file this command edits is read as it is now (round-trip tree); any
        other file is read once with the loader's fast reader (libyaml), not
        round-trip: a lookup must not cost a ruamel load and dump of
        staff.yaml or of a student's file.
        """
        loaded = self._files.get(path)
        if loaded is not None:
            data = None if loaded.deleted else loaded.data
            return data if isinstance(data, Mapping) else None
        if path not in self._lookups:
            raw = read_bytes(self.root, path)
            parsed = parse_source(raw, path)[0] if raw is not None else None
            data = parsed.data if parsed is not None else None
            self._lookups[path] = data if isinstance(data, Mapping) else None
        return self._lookups[path]

    def changes(self) -> list[FileChange]:
        """Every file whose bytes differ after the command's mutations, in path order."""
        result = []
        for path in sorted(self._files):
            loaded = self._files[path]
            if loaded.before is None and loaded.data is None:
                continue
            after = loaded.after()
            if after != loaded.before:
                result.append(FileChange(path, loaded.before, after))
        return result

    def _load(self, path: str) -> YamlFile:
        if path not in self._files:
            raw = read_bytes(self.root, path)
            self._files[path] = YamlFile(path, raw, self._parse(path, raw) if raw is not None else None)
        return self._files[path]

    @staticmethod
    def _parse(path: str, raw: bytes) -> CommentedMap:
        from ruamel.yaml.comments import CommentedMap
        from ruamel.yaml.error import YAMLError

        from aptui.edit.roundtrip import load_rt
        from aptui.load.admit import refusal

        try:
            text = _decode(raw)
        except UnicodeDecodeError as exc:
            raise EditRefused(f"{path} n'est pas en UTF-8 : corrigez-le d'abord") from exc
        refused = refusal(text)  # the round-trip reader only reads what the bounded reader accepts
        if refused is not None:
            raise EditRefused(f"{path} est illisible ({refused}) : corrigez-le d'abord")
        try:
            data = load_rt(text)
        except (ValueError, YAMLError) as exc:
            problem = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
            raise EditRefused(f"{path} est illisible ({problem}) : corrigez-le d'abord") from exc
        if not isinstance(data, CommentedMap):
            raise EditRefused(f"{path} ne contient pas un dictionnaire YAML : corrigez-le d'abord")
        return data

    # --- lookups for messages and checks ---------------------------------

    def student_name(self, student: str) -> str:
        """« Léa Martin (e2024-017) », or the bare id when the file is missing."""
        data = self.read(layout.student_path(student))
        if data is None or not data.get(v.NAME):
            return student
        return f"{data.get(v.FIRST_NAME, '')} {data.get(v.NAME)} ({student})".strip()

    def teacher_name(self, teacher: str) -> str:
        staff = self.read("staff.yaml") or {}
        for entry in staff.get(v.TEACHERS) or ():
            if isinstance(entry, Mapping) and entry.get(v.ID) == teacher:
                return f"{entry.get(v.FIRST_NAME, '')} {entry.get(v.NAME, '')}".strip() or teacher
        return teacher

    def group_title(self, year: str, period: str, group: str) -> str:
        data = self.read(layout.group_path(year, period, group))
        return str(data.get(v.TITLE) or group) if data is not None else group

    def group(self, year: str, period: str, group: str) -> CommentedMap:
        """The mapping of a group file to mutate; refuses an unknown group."""
        check_year(year)
        check_id(period, "période")
        check_id(group, "identifiant de groupe")
        path = layout.group_path(year, period, group)
        return self.edit(path, f"groupe inconnu : {group} en {period} ({path} n'existe pas)")

    def require_group(self, year: str, period: str, group: str) -> None:
        """Refuses an unknown group, as ``group()``, without loading it round-trip."""
        check_year(year)
        check_id(period, "période")
        check_id(group, "identifiant de groupe")
        path = layout.group_path(year, period, group)
        if not self.exists(path):
            raise EditRefused(f"groupe inconnu : {group} en {period} ({path} n'existe pas)")

    def group_ids(self, year: str, period: str) -> list[str]:
        """The groups of a period, from the files on disk, sorted."""
        folder = self.root / PurePosixPath(layout.group_path(year, period, "_")).parent  # the period's folder
        return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []

    def require_teachers(self, teachers: Sequence[str]) -> None:
        """Teachers must be unique ids of staff.yaml."""
        if len(set(teachers)) != len(teachers):
            raise EditRefused("un enseignant est nommé deux fois : gardez une seule occurrence")
        staff = self.read("staff.yaml") or {}
        known = {str(entry.get(v.ID)) for entry in staff.get(v.TEACHERS) or () if isinstance(entry, Mapping)}
        for teacher in teachers:
            check_id(teacher, "identifiant d'enseignant")
            if teacher not in known:
                raise EditRefused(f"enseignant inconnu : {teacher} (ajoutez-le d'abord à staff.yaml)")

    def require_student(self, student: str) -> None:
        check_id(student, "identifiant d'élève")
        if not self.exists(layout.student_path(student)):
            raise EditRefused(f"élève inconnu : {student} (pas de fichier {layout.student_path(student)})")

    def year_data(self, year: str) -> Mapping[str, Any]:
        """year.yaml, for lookups (periods, barrettes)."""
        check_year(year)
        path = layout.year_path(year)
        data = self.read(path)
        if data is None:
            raise EditRefused(f"année {year} inconnue : créez d'abord {path}")
        return data

    def period_bounds(self, year: str, period: str) -> tuple[date, date]:
        """Start and end of a period declared in year.yaml; refuses an undeclared one."""
        check_id(period, "période")
        for entry in self.year_data(year).get(v.PERIODS) or ():
            if isinstance(entry, Mapping) and entry.get(v.ID) == period:
                start, end = _as_date(entry.get(v.START)), _as_date(entry.get(v.END))
                if start is not None and end is not None:
                    return start, end
        raise EditRefused(
            f"période {period} non déclarée dans {layout.year_path(year)} : ajoutez-la à « {v.PERIODS} »"
        )

    def barrette_ids(self, year: str) -> list[str]:
        entries = self.year_data(year).get(v.BARRETTES) or ()
        return [str(entry.get(v.ID)) for entry in entries if isinstance(entry, Mapping)]
