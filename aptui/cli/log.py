"""`aptui log [DOSSIER] [--since ...] [-n N] [--only CHEMIN] [--first-parent] [--no-merges] [--format ...]`.

A merge is told as « fusion de 3 commits de Bruno Petit : … » followed by only what it decided itself
(aptui.gitsync.merges), not the whole incoming set again."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from aptui.gitsync.history import CommitSummary, recent_changes
from aptui.gitsync.render import md
from aptui.gitsync.runner import GitError


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "log",
        help="les derniers changements de l'école, en mots du métier, avec leur auteur",
        description="Liste les commits récents de l'école (auteur, date) et ce qu'ils ont changé "
                    "(déplacements, appel, bilans, entretiens…).",
    )
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    parser.add_argument("--since", metavar="DATE", help="depuis une date (« 2025-11-01 », « 2 weeks ago »)")
    parser.add_argument("-n", "--max-count", type=int, default=None, metavar="N",
                        help="au plus N commits (défaut : 30, ou tous avec --since)")
    parser.add_argument("--only", action="append", default=[], metavar="CHEMIN",
                        help="seulement les commits touchant ce fichier ou ce dossier (répétable)")
    parser.add_argument("--first-parent", action="store_true",
                        help="la ligne principale seulement : une fusion résume les commits qu'elle apporte")
    parser.add_argument("--no-merges", action="store_true", help="sans les commits de fusion")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="format de sortie")
    parser.set_defaults(run=run)


def format_text(summaries: list[CommitSummary]) -> str:
    lines: list[str] = []
    for item in summaries:
        info = item.info
        lines.append(f"{info.short}  {info.date:%d/%m/%Y %H:%M}  {info.author}")
        lines.append(f"    {info.subject}")
        if item.merge is not None:
            lines.append(f"      {item.merge.text}")
            lines += [f"      - {change.text}" for change in item.changes]
            lines += [f"      - {decision}" for decision in item.merge.decisions if decision not in texts(item)]
        elif item.changes and not (len(item.changes) == 1 and item.changes[0].text == info.subject):
            lines += [f"      - {change.text}" for change in item.changes]
        lines.append("")
    return "\n".join(lines).rstrip() or "Aucun commit."


def texts(item: CommitSummary) -> set[str]:
    return {change.text for change in item.changes}


def format_markdown(summaries: list[CommitSummary]) -> str:
    lines: list[str] = []
    for item in summaries:
        info = item.info
        lines.append(f"- **{md(info.subject)}** — {md(info.author)}, {info.date:%d/%m/%Y %H:%M} (`{info.short}`)")
        if item.merge is not None:
            lines.append(f"  - *{md(item.merge.text)}*")
        lines += [f"  - {md(change.text)}" for change in item.changes]
        if item.merge is not None:
            lines += [f"  - {md(d)}" for d in item.merge.decisions if d not in texts(item)]
    return "\n".join(lines) + "\n" if lines else "Aucun commit.\n"


def format_json(summaries: list[CommitSummary]) -> str:
    data = [{"commit": s.info.commit, "parents": list(s.info.parents), "author": s.info.author,
             "email": s.info.email, "date": s.info.date.isoformat(), "subject": s.info.subject,
             "summary": s.summary, "changes": [c.as_json() for c in s.changes], "other_files": s.other_files,
             "merge": s.merge.as_json() if s.merge is not None else None}
            for s in summaries]
    return json.dumps(data, ensure_ascii=False, indent=2)


def run(args: argparse.Namespace) -> int:
    root = Path(args.path)
    if not root.is_dir():
        sys.stderr.write(f"aptui : erreur d'utilisation : le dossier « {root} » n'existe pas\n")
        return 2
    limit = args.max_count if args.max_count is not None else (None if args.since else 30)
    try:
        summaries = recent_changes(root, args.since, limit, tuple(args.only), first_parent=args.first_parent,
                                   no_merges=args.no_merges)
    except GitError as exc:
        sys.stderr.write(f"aptui log : {exc.message}\n")
        return 2
    print({"text": format_text, "markdown": format_markdown, "json": format_json}[args.format](summaries))
    return 0
