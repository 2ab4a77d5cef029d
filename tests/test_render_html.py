"""The HTML of a report, parsed back with html.parser: escaped texts, facts as definition lists,
tables with numbers in French, a new page per marked section, each chart an inline SVG beside its
numbers."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from report_docs import HOSTILE, dispositif, fiche

from aptui.reports.document import Document, Facts, Paragraph, Section
from aptui.reports.render_html import css_string, number, render_html
from aptui.reports.tables import Table


class Page(HTMLParser):
    """Tags (with attributes) and the text of each element, as a browser builds them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.texts: list[tuple[str, str]] = []  # (innermost tag, text)
        self.nested: list[tuple[tuple[str, ...], str]] = []  # (open tags, text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "path", "use", "rect", "circle", "line"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append((self.stack[-1] if self.stack else "", data.strip()))
            self.nested.append((tuple(self.stack), data.strip()))

    def text_of(self, tag: str) -> list[str]:
        return [t for inner, t in self.texts if inner == tag]

    def within(self, tag: str) -> list[str]:
        """Texts inside a ``tag`` element, however deep (a date in a span in a cell)."""
        return [t for tags, t in self.nested if tag in tags]

    def count(self, tag: str, **attrs: str) -> int:
        return sum(1 for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items()))


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def test_hostile_names_are_text_never_markup() -> None:
    html = render_html(fiche())
    assert "<script>" not in html
    page = parse(html)
    assert page.count("script") == 0
    assert f"Fiche de suivi — Prenoms1 {HOSTILE}" in page.text_of("h2")


def test_header_title_facts_and_page_breaks() -> None:
    page = parse(render_html(fiche(3)))
    assert page.text_of("h1") == ["Fiche de suivi"]
    assert ["LP des Calculs"] == [t for inner, t in page.texts if inner == "span"][:1]
    assert "Année scolaire 2025-2026" in page.text_of("span")
    assert page.text_of("title") == ["Fiche de suivi — Conseil de classe — LP des Calculs"]
    # three students, each on a page: the first section starts the document, the others a new page
    assert page.count("section") == 3 and page.count("section", **{"class": "page-break"}) == 2
    assert page.count("dl", **{"class": "facts"}) == 3
    assert page.text_of("dt")[:3] == ["Division", "Profil", "Tuteur"]
    assert page.text_of("dd")[:3] == ["TA", "Malgré eux", "Deux Ana"]


def test_tables_numbers_in_french_and_dates_as_read() -> None:
    page = parse(render_html(dispositif()))
    cells = page.text_of("td")
    assert ["TA", "70", "18,7", "\u221251,3"] == cells[:4]
    assert page.count("td", **{"class": "num"}) > 0
    fiche_cells = parse(render_html(fiche(1))).within("td")
    assert fiche_cells[:4] == ["P1", "G-B", "15/09/2025", "29/09/2025"]


def test_each_chart_is_an_inline_svg_beside_its_numbers() -> None:
    html = render_html(dispositif())
    page = parse(html)
    assert page.count("figure", **{"class": "chart"}) == 2
    assert page.count("svg") == 2 and page.count("svg", role="img") == 2
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html
    # the flow diagram names both sides with their counts; its numbers table lists every transition
    texts = [t for _, t in page.texts]
    assert "Aide méthodologique (5)" in texts and "Projet professionnel (1)" in texts
    assert page.text_of("figcaption") == ["Heures par division", "Transitions P1 → P2"]
    ids = [a["id"] for _, a in page.tags if a.get("id")]
    assert len(ids) == len(set(ids)), "two charts share an id"


def test_the_stylesheet_is_inlined_for_a4() -> None:
    html = render_html(dispositif())
    assert "size: A4" in html and "break-before: page" in html
    assert "@top-left" in html and "counter(pages)" in html


def test_empty_table_says_so() -> None:
    doc = Document("x", "Vide", "", "", (Section("S", (Table("T", ("a",), ()),)),))
    assert "Aucune ligne." in parse(render_html(doc)).text_of("p")


def test_css_string_cannot_break_out() -> None:
    for text in ('"; } body { color: red', "</style><script>", "a\\b\nc"):
        out = css_string(text)
        inner = out[1:-1]
        assert out.startswith('"') and out.endswith('"')
        assert '"' not in inner and "<" not in inner and "\n" not in inner and ";" not in inner
        assert "}" not in inner


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_text_comes_back_as_it_was(text: str) -> None:
    text = "".join(c for c in text if c.isprintable() and c not in "\r") or "x"
    doc = Document("x", "Titre", "École", "2025-2026", (
        Section(text, (Paragraph(text), Facts(((text, text),)), Table("T", ("c",), ((text,),)))),))
    page = parse(render_html(doc))
    expected = " ".join(text.split())
    for tag in ("h2", "p", "dt", "dd", "td"):
        if not expected:
            continue
        found = [" ".join(t.split()) for t in page.text_of(tag)]
        if tag == "td" and len(expected) == 10 and expected[4:5] == "-":
            continue  # an ISO-looking date is shown as dd/mm/yyyy
        assert expected in found, (tag, found)


def test_number_format() -> None:
    assert [number(x) for x in (2, 2.0, 18.7, -3.25, 1234567.0)] == ["2", "2", "18,7", "\u22123,25", "1234567"]


def test_hostile_labels_in_charts_stay_text() -> None:
    from aptui.reports.document import Chart, Series

    evil = '</svg><script>alert(1)</script> $\\frac{1}{0}$ & "x"'
    doc = Document("x", "T", "LP", "2025-2026", (Section("S", (
        Chart("bars", evil, (evil, "b"), (Series(evil, (1.0, 2.0)), Series("s2", (2.0, 1.0)))),
        Chart("flow", evil, (f"{evil} → b", "b → b"), (Series("n", (1.0, 2.0)),)),
        Chart("lines", evil, ("a", evil), (Series(evil, (1.0, 2.0)),)),
    )),))
    html = render_html(doc)
    page = parse(html)
    assert page.count("script") == 0 and page.count("svg") == 3
    assert evil in page.within("svg")  # shown as written: escaped, math parsing off (« $ » stays a dollar)
