"""Where each kind of file lives in a school repository.

    school.yaml
    staff.yaml
    students/<student-id>.yaml
    years/<YYYY-YYYY>/year.yaml
    years/<YYYY-YYYY>/divisions/<division-id>.yaml
    years/<YYYY-YYYY>/groups/<period>/<group-id>.yaml
    years/<YYYY-YYYY>/sessions/<period>/<group-id>.yaml
    years/<YYYY-YYYY>/bilans/<period>.yaml
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import PurePosixPath


class Kind(str, Enum):
    """The kinds of school files; the value is the schema's file stem."""

    SCHOOL = "school"
    STAFF = "staff"
    STUDENT = "student"
    YEAR = "year"
    DIVISION = "division"
    GROUP = "group"
    SESSIONS = "sessions"
    BILANS = "bilans"


SCHEMA_DIR = "schema"
YEAR_ID = re.compile(r"^\d{4}-\d{4}$")


@dataclass(frozen=True, slots=True)
class FileRole:
    """What a file is, read from its path alone."""

    kind: Kind
    year: str | None = None
    period: str | None = None
    ident: str | None = None  # student, division or group id, from the file name


def classify(rel_path: str) -> FileRole | None:
    """The role of a path relative to the school root, or None if it is not a school file."""
    parts = PurePosixPath(rel_path).parts
    if not parts or not parts[-1].endswith(".yaml"):
        return None
    stem = parts[-1][: -len(".yaml")]
    if len(parts) == 1:
        return {"school": FileRole(Kind.SCHOOL), "staff": FileRole(Kind.STAFF)}.get(stem)
    if parts[0] == "students" and len(parts) == 2:
        return FileRole(Kind.STUDENT, ident=stem)
    if parts[0] != "years" or len(parts) < 3 or not YEAR_ID.match(parts[1]):
        return None
    year, rest = parts[1], parts[2:]
    if rest == ("year.yaml",):
        return FileRole(Kind.YEAR, year=year)
    if len(rest) == 2 and rest[0] == "divisions":
        return FileRole(Kind.DIVISION, year=year, ident=stem)
    if len(rest) == 2 and rest[0] == "bilans":
        return FileRole(Kind.BILANS, year=year, period=stem)
    if len(rest) == 3 and rest[0] in ("groups", "sessions"):
        kind = Kind.GROUP if rest[0] == "groups" else Kind.SESSIONS
        return FileRole(kind, year=year, period=rest[1], ident=stem)
    return None


def school_yaml_paths(rel_dir: str) -> bool:
    """True for the folders that may hold school files (skips .git, schema, ...)."""
    first = PurePosixPath(rel_dir).parts[:1]
    return not first or first[0] in ("students", "years")


def group_path(year: str, period: str, group: str) -> str:
    return f"years/{year}/groups/{period}/{group}.yaml"


def sessions_path(year: str, period: str, group: str) -> str:
    return f"years/{year}/sessions/{period}/{group}.yaml"


def bilans_path(year: str, period: str) -> str:
    return f"years/{year}/bilans/{period}.yaml"


def division_path(year: str, division: str) -> str:
    return f"years/{year}/divisions/{division}.yaml"


def year_path(year: str) -> str:
    return f"years/{year}/year.yaml"


def student_path(student: str) -> str:
    return f"students/{student}.yaml"


def schema_header(rel_path: str, kind: Kind) -> str:
    """The first line of a school file: its schema, by a path relative to the file."""
    depth = len(PurePosixPath(rel_path).parts) - 1
    prefix = "../" * depth
    return f"# yaml-language-server: $schema={prefix}{SCHEMA_DIR}/{kind.value}.schema.json"
