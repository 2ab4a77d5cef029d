"""The hostile corpus (tests/fixtures/hostile/MANIFEST.yaml): cases, their big files, dropping one into a school.

Used by tests/test_hostile.py and tests/fuzz.py (its seeds); usable with any
reader of school files: ``cases()`` gives each case's bytes (or special kind),
its path in the school and what must be reported.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
FAKE_TOKEN = "s3cr3t-t0ken"


def dense_flow_list() -> bytes:
    """A 5 MB flow list of one-letter items: 2.5 million values (libyaml's tree would take ~1 GB)."""
    return b"id: e09\nnom: [" + b"a," * 2_450_000 + b"a]\n"


def many_keys() -> bytes:
    """A 4 MB mapping of 450,000 keys (one line each)."""
    return b"".join(b"k%d: v\n" % i for i in range(450_000))


def too_big() -> bytes:
    """A valid student file of 6 MB (one long note): over the 5 MB limit."""
    return b"id: e09\nnom: A\nprenom: B\ndivisions: {}\nprojet_poursuite: " + b"x" * 6_000_000 + b"\n"


def huge_key() -> bytes:
    """An attendance mark whose student id is 100,000 characters long (libyaml refuses keys over 1,024)."""
    return (b'seances:\n  - date: 2025-09-16\n    debut: "14:00"\n    duree_min: 120\n    appel:\n      '
            + b"e" * 100_000 + b": present\n")


def huge_enum_value() -> bytes:
    """A profile of 100,000 characters (a message must quote only an excerpt)."""
    return b"id: e09\nnom: A\nprenom: B\ndivisions: {}\nprofils:\n  2025-2026: " + b"x" * 100_000 + b"\n"


GENERATORS: dict[str, Callable[[], bytes]] = {
    f.__name__: f for f in (dense_flow_list, many_keys, too_big, huge_key, huge_enum_value)
}


@dataclass(frozen=True)
class Case:
    """One hostile file and what aptui must answer."""

    name: str
    into: str
    expect: tuple[tuple[str, int], ...]
    file: str | None = None
    generate: str | None = None
    special: str | None = None
    target: str | None = None
    git_config: bool = False
    exact_errors: bool = False
    costly: bool = False
    absent: tuple[str, ...] = ()
    said: tuple[str, ...] = ()
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    def content(self) -> bytes | None:
        """The bad file's bytes (None for a special file)."""
        if self.file is not None:
            return (HOSTILE / self.file).read_bytes()
        if self.generate is not None:
            return GENERATORS[self.generate]()
        return None

    def drop_into(self, root: Path) -> Path:
        """Put this case's file into a school folder (replacing the school's own file); returns its path."""
        path = root / self.into
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        if self.git_config:
            (root / ".git").mkdir(exist_ok=True)
            (root / ".git" / "config").write_text(
                f'[remote "origin"]\n\turl = https://oauth2:{FAKE_TOKEN}@example.invalid/ecole.git\n')
        if self.special == "fifo":
            os.mkfifo(path)
        elif self.special == "socket":
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                server.bind(str(path))
            finally:
                server.close()  # the socket file stays
        elif self.special == "symlink":
            assert self.target is not None
            path.symlink_to(self.target)
        else:
            content = self.content()
            assert content is not None, self.name
            path.write_bytes(content)
        return path


def cases() -> list[Case]:
    """Every case of the manifest, in its order."""
    raw = yaml.safe_load((HOSTILE / "MANIFEST.yaml").read_text(encoding="utf-8"))
    result = []
    for entry in raw:
        expect = tuple((code, int(line)) for code, line in (item.split() for item in entry["expect"]))
        result.append(Case(
            name=entry["case"], into=entry["into"], expect=expect, file=entry.get("file"),
            generate=entry.get("generate"), special=entry.get("special"), target=entry.get("target"),
            git_config=bool(entry.get("git-config")), exact_errors=entry.get("errors") == "exact",
            costly=bool(entry.get("costly")), absent=tuple(entry.get("absent", ())), said=tuple(entry.get("said", ())),
        ))
    return result
