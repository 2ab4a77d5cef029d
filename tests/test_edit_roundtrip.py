"""The round-trip writer: unchanged files stay byte-identical, list edits keep comments in place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI_SCHOOL, SAMPLE_SCHOOL
from edit_support import diff
from hypothesis import given, settings
from hypothesis import strategies as st

from aptui.edit.roundtrip import (
    delete_key,
    dump_rt,
    insert_sorted,
    load_rt,
    remove_item,
    replace_items,
    set_key,
    set_key_sorted,
    text_value,
    time_value,
)
from aptui.load.yamlread import parse_yaml

SCHOOL_FILES = sorted(MINI_SCHOOL.rglob("*.yaml")) + sorted(SAMPLE_SCHOOL.rglob("*.yaml"))


@pytest.mark.parametrize("path", SCHOOL_FILES, ids=lambda p: p.as_posix().split("fixtures/")[-1])
def test_unchanged_file_round_trips_byte_identical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert dump_rt(load_rt(text)) == text


GROUP = """\
# yaml-language-server: $schema=../../../../schema/group.schema.json
titre: "Méthodo A"
eleves:  # membres
  # en tête
  - e02  # redoublant
  - e03
  # section 2MSPC1
  - e06
  - e07  # arrivé en octobre
# les arrivées datées
arrivees: []
"""


def edited(text: str, change: Callable[[Any], object]) -> tuple[str, list[str], list[str]]:
    """The text after a change of its loaded tree, with the lines removed and added."""
    data = load_rt(text)
    change(data)
    out = dump_rt(data)
    removed, added = diff(text.encode(), out.encode())
    return out, removed, added


def test_removing_last_item_keeps_the_comment_of_the_next_key() -> None:
    out, removed, added = edited(GROUP, lambda d: remove_item(d["eleves"], "e07", owner=(d, "eleves")))
    assert (removed, added) == (["  - e07  # arrivé en octobre"], [])
    assert "# les arrivées datées\narrivees: []" in out


def test_removing_an_item_keeps_the_section_comment_before_the_next_one() -> None:
    out, removed, added = edited(GROUP, lambda d: remove_item(d["eleves"], "e03", owner=(d, "eleves")))
    assert (removed, added) == (["  - e03"], [])
    assert "  - e02  # redoublant\n  # section 2MSPC1\n  - e06" in out


def test_removing_the_first_item_keeps_the_leading_comment() -> None:
    out, removed, added = edited(GROUP, lambda d: remove_item(d["eleves"], "e02", owner=(d, "eleves")))
    assert (removed, added) == (["  - e02  # redoublant"], [])
    assert "eleves:  # membres\n  # en tête\n  - e03" in out


def test_end_of_line_comment_stays_with_its_item_when_inserting_before_it() -> None:
    out, removed, added = edited(GROUP, lambda d: insert_sorted(d["eleves"], "e01", owner=(d, "eleves")))
    assert (removed, added) == ([], ["  - e01"])
    assert "  - e01\n  - e02  # redoublant\n" in out


def test_appending_goes_before_the_comment_of_the_next_key() -> None:
    out, removed, added = edited(GROUP, lambda d: insert_sorted(d["eleves"], "e09", owner=(d, "eleves")))
    assert (removed, added) == ([], ["  - e09"])
    assert "  - e07  # arrivé en octobre\n  - e09\n# les arrivées datées\n" in out


def test_empty_flow_list_becomes_a_block_list() -> None:
    out, removed, added = edited(GROUP, lambda d: insert_sorted(d["arrivees"], "x", owner=(d, "arrivees")))
    assert (removed, added) == (["arrivees: []"], ["arrivees:", "  - x"])


def test_emptied_list_keeps_every_comment_and_refills_cleanly() -> None:
    def empty(data: Any) -> None:
        for item in list(data["eleves"]):
            remove_item(data["eleves"], item, owner=(data, "eleves"))

    out, _, _ = edited(GROUP, empty)
    assert "eleves: []  # membres\n" in out
    for comment in ("# en tête", "# section 2MSPC1", "# les arrivées datées"):
        assert comment in out
    assert parse_yaml(out).data["eleves"] == []
    refilled, removed, added = edited(out, lambda d: insert_sorted(d["eleves"], "e05", owner=(d, "eleves")))
    assert (removed, added) == (["eleves: []  # membres"], ["eleves:  # membres", "  - e05"])
    assert parse_yaml(refilled).data["eleves"] == ["e05"]


def test_remove_then_insert_is_byte_identical() -> None:
    def both(data: Any) -> None:
        remove_item(data["eleves"], "e07", owner=(data, "eleves"))
        insert_sorted(data["eleves"], "e07", owner=(data, "eleves"))

    out, _, _ = edited(GROUP, both)
    assert out == GROUP.replace("  # arrivé en octobre", "")


def test_replace_items_touches_only_the_differing_lines() -> None:
    out, removed, added = edited(GROUP, lambda d: replace_items(d["eleves"], ["e02", "e04", "e06", "e07"],
                                                                  owner=(d, "eleves")))
    assert (removed, added) == (["  - e03"], ["  - e04"])


def test_quotes_are_kept_on_unchanged_and_replaced_values() -> None:
    out, removed, added = edited(GROUP, lambda d: set_key(d, "titre", "Méthodo B"))
    assert (removed, added) == (['titre: "Méthodo A"'], ['titre: "Méthodo B"'])


def test_dates_are_written_unquoted_and_times_double_quoted() -> None:
    data = load_rt("date: 2025-09-16\ndebut: '14:00'\n")
    set_key(data, "date", date(2026, 2, 20))
    set_key(data, "fin", time_value("16:00"))
    set_key(data, "autre", time_value("08:30"))
    assert dump_rt(data) == "date: 2026-02-20\ndebut: '14:00'\nfin: \"16:00\"\nautre: \"08:30\"\n"


def test_text_that_yaml_11_would_misread_is_quoted() -> None:
    data = load_rt("a: 1\n")
    for key, text in (("b", "no"), ("c", "12:30"), ("d", "Très bien")):
        set_key(data, key, text_value(text))
    out = dump_rt(data)
    assert out == 'a: 1\nb: "no"\nc: "12:30"\nd: Très bien\n'
    assert parse_yaml(out).notes == []


def test_mapping_keys_sorted_and_removed_with_their_comments_only() -> None:
    text = "appel:\n  e01: present  # à l'heure\n  # fin de liste\n  e04: absent\nnotes: x\n"
    out, removed, added = edited(text, lambda d: set_key_sorted(d["appel"], "e02", "retard", owner=(d, "appel")))
    assert (removed, added) == ([], ["  e02: retard"])
    out, removed, added = edited(text, lambda d: delete_key(d["appel"], "e01", owner=(d, "appel")))
    assert (removed, added) == (["  e01: present  # à l'heure"], [])
    assert "appel:\n  # fin de liste\n  e04: absent\n" in out


# --- property: random add/remove sequences ---------------------------------

IDS = st.sampled_from([f"e{n:02d}" for n in range(1, 13)])
STEPS = st.lists(st.tuples(st.booleans(), IDS), max_size=25)
COMMENTED = """\
# yaml-language-server: $schema=../../../../schema/group.schema.json
titre: Groupe  # titre
eleves:
  - e03  # premier
  # milieu
  - e06
  - e09  # dernier
# commentaire de la clé suivante
arrivees: []
# fin du fichier
"""


@settings(max_examples=150, deadline=None)
@given(STEPS)
def test_random_adds_and_removes_keep_the_list_sorted_unique_and_comments(steps: list[tuple[bool, str]]) -> None:
    text = COMMENTED
    data = load_rt(text)
    expected = {"e03", "e06", "e09"}
    for add, student in steps:
        if add:
            assert insert_sorted(data["eleves"], student, owner=(data, "eleves")) == (student not in expected)
            expected.add(student)
        else:
            assert remove_item(data["eleves"], student, owner=(data, "eleves")) == (student in expected)
            expected.discard(student)
        text = dump_rt(data)
        data = load_rt(text)  # each step starts from what a file would hold
    parsed = parse_yaml(text).data
    assert parsed["eleves"] == sorted(expected)
    assert parsed["titre"] == "Groupe" and parsed["arrivees"] == []
    for comment in ("# titre", "# milieu", "# commentaire de la clé suivante", "# fin du fichier"):
        assert comment in text
    assert text.index("# commentaire de la clé suivante") < text.index("arrivees:")
    for line in text.splitlines():
        if line.lstrip().startswith("- "):
            assert line.startswith("  - e")  # one id per line, block style
