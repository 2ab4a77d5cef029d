"""JSON Schema conformance of each document, with French messages and positions.

fastjsonschema (compiled once) checks every document quickly; only a document
that fails is checked again with jsonschema, which lists every error with its
path, so that each one can be placed on its line.  The schemas are draft-07
because fastjsonschema ignores some 2020-12 keywords.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from aptui.diagnostics import Diagnostic, Loc, error
from aptui.layout import Kind
from aptui.load.yamlread import PosDict, PosList

if TYPE_CHECKING:  # jsonschema is imported only for a document that fails (its full error list)
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FOLDER = Path(__file__).resolve().parent.parent / "schema"
FRENCH_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def schema_path(kind: Kind) -> Path:
    return SCHEMA_FOLDER / f"{kind.value}.schema.json"


@cache
def schema_of(kind: Kind) -> dict[str, Any]:
    with schema_path(kind).open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


@cache
def _fast_check(kind: Kind) -> Callable[[Any], Any]:
    return fastjsonschema.compile(schema_of(kind), use_default=False)


@cache
def _full_validator(kind: Kind) -> Draft7Validator:
    from jsonschema import Draft7Validator

    return Draft7Validator(schema_of(kind))


def schema_diagnostics(kind: Kind, data: Any, path: str) -> list[Diagnostic]:
    """APT101 diagnostics for a document that does not follow its schema."""
    try:
        _fast_check(kind)(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    return [
        error("APT101", french_message(err), locate(data, list(err.absolute_path), path, err))
        for err in _leaf_errors(_full_validator(kind).iter_errors(data))
    ]


def _leaf_errors(errors: Iterator[ValidationError]) -> Iterator[ValidationError]:
    """The most precise errors (anyOf/oneOf failures explain themselves by their context)."""
    for err in sorted(errors, key=lambda e: list(map(str, e.absolute_path))):
        if err.context:
            yield from _leaf_errors(iter(err.context))
        else:
            yield err


def locate(data: Any, pointer: list[Any], path: str, err: ValidationError | None = None) -> Loc:
    """The line and column of the value at ``pointer`` (or of the closest parent)."""
    line, column = 1, 1
    node = data
    for step in pointer:
        if isinstance(node, PosDict) and step in node.pos:
            key_line, key_col, value_line, value_col = node.pos[step]
            line, column = value_line, value_col
            if isinstance(node[step], (dict, list)) and node[step]:
                line, column = key_line, key_col
            node = node[step]
        elif isinstance(node, PosList) and isinstance(step, int) and step < len(node.pos):
            line, column = node.pos[step]
            node = node[step]
        else:
            break
    if err is not None and err.validator == "additionalProperties" and isinstance(node, PosDict):
        extra = _first_extra_key(err, node)
        if extra is not None:
            line, column = node.pos[extra][:2]
    return Loc(path, line, column)


def _first_extra_key(err: ValidationError, node: PosDict) -> Any:
    allowed = set(err.schema.get("properties", {})) if isinstance(err.schema, dict) else set()
    for key in node:
        if key not in allowed:
            return key
    return None


def _where(err: ValidationError) -> str:
    parts = [str(p) for p in err.absolute_path]
    return f"« {'.'.join(parts)} » : " if parts else ""


def french_message(err: ValidationError) -> str:
    """A French message, with what to do, for one schema error."""
    where = _where(err)
    value = err.instance
    validator = err.validator
    if validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", err.message)
        name = missing[0] if missing else err.message
        return f"{where}champ obligatoire « {name} » manquant : ajoutez-le"
    if validator == "additionalProperties":
        extras = re.findall(r"'([^']+)'", err.message.split("(")[-1])
        allowed = ", ".join(sorted(err.schema.get("properties", {}))) if isinstance(err.schema, dict) else ""
        return f"{where}champ inconnu {', '.join(f'« {e} »' for e in extras)} : champs permis : {allowed}"
    if validator == "pattern" and isinstance(value, str):
        french = FRENCH_DATE.match(value)
        if french:
            day, month, year = french.groups()
            return (
                f"{where}date « {value} » au format français : écrivez-la "
                f"{year}-{int(month):02d}-{int(day):02d} (AAAA-MM-JJ)"
            )
        if "\\d{4}-\\d{2}-\\d{2}" in str(err.validator_value):
            return f"{where}date « {value} » invalide : écrivez AAAA-MM-JJ (ex. 2025-09-15)"
        if ":[0-5]" in str(err.validator_value):
            return f"{where}heure « {value} » invalide : écrivez \"HH:MM\" entre guillemets (ex. \"14:00\")"
        return f"{where}identifiant « {value} » invalide : lettres, chiffres, « - », « _ » ou « . » seulement"
    if validator == "format" and isinstance(value, str):
        return f"{where}date « {value} » inexistante : vérifiez le jour et le mois"
    if validator == "enum":
        choices = ", ".join(str(v) for v in err.validator_value)  # type: ignore[union-attr]
        return f"{where}valeur « {value} » non permise : choisissez parmi {choices}"
    if validator == "type":
        return f"{where}{_type_message(value, err.validator_value)}"
    if validator == "uniqueItems":
        return f"{where}la liste contient un doublon : gardez chaque identifiant une seule fois"
    if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"{where}valeur {value} hors limites ({validator} {err.validator_value})"
    if validator == "minLength":
        return f"{where}texte trop court : donnez au moins {err.validator_value} caractères"
    if validator == "minItems":
        return f"{where}liste vide : au moins {err.validator_value} élément(s) attendu(s)"
    return f"{where}{err.message}"


_TYPE_NAMES = {
    "string": "un texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true ou false",
    "array": "une liste",
    "object": "un dictionnaire (clé: valeur)",
    "null": "rien",
}


def _type_message(value: Any, expected: Any) -> str:
    wanted = " ou ".join(_TYPE_NAMES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
    if expected == "boolean" and isinstance(value, str):
        return f"« {value} » n'est pas un booléen : écrivez true ou false"
    if value is None:
        return f"valeur vide : il faut {wanted}"
    if isinstance(value, int) and expected == "string":
        return f"{value} est lu comme un nombre : il faut {wanted} ; mettez-le entre guillemets"
    return f"valeur « {value} » : il faut {wanted}"
