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


@pytest.fixture
def small_school(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The school of test_hours_by_hand: co-animation, s2 moved from G-B to G-A on 30/09, s4 left on 07/10."""
    from test_hours_by_hand import write_school

    from aptui.model.analysis import Analysis
    from aptui.pipeline import load_school

    analysis = Analysis(load_school(write_school(tmp_path / "school", "2009"), use_cache=False).school)
    return analysis, analysis.school.years["2025-2026"]


@needs_chromium
def test_the_real_fiche_of_a_division_one_student_per_page(small_school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from aptui.reports.fiche import fiche_document

    analysis, year = small_school
    students = [analysis.school.students[s] for s in ("s1", "s2", "s3", "s4")]
    html = render_html(fiche_document(analysis, students, year))
    pages = pdf_pages(render_pdf.html_to_pdf(html))
    assert len(pages) == 4
    for index, text in enumerate(pages, start=1):
        assert f"Prenoms{index} Noms{index} (s{index})" in text
        assert f"page {index} / 4" in text and "LP des Calculs" in text
    assert "Sortie 07/10/2025" in pages[3]  # the student who left
    png = render_pdf.html_to_png(html)
    assert png_size(png) == render_pdf.A4_PIXELS
    (tmp_path / "fiche.png").write_bytes(png)


@needs_chromium
def test_the_real_dispositif_with_its_charts_as_text(small_school) -> None:  # type: ignore[no-untyped-def]
    from aptui.reports.evaluation import evaluation_document

    analysis, year = small_school
    html = render_html(evaluation_document(analysis, year))
    assert html.count("<svg") == 1  # hours against budget (one period: no flow between content types to draw)
    text = " ".join(pdf_pages(render_pdf.html_to_pdf(html)))
    assert "Évaluation du dispositif" in text and "18,7" in text and "11,3" in text  # TA, TB by hand
    assert "Heures réalisées contre le budget de l'année" in text
    assert png_size(render_pdf.html_to_png(html)) == render_pdf.A4_PIXELS


def test_aptui_report_pdf_without_chromium_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    from test_hours_by_hand import write_school

    from aptui.cli.main import main

    school = write_school(tmp_path / "school", "2009")
    monkeypatch.setenv(render_pdf.ENV_BINARY, str(tmp_path / "no-chromium"))
    assert main(["report", "dispositif", str(school), "--format", "pdf", "-o", str(tmp_path / "d.pdf")]) == 1
    err = capsys.readouterr().err
    assert "apt-get install chromium" in err and "Traceback" not in err
    assert not (tmp_path / "d.pdf").exists()


@needs_chromium
def test_aptui_report_bilan_as_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from test_hours_by_hand import write_school

    from aptui.cli.main import main

    school = write_school(tmp_path / "school", "2009")
    target = tmp_path / "bilan.pdf"
    assert main(["report", "bilan", "P1", str(school), "--format", "pdf", "-o", str(target)]) == 0
    pages = pdf_pages(target.read_bytes())
    assert pages and "P1" in pages[0] and "LP des Calculs" in pages[0]
