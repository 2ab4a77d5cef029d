"""libyaml's errors in French, at the position where the author can fix them.

libyaml reports where it *stopped* reading, in English.  Where the fault
lies elsewhere, the error is moved to it: an unclosed quote at the quote
(not at the end of the file, or at the next quote), an unclosed ``[`` or
``{`` at the bracket; a forbidden character (NUL, a control character) at
the character (libyaml's reader gives no line at all).
"""

from __future__ import annotations

import re

import yaml

try:
    from yaml import CSafeLoader as _Scanner
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml import SafeLoader as _Scanner  # type: ignore[assignment]


class YamlSyntaxError(Exception):
    """A YAML error with a 1-based position and a French explanation."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


# YAML's printable characters (1.2, 5.1), plus what it accepts anyway (tab, line breaks, BOM).
NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "retour arrière", 0x0B: "tabulation verticale", 0x0C: "saut de page",
                  0x1B: "ESC", 0x7F: "DEL"}

# libyaml's problem texts -> French, with what to do
_PROBLEMS = (
    ("mapping values are not allowed", "« : » inattendu ; mettez la valeur entre guillemets si elle contient « : »"),
    ("could not find expected ':'", "il manque « : » après une clé (ou la ligne précédente est mal fermée)"),
    ("did not find expected key", "indentation incohérente (clé attendue) : alignez la ligne sur les clés voisines"),
    ("did not find expected '-' indicator",
     "élément de liste attendu (« - ») : alignez la ligne sur les autres éléments"),
    ("did not find expected node content", "valeur attendue : mettez-la entre guillemets si elle commence par "
                                           "un caractère spécial"),
    ("block sequence entries are not allowed", "« - » inattendu : une liste ne peut pas commencer ici ; "
                                               "passez à la ligne et indentez"),
    ("mapping keys are not allowed", "« ? » inattendu ici : mettez la valeur entre guillemets"),
    ("found unknown escape character", "séquence d'échappement « \\ » inconnue entre guillemets doubles : "
                                       "doublez la barre (\\\\) ou utilisez des guillemets simples"),
    ("did not find expected hexdecimal number", "séquence « \\x », « \\u » ou « \\U » incomplète entre guillemets "
                                                "doubles : doublez la barre (\\\\)"),
    ("found invalid Unicode character escape code", "code Unicode invalide après « \\u » : doublez la barre (\\\\)"),
    ("did not find expected alphabetic or numeric character",
     "nom d'ancre ou d'alias (« & », « * ») invalide : mettez la valeur entre guillemets"),
    ("found unexpected document indicator", "« --- » ou « ... » en début de ligne à l'intérieur de guillemets : "
                                            "refermez les guillemets avant"),
    ("did not find expected comment or line break", "texte inattendu après « | » ou « > » : passez à la ligne"),
    ("found an indentation indicator equal to 0", "indicateur d'indentation 0 après « | » ou « > » : retirez-le"),
    ("found duplicate %YAML directive", "directive %YAML en double : gardez-en une seule"),
    ("found incompatible YAML document", "version de YAML non prise en charge : retirez la directive %YAML"),
    ("found duplicate %TAG directive", "directive %TAG en double : retirez-la"),
    ("found undefined tag handle", "étiquette YAML (« ! ») inconnue : retirez-la"),
    ("did not find expected <document start>", "contenu inattendu après la fin du document : retirez-le"),
    ("did not find expected whitespace or line break", "espace attendu après une directive ou une étiquette"),
    ("did not find the expected '>'", "étiquette « !<...> » non refermée : retirez-la"),
    ("did not find expected tag URI", "étiquette YAML (« ! ») invalide : retirez-la"),
    ("did not find URI escaped octet", "étiquette YAML (« ! ») invalide : retirez-la"),
    ("found a tab character", "tabulation interdite pour indenter en YAML : indentez avec des espaces"),
)


def french_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlSyntaxError:
    """The French error for a libyaml scanner or parser error, placed where the fault is."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    opened = exc.context_mark
    if context == "while scanning a quoted scalar" and opened is not None:
        quote = _char_at(text, opened.line, opened.column) or '"'
        return YamlSyntaxError(
            f"YAML invalide : guillemet {quote} ouvert ici et jamais refermé : refermez-le sur la même ligne "
            f"(ou doublez un guillemet {quote} qui fait partie du texte)",
            opened.line + 1, opened.column + 1,
        )
    if context.startswith("while parsing a flow ") and opened is not None and "did not find expected ','" in problem:
        bracket = _char_at(text, opened.line, opened.column) or "["
        closing = "]" if bracket == "[" else "}"
        return YamlSyntaxError(
            f"YAML invalide : « {bracket} » ouvert ici et jamais refermé (lecture arrêtée ligne {line}) : "
            f"ajoutez « {closing} », ou mettez la valeur entre guillemets si le « {bracket} » fait partie du texte",
            opened.line + 1, opened.column + 1,
        )
    quote_at = _unclosed_quote(text, line)
    if quote_at is not None:
        (quote_line, quote_column), quote = quote_at
        return YamlSyntaxError(
            f"YAML invalide : guillemet {quote} ouvert ici et refermé seulement ligne {line} : refermez-le sur "
            "la même ligne (ou doublez un guillemet qui fait partie du texte)",
            quote_line, quote_column,
        )
    if "cannot start any token" in problem:
        char = _char_at(text, line - 1, column - 1)
        if char == "\t":
            return YamlSyntaxError("YAML invalide : tabulation interdite en YAML ; indentez avec des espaces",
                                   line, column)
        return YamlSyntaxError(
            f"YAML invalide : une valeur ne peut pas commencer par « {char or '?'} » : mettez-la entre guillemets",
            line, column,
        )
    for english, french in _PROBLEMS:
        if english in problem:
            return YamlSyntaxError(f"YAML invalide : {french}", line, column)
    return YamlSyntaxError("YAML invalide à cet endroit : vérifiez l'indentation, les « : » et les guillemets",
                           line, column)


def forbidden_character(text: str) -> YamlSyntaxError:
    """The error for a character YAML refuses (libyaml's reader says only 'control characters')."""
    found = NOT_PRINTABLE.search(text)
    if found is None:
        return YamlSyntaxError("YAML illisible : caractère interdit : réenregistrez le fichier en UTF-8 texte", 1, 1)
    line, column = position_of(text, found.start())
    code = ord(found.group())
    name = _CONTROL_NAMES.get(code)
    label = f"U+{code:04X}" + (f" ({name})" if name else "")
    return YamlSyntaxError(
        f"caractère de contrôle {label} interdit en YAML : supprimez-le (souvent un copier-coller ou un "
        "fichier binaire)",
        line, column,
    )


def position_of(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _char_at(text: str, line0: int, column0: int) -> str:
    lines = text.split("\n", line0 + 1)
    if line0 >= len(lines):
        return ""
    row = lines[line0]
    return row[column0] if 0 <= column0 < len(row) else ""


def _unclosed_quote(text: str, error_line: int) -> tuple[tuple[int, int], str] | None:
    """A quoted value that runs over lines and ends just where the error is: its quote was never closed.

    (School files never break a quoted value over lines; a quote left open
    swallows the next lines up to the next quote, and libyaml stumbles there.)
    Only on the error path: the file is scanned again, token by token.
    """
    scanner = _Scanner(text)
    suspect: tuple[tuple[int, int], str] | None = None
    try:
        while True:
            token = scanner.get_token()
            if token is None or isinstance(token, yaml.StreamEndToken):
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                start, end = token.start_mark, token.end_mark
                if start.line != end.line and end.line + 1 >= error_line - 1:
                    suspect = ((start.line + 1, start.column + 1), token.style)
            if token.start_mark.line + 1 > error_line:
                break
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    return suspect
