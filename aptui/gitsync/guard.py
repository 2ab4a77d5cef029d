"""One rule for every commit and every push: no new errors.

A commit (by hand through the pre-commit hook, by the app, by ``aptui
sync``) or a push is refused when its tree has errors that none of its
parents had.  Errors already there never block (they are shown: a teacher
fixing a note is not locked out by someone else's mistake); warnings never
block, but the warnings a merge introduces are reported.

Two diagnostics are "the same problem" when they have the same code, the
same file and the same message once numbers are set aside (a budget overrun
of 4 h that becomes 6 h is the same error; a second student missing from
every group is a new one).  The problems of a tree are kept by tree id in
``.git/aptui-guard/facts.json`` as digests only (no names), so a tree is
checked once: the app seeds it with the diagnostics it already has, and a
tree is otherwise written out in ``.git/aptui-guard/tree/`` (removed right
after) and loaded with the parse cache of that folder, reusing the entities
of the files that did not change since the last tree checked.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aptui.diagnostics import Diagnostic
from aptui.gitsync.runner import Git

if TYPE_CHECKING:
    from aptui.load.source import Document
    from aptui.model.analysis import Analysis

GUARD_DIR = "aptui-guard"
FACTS_FILE = "facts.json"
KEEP_TREES = 400
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
SCHOOL_PATHSPECS = ("school.yaml", "staff.yaml", "students", "years")
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?(?!\w)")


def fingerprint(diag: Diagnostic) -> str:
    """What makes two diagnostics the same problem (code, file, message without its numbers)."""
    text = f"{diag.code}\0{diag.loc.path}\0{NUMBER.sub('#', diag.message)}"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True)
class Facts:
    """The problems of one tree, as fingerprints."""

    errors: frozenset[str]
    warnings: frozenset[str]

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic]) -> Facts:
        diags = list(diagnostics)
        return cls(frozenset(fingerprint(d) for d in diags if d.is_error),
                   frozenset(fingerprint(d) for d in diags if not d.is_error))


@dataclass(slots=True)
class GuardReport:
    """What a commit or a push would change in the school's problems."""

    new_errors: list[Diagnostic] = field(default_factory=list)
    new_warnings: list[Diagnostic] = field(default_factory=list)
    kept_errors: list[Diagnostic] = field(default_factory=list)
    """Errors of the tree that a parent already had (shown, never blocking)."""
    culprits: dict[str, str] = field(default_factory=dict)
    """fingerprint of a new error -> the commit that brought it (a push or a pull of several commits)."""

    @property
    def blocked(self) -> bool:
        return bool(self.new_errors)

    def brought_by(self, diag: Diagnostic) -> str | None:
        return self.culprits.get(fingerprint(diag))


def compare(diagnostics: Iterable[Diagnostic], parents: Sequence[Facts]) -> GuardReport:
    """The problems of a tree that none of its parents had (no parent: all of them are new)."""
    report = GuardReport()
    errors = frozenset().union(*(p.errors for p in parents)) if parents else frozenset()
    warnings = frozenset().union(*(p.warnings for p in parents)) if parents else frozenset()
    for diag in diagnostics:
        known = errors if diag.is_error else warnings
        if fingerprint(diag) in known:
            if diag.is_error:
                report.kept_errors.append(diag)
        elif diag.is_error:
            report.new_errors.append(diag)
        else:
            report.new_warnings.append(diag)
    return report


class Guard:
    """Checks trees of one repository; keeps their facts by tree id."""

    def __init__(self, git: Git) -> None:
        self.git = git
        self._facts: dict[str, Facts] | None = None
        self._dirty = False
        self._documents: dict[tuple[str, str], Document] = {}
        self._analysis: Analysis | None = None

    # --- trees -------------------------------------------------------------
    def tree(self, rev: str) -> str | None:
        """The tree id of a commit (or of a tree), None when it does not exist."""
        if rev == EMPTY_TREE:
            return rev
        result = self.git.run("rev-parse", "-q", "--verify", f"{rev}^{{tree}}", check=False)
        return result.text.strip() if result.ok else None

    def diagnostics(self, tree: str) -> list[Diagnostic]:
        """Every diagnostic of a tree's school (loaded from the working tree when it is the same)."""
        from aptui.pipeline import NotASchool, load_school

        if self.worktree_is(tree):
            try:
                diags = load_school(self.git.root).diagnostics
            except NotASchool:
                diags = []
        else:
            diags = self._load_tree(tree)
        self.remember(tree, diags)
        return diags

    def worktree_is(self, tree: str) -> bool:
        """Whether the working tree's school files are exactly this tree (HEAD's, with nothing pending)."""
        if tree != self.tree("HEAD"):
            return False
        status = self.git.run("status", "--porcelain", "-z", "--untracked-files=all", "--", *SCHOOL_PATHSPECS,
                              check=False, env={"GIT_OPTIONAL_LOCKS": "0"})
        return status.ok and not status.stdout.strip(b"\0")

    def _load_tree(self, tree: str) -> list[Diagnostic]:
        from aptui.pipeline import assemble, load_documents, loose_diagnostics, paused_gc

        folder = self.git.git_path(GUARD_DIR) / "tree"
        with self._locked():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            index = folder.parent / "index"
            try:
                env = {"GIT_INDEX_FILE": str(index)}
                self.git.run("read-tree", tree, env=env)
                self.git.run("checkout-index", "-a", "-f", f"--prefix={folder}/", env=env)
                if not (folder / "school.yaml").is_file():
                    return []
                with paused_gc():
                    documents, found = load_documents(folder, use_cache=True)
                    documents = {path: self._shared(doc) for path, doc in documents.items()}
                    result, self._analysis = assemble(folder, documents, loose_diagnostics(documents, found),
                                                      previous=self._analysis)
                return result.diagnostics
            finally:
                shutil.rmtree(folder, ignore_errors=True)  # no copy of the school left behind
                index.unlink(missing_ok=True)

    def _shared(self, doc: Document) -> Document:
        """The Document already built for the same file and bytes (its entities serve again)."""
        key = (doc.path, doc.digest)
        kept = self._documents.get(key)
        if kept is not None and kept.diagnostics == doc.diagnostics:
            return kept
        self._documents[key] = doc
        return doc

    @contextmanager
    def _locked(self) -> Iterator[None]:
        folder = self.git.git_path(GUARD_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # --- facts -------------------------------------------------------------
    def facts(self, tree: str) -> Facts:
        """The problems of a tree (from the kept facts when it was checked before)."""
        if tree == EMPTY_TREE:
            return Facts(frozenset(), frozenset())
        known = self._known().get(tree)
        if known is None:
            self.diagnostics(tree)
            known = self._known()[tree]
        return known

    def remember(self, tree: str, diagnostics: Iterable[Diagnostic]) -> None:
        """Keep what is known of a tree (the app knows the diagnostics of what it commits)."""
        self._known()[tree] = Facts.of(diagnostics)
        self._dirty = True
        self.save()

    def _known(self) -> dict[str, Facts]:
        if self._facts is None:
            self._facts = {}
            try:
                data = json.loads(self._facts_path().read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            if isinstance(data, dict) and data.get("code") == _code():
                for tree, (errors, warnings) in (data.get("trees") or {}).items():
                    self._facts[tree] = Facts(frozenset(errors), frozenset(warnings))
        return self._facts

    def _facts_path(self) -> Path:
        return self.git.git_path(GUARD_DIR) / FACTS_FILE

    def save(self) -> None:
        if not self._dirty or self._facts is None:
            return
        trees = dict(list(self._facts.items())[-KEEP_TREES:])
        data = {"code": _code(), "trees": {t: [sorted(f.errors), sorted(f.warnings)] for t, f in trees.items()}}
        path = self._facts_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data), encoding="utf-8")
        temporary.replace(path)
        self._dirty = False

    # --- the rule ------------------------------------------------------------
    def check(self, tree: str | None, parents: Sequence[str],
              diagnostics: list[Diagnostic] | None = None) -> GuardReport:
        """The new problems of a tree against its parents (commits or trees); ``diagnostics``: the
        tree's own when the caller has them (``tree`` None: a state that is no tree yet, e.g. the
        working tree about to be committed)."""
        if diagnostics is None:
            assert tree is not None
            diagnostics = self.diagnostics(tree)
        elif tree is not None:
            self.remember(tree, diagnostics)
        parent_trees = [t for t in (self.tree(p) for p in parents) if t is not None]
        return compare(diagnostics, [self.facts(t) for t in parent_trees])

    def check_range(self, old: str | None, new: str, limit: int = 20) -> GuardReport:
        """What the commits of ``old..new`` add to the school's problems, and which commit brought each."""
        new_tree = self.tree(new) or EMPTY_TREE
        report = self.check(new_tree, [old] if old else [])
        if report.new_errors:
            report.culprits = self.culprits({fingerprint(d) for d in report.new_errors}, old, new, limit)
        return report

    def culprits(self, wanted: set[str], old: str | None, new: str, limit: int = 20) -> dict[str, str]:
        """fingerprint -> the first commit of ``old..new`` (oldest first) whose tree has it and whose
        parents do not."""
        span = f"{old}..{new}" if old else new
        commits = self.git.run("rev-list", "--topo-order", f"--max-count={limit}", span).text.split()
        found: dict[str, str] = {}
        for commit in reversed(commits):
            missing = wanted - set(found)
            if not missing:
                break
            tree = self.tree(commit)
            line = self.git.run("rev-list", "--parents", "-n", "1", commit).text.split()
            parents = [self.facts(t) for t in (self.tree(p) for p in line[1:]) if t is not None]
            have = self.facts(tree).errors if tree else frozenset()
            for fp in missing & have:
                if not any(fp in p.errors for p in parents):
                    found[fp] = commit
        return found


def _code() -> str:
    from aptui.load.snapshot import code_key

    return code_key()
