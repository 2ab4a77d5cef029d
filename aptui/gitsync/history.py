"""The school's history in domain words: recent commits (``aptui log``) and
one student's history (who changed what about them, and when).

Commits are listed with one ``git log --raw`` (blob ids of both sides of
every changed file, so no tree listing per commit), their files read through
one ``git cat-file --batch`` process, parsed once per blob, and described by
the semantic diff (:mod:`aptui.gitsync.semantic`) without the budget.

A student's history runs its three searches of the log side by side (and,
from ``aptui history``, while the school loads), and reads each bilans file
as that student's bilan only: what is kept between runs stays small.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from aptui.french import of
from aptui.gitsync.catfile import EMPTY_TREE, BlobReader
from aptui.gitsync.changes import Change, fr_date, mark_word
from aptui.gitsync.runner import Git
from aptui.gitsync.semantic import describe_changes, summary_line
from aptui.gitsync.snapshot import ParsedBlobs, StoredBlobs, TreeSnapshot
from aptui.layout import student_path

NULL_BLOB = "0" * 40
LOG_FORMAT = "%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%ct%x1f%s"


@dataclass(frozen=True, slots=True)
class CommitInfo:
    """Who made a commit, when, and what its message says."""

    commit: str
    parents: tuple[str, ...]
    author: str
    email: str
    date: datetime
    timestamp: int
    subject: str

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass(frozen=True, slots=True)
class MergeInfo:
    """What a merge brought (told in one line) and what it decided itself."""

    commits: int
    authors: tuple[str, ...]
    incoming: str
    """« appel et séances (2), bilans (1) »: the incoming changes, counted."""
    decisions: tuple[str, ...]
    """The lines of the merge's message after its subject (aptui sync writes each decision there)."""

    @property
    def text(self) -> str:
        who = f" {of(', '.join(self.authors))}" if self.authors else ""
        return f"fusion de {self.commits} commit{'s' if self.commits != 1 else ''}{who}" + (
            f" : {self.incoming}" if self.incoming else "")

    def as_json(self) -> dict[str, Any]:
        return {"commits": self.commits, "authors": list(self.authors), "incoming": self.incoming,
                "decisions": list(self.decisions), "text": self.text}


@dataclass(slots=True)
class CommitSummary:
    """A commit and its changes in domain words (for a merge: only its own changes, and ``merge``)."""

    info: CommitInfo
    changes: list[Change] = field(default_factory=list)
    other_files: list[str] = field(default_factory=list)
    merge: MergeInfo | None = None

    @property
    def summary(self) -> str:
        if self.merge is not None:
            return self.merge.text
        return summary_line(self.changes) if self.changes else self.info.subject


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One commit that changed something about a student."""

    commit: str
    author: str
    email: str
    date: datetime
    description: str
    subject: str

    @property
    def short(self) -> str:
        return self.commit[:7]


Delta = tuple[str, str | None, str | None]  # path, old blob, new blob (None: absent)


def parse_log(output: bytes) -> list[tuple[CommitInfo, list[Delta]]]:
    """Commits and their raw file changes from ``git log -z --raw --format=LOG_FORMAT``."""
    commits = []
    for chunk in output.split(b"\x1e")[1:]:
        header, _, rest = chunk.partition(b"\0")
        fields = header.decode("utf-8", errors="replace").split("\x1f")
        if len(fields) < 7:
            continue
        commit, parents, author, email, date, stamp, subject = fields[:7]
        info = CommitInfo(commit, tuple(parents.split()), author, email,
                          datetime.fromisoformat(date), int(stamp), subject)
        tokens = rest.lstrip(b"\n").split(b"\0")
        deltas: list[Delta] = []
        for meta, path in zip(tokens[::2], tokens[1::2]):
            parts = meta.decode().split()
            if len(parts) >= 5 and parts[0].startswith(":"):
                old, new = parts[2], parts[3]
                deltas.append((path.decode("utf-8", errors="replace"),
                               None if old == NULL_BLOB else old, None if new == NULL_BLOB else new))
        commits.append((info, deltas))
    return commits


def log_commits(git: Git, extra: Sequence[str] = (), pathspecs: Sequence[str] = ()) -> list[tuple[CommitInfo, list[Delta]]]:
    output = git.run("log", "-z", "--raw", "--no-abbrev", "--no-renames", "--no-textconv", "--diff-merges=first-parent",
                     f"--format={LOG_FORMAT}", *extra, "--", *pathspecs).stdout
    return parse_log(output)


class CommitDescriber:
    """Describes commits with one cat-file process and a parse cache shared by all."""

    def __init__(self, git: Git, reader: BlobReader, parsed: ParsedBlobs | None = None) -> None:
        self.git = git
        self.reader = reader
        self.parsed = parsed if parsed is not None else ParsedBlobs()

    def describe(self, info: CommitInfo, deltas: Sequence[Delta], focus: Sequence[str] | None = None) -> CommitSummary:
        parent = info.parents[0] if info.parents else EMPTY_TREE
        # one student's point of view: the snapshots read only that student's bilans (snapshot.focused_bilans)
        student = next(iter(focus)) if focus is not None and len(set(focus)) == 1 else None
        old = TreeSnapshot(self.git, self.reader, parent, self.parsed, known={p: o for p, o, _ in deltas},
                           focus=student)
        new = TreeSnapshot(self.git, self.reader, info.commit, self.parsed, known={p: n for p, _, n in deltas},
                           focus=student)
        changes, _, others = describe_changes(old, new, [p for p, _, _ in deltas], budget=False, focus=focus)
        return CommitSummary(info, changes, others)

    def describe_merge(self, info: CommitInfo, deltas: Sequence[Delta]) -> CommitSummary:
        """A merge: what it brought, counted; only the changes it made itself, listed (see merges.py)."""
        from aptui.gitsync.merges import describe_merge

        return describe_merge(self, info, deltas)


def recent_changes(root: Path, since: str | None = None, limit: int | None = 30,
                   pathspecs: Sequence[str] = (), git: Git | None = None, first_parent: bool = False,
                   no_merges: bool = False) -> list[CommitSummary]:
    """The most recent commits (newest first), each described in domain words.

    ``first_parent``: the main line only (a merge stands for the commits it brought);
    ``no_merges``: without the merge commits.
    """
    git = git or Git(root)
    git.require_repo()
    if not git.has_commits():
        return []
    extra = ([f"--since={since}"] if since else []) + ([f"-n{limit}"] if limit else [])
    extra += (["--first-parent"] if first_parent else []) + (["--no-merges"] if no_merges else [])
    commits = log_commits(git, extra, pathspecs)
    parsed = StoredBlobs(git.root, "log")
    with BlobReader(git) as reader:
        describer = CommitDescriber(git, reader, parsed)
        summaries = [describer.describe_merge(info, deltas) if len(info.parents) > 1 else describer.describe(info, deltas)
                     for info, deltas in commits]
    parsed.save()
    return summaries


# --- one student's history -----------------------------------------------------------------
class StudentHistoryQuery:
    """A student's history, its git queries started at once (in threads: git works while we wait).

    ``aptui history`` starts it before loading the school, so the searches of
    the log run while the timeline is built; ``entries()`` waits for them.
    """

    def __init__(self, root: Path, student_id: str, git: Git | None = None) -> None:
        self.git = git or Git(root)
        self.student_id = student_id
        self._candidates: list[tuple[CommitInfo, list[Delta]]] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._search, daemon=True)
        self._thread.start()

    def _search(self) -> None:
        try:
            self.git.require_repo()
            self._candidates = _candidate_commits(self.git, self.student_id) if self.git.has_commits() else []
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            self._error = exc

    def entries(self) -> list[HistoryEntry]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._candidates is not None
        return _describe_history(self.git, self.student_id, self._candidates)


def student_history(root: Path, student_id: str, git: Git | None = None) -> list[HistoryEntry]:
    """Every commit that changed something about a student, newest first.

    Candidates are the commits touching the student's file, the commits whose
    diff under ``years/`` has a line with the student's id (groups, arrivals,
    divisions, attendance marks, new bilans, exemptions) and the commits
    touching a bilans file (a bilan edited without its id line); each is then
    described by the semantic diff, keeping what concerns the student.
    """
    return StudentHistoryQuery(root, student_id, git).entries()


def _describe_history(git: Git, student_id: str,
                      candidates: list[tuple[CommitInfo, list[Delta]]]) -> list[HistoryEntry]:
    entries: list[HistoryEntry] = []
    if not candidates:
        return entries
    needle = student_id.encode()
    parsed = StoredBlobs(git.root, "history")
    with BlobReader(git) as reader:
        describer = CommitDescriber(git, reader, parsed)
        for info, deltas in candidates:
            relevant = _relevant_deltas(reader, deltas, student_id, needle)
            if not relevant:
                continue
            summary = describer.describe(info, relevant, focus=(student_id,))
            texts = [student_text(change, student_id) for change in summary.changes if student_id in change.students]
            if texts:
                entries.append(HistoryEntry(info.commit, info.author, info.email, info.date,
                                            " ; ".join(texts), info.subject))
    parsed.save()
    return entries


def _candidate_commits(git: Git, student_id: str) -> list[tuple[CommitInfo, list[Delta]]]:
    """The three searches of the log (and the commit order) run side by side, each its own git process."""
    own = student_path(student_id)
    pattern = r"(^|[^A-Za-z0-9_.-])" + _regex_escape(student_id) + r"($|[^A-Za-z0-9_.-])"
    queries: tuple[tuple[Sequence[str], Sequence[str]], ...] = (
        ((), (own,)),
        (("-G", pattern), ("years",)),
        ((), (":(glob)years/*/bilans/*.yaml",)),
    )
    results: list[Any] = [None] * (len(queries) + 1)
    errors: list[BaseException] = []

    def run(index: int, action: Callable[[], Any]) -> None:
        try:
            results[index] = action()
        except BaseException as exc:  # noqa: BLE001 - raised again below
            errors.append(exc)

    actions: list[Callable[[], Any]] = [partial(log_commits, git, extra, pathspecs) for extra, pathspecs in queries]
    actions.append(lambda: git.out("rev-list", "--topo-order", "HEAD").split())
    threads = [threading.Thread(target=run, args=(i, a), daemon=True) for i, a in enumerate(actions[1:], 1)]
    for thread in threads:
        thread.start()
    run(0, actions[0])
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    found: dict[str, tuple[CommitInfo, list[Delta]]] = {}
    for commits in results[:-1]:
        for info, deltas in commits:
            found.setdefault(info.commit, (info, []))[1].extend(
                d for d in deltas if d not in found[info.commit][1])
    order = {commit: index for index, commit in enumerate(results[-1])}
    return sorted(found.values(), key=lambda item: order.get(item[0].commit, len(order)))


def _regex_escape(text: str) -> str:
    return "".join("\\" + c if c in ".^$*+?()[]{}|\\" else c for c in text)


def _relevant_deltas(reader: BlobReader, deltas: Sequence[Delta], student_id: str, needle: bytes) -> list[Delta]:
    """The changed files that can concern the student (their id appears on a side)."""
    own = student_path(student_id)
    relevant = [d for d in deltas if d[0] == own]
    others = [d for d in deltas if d[0] != own and d[0].startswith("years/")]
    blobs = sorted({b for _, old, new in others for b in (old, new) if b})
    contents = dict(zip(blobs, reader.read_many(blobs)))
    for delta in others:
        if any(blob and needle in (contents.get(blob) or b"") for blob in delta[1:]):
            relevant.append(delta)
    return relevant


def student_text(change: Change, student_id: str) -> str:
    """A change told from one student's point of view."""
    if change.type == "attendance":
        mark = change.marks.get(student_id)
        where = f"{change.fields.get('period')} « {change.fields.get('title')} »"
        return f"Appel du {fr_date(change.fields.get('date'))}, {where} : {mark_word(mark)}"
    return change.text
