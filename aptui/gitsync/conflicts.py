"""Conflicts waiting for a choice: ``.git/aptui-conflicts/``.

When a merge meets a true conflict, the file holds the merged text with
standard conflict markers around just the conflicting entries (so every git
tool shows it, see :mod:`aptui.gitsync.markers`), and a JSON record says what
differs, in domain words, with both sides and who made each (author and date
of the last commit touching the file on each side since the merge base).
The conflict screen and ``aptui sync --resolve`` read these records;
choosing a side rewrites the file and marks it resolved.

A record is applied only while the files still hold what was written with
it (``written``: a digest per path): a file resolved or edited by hand since
is never overwritten from the old texts; the record is dropped with a
message instead (:class:`StaleConflict`).

Record format (``version`` 2)::

    {"format": "aptui-conflict", "version": 2, "id": "<path or moves/...>",
     "kind": "file" | "move", "title": "...", "paths": [...],
     "ours": SIDE, "theirs": SIDE, "items": [{"key", "label", "base", "ours", "theirs"}],
     "texts": {"base", "ours", "theirs"} (kind file), "move": {...} (kind move),
     "written": {path: sha256 of the file as left, or "absent"},
     "chosen": {item key: "ours" | "theirs"} (entries decided so far)}

    SIDE = {"role": "local" | "distant", "commit", "author", "email", "date", "subject"}
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from aptui.gitsync.runner import Git, GitError
from aptui.load.guard import read_or_none
from aptui.load.source import parse_source

CONFLICTS_DIR = "aptui-conflicts"
RECORD_VERSION = 2
ABSENT = "absent"
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
    written: dict[str, str] = field(default_factory=dict)
    """path -> digest of the file as the merge left it (see ``is_fresh``)."""
    chosen: dict[str, str] = field(default_factory=dict)
    """item key -> "ours"/"theirs": the entries already decided (the file is rewritten once all are)."""

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        return {"format": "aptui-conflict", "version": RECORD_VERSION, **data}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ConflictRecord:
        return cls(data["id"], data["kind"], data["title"], list(data["paths"]), Side(**data["ours"]),
                   Side(**data["theirs"]), list(data["items"]), dict(data.get("texts") or {}),
                   dict(data.get("move") or {}), dict(data.get("written") or {}),
                   {str(k): str(c) for k, c in dict(data.get("chosen") or {}).items() if c in ("ours", "theirs")})

    def side(self, name: str) -> Side:
        return self.ours if name == "ours" else self.theirs


# --- storage ------------------------------------------------------------------------------------
def conflicts_dir(git: Git) -> Path:
    return git.git_path(CONFLICTS_DIR)


def record_file(git: Git, record_id: str) -> Path:
    return conflicts_dir(git) / f"{record_id}.json"


def save_record(git: Git, record: ConflictRecord) -> Path:
    """Keep a record; ``written`` is taken from the files now unless already set."""
    if not record.written:
        record.written = {p: file_digest(git.root, p) for p in record.paths}
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
    """The records kept (version 2 only: an older record cannot say what it was made from)."""
    base = conflicts_dir(git)
    if not base.is_dir():
        return []
    records = []
    for path in sorted(base.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != RECORD_VERSION:
                path.unlink(missing_ok=True)
                continue
            records.append(ConflictRecord.from_json(data))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    return records


# --- is a record still about the files? ------------------------------------------------------------
class StaleConflict(GitError):
    """A record whose files changed since the merge: dropped, never replayed over newer edits."""


def file_digest(root: Path, path: str) -> str:
    """The digest of a working file; ABSENT when missing or not read (a symlink, a FIFO, too big)."""
    try:
        safe_target(root, path)
    except GitError:
        return ABSENT
    raw = read_or_none(root, path)
    return ABSENT if raw is None else hashlib.sha256(raw).hexdigest()


def is_fresh(git: Git, record: ConflictRecord) -> bool:
    """Whether every file still holds what the merge left with this record."""
    return bool(record.written) and all(file_digest(git.root, p) == d for p, d in record.written.items())


def drop_stale(git: Git, record: ConflictRecord) -> StaleConflict:
    """Drop a record whose files changed since; the French message says what to check."""
    delete_record(git, record.id)
    changed = ", ".join(p for p, d in record.written.items() if file_digest(git.root, p) != d) or record.paths[0]
    return StaleConflict(
        f"{changed} : le fichier a changé depuis la fusion (résolu ou modifié à la main ?) ; le conflit "
        f"« {record.title} » enregistré alors est abandonné, rien n'est réécrit. Vérifiez le fichier "
        "(aptui validate), puis « git add » et terminez la fusion (aptui sync).")


def safe_target(root: Path, path: str) -> Path:
    """The file to write for a repository path, refused when it or a folder above it is a symlink."""
    target = root / path
    current = root
    for part in Path(path).parts:
        current = current / part
        if current.is_symlink():
            raise GitError(f"{path}:1:1: erreur : « {current.relative_to(root)} » est un lien symbolique : aptui "
                           "n'écrit jamais à travers un lien (il pourrait viser un fichier hors du dépôt). "
                           "Remplacez-le par un vrai fichier (git rm, puis git add), puis recommencez.")
    return target


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


def side_of(git: Git, commit: str | None, paths: list[str], role: str, since: str | None = None) -> Side:
    """The commit that really made a side's change: the last one touching the paths on that side
    (since the merge base when known), never the merge commit itself; else the side's own commit."""
    if commit is None:
        return Side(role)
    fmt = "--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%s"
    revs = [commit, f"^{since}"] if since and since != commit else [commit]
    result = git.run("log", "-1", "--no-merges", fmt, *revs, "--", *paths, check=False)
    if not (result.ok and result.text.strip()):
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
    base = None
    if ours and theirs:
        found = git.run("merge-base", ours, theirs, check=False)
        base = found.text.strip() if found.ok else None
    return side_of(git, ours, paths, roles[0], base), side_of(git, theirs, paths, roles[1], base)


# --- names for labels -----------------------------------------------------------------------------
def file_title(path: str, names: Callable[[str], str] | None = None) -> str:
    """What a conflicting file is, in French."""
    from aptui.french import of
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
            raw = read_or_none(root, f"students/{student}.yaml")  # a regular file of the school, bounded
            parsed = parse_source(raw, student)[0] if raw is not None else None
            data = parsed.data if parsed is not None else None
            if isinstance(data, dict) and data.get("prenom") and data.get("nom"):
                cache[student] = f"{data['prenom']} {data['nom']} ({student})"
        return cache[student]

    return name


# --- unmerged paths -----------------------------------------------------------------------------
def unmerged_paths(git: Git) -> list[str]:
    output = git.run("ls-files", "-u", "-z").stdout
    paths = {entry.partition(b"\t")[2].decode("utf-8", errors="replace") for entry in output.split(b"\0") if entry}
    return sorted(p for p in paths if p)


# --- resolving -------------------------------------------------------------------------------------
def resolve_file(git: Git, record: ConflictRecord, choices: Mapping[str, str]) -> None:
    """Rewrite a conflicting file with the chosen sides and mark it resolved."""
    from aptui.gitsync.merge3 import merge_texts

    path = record.paths[0]
    texts = record.texts
    target = safe_target(git.root, path)
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


def resolve(git: Git, record: ConflictRecord, choices: Mapping[str, str] | str) -> list[str]:
    """Apply a choice: one side for everything ("ours"/"theirs") or per item key; returns the
    decisions in words (kept for the merge commit's message).

    Raises StaleConflict (record dropped, nothing written) when a file changed since the merge.
    """
    from aptui.gitsync.decisions import add_decisions, describe_decisions

    if isinstance(choices, str):
        if choices not in ("ours", "theirs"):
            raise GitError(f"choix inconnu : « {choices} » (ours ou theirs)")
        choices = {item["key"]: choices for item in record.items}
    if not is_fresh(git, record):
        raise drop_stale(git, record)
    for path in record.paths:
        safe_target(git.root, path)  # refused before anything is written
    if record.kind == "move":
        from aptui.gitsync.moves import resolve_move

        resolve_move(git, record, next(iter(choices.values()), "ours"))
    else:
        resolve_file(git, record, choices)
    delete_record(git, record.id)
    decisions = describe_decisions(record, choices)
    add_decisions(git, decisions)
    return decisions
