"""The fiche and the dispositif report as a person sees them: headless Chromium renders them to PNG
and to PDF; the PDF has one page per student (and per section marked for a new page), the school's
name and the page numbers in the margins, and the texts of the document.

Needs Debian's ``chromium`` (``.ci/run`` installs it); without it these tests are skipped and say
what to install.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from report_docs import HOSTILE, dispositif, fiche

from aptui.reports import render_pdf
from aptui.reports.printed import PRINTED_FORMATS
from aptui.reports.render_html import render_html

needs_chromium = pytest.mark.skipif(
    render_pdf.find_chromium() is None,
    reason="Chromium absent : installez le paquet Debian « chromium » (apt-get install chromium) pour ces tests",
)


def pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@needs_chromium
def test_fiche_one_page_per_student_with_header_and_page_numbers() -> None:
    pages = pdf_pages(PRINTED_FORMATS["pdf"](fiche(3)))
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert "LP des Calculs — Année scolaire 2025-2026" in text.replace("—Année", "— Année")
        assert f"page {number} / 3" in text
        assert f"méthode de travail ({number})" in text
    assert f"Prenoms1 {HOSTILE}" in pages[0]  # the hostile name printed as text
    assert "Prenoms2 Noms2" in pages[1] and "Prenoms3 Noms3" in pages[2]
    assert "Besoin de méthode" in pages[0]


@needs_chromium
def test_dispositif_pdf_sections_and_chart_labels() -> None:
    pages = pdf_pages(PRINTED_FORMATS["pdf"](dispositif()))
    assert len(pages) == 3  # Heures, then Parcours and Sorties each on a new page
    assert "Heures par enseignant" in pages[0] and "18,7" in pages[0]
    assert "Aide méthodologique (5)" in pages[1]  # the SVG's text is text in the PDF
    assert "Sortis sans qualification" in pages[2]


@needs_chromium
def test_png_of_both_reports(tmp_path: Path) -> None:
    for name, doc in (("fiche", fiche(1)), ("dispositif", dispositif())):
        data = render_pdf.html_to_png(render_html(doc))
        assert png_size(data) == render_pdf.A4_PIXELS
        (tmp_path / f"{name}.png").write_bytes(data)
        assert len(data) > 20_000, name  # a page with text and a chart, not a blank screen


def test_missing_chromium_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(render_pdf.ENV_BINARY, str(tmp_path / "nothing-here"))
    with pytest.raises(render_pdf.ChromiumMissing) as caught:
        PRINTED_FORMATS["pdf"](fiche(1))
    assert "apt-get install chromium" in str(caught.value) and render_pdf.ENV_BINARY in str(caught.value)
