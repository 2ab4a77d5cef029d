"""`aptui`: the command line.  Each subcommand lives in its own module that
exposes ``add_parser(subparsers)`` and ``run(args) -> int``.

Exit codes: 0 fine, 1 the school has errors (or the command failed on the
data), 2 usage error (bad path, not a school, bad option).
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

# Subcommand modules, in the order of `aptui --help`.
COMMANDS: tuple[str, ...] = (
    "aptui.cli.validate",
    "aptui.cli.report",
    "aptui.cli.history",
    "aptui.cli.init",
    "aptui.cli.gen_sample",
    "aptui.cli.tui",
    "aptui.cli.demo",
    "aptui.cli.sync",
    "aptui.cli.diff",
    "aptui.cli.log",
    "aptui.cli.gitsetup",
    "aptui.cli.clone",
    "aptui.cli.doctor",
    "aptui.cli.import_main",
    "aptui.cli.eleve",
    "aptui.cli.equipe",
    "aptui.cli.division",
    "aptui.cli.barrette",
    "aptui.cli.periode",
    "aptui.cli.new_year",
    "aptui.cli.export",
    "aptui.cli.forget",
    "aptui.cli.pfmp",
    "aptui.cli.proposer",
    "aptui.cli.site",
)

DESCRIPTION = (
    "aptui : piloter l'accompagnement personnalisé d'un lycée professionnel à partir de "
    "fichiers YAML dans un dépôt git."
)


class FrenchParser(argparse.ArgumentParser):
    """argparse with usage errors and help in French and exit status 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        formatter = kwargs.get("formatter_class", argparse.HelpFormatter)
        kwargs["formatter_class"] = _french_usage(formatter)
        super().__init__(*args, **kwargs)

    def format_usage(self) -> str:
        return _help_in_french(super().format_usage())

    def format_help(self) -> str:
        return _help_in_french(super().format_help())

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"aptui : erreur d'utilisation : {_in_french(message)}\n")
        raise SystemExit(2)


# argparse's own messages (English, built in) -> French
_ARGPARSE_FRENCH = (
    ("the following arguments are required: ", "argument(s) obligatoire(s) manquant(s) : "),
    ("unrecognized arguments: ", "argument(s) non reconnu(s) : "),
    ("invalid choice: ", "choix invalide : "),
    ("(choose from ", "(choix possibles : "),
    ("expected one argument", "une valeur est attendue"),
    ("invalid int value: ", "nombre entier invalide : "),
)


# the headings and the -h line of argparse's help (English, built in) -> French
_HELP_FRENCH = (
    (re.compile(r"^positional arguments:$", re.MULTILINE), "arguments :"),
    (re.compile(r"^options:$", re.MULTILINE), "options :"),
    (re.compile(r"show this help message and exit$", re.MULTILINE), "affiche cette aide et s'arrête"),
)


def _french_usage(formatter: type[argparse.HelpFormatter]) -> type[argparse.HelpFormatter]:
    """The formatter with « utilisation : » for « usage: » (its continuation lines aligned on it)."""

    class FrenchUsage(formatter):  # type: ignore[valid-type, misc]
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)

    return FrenchUsage


def _help_in_french(text: str) -> str:
    for english, french in _HELP_FRENCH:
        text = english.sub(french, text)
    return text


def _in_french(message: str) -> str:
    for english, french in _ARGPARSE_FRENCH:
        message = message.replace(english, french)
    return message


# Commands run without importing the others (a warm `aptui validate` is a few stats and one unpickle;
# git runs `aptui textconv` once per blob).
LIGHT_COMMANDS = {"validate": "aptui.cli.validate", "textconv": "aptui.cli.gitsetup"}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = FrenchParser(prog="aptui", description=DESCRIPTION)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchParser)
    for name in (only,) if only else COMMANDS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # a command not built yet
            raise
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["textconv"] and len(argv) == 2:  # git runs it once per blob: not even the parser
        from aptui.gitsync.textconv import main as textconv

        return textconv(argv[1:])
    if argv and argv[0] in LIGHT_COMMANDS:
        parser = build_parser(LIGHT_COMMANDS[argv[0]])
        args = parser.parse_args(argv)
    else:
        parser = build_parser()
        args = parser.parse_args(_with_default_command(parser, argv))
    if not getattr(args, "run", None):
        tui = _tui_entry()
        if tui is not None:
            return tui(args)
        parser.print_help()
        return 2
    restore = _mask_names(args)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        sys.stderr.write("aptui : interrompu.\n")
        return 130
    except BrokenPipeError:
        return 0
    finally:
        restore()


def _mask_names(args: argparse.Namespace) -> Callable[[], None]:
    """Students named by id in the output of the commands that may reach logs (render/names.py)."""
    from aptui.render.names import install, root_of

    return install(getattr(args, "command", None), root_of(args), bool(getattr(args, "names", False)))


def _with_default_command(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """`aptui DOSSIER [--today ...]` means `aptui tui DOSSIER ...`: the app is the main job."""
    known = _subcommand_names(parser)
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    if "tui" in known and first is not None and first not in known:
        return ["tui", *argv]
    return argv


def _subcommand_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # noqa: SLF001 - argparse has no public query
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return set(action.choices)
    return set()


def _tui_entry():  # type: ignore[no-untyped-def]
    try:
        module = importlib.import_module("aptui.cli.tui")
    except ModuleNotFoundError:
        return None
    return getattr(module, "run", None)


if __name__ == "__main__":
    raise SystemExit(main())
