"""The schemas as builders rely on them: what pruned documents must satisfy (tests and fuzz)."""

from __future__ import annotations

import copy
from typing import Any

from jsonschema import Draft7Validator, FormatChecker

from aptui.layout import Kind
from aptui.load.schemas import is_date, schema_of

RELAXED_AWAY = ("required", "minItems", "uniqueItems")


def relaxed(schema: Any) -> Any:
    """The schema without what builders tolerate (a missing or repeated item, a short text outside its enum)."""
    if isinstance(schema, dict):
        if "enum" in schema:
            return {"anyOf": [{"enum": schema["enum"]}, {"type": "string", "maxLength": 40}]}
        return {k: relaxed(v) for k, v in schema.items() if k not in RELAXED_AWAY}
    if isinstance(schema, list):
        return [relaxed(v) for v in schema]
    return schema


def relaxed_validator(kind: Kind) -> Draft7Validator:
    checker = FormatChecker(formats=())
    checker.checks("date")(is_date)
    return Draft7Validator(relaxed(copy.deepcopy(schema_of(kind))), format_checker=checker)
