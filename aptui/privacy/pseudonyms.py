"""Stable pseudonyms: the same person gets the same pseudonym under the same key, and no one without the key
can tell who it is (an HMAC, not a plain hash: student ids are easy to guess)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from pathlib import Path

REMOVED = "(retiré)"
"""What replaces a free text that must stay present (a required field): no word of the original survives."""
STUDENT_PREFIX = "anon-"
TEACHER_PREFIX = "ens-"
STUDENT_FIRST_NAME = "Élève"
TEACHER_FIRST_NAME = "Enseignant"
KEY_FILE = "pseudonym-key"


def _code(key: bytes, kind: str, ident: str, length: int) -> str:
    digest = hmac.new(key, f"{kind}\0{ident}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode().rstrip("=").lower()[:length]


@dataclass
class Pseudonyms:
    """Pseudonyms of the students and teachers of one school, from a secret key."""

    key: bytes
    students: dict[str, str] = field(default_factory=dict)
    teachers: dict[str, str] = field(default_factory=dict)

    def student(self, ident: str) -> str:
        return self._get(self.students, "eleve", STUDENT_PREFIX, ident)

    def teacher(self, ident: str) -> str:
        return self._get(self.teachers, "enseignant", TEACHER_PREFIX, ident)

    def _get(self, table: dict[str, str], kind: str, prefix: str, ident: str) -> str:
        if ident not in table:
            taken = set(table.values())
            length = 6
            while (name := prefix + _code(self.key, kind, ident, length)) in taken:
                length += 2  # a collision of short codes: a longer one, still stable
            table[ident] = name
        return table[ident]

    @property
    def mapping(self) -> dict[str, str]:
        """Original id -> pseudonym, students and teachers (keep it private: it re-identifies)."""
        return {**self.teachers, **self.students}


def display_code(pseudonym: str) -> str:
    """The « last name » of a pseudonymous person: the code of its pseudonym, upper case."""
    return pseudonym.split("-", 1)[-1].upper()


def school_key(root: Path) -> bytes:
    """This clone's secret key for a school, created on first use: ``.git/aptui/pseudonym-key`` (never
    committed), or the school's private cache folder when it is not a repository."""
    from aptui.edit.journal import git_dir
    from aptui.load.cache import private_folder, school_folder

    repo = git_dir(root)
    path = (repo / "aptui" if repo is not None else school_folder(root)) / KEY_FILE
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    if repo is None:
        private_folder(path.parent)
    else:
        path.parent.mkdir(mode=0o700, exist_ok=True)
    key = secrets.token_bytes(32)
    path.write_bytes(key)
    path.chmod(0o600)
    return key


def key_from_seed(seed: str) -> bytes:
    return hashlib.sha256(b"aptui-pseudonyms\0" + seed.encode()).digest()
