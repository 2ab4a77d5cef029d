"""The choices made on conflicts, kept until the merge commit records them.

Each resolved item becomes one sentence (« Enzo Richard : Soutien maths
(reçu) », « appel du 07/04/2026 pour Baptiste André : En retard (local) »), kept
in ``.git/aptui-decisions.json`` while the merge is open; the merge commit's
message lists them (``take_decisions``), so a reviewer reads in the history
what was decided, by whom and how.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

from aptui.gitsync.conflict_labels import shown_value, value_words
from aptui.gitsync.runner import Git

if TYPE_CHECKING:
    from aptui.gitsync.conflicts import ConflictRecord

DECISIONS_FILE = "aptui-decisions.json"
ROLE_WORDS = {"local": "local", "distant": "reçu"}


def describe_decisions(record: ConflictRecord, choices: Mapping[str, str]) -> list[str]:
    """One sentence per item of a record: what was kept, and from which side."""
    sentences = []
    for item in record.items:
        choice = choices.get(item["key"], choices.get("*", "ours"))
        side = record.ours if choice == "ours" else record.theirs
        word = ROLE_WORDS.get(side.role, side.role)
        value = value_words(shown_value(str(item.get("key") or ""), item.get(choice)), 60, bare=True)
        if record.kind == "move":
            name = str(record.move.get("name") or record.title)
            sentences.append(f"{name} : {value} ({word})")
        else:
            sentences.append(f"{item['label']} : {value} ({word})")
    return sentences


def add_decisions(git: Git, sentences: list[str]) -> None:
    if not sentences:
        return
    path = git.git_path(DECISIONS_FILE)
    kept = read_decisions(git)
    path.write_text(json.dumps(kept + sentences, ensure_ascii=False, indent=1), encoding="utf-8")


def read_decisions(git: Git) -> list[str]:
    try:
        data = json.loads(git.git_path(DECISIONS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(s) for s in data] if isinstance(data, list) else []


def take_decisions(git: Git) -> list[str]:
    """The decisions kept for the merge being concluded (forgotten afterwards)."""
    sentences = read_decisions(git)
    git.git_path(DECISIONS_FILE).unlink(missing_ok=True)
    return sentences


def decisions_paragraph(sentences: list[str]) -> str:
    """The part of a merge message that records the decisions."""
    return "Décisions : " + " ; ".join(sentences) if sentences else ""
