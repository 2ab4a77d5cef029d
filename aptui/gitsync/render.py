"""Rendering a semantic diff: plain text, Markdown (for a merge request), JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from aptui.gitsync.changes import SECTIONS, TYPE_ORDER, Change, fr_hours
from aptui.gitsync.semantic import BudgetEffect, DiffReport, Side

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def side_label(side: Side) -> str:
    if side.commit is None:
        return "la copie de travail (non enregistré)"
    short = side.commit[:7]
    return f"{side.rev} ({short})" if side.rev and side.rev != side.commit else short


def sections(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    """Changes grouped under their section titles, in the fixed section order."""
    grouped: dict[int, list[Change]] = {}
    for change in changes:
        grouped.setdefault(TYPE_ORDER.get(change.type, len(SECTIONS) - 1), []).append(change)
    return [(SECTIONS[index][0], items) for index, items in sorted(grouped.items())]


def format_text(report: DiffReport) -> str:
    lines = [f"Changements de {side_label(report.old)} à {side_label(report.new)} :"]
    if report.empty:
        lines.append("  aucun changement.")
    for title, items in sections(report.changes):
        lines += ["", title] + [f"  - {c.text}{by(c)}" for c in items]
    if report.budget:
        lines += ["", "Budget horaire (heures enseignants imputées, par année)"]
        lines += [f"  - {effect.text}" for effect in report.budget]
    if report.other_files:
        lines += ["", "Fichiers hors de l'école"] + [f"  - {path}" for path in report.other_files]
    return "\n".join(lines)


def by(change: Change) -> str:
    """« [par Anne Durand, Bruno Petit] »: who made the change (nothing when unknown)."""
    return f" [par {', '.join(change.authors)}]" if change.authors else ""


def md_by(change: Change) -> str:
    return f" — *par {md(', '.join(change.authors))}*" if change.authors else ""


def md(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def format_markdown(report: DiffReport) -> str:
    lines = [f"## Changements dans l'école : {md(side_label(report.old))} → {md(side_label(report.new))}", ""]
    if report.empty:
        lines.append("Aucun changement.")
    for title, items in sections(report.changes):
        lines += [f"### {title} ({len(items)})", ""] + [f"- {md(c.text)}{md_by(c)}" for c in items] + [""]
    if report.budget:
        lines += ["### Budget horaire", "", *budget_table(report.budget), ""]
    if report.other_files:
        lines += ["### Fichiers hors de l'école", ""] + [f"- `{path}`" for path in report.other_files] + [""]
    return "\n".join(lines).rstrip() + "\n"


def budget_table(effects: Sequence[BudgetEffect]) -> list[str]:
    rows = ["| Division | Année | Avant | Après | Écart | Budget de l'année |", "|---|---|---:|---:|---:|---:|"]
    for effect in effects:
        budget = fr_hours(effect.budget) if effect.budget is not None else "—"
        d = effect.digits  # the change is the difference of the hours shown, with the decimals that show it
        before, after = round(effect.before, d), round(effect.after, d)
        rows.append(f"| {md(effect.division)} | {effect.year} | {fr_hours(before, digits=d)} "
                    f"| {fr_hours(after, digits=d)} | {fr_hours(after - before, signed=True, digits=d)} | {budget} |")
    return rows


def format_json(report: DiffReport) -> str:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2)


FORMATTERS = {"text": format_text, "markdown": format_markdown, "json": format_json}
