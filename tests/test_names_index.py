"""The name mask indexed by first word masks exactly what one alternation of every name masked
(the former implementation, kept here as the reference), on random names and texts."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from aptui.render.names import NameMask


class ReferenceMask:
    """The former NameMask.names: one IGNORECASE alternation of every name, longest first."""

    def __init__(self, people: list[tuple[str, str, str]]) -> None:
        self.ids: dict[str, set[str]] = {}
        for ident, first, last in people:
            first, last = " ".join(first.split()), " ".join(last.split())
            if ident and first and last:
                for full in (f"{first} {last}", f"{last} {first}"):
                    self.ids.setdefault(full.casefold(), set()).add(ident)
        names = sorted(self.ids, key=len, reverse=True)
        spaced = (re.escape(name).replace(r"\ ", r"\s+") for name in names)
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(spaced) + r")(?!\w)(?:\s\((?P<id>[^()\s]+)\))?",
                                  re.IGNORECASE) if names else None

    def names(self, text: str) -> str:
        if self.pattern is None:
            return text

        def replace(match: re.Match[str]) -> str:
            if match.group("id"):
                return match.group("id")
            ids = sorted(self.ids.get(" ".join(match.group(0).split()).casefold(), ()))
            return ids[0] if len(ids) == 1 else "élève (" + ", ".join(ids) + ")"

        return self.pattern.sub(replace, text)


WORDS = st.sampled_from(["Léa", "Martin", "Jean", "Marie-Rose", "Zoé", "Arnaud", "D'Arc", "Éloïse", "Ben",
                         "Benoît", "Ng", "O'Neil", "Jean-Pierre", "Lemaire", "Lé", "Marie", "Rose", "Jean Marie",
                         "'Ali", "(Kim)"])
PEOPLE = st.lists(st.tuples(st.from_regex(r"e0[0-9]", fullmatch=True), WORDS, WORDS), max_size=12)
SEPARATORS = st.sampled_from([" ", "  ", "\n", ", ", " (e01) ", "-", "'", ".", "\t", "x", " (e0", "_", "é"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(WORDS, SEPARATORS), max_size=14))
    text = "".join(word + sep for word, sep in parts)
    return "".join(c.upper() if draw(st.booleans()) and i % 3 == 0 else c for i, c in enumerate(text))


@settings(max_examples=600, deadline=None)
@given(PEOPLE, texts())
def test_the_indexed_mask_masks_what_the_single_alternation_masked(people: list[tuple[str, str, str]],
                                                                    text: str) -> None:
    assert NameMask(people).names(text) == ReferenceMask(people).names(text)


def test_three_thousand_names_mask_a_line_without_any_pattern_of_them() -> None:
    people = [(f"e{i:04d}", f"Prénom{i}", f"Nom{i}") for i in range(3000)]
    mask = NameMask(people)
    assert mask.names("4679 fichiers vérifiés : aucun problème.") == "4679 fichiers vérifiés : aucun problème."
    assert mask.names("APT200 : Prénom12  Nom12 et NOM7 prénom7 (e0007) sans groupe ; Prénom12Nom12") == (
        "APT200 : e0012 et e0007 sans groupe ; Prénom12Nom12")
    assert mask._odd is None


def test_a_name_without_a_word_in_its_first_part_is_still_masked() -> None:
    mask = NameMask([("e01", "--", "Martin"), ("e02", "Léa", "Dubois")])
    assert mask.names("-- Martin et Léa Dubois") == "e01 et e02"


def test_a_name_is_masked_only_as_whole_words() -> None:
    mask = NameMask([("e01", "'Ali", "Martin"), ("e02", "Léa", "Dubois")])
    for text in ("x'Ali Martin", "'Ali Martinez", "Léa Dubois_", "éLéa Dubois"):
        assert mask.names(text) == text == ReferenceMask([("e01", "'Ali", "Martin")]).names(text)
    assert mask.names("('Ali Martin) et LÉA\n DUBOIS (e02)") == "(e01) et e02"
