"""JSON Schema conformance of each document, with French messages and positions.

fastjsonschema (compiled once) checks every document quickly; only a document
that fails is checked again with jsonschema, which lists every error with its
path, so that each one can be placed on its line.  The schemas are draft-07
because fastjsonschema ignores some 2020-12 keywords.  ``format: date`` is
checked by both (an ISO date that does not exist, ``2025-02-30``, is refused).
A document read by the fast reader (load/fastread.py) is checked by
jsonschema-rs (Rust, ~3x faster than fastjsonschema on these documents), when
its wheel is installed: ``conforms_fast``.

``conform`` gives, besides the diagnostics, the values a builder may read:
the document without what its schema refused (load/prune.py).  Messages
quote at most a short excerpt of a value (a file may hold anything), and a
number as it is written (``0123``, not 123).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from aptui.diagnostics import Diagnostic, Loc, error
from aptui.layout import Kind
from aptui.load.limits import excerpt
from aptui.load.prune import prune
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


def is_date(value: Any) -> bool:
    """``format: date``: an ISO date that exists (the pattern checks the shape, this the calendar)."""
    if not isinstance(value, str):
        return True  # the type is another keyword's business
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


@cache
def _fast_check(kind: Kind) -> Callable[[Any], Any]:
    # only the verdict is read (a failing document is checked again by jsonschema): no detailed exceptions,
    # whose code costs a third of the compilation (~25 ms for the eight kinds)
    return fastjsonschema.compile(schema_of(kind), use_default=False, formats={"date": is_date},
                                  detailed_exceptions=False)


def prepare(kinds: Iterable[Kind]) -> None:
    """Compile the checks of these kinds now (before a worker process is forked: it inherits them): those
    of the fast reader's documents (``conforms_fast``); fastjsonschema's, ~0.1 s for the eight kinds, only
    without jsonschema-rs (else when a document needs it)."""
    for kind in kinds:
        if _rs_check(kind) is None:
            _fast_check(kind)


@cache
def rs_module() -> Any:
    """jsonschema-rs, or None without its wheel; imported on first use (~20 ms, 7 MB: not on the path of a
    warm start, which checks no schema)."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - depends on the platform's wheel
        return None
    return jsonschema_rs


@cache
def _rs_check(kind: Kind) -> Callable[[Any], bool] | None:
    """jsonschema-rs's verdict on a document of ``kind`` (None without its wheel); ``format: date`` is
    ``is_date``, as for the other two validators."""
    rs = rs_module()
    if rs is None:
        return None
    validator = rs.Draft7Validator(schema_of(kind), formats={"date": is_date}, validate_formats=True)
    check: Callable[[Any], bool] = validator.is_valid
    return check


@cache
def _full_validator(kind: Kind) -> Draft7Validator:
    from jsonschema import Draft7Validator, FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("date")(is_date)
    return Draft7Validator(schema_of(kind), format_checker=checker)


def conforms(kind: Kind, data: Any) -> bool:
    try:
        _fast_check(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def conforms_fast(kind: Kind, data: Any) -> bool:
    """``conforms`` for a document of the fast reader (texts, integers within 2^53, finite floats,
    booleans, nulls, lists and mappings: load/fastread.py): by jsonschema-rs when installed.

    It never accepts what fastjsonschema refuses (tests/test_schema_verdicts.py); what it cannot take
    (a key that is not a text...) is left to fastjsonschema.  A document it refuses is read again by the
    positioned reader and checked by ``conform``: a stricter verdict would only cost time.
    """
    check = _rs_check(kind)
    if check is not None:
        try:
            return check(data)
        except (ValueError, TypeError, OverflowError):
            pass
    return conforms(kind, data)


def conform(kind: Kind, data: Any, path: str, text: str = "") -> tuple[Any, list[Diagnostic]]:
    """(what the builders may read, the APT101 diagnostics) of one document; ``text``: its source."""
    if conforms(kind, data):
        return data, []
    errors = list(_leaf_errors(_full_validator(kind).iter_errors(data)))
    source = _Source(text)
    diagnostics = []
    for err in errors:
        loc = locate(data, _pointer(err), path, err)
        diagnostics.append(error("APT101", french_message(err, source.written(err.instance, loc)), loc))
    return prune(data, errors), diagnostics


def schema_diagnostics(kind: Kind, data: Any, path: str, text: str = "") -> list[Diagnostic]:
    """APT101 diagnostics for a document that does not follow its schema (the document is left as is)."""
    if conforms(kind, data):
        return []
    source = _Source(text)
    return [
        error("APT101", french_message(err, source.written(err.instance, loc)), loc)
        for err in _leaf_errors(_full_validator(kind).iter_errors(data))
        for loc in (locate(data, _pointer(err), path, err),)
    ]


def _pointer(err: ValidationError) -> list[Any]:
    pointer: list[Any] = list(err.absolute_path)
    if "propertyNames" in err.absolute_schema_path:
        pointer.append(err.instance)  # the offending key itself
    return pointer


class _Source:
    """The text of a document, to quote a number or a boolean as the author wrote it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None

    def written(self, value: Any, loc: Loc) -> str:
        if isinstance(value, str):
            return excerpt(value)
        if isinstance(value, dict):
            return "un dictionnaire"
        if isinstance(value, list):
            return "une liste"
        shown = "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        if self._lines is None:
            self._lines = self.text.split("\n")
        if 0 < loc.line <= len(self._lines):
            token = re.match(r"[^,\]}#\s]+", self._lines[loc.line - 1][max(0, loc.column - 1):])
            if token:
                return excerpt(token.group())
        return excerpt(shown)


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
    parts = [excerpt(str(p), 30) for p in err.absolute_path]
    return f"« {excerpt('.'.join(parts), 80)} » : " if parts else ""


def french_message(err: ValidationError, shown: str | None = None) -> str:
    """A French message, with what to do, for one schema error; ``shown``: the value as written (an excerpt)."""
    where = _where(err)
    value = err.instance
    validator = err.validator
    if shown is None:
        shown = _Source("").written(value, Loc("", 0, 0))
    if validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", err.message)
        name = missing[0] if missing else err.message
        return f"{where}champ obligatoire « {name} » manquant : ajoutez-le"
    if validator == "additionalProperties":
        allowed_keys = err.schema.get("properties", {}) if isinstance(err.schema, dict) else {}
        extras = [key for key in value if key not in allowed_keys] if isinstance(value, dict) else []
        named = ", ".join(f"« {excerpt(str(key), 30)} »" for key in extras[:5]) + (" …" if len(extras) > 5 else "")
        return f"{where}champ inconnu {named} : champs permis : {', '.join(sorted(allowed_keys))}"
    if validator == "pattern" and isinstance(value, str):
        french = FRENCH_DATE.match(value)
        if french:
            day, month, year = french.groups()
            return (
                f"{where}date « {shown} » au format français : écrivez-la "
                f"{year}-{int(month):02d}-{int(day):02d} (AAAA-MM-JJ)"
            )
        if "\\d{4}-\\d{2}-\\d{2}" in str(err.validator_value):
            return f"{where}date « {shown} » invalide : écrivez AAAA-MM-JJ (ex. 2025-09-15)"
        if ":[0-5]" in str(err.validator_value):
            return f"{where}heure « {shown} » invalide : écrivez \"HH:MM\" entre guillemets (ex. \"14:00\")"
        if "\\d{4}-\\d{4}" in str(err.validator_value):
            return f"{where}année « {shown} » invalide : écrivez AAAA-AAAA (ex. 2025-2026)"
        return f"{where}identifiant « {shown} » invalide : lettres, chiffres, « - », « _ » ou « . » seulement"
    if validator == "format" and isinstance(value, str):
        return f"{where}date « {shown} » inexistante : vérifiez le jour et le mois"
    if validator == "enum":
        choices = ", ".join(str(v) for v in err.validator_value)  # type: ignore[union-attr]
        return f"{where}valeur « {shown} » non permise : choisissez parmi {choices}"
    if validator == "type":
        return f"{where}{_type_message(value, err.validator_value, shown)}"
    if validator == "uniqueItems":
        return f"{where}la liste contient un doublon : gardez chaque identifiant une seule fois"
    if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = {"minimum": "au moins", "maximum": "au plus", "exclusiveMinimum": "plus de",
                 "exclusiveMaximum": "moins de"}[str(validator)]
        return f"{where}valeur {shown} hors limites : il faut {bound} {err.validator_value}"
    if validator == "minLength":
        return f"{where}texte trop court : donnez au moins {err.validator_value} caractères"
    if validator == "maxLength":
        return f"{where}texte trop long (« {shown} ») : au plus {err.validator_value} caractères"
    if validator == "minItems":
        return f"{where}liste vide : au moins {err.validator_value} élément(s) attendu(s)"
    return f"{where}valeur « {shown} » refusée : corrigez-la (voir docs/format.md)"


_TYPE_NAMES = {
    "string": "un texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true ou false",
    "array": "une liste",
    "object": "un dictionnaire (clé: valeur)",
    "null": "rien",
}


def _type_message(value: Any, expected: Any, shown: str) -> str:
    wanted = " ou ".join(_TYPE_NAMES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
    if expected == "boolean" and isinstance(value, str):
        return f"« {shown} » n'est pas un booléen : écrivez true ou false"
    if value is None:
        return f"valeur vide : il faut {wanted}"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and expected == "string":
        return f"{shown} est lu comme un nombre : il faut {wanted} ; mettez-le entre guillemets"
    if isinstance(value, (dict, list)):
        return f"il faut {wanted}, pas {shown}"
    return f"valeur « {shown} » : il faut {wanted}"
