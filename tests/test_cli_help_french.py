"""Every command's help speaks French: argparse's own headings and -h line are translated."""

from __future__ import annotations

import argparse

import pytest

from aptui.cli.main import build_parser

ENGLISH = ("usage:", "positional arguments", "options:\n", "show this help message", "optional arguments")


def _parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    parser = build_parser()
    found = [("aptui", parser)]
    for action in parser._actions:  # noqa: SLF001 - argparse has no public query
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            found += sorted(action.choices.items())
    return found


@pytest.mark.parametrize(("name", "parser"), _parsers(), ids=lambda p: p if isinstance(p, str) else "")
def test_the_help_of_every_command_is_in_french(name: str, parser: argparse.ArgumentParser) -> None:
    text = parser.format_help() + parser.format_usage()
    assert text.startswith("utilisation : ")
    assert not [word for word in ENGLISH if word in text], text
    if "-h, --help" in text:
        assert "affiche cette aide et s'arrête" in text


def test_usage_continuation_lines_stay_aligned_under_the_french_prefix() -> None:
    site = dict(_parsers())["site"]
    first, second = site.format_usage().splitlines()[:2]
    assert first.startswith("utilisation : aptui site ")
    assert second.index("DESTINATION") == len("utilisation : aptui site ")
