"""The format registry and the text renderers of a Document, read back with csv and json."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aptui.reports import formats
from aptui.reports.document import Chart, Document, Facts, Paragraph, Section, Series
from aptui.reports.render_text import only_table
from aptui.reports.tables import Table

TABLE = Table("Heures", ("division", "heures"), (("1A", 12.5), ("1B", 3.0)))
CHART = Chart("bars", "Heures contre rythme", ("1A", "1B"), (Series("réalisé", (12.5, 3.0)),
              Series("rythme", (10.0, 10.0))), unit="h",
              table=Table("Heures contre rythme", ("division", "réalisé", "rythme"),
                          (("1A", 12.5, 10.0), ("1B", 3.0, 10.0))))
DOC = Document("essai", "Rapport d'essai", "LP des Essais", "2025-2026", (
    Section("Première", (Paragraph("Un paragraphe."), Facts((("Division", "1A"), ("Tuteur", "M. Un"))), TABLE)),
    Section("Seconde", (CHART,), page_break=True),
))


def test_registry_has_the_text_formats() -> None:
    assert {"text", "markdown", "csv", "json"} <= set(formats.names())
    assert not formats.get("csv").binary
    assert formats.for_path("sortie.md") is formats.get("markdown")
    assert formats.for_path("sortie.inconnu") is None


def test_register_adds_a_format() -> None:
    fmt = formats.register("essai-binaire", lambda d: d.title.encode(), binary=True)
    try:
        assert formats.get("essai-binaire").render(DOC) == b"Rapport d'essai"
        assert fmt.binary and fmt.extension == ".essai-binaire"
    finally:
        formats._FORMATS.pop("essai-binaire")  # noqa: SLF001


def test_csv_gives_every_table_with_its_title() -> None:
    rows = list(csv.reader(io.StringIO(formats.get("csv").render(DOC).decode()), delimiter=";"))
    assert rows == [["Heures"], ["division", "heures"], ["1A", "12.5"], ["1B", "3.0"], [],
                    ["Heures contre rythme"], ["division", "réalisé", "rythme"], ["1A", "12.5", "10.0"],
                    ["1B", "3.0", "10.0"]]


def test_only_table_picks_one() -> None:
    reduced = only_table(DOC, 2)
    rows = list(csv.reader(io.StringIO(formats.get("csv").render(reduced).decode()), delimiter=";"))
    assert rows[0] == ["Heures contre rythme"] and len(rows) == 4
    with pytest.raises(IndexError):
        only_table(DOC, 3)


def test_json_keeps_the_structure() -> None:
    data = json.loads(formats.get("json").render(DOC))
    assert data["titre"] == "Rapport d'essai" and data["annee"] == "2025-2026"
    first, second = data["sections"]
    assert [b["type"] for b in first["blocs"]] == ["paragraphe", "faits", "tableau"]
    assert first["blocs"][2]["lignes"] == [["1A", 12.5], ["1B", 3.0]]
    assert second["saut_de_page"] is True
    assert second["blocs"][0]["series"][1] == {"nom": "rythme", "valeurs": [10.0, 10.0]}


def test_text_and_markdown_show_everything() -> None:
    text = formats.get("text").render(DOC).decode()
    for piece in ("Rapport d'essai", "LP des Essais", "Division : 1A", "Tuteur   : M. Un", "12.5", "Seconde"):
        assert piece in text
    # bars are proportional: 12.5 is the peak (40 blocks), 3.0 gets 10
    assert "█" * 40 + " 12.5" in text and " " + "█" * 10 + " 3.0" in text
    markdown = formats.get("markdown").render(DOC).decode()
    assert "# Rapport d'essai" in markdown and "- **Division** : 1A" in markdown
    assert "| 1A         |     12.5 |" in markdown
    assert "\n---\n" in markdown


CELL = st.one_of(st.text(max_size=40), st.integers(-10**6, 10**6),
                 st.floats(allow_nan=False, allow_infinity=False, width=32))


@given(st.lists(st.lists(CELL, min_size=2, max_size=2), max_size=6), st.text(min_size=1, max_size=20))
@settings(max_examples=60, deadline=None)
def test_any_table_survives_csv_and_json(cells: list[list[object]], title: str) -> None:
    table = Table(title, ("a", "b"), tuple(tuple(row) for row in cells))
    document = Document("essai", "T", "", "", (Section("S", (table,)),))
    lines = list(csv.reader(io.StringIO(formats.get("csv").render(document).decode(), newline=""), delimiter=";"))
    def written(value: object) -> str:  # a CR inside a cell is written as a newline
        return str(value).replace("\r\n", "\n").replace("\r", "\n")

    assert lines[0] == [written(title)] and lines[1] == ["a", "b"]
    assert lines[2:] == [[written(value) for value in row] for row in cells]
    data = json.loads(formats.get("json").render(document))
    assert data["sections"][0]["blocs"][0]["lignes"] == cells
    assert formats.get("text").render(document).decode().count("\n") >= len(cells)
