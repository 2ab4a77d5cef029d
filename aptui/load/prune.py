"""What a builder may read of a document that failed its schema: the document without its faults.

The schema's diagnostics are the user's; this is the builders' side.  Each
value the schema refused (a wrong type, a value outside its enum, an
impossible date, an id with a forbidden character, an unknown key) is taken
out of the document, so the builders only ever meet values of the types the
schema promises: an item of ``seances:`` that is a number, not a mapping,
is gone before any builder calls ``.get`` on it.  A missing required field
or a duplicate in a list is left as is: builders already read a missing field
as absent, and the diagnostic says what to add.  A short text outside its
enum (``zone: Z``, a status mistyped) is kept too: it has the type builders
expect, and the rules that own its meaning say more about it (APT308 for a
zone whose holidays are unknown).

A document whose root is not a mapping gives nothing to build (None).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from aptui.load.yamlread import PosDict, PosList

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

# Faults that leave every value of the document of its promised type: nothing to take out.
KEPT = frozenset({"required", "uniqueItems", "minItems", "maxItems", "minProperties", "maxProperties",
                  "dependencies"})
MAX_KEPT_ENUM_TEXT = 40  # (an id's length: what rules may quote)


def faulty_paths(errors: Iterable[ValidationError]) -> list[tuple[Any, ...]] | None:
    """The paths of the values to take out; None when the whole document is unusable."""
    paths: list[tuple[Any, ...]] = []
    for err in errors:
        if err.validator in KEPT or _short_text_outside_enum(err):
            continue
        path = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = err.schema.get("properties", {}) if isinstance(err.schema, dict) else {}
            paths.extend((*path, key) for key in err.instance if key not in allowed)
        elif "propertyNames" in err.absolute_schema_path:
            paths.append((*path, err.instance))  # a bad key: the key and its value go
        elif not path:
            return None  # the document itself (not a mapping): nothing to build
        else:
            paths.append(path)
    return paths


def _short_text_outside_enum(err: ValidationError) -> bool:
    return err.validator == "enum" and isinstance(err.instance, str) and len(err.instance) <= MAX_KEPT_ENUM_TEXT


def prune(data: Any, errors: Iterable[ValidationError]) -> Any:
    """``data`` without the values the schema refused (changed in place); None if nothing is usable."""
    paths = faulty_paths(errors)
    if paths is None:
        return None
    removed: set[tuple[int, Any]] = set()  # (id of a container, key): an alias's value is one object
    # deepest first, and in a list from the last index down, so earlier removals move nothing still to do
    for path in sorted(set(paths), key=_order, reverse=True):
        parent = _parent(data, path)
        if parent is None:
            continue
        step = path[-1]
        if (id(parent), step) in removed:
            continue
        removed.add((id(parent), step))
        if isinstance(parent, dict) and step in parent:
            del parent[step]
            if isinstance(parent, PosDict):
                parent.pos.pop(step, None)
        elif isinstance(parent, list) and isinstance(step, int) and 0 <= step < len(parent):
            del parent[step]
            if isinstance(parent, PosList) and step < len(parent.pos):
                del parent.pos[step]
    return data


def _order(path: tuple[Any, ...]) -> tuple[int, list[tuple[int, Any]]]:
    return len(path), [(0, step) if isinstance(step, int) else (1, str(step)) for step in path]


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    node = data
    for step in path[:-1]:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            return None
    return node if isinstance(node, (dict, list)) else None
