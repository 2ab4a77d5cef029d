"""Every key of the app has an id; a user's keymap file remaps them (``App.set_keymap``, as posting and harlequin do).

The file is ``$APTUI_KEYMAP`` if set, else ``$XDG_CONFIG_HOME/aptui/keymap.toml``
(``~/.config/aptui/keymap.toml``): one line per key to change, the binding id
(listed by the help, ``?``) and the new key or keys::

    "attendance.absent" = "z"          # or, the same: [attendance] absent = "z"
    "app.quit" = "ctrl+q"

A broken file or an unknown id is reported in French and ignored: the app
always starts with its own keys.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from textual.binding import Binding, BindingType

from aptui.tui import labels as L

KEYMAP_ENV = "APTUI_KEYMAP"
KEY_PATTERN = re.compile(r"^[^\s,]+$")


def keymap_path() -> Path:
    """Where the user's keymap is read from."""
    explicit = os.environ.get(KEYMAP_ENV)
    if explicit:
        return Path(explicit).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "aptui" / "keymap.toml"


def action_id(action: str) -> str:
    """« mark('absent') » -> « mark-absent »: an id part from an action string."""
    words = re.findall(r"[A-Za-z0-9]+", action.replace("_", "-").replace("'", " "))
    return "-".join(word.lower() for word in words) or "action"


def with_ids(namespace: str, bindings: Iterable[BindingType]) -> list[BindingType]:
    """The bindings, each with an id (``namespace.action`` when it had none), for the keymap."""
    result: list[BindingType] = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.id is None:
            binding = replace(binding, id=f"{namespace}.{action_id(binding.action)}")
        result.append(binding)
    return result


@dataclass(frozen=True)
class LoadedKeymap:
    """The keys to remap (id -> keys) and what was wrong in the file (French, one line each)."""

    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for name, value in table.items():
        if isinstance(value, Mapping):
            yield from _flatten(value, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", value


def load_keymap(path: Path, known: Iterable[str]) -> LoadedKeymap:
    """Read a keymap file: nothing (no problem) when it does not exist."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedKeymap()
    except OSError as exc:
        return LoadedKeymap(problems=[L.KEYMAP_UNREADABLE.format(path, exc.strerror or exc)])
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return LoadedKeymap(problems=[L.KEYMAP_BROKEN.format(path, exc)])
    known_ids = set(known)
    keys: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in _flatten(table):
        if binding_id not in known_ids:
            problems.append(L.KEYMAP_UNKNOWN_ID.format(path, binding_id))
        elif not isinstance(value, str) or not all(KEY_PATTERN.match(k.strip()) for k in value.split(",")):
            problems.append(L.KEYMAP_BAD_KEY.format(path, binding_id, value))
        else:
            keys[binding_id] = ",".join(k.strip() for k in value.split(","))
    return LoadedKeymap(keys, problems)
