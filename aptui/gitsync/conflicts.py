"""Conflicts kept aside, never as markers in a file: ``.git/aptui-conflicts/``.

When a merge meets a true conflict, the file keeps *ours* (merged with every
compatible change of theirs) and a JSON record says what differs, with both
sides and who made each (author and date of the last commit touching the
file on each side).  The conflict screen and ``aptui sync --resolve`` read
these records; choosing a side rewrites the file and marks it resolved.

Record format (``version`` 1)::

    {"format": "aptui-conflict", "version": 1, "id": "<path or moves/...>",
     "kind": "file" | "move", "title": "...", "paths": [...],
     "ours": SIDE, "theirs": SIDE, "items": [{"key", "label", "base", "ours", "theirs"}],
     "texts": {"base", "ours", "theirs"} (kind file), "move": {...} (kind move)}

    SIDE = {"role": "local" | "distant", "commit", "author", "email", "date", "subject"}
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from aptui.gitsync.runner import Git, GitError
from aptui.load.source import parse_source

CONFLICTS_DIR = "aptui-conflicts"
SIDE_WORDS = {"local": "vos modifications (local)", "distant": "les modifications reçues (distant)"}


@dataclass(slots=True)
class Side:
    """Who made one side of a conflict, and when."""

    role: str
    commit: str | None = None
    author: str = ""
    email: str = ""
    date: str = ""
    subject: str = ""

    @property
    def describe(self) -> str:
        """« Anne Durand, 18/11/2025 14:02 (abc1234 : Appel du …) »."""
        try:
            when = datetime.fromisoformat(self.date).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            when = self.date or "date inconnue"
        who = self.author or "auteur inconnu"
        commit = f"{self.commit[:7]} : {self.subject}" if self.commit else "non enregistré"
        return f"{who}, {when} ({commit})"


@dataclass(slots=True)
class ConflictRecord:
    """One conflicting file (or one student moved two ways) waiting for a choice."""

    id: str
    kind: str
    title: str
    paths: list[str]
    ours: Side
    theirs: Side
    items: list[dict[str, Any]]
    texts: dict[str, str | None] = field(default_factory=dict)
    move: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        return {"format": "aptui-conflict", "version": 1, **data}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ConflictRecord:
        return cls(data["id"], data["kind"], data["title"], list(data["paths"]), Side(**data["ours"]),
                   Side(**data["theirs"]), list(data["items"]), dict(data.get("texts") or {}),
                   dict(data.get("move") or {}))

    def side(self, name: str) -> Side:
        return self.ours if name == "ours" else self.theirs


# --- storage ------------------------------------------------------------------------------------
def conflicts_dir(git: Git) -> Path:
    return git.git_path(CONFLICTS_DIR)


def record_file(git: Git, record_id: str) -> Path:
    return conflicts_dir(git) / f"{record_id}.json"


def save_record(git: Git, record: ConflictRecord) -> Path:
    path = record_file(git, record.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record.as_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def delete_record(git: Git, record_id: str) -> None:
    path = record_file(git, record_id)
    path.unlink(missing_ok=True)
    base = conflicts_dir(git)
    for parent in path.parents:
        if parent == base or base not in parent.parents:
            break
        try:
            parent.rmdir()
        except OSError:
            break


def list_records(git: Git) -> list[ConflictRecord]:
    base = conflicts_dir(git)
    if not base.is_dir():
        return []
    records = []
    for path in sorted(base.rglob("*.json")):
        try:
            records.append(ConflictRecord.from_json(json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return records


def clear_records(git: Git) -> None:
    for record in list_records(git):
        delete_record(git, record.id)


# --- who and when ----------------------------------------------------------------------------
THEIRS_ENV = "APTUI_MERGE_THEIRS"
"""Set by aptui sync around ``git merge`` so that the merge driver knows the other side."""


def merge_heads(git: Git) -> tuple[str | None, str | None, bool]:
    """(ours commit, theirs commit, rebasing) of the merge or rebase in progress.

    While git runs a merge driver, MERGE_HEAD is not written yet: the other
    side comes from aptui's own variable, or from the ``GITHEAD_<id>``
    variables ``git merge`` sets for its drivers, or from the rebase's list
    of done steps.
    """
    ours = git.rev("HEAD")
    if os.environ.get(THEIRS_ENV):
        return ours, git.rev(os.environ[THEIRS_ENV]), False
    if rebase_in_progress(git):
        return ours, _rebase_step(git) or git.rev("REBASE_HEAD"), True
    for name in os.environ:
        if name.startswith("GITHEAD_") and git.rev(name[len("GITHEAD_"):]):
            return ours, git.rev(name[len("GITHEAD_"):]), False
    for name in ("MERGE_HEAD", "CHERRY_PICK_HEAD"):
        theirs = git.rev(name)
        if theirs:
            return ours, theirs, False
    return ours, None, False


def _rebase_step(git: Git) -> str | None:
    """The commit the rebase is replaying (last line of rebase-merge/done)."""
    done = git.git_path("rebase-merge/done")
    if not done.is_file():
        return None
    lines = [line.split() for line in done.read_text().splitlines() if line.strip() and not line.startswith("#")]
    return git.rev(lines[-1][1]) if lines and len(lines[-1]) >= 2 else None


def rebase_in_progress(git: Git) -> bool:
    return git.git_path("rebase-merge").is_dir() or git.git_path("rebase-apply").is_dir()


def side_of(git: Git, commit: str | None, paths: list[str], role: str) -> Side:
    """The last commit touching some paths on one side (else the side's own commit)."""
    if commit is None:
        return Side(role)
    fmt = "--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%s"
    result = git.run("log", "-1", fmt, commit, "--", *paths, check=False)
    text = result.text.strip() if result.ok else ""
    if not text:
        text = git.run("log", "-1", fmt, commit, check=False).text.strip()
    fields = text.split("\x1f")
    if len(fields) < 5:
        return Side(role, commit)
    return Side(role, fields[0], fields[1], fields[2], fields[3], fields[4])


def sides(git: Git, paths: list[str]) -> tuple[Side, Side]:
    """(ours, theirs) of the operation in progress; in a rebase, ours is the remote side."""
    ours, theirs, rebasing = merge_heads(git)
    roles = ("distant", "local") if rebasing else ("local", "distant")
    return side_of(git, ours, paths, roles[0]), side_of(git, theirs, paths, roles[1])


# --- names for labels -----------------------------------------------------------------------------
def file_title(path: str, names: Callable[[str], str] | None = None) -> str:
    """What a conflicting file is, in French."""
    from aptui.gitsync.changes import of
    from aptui.layout import Kind, classify

    role = classify(path)
    if role is None:
        return path
    titles = {
        Kind.SCHOOL: "Établissement (school.yaml)",
        Kind.STAFF: "Équipe (staff.yaml)",
        Kind.STUDENT: f"Fiche {of(names(str(role.ident)) if names else str(role.ident))}",
        Kind.YEAR: f"Calendrier {role.year}",
        Kind.DIVISION: f"Division {role.ident} ({role.year})",
        Kind.GROUP: f"Groupe {role.ident} ({role.period}, {role.year})",
        Kind.SESSIONS: f"Séances et appel du groupe {role.ident} ({role.period}, {role.year})",
        Kind.BILANS: f"Bilans de {role.period} ({role.year})",
    }
    return titles[role.kind]



def student_names(root: Path) -> Callable[[str], str]:
    """student id -> « Prénom Nom (id) », read from the working tree, cached."""
    cache: dict[str, str] = {}

    def name(student: str) -> str:
        if student not in cache:
            cache[student] = student
            try:
                parsed, _ = parse_source((root / "students" / f"{student}.yaml").read_bytes(), student)
            except OSError:
                parsed = None
            data = parsed.data if parsed is not None else None
            if isinstance(data, dict) and data.get("prenom") and data.get("nom"):
                cache[student] = f"{data['prenom']} {data['nom']} ({student})"
        return cache[student]

    return name


# --- unmerged paths git left without a record --------------------------------------------------
def unmerged_paths(git: Git) -> list[str]:
    output = git.run("ls-files", "-u", "-z").stdout
    paths = {entry.partition(b"\t")[2].decode("utf-8", errors="replace") for entry in output.split(b"\0") if entry}
    return sorted(p for p in paths if p)


def _stage(git: Git, stage: int, path: str) -> str | None:
    result = git.run("show", f":{stage}:{path}", check=False)
    return result.text if result.ok else None


def record_unmerged(git: Git) -> list[ConflictRecord]:
    """Whole-file records for unmerged paths without one (deleted on a side, driver not
    installed…); the file gets ours back, without conflict markers."""
    known = {p for record in list_records(git) for p in record.paths}
    created = []
    for path in unmerged_paths(git):
        if path in known:
            continue
        texts = {"base": _stage(git, 1, path), "ours": _stage(git, 2, path), "theirs": _stage(git, 3, path)}
        target = git.root / path
        if texts["ours"] is None:
            target.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(texts["ours"], encoding="utf-8")
        ours, theirs = sides(git, [path])
        item = {"key": "*", "label": "le fichier entier", "base": texts["base"], "ours": texts["ours"],
                "theirs": texts["theirs"]}
        record = ConflictRecord(path, "file", file_title(path), [path], ours, theirs, [item], texts)
        save_record(git, record)
        created.append(record)
    return created


# --- resolving -------------------------------------------------------------------------------------
def resolve_file(git: Git, record: ConflictRecord, choices: Mapping[str, str]) -> None:
    """Rewrite a conflicting file with the chosen sides, mark it resolved, drop the record."""
    from aptui.gitsync.merge3 import merge_texts

    path = record.paths[0]
    texts = record.texts
    target = git.root / path
    if "*" in choices or texts.get("ours") is None or texts.get("theirs") is None:
        pick = choices.get("*") or ("theirs" if "theirs" in choices.values() else "ours")
        text = texts.get(pick)
    else:
        text = merge_texts(texts.get("base") or "", texts["ours"] or "", texts["theirs"] or "", path,
                           choices).text
    if text is None:
        target.unlink(missing_ok=True)
        git.run("rm", "-q", "--cached", "--ignore-unmatch", "--", path)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        git.run("add", "--", path)
    delete_record(git, record.id)


def resolve(git: Git, record: ConflictRecord, choices: Mapping[str, str] | str) -> None:
    """Apply a choice: one side for everything ("ours"/"theirs") or per item key."""
    if isinstance(choices, str):
        if choices not in ("ours", "theirs"):
            raise GitError(f"choix inconnu : « {choices} » (ours ou theirs)")
        choices = {item["key"]: choices for item in record.items}
    if record.kind == "move":
        from aptui.gitsync.moves import resolve_move

        resolve_move(git, record, next(iter(choices.values()), "ours"))
    else:
        resolve_file(git, record, choices)
