"""The semantic diff: what changed in the school between two states, in domain terms.

    semantic_diff(root, "HEAD~5..HEAD")   two commits
    semantic_diff(root, "main...feature") from the merge base
    semantic_diff(root, "HEAD~1")         a commit against the working tree
    semantic_diff(root)                   HEAD against the working tree

The changed files are listed with ``git diff --name-status -z``; both sides
are read through one ``git cat-file --batch`` process and parsed with the
loader's own reader (:func:`aptui.load.source.parse_source`).  The effect on
the hour budget is computed by building, for each school year touched, the
school before and after (``school.yaml`` and that year's files only).  The
files unchanged between the two sides are the same documents, so the after
side takes over the parts of the analysis (a period's hours) whose entities
did not change; with the budget, parsed files are kept between runs by blob
id (``StoredBlobs``, in the user's cache folder, never stale).

JSON output (``aptui diff --format json``), format ``aptui-diff`` version 1;
keys are only ever added within a version::

    {"format": "aptui-diff", "version": 1,
     "from": {"rev", "commit", "worktree": false},
     "to":   {"rev", "commit", "worktree"},        # worktree: true, commit null
     "changes": [CHANGE...],                       # sorted by type, year, period, group, date, student
     "budget": [{"year", "division", "before", "after", "delta", "budget", "text"}],  # hours
     "other_files": [path...]}                     # changed files that are not school files

Every CHANGE has ``type``, ``text`` (one French sentence), ``authors`` (the git authors of the
commits of the range that made it; absent when the new side is the working tree) and, by type:

    period_built          year period previous_period continued created dropped [group...]
                          kept (count) changed [student...]: a period built from the previous one
    student_moved         year period student name from_group from_title to_group to_title
                          date reason (the arrival's or the group's ``motifs`` entry, or null)
                          bilan ({decision outcome reason to_group} of the previous period when
                          its decision is this move, else null); from_period (new period only)
    student_joined_group  year period student name group title previous_period previous_group
                          reason bilan
    student_left_group    year period student name group title
    group_created/_deleted year period group title content_type teachers students (count)
    group_changed         year period group title changes [{field before after}]
    teachers_changed      year period group title added removed
    division_arrival/_departure  year division student name
    division_change       year student name from_division to_division
    division_created/_deleted    year division level students (count)
    division_changed      year division changes
    attendance            year period group title date new_session counts {present absent excuse
                          retard} marked (new marks) changed [{student name before after}]
    session_added         year period group title date duration_min activity
    session_removed       year period group title date
    session_changed       year period group title date changes
    bilan_written         year period student name author outcome decision to_group to_type reason
    bilan_changed         year period student name changes
    bilan_removed         year period student name
    student_created       student name divisions {year: division}
    student_deleted       student name
    student_left_school   student name date
    interview_added       student name date teacher
    diagnostic_added      student name date tool
    objective_added       student name label status
    objective_changed     student name label before after
    profile_changed       student name year before after
    student_changed       student name fields [key...]
    teacher_added/_removed teacher name;  teacher_changed teacher name fields
    year_changed          year item key action (added | removed | changed)
    school_changed        changes
    file_changed          path unreadable ["avant" | "après"]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aptui.gitsync import detect_files as files
from aptui.gitsync.catfile import EMPTY_TREE, BlobReader
from aptui.gitsync.changes import SECTIONS, TYPE_ORDER, Change, fr_hours
from aptui.gitsync.context import DiffContext
from aptui.gitsync.detect_groups import division_changes, group_changes
from aptui.gitsync.runner import Git, GitError
from aptui.gitsync.snapshot import (
    ParsedBlobs,
    Snapshot,
    StoredBlobs,
    TreeSnapshot,
    WorktreeSnapshot,
    build_from,
    year_paths,
)
from aptui.layout import Kind, classify
from aptui.load.source import CONFLICT_MARKER
from aptui.model.analysis import Analysis

BUDGET_EPSILON = 0.005


@dataclass(frozen=True, slots=True)
class Side:
    """One end of a diff: a revision as typed, its commit, or the working tree."""

    rev: str | None
    commit: str | None

    def as_json(self) -> dict[str, Any]:
        return {"rev": self.rev, "commit": self.commit, "worktree": self.commit is None}


@dataclass(frozen=True, slots=True)
class BudgetEffect:
    """Hours charged to one division for one year, before and after."""

    year: str
    division: str
    before: float
    after: float
    budget: float | None

    @property
    def delta(self) -> float:
        return self.after - self.before

    @property
    def text(self) -> str:
        text = (f"{self.division} ({self.year}) : {fr_hours(self.before)} → {fr_hours(self.after)} "
                f"({fr_hours(self.delta, signed=True)})")
        return text + (f" pour un budget de {fr_hours(self.budget)}" if self.budget is not None else "")

    def as_json(self) -> dict[str, Any]:
        return {"year": self.year, "division": self.division, "before": round(self.before, 2),
                "after": round(self.after, 2), "delta": round(self.delta, 2),
                "budget": self.budget, "text": self.text}


@dataclass(slots=True)
class DiffReport:
    """Everything the semantic diff found."""

    old: Side
    new: Side
    changes: list[Change] = field(default_factory=list)
    budget: list[BudgetEffect] = field(default_factory=list)
    other_files: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"format": "aptui-diff", "version": 1, "from": self.old.as_json(), "to": self.new.as_json(),
                "changes": [c.as_json() for c in self.changes],
                "budget": [b.as_json() for b in self.budget], "other_files": self.other_files}

    @property
    def empty(self) -> bool:
        return not self.changes and not self.other_files


# --- describing changed files ------------------------------------------------------------------
def describe_changes(old: Snapshot, new: Snapshot, paths: Iterable[str], budget: bool = True,
                     focus: Iterable[str] | None = None) -> tuple[list[Change], list[BudgetEffect], list[str]]:
    """(changes, budget effects, other files) for some changed paths.

    ``focus``: only these students' names are read (the texts name the others by id).
    """
    ctx = DiffContext(old, new, frozenset(focus) if focus is not None else None)
    school_paths: list[str] = []
    others: list[str] = []
    for path in sorted(set(paths)):
        (school_paths if classify(path) is not None else others).append(path)
    old.prefetch(school_paths)
    new.prefetch(school_paths)
    changes = _detect(ctx, school_paths)
    changes.sort(key=Change.sort_key)
    effects = budget_effects(old, new, school_paths) if budget else []
    return changes, effects, others


def _detect(ctx: DiffContext, paths: Sequence[str]) -> list[Change]:
    groups: dict[tuple[str, str], dict[str, tuple[Any, Any]]] = defaultdict(dict)
    divisions: dict[str, dict[str, tuple[Any, Any]]] = defaultdict(dict)
    changes: list[Change] = []
    for path in paths:
        role = classify(path)
        assert role is not None
        old, new = ctx.old.data(path), ctx.new.data(path)
        unreadable = _unreadable(ctx, path, old, new)
        if unreadable is not None:
            changes.append(unreadable)
            continue
        if role.kind is Kind.GROUP:
            groups[(str(role.year), str(role.period))][str(role.ident)] = (old, new)
        elif role.kind is Kind.DIVISION:
            divisions[str(role.year)][str(role.ident)] = (old, new)
        elif role.kind is Kind.SESSIONS:
            changes += files.session_changes(ctx, str(role.year), str(role.period), str(role.ident), old, new)
        elif role.kind is Kind.BILANS:
            changes += files.bilan_changes(ctx, str(role.year), str(role.period), old, new)
        elif role.kind is Kind.STUDENT:
            changes += files.student_changes(ctx, str(role.ident), old, new)
        elif role.kind is Kind.STAFF:
            changes += files.staff_changes(ctx, old, new)
        elif role.kind is Kind.YEAR:
            changes += files.year_changes(ctx, str(role.year), old, new)
        elif role.kind is Kind.SCHOOL:
            changes += files.school_changes(old, new)
    for (year, period), pairs in groups.items():
        changes += group_changes(ctx, year, period, pairs)
    for year, pairs in divisions.items():
        changes += division_changes(ctx, year, pairs)
    return changes


def _unreadable(ctx: DiffContext, path: str, old: Any, new: Any) -> Change | None:
    """A file present on a side but not readable there (YAML error, conflict markers)."""
    broken = [label for label, snap, data in (("avant", ctx.old, old), ("après", ctx.new, new))
              if data is None and snap.raw(path) is not None]
    if not broken:
        return None
    raw = ctx.new.raw(path)
    if "après" in broken and raw is not None and CONFLICT_MARKER.search(raw):
        # a merge left markers around entries changed two ways: a choice to make, not a broken file
        return Change("file_changed", f"{path} : conflit à trancher (x)", {"path": path, "conflict": True})
    return Change("file_changed", f"{path} : fichier illisible ({' et '.join(broken)}), lancez « aptui validate »",
                  {"path": path, "unreadable": broken})


def budget_effects(old: Snapshot, new: Snapshot, paths: Sequence[str]) -> list[BudgetEffect]:
    """The hours charged to each division, before and after, where they differ."""
    roles = [classify(p) for p in paths]
    years = {r.year for r in roles if r is not None and r.year}
    if any(r is not None and r.kind is Kind.SCHOOL for r in roles):
        years |= {p.split("/")[1] for p in new.paths() if p.startswith("years/")}
    if not years:
        return []
    # The files unchanged between the two sides are the same documents (snapshot.build_from), so the
    # after side takes over every part of the analysis (a period's hours...) whose entities did not change.
    before = Analysis(build_from(old, year_paths(old, years)))
    before.ledger  # noqa: B018 - computed first, for the after side to take its unchanged parts over
    after = Analysis(build_from(new, year_paths(new, years)), before)
    effects = []
    for year in sorted(years):
        old_year, new_year = before.school.years.get(year), after.school.years.get(year)
        names = set(old_year.divisions if old_year else ()) | set(new_year.divisions if new_year else ())
        for division in sorted(names):
            hours_before = before.ledger.division_year(year, division)
            hours_after = after.ledger.division_year(year, division)
            if abs(hours_after - hours_before) < BUDGET_EPSILON:
                continue
            source = new_year.divisions.get(division) if new_year else None
            budget = after.year_budget(source) if source else None
            effects.append(BudgetEffect(year, division, hours_before, hours_after, budget))
    return effects


# --- git side --------------------------------------------------------------------------------
def resolve_range(git: Git, rev_range: str | None) -> tuple[Side, Side]:
    """(old, new) sides of a revision range; new.commit is None for the working tree."""
    if not rev_range:
        return Side("HEAD", _commit(git, "HEAD")), Side(None, None)
    if "..." in rev_range:
        left, right = rev_range.split("...", 1)
        left_commit, right_commit = _commit(git, left or "HEAD"), _commit(git, right or "HEAD")
        base = git.out("merge-base", left_commit, right_commit)
        return Side(left or "HEAD", base), Side(right or "HEAD", right_commit)
    if ".." in rev_range:
        left, right = rev_range.split("..", 1)
        return Side(left or "HEAD", _commit(git, left or "HEAD")), Side(right or "HEAD", _commit(git, right or "HEAD"))
    return Side(rev_range, _commit(git, rev_range)), Side(None, None)


def _commit(git: Git, rev: str) -> str:
    commit = git.rev(rev)
    if commit is None:
        if rev.startswith("HEAD") and not git.has_commits():
            raise GitError("le dépôt n'a encore aucun commit : rien à comparer.")
        raise GitError(f"révision inconnue : « {rev} » (voir « aptui log » pour les commits existants)")
    return commit


def changed_paths(git: Git, old: str, new: str | None, pathspecs: Sequence[str] = ()) -> list[str]:
    """Paths that differ between two commits, or between a commit and the working tree."""
    args = ["diff", "--name-status", "-z", "--no-renames", old] + ([new] if new else []) + ["--", *pathspecs]
    fields = git.run(*args).stdout.split(b"\0")
    paths = {fields[i + 1].decode("utf-8", errors="replace") for i in range(0, len(fields) - 1, 2) if fields[i]}
    if new is None:
        untracked = git.run("ls-files", "-z", "--others", "--exclude-standard", "--", *pathspecs).stdout
        paths |= {p.decode("utf-8", errors="replace") for p in untracked.split(b"\0") if p}
    return sorted(paths)


def semantic_diff(root: Path, rev_range: str | None = None, pathspecs: Sequence[str] = (),
                  budget: bool = True, git: Git | None = None, authors: bool = True) -> DiffReport:
    """Describe in domain terms what changed between two states of the school (and who made each change)."""
    git = git or Git(root)
    git.require_repo()
    old_side, new_side = resolve_range(git, rev_range)
    assert old_side.commit is not None
    paths = changed_paths(git, old_side.commit, new_side.commit, pathspecs)
    report = DiffReport(old_side, new_side)
    # the budget reads a whole school year on both sides: its files' parsed values are kept between runs
    parsed: ParsedBlobs = StoredBlobs(git.root, "diff") if budget else ParsedBlobs()
    with BlobReader(git) as reader:
        old = TreeSnapshot(git, reader, old_side.commit, parsed, old_side.rev)
        new: Snapshot = (TreeSnapshot(git, reader, new_side.commit, parsed, new_side.rev) if new_side.commit
                         else WorktreeSnapshot(git.root, parsed))
        report.changes, report.budget, report.other_files = describe_changes(old, new, paths, budget)
        if authors and new_side.commit is not None:
            from aptui.gitsync.authors import attribute

            attribute(git, reader, parsed, old_side.commit, new_side.commit, report.changes, pathspecs)
    parsed.save()
    return report


def tree_snapshots(git: Git, reader: BlobReader, parsed: ParsedBlobs, old: str | None,
                   new: str) -> tuple[TreeSnapshot, TreeSnapshot]:
    """Snapshots of two commits (old None: the empty tree, for a root commit)."""
    return (TreeSnapshot(git, reader, old or EMPTY_TREE, parsed), TreeSnapshot(git, reader, new, parsed))


# --- summaries for commit messages ----------------------------------------------------------
def summary_line(changes: Sequence[Change]) -> str:
    """One line saying what a set of changes is about."""
    if len(changes) == 1:
        return changes[0].text
    counts: dict[int, int] = defaultdict(int)
    for change in changes:
        counts[TYPE_ORDER.get(change.type, len(SECTIONS) - 1)] += 1
    parts = [f"{SECTIONS[index][0].lower()} ({count})" for index, count in sorted(counts.items())]
    text = ", ".join(parts)
    return text[:1].upper() + text[1:] if text else "Modifications de l'école"


def commit_message(changes: Sequence[Change], first_line: str | None = None, limit: int = 40) -> str:
    """A commit message: a summary line, then one bullet per change."""
    head = first_line or summary_line(changes)
    if len(changes) <= 1 and first_line is None:
        return head
    bullets = [f"- {c.text}" for c in changes[:limit]]
    if len(changes) > limit:
        bullets.append(f"- … et {len(changes) - limit} autre(s) changement(s)")
    return head + "\n\n" + "\n".join(bullets)
