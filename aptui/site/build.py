"""Writes the site: each page's Document through render_html, with the site's menu and link lists."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from aptui.model.analysis import Analysis
from aptui.model.entities import Year
from aptui.reports.render_html import render_html
from aptui.site.pages import NAV, Page, SitePages


def nav_html() -> str:
    links = "".join(f'<a href="{escape(href, quote=True)}">{escape(label)}</a>' for label, href in NAV)
    return f'<nav class="site">{links}</nav>'


def links_html(page: Page) -> str:
    parts = []
    for heading, links in page.links:
        if not links:
            continue
        items = "".join(f'<li><a href="{escape(href, quote=True)}">{escape(label)}</a></li>' for label, href in links)
        parts.append(f'<section class="links"><h2>{escape(heading)}</h2><ul class="links">{items}</ul></section>')
    return "".join(parts)


def write_site(analysis: Analysis, year: Year, dest: Path, edited: date | None = None) -> list[Path]:
    """Every page of the year in ``dest`` (created if needed); returns the files written."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    nav = nav_html()
    for page in SitePages(analysis, year).all():
        target = dest / page.name
        target.write_text(render_html(page.document, nav=nav, edited=edited, extra=links_html(page)), encoding="utf-8")
        written.append(target)
    return written
