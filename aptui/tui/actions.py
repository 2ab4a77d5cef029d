"""The keys of the app as data: each binding's id, keys (after the user's keymap), French name and help group.

The help (``?``) and the command palette (``ctrl+p``) both read them from
here, so that the three always agree with the footer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingsMap
from textual.keys import format_key

from aptui.tui import labels as L


@dataclass(frozen=True, slots=True)
class KeyEntry:
    """One action a key runs."""

    binding_id: str
    keys: tuple[str, ...]
    """Textual key names (« ctrl+s », « question_mark »), the user's keymap applied."""
    action: str
    description: str
    group: str
    shown: bool
    """Shown in the footer."""

    @property
    def label(self) -> str:
        """The keys as a user reads them: « Échap, q »."""
        return keys_label(self.keys)


def key_label(key: str) -> str:
    """« ctrl+s », « Échap », « ? », « [ »: one key in French."""
    if key in L.KEY_NAMES:
        return L.KEY_NAMES[key]
    *modifiers, last = key.split("+")
    name = L.KEY_NAMES.get(last) or format_key(last)
    return "+".join([*modifiers, name])


def keys_label(keys: Iterable[str]) -> str:
    return ", ".join(key_label(key) for key in keys)


def entries(bindings: BindingsMap, keymap: Mapping[str, str], groups: Mapping[str, str],
            default_group: str) -> list[KeyEntry]:
    """The described bindings of one node (an id each: Textual's own are left out), in declaration order."""
    by_id: dict[str, list[Binding]] = {}
    for _, binding in bindings:
        if binding.id is None or binding.system or not binding.description:
            continue
        by_id.setdefault(binding.id, []).append(binding)
    result = []
    for binding_id, found in by_id.items():
        first = found[0]
        mapped = keymap.get(binding_id)
        keys = tuple(mapped.split(",")) if mapped else tuple(b.key for b in found)
        result.append(KeyEntry(binding_id, keys, first.action, first.description,
                               groups.get(binding_id, default_group), any(b.show for b in found)))
    return result


def grouped(found: Iterable[KeyEntry]) -> list[tuple[str, list[KeyEntry]]]:
    """Entries by group, groups in order of first appearance."""
    groups: dict[str, list[KeyEntry]] = {}
    for entry in found:
        groups.setdefault(entry.group, []).append(entry)
    return list(groups.items())
