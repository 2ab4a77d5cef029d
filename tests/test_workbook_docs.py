"""A report as a workbook: one sheet per table (charts' number tables included), names of at most
31 characters and unique, numbers as numbers, a bold header; read back by an XML reader
independent of openpyxl and odfpy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_docs import dispositif
from sheet_reader import read_ods, read_xlsx

from aptui.reports.document import Document, Section
from aptui.reports.printed import PRINTED_FORMATS
from aptui.reports.tables import Table
from aptui.reports.workbook import cell_value, safe_text, sheet_names

LONG = "Heures par division et par période, à ce jour"


def doc_with_long_titles() -> Document:
    tables = (Table(LONG, ("division", "heures (h)"), (("TA", 18.7), ("TB", 11.3))),
              Table(LONG + " (bis)", ("division", "heures (h)"), (("TA", 1.0),)),
              Table("a/b:c*d?[e]", ("x",), (("=1+1",),)))
    return Document("dispositif", "Évaluation", "LP", "2025-2026", (Section("S", tables),))


def test_one_sheet_per_table_with_numbers(tmp_path: Path) -> None:
    for fmt, reader in (("xlsx", read_xlsx), ("ods", read_ods)):
        target = tmp_path / f"d.{fmt}"
        target.write_bytes(PRINTED_FORMATS[fmt](dispositif()))
        sheets = reader(target)
        # two tables of charts (their numbers), one plain table
        assert list(sheets) == ["Heures par division", "Heures par enseignant", "Transitions P1 → P2"], fmt
        assert sheets["Heures par division"] == [
            ["division", "budget (h)", "réalisé (h)", "écart (h)"], ["TA", 70.0, 18.7, -51.3], ["TB", 70.0, 11.3, -58.7]]
        assert sheets["Transitions P1 → P2"][1] == ["Aide méthodologique", "Soutien disciplinaire", 2.0]


def test_sheet_names_are_short_unique_and_clean(tmp_path: Path) -> None:
    target = tmp_path / "d.xlsx"
    target.write_bytes(PRINTED_FORMATS["xlsx"](doc_with_long_titles()))
    names = list(read_xlsx(target))
    assert names == ["Heures par division et par péri", "Heures par division et par (2)", "a b c d e"]
    ods = tmp_path / "d.ods"
    ods.write_bytes(PRINTED_FORMATS["ods"](doc_with_long_titles()))
    assert list(read_ods(ods)) == names
    # a formula from a file stays text
    assert read_xlsx(target)["a b c d e"][1] == ["'=1+1"]


def test_header_is_bold_and_frozen(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "d.xlsx"
    target.write_bytes(PRINTED_FORMATS["xlsx"](dispositif()))
    sheet = load_workbook(target)["Heures par division"]
    assert sheet["A1"].font.bold and not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"


def test_a_document_without_tables_still_opens(tmp_path: Path) -> None:
    empty = Document("x", "Rien", "LP", "2025-2026", ())
    target = tmp_path / "e.ods"
    target.write_bytes(PRINTED_FORMATS["ods"](empty))
    assert read_ods(target) == {"Vide": [[""]]}
    assert odfpy_tables(target) == ["Vide"]


@given(st.lists(st.text(min_size=0, max_size=60), min_size=1, max_size=12))
def test_sheet_names_property(titles: list[str]) -> None:
    names = sheet_names(titles)
    assert len(names) == len(titles)
    assert all(0 < len(n) <= 31 for n in names)
    assert len({n.casefold() for n in names}) == len(names)
    assert not any(c in n for n in names for c in "[]:*?/\\")


def test_printed_formats_join_the_reports_registry(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """register_all adds html/pdf/ods/xlsx to aptui/reports/formats.py (its ``register``), binary ones flagged."""
    import sys
    import types

    from aptui.reports import printed

    calls: dict[str, dict[str, object]] = {}
    fake = types.ModuleType("aptui.reports.formats")
    fake.register = lambda name, render, **kw: calls.__setitem__(name, {"render": render, **kw})  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "aptui.reports.formats", fake)
    printed.register_all()
    assert set(calls) == {"html", "pdf", "ods", "xlsx"}
    assert {n for n, c in calls.items() if c["binary"]} == {"pdf", "ods", "xlsx"}
    assert calls["xlsx"]["extension"] == ".xlsx"
    assert calls["html"]["render"](dispositif()).startswith(b"<!DOCTYPE html>")  # type: ignore[operator]


def test_the_registry_lists_the_printed_formats() -> None:
    from aptui.reports import formats

    loaded = formats.load()
    assert {"html", "pdf", "ods", "xlsx", "markdown"} <= set(loaded)
    assert [n for n in ("html", "pdf", "ods", "xlsx") if loaded[n].binary] == ["pdf", "ods", "xlsx"]
    assert formats.for_path("bilan.xlsx") is loaded["xlsx"]
    assert loaded["html"].render(dispositif()).startswith(b"<!DOCTYPE html>")


def odfpy_tables(path: Path) -> list[str]:
    """The sheet names as odfpy reads the file (a second, independent ODS reader)."""
    from odf.opendocument import load
    from odf.table import Table as OdfTable

    return [str(t.getAttribute("name")) for t in load(str(path)).spreadsheet.getElementsByType(OdfTable)]


def odfpy_rows(path: Path, sheet: int = 0) -> list[list[str]]:
    from odf.opendocument import load
    from odf.table import Table as OdfTable
    from odf.table import TableCell, TableRow

    table = load(str(path)).spreadsheet.getElementsByType(OdfTable)[sheet]
    return [[str(c) for c in row.getElementsByType(TableCell)] for row in table.getElementsByType(TableRow)]


def test_odfpy_opens_what_aptui_writes(tmp_path: Path) -> None:
    target = tmp_path / "d.ods"
    target.write_bytes(PRINTED_FORMATS["ods"](dispositif()))
    assert odfpy_tables(target) == ["Heures par division", "Heures par enseignant", "Transitions P1 → P2"]
    assert odfpy_rows(target)[1] == ["TA", "70.0", "18.7", "-51.3"]


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=30), st.floats(allow_nan=False, allow_infinity=False, width=32) | st.integers(-10**6, 10**6))
def test_any_text_and_number_come_back(text: str, value: float) -> None:
    import tempfile

    doc = Document("x", "T", "LP", "2025-2026", (Section("S", (Table("t", ("texte", "nombre"), ((text, value),)),)),))
    with tempfile.TemporaryDirectory() as work:
        for fmt, reader in (("xlsx", read_xlsx), ("ods", read_ods)):
            target = Path(work) / f"t.{fmt}"
            target.write_bytes(PRINTED_FORMATS[fmt](doc))
            row = reader(target)["t"][1]
            shown = cell_value(text)
            # XLSX would run « =… » as a formula: it is kept as text with an apostrophe; ODS types it a string
            plain = safe_text(shown) if fmt == "xlsx" and isinstance(shown, str) else shown
            expected_text = ("date", shown.isoformat()) if isinstance(shown, date) else plain
            assert row[0] == (expected_text if shown != "" else ""), fmt
            assert row[1] == pytest.approx(float(value)), fmt
