"""The right to erasure: a student's personal data out of the working tree, in one commit.

The student's id is replaced everywhere by a random pseudonym (``oubli-…``:
not derived from the id, so it cannot be traced back), so that groups,
attendance marks, bilans and hour budgets still add up; the student's file
keeps only the divisions (the budget's prorata) and the leaving date, under
the pseudonym, with no name.  The reasons written about the student (arrival,
exemption, bilan) are replaced by « (effacé) », bilan comments removed; the
full name is replaced by the pseudonym wherever it appears (session notes,
other students' files, comments).  A first or last name left alone in a
text cannot be told from an ordinary word: those lines are listed for the
pilote to check.

All files change through one journal transaction (whole or nothing) and one
commit; aptui's caches of the school are purged.  The git history still
holds the old versions: ``what_remains`` says so, and ``rewrite.py``
purges them with ``git filter-repo``.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aptui import layout
from aptui import vocab as v
from aptui.edit.files import FileChange, read_bytes
from aptui.layout import Kind
from aptui.load.discover import find_school_files
from aptui.load.source import parse_source
from aptui.privacy import pseudonyms as ps
from aptui.privacy.yamlout import document
from aptui.render.names import NameMask

ERASED = "(effacé)"
PREFIX = "oubli-"
COMMIT_SUBJECT = "Effacement des données personnelles d'un élève (RGPD) : fiche remplacée par {}"
ID_CHARS = r"A-Za-z0-9_.-"
_IDENTITY_LINE = re.compile(rf"^\s*(?:- )?(?:{v.NAME}|{v.FIRST_NAME})\s*:")


class ForgetError(Exception):
    """Forgetting cannot be done; ``message`` (French) says why and what to do."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Person:
    """Who is forgotten: the id, the names to erase, the pseudonym that replaces the id."""

    ident: str
    first_name: str
    last_name: str
    pseudonym: str
    ine: str = ""
    """The national student id (INE) when the school keeps it: replaced in the history and the stores too."""

    @property
    def full_names(self) -> list[str]:
        if not (self.first_name and self.last_name):
            return []
        return [f"{self.first_name} {self.last_name}", f"{self.last_name} {self.first_name}"]


@dataclass
class ForgetPlan:
    person: Person
    changes: list[FileChange]
    to_check: list[str] = field(default_factory=list)
    """« path:line » where the first or last name appears alone (cannot be erased safely by a program)."""

    @property
    def paths(self) -> list[str]:
        return [change.path for change in self.changes]


def id_pattern(ident: str) -> re.Pattern[str]:
    """The id as a whole token (not inside a longer id)."""
    return re.compile(rf"(?<![{ID_CHARS}]){re.escape(ident)}(?![{ID_CHARS}])")


def read_person(root: Path, student: str) -> tuple[Person, Mapping[str, Any]]:
    """The student to forget, from their file; ForgetError if there is none."""
    path = layout.student_path(student)
    raw = read_bytes(root, path)
    parsed = parse_source(raw, path)[0] if raw is not None else None
    if parsed is None or not isinstance(parsed.data, Mapping):
        raise ForgetError(f"élève inconnu ou fiche illisible : {student} ({path}) ; "
                          "pour un élève déjà oublié, seul l'historique reste : --rewrite-history")
    data = parsed.data
    pseudonym = PREFIX + secrets.token_hex(4)
    while (root / layout.student_path(pseudonym)).exists():
        pseudonym = PREFIX + secrets.token_hex(4)
    person = Person(student, _text(data.get(v.FIRST_NAME)), _text(data.get(v.NAME)), pseudonym,
                    _text(data.get(v.INE)))
    return person, data


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def plan_forget(root: Path, student: str) -> ForgetPlan:
    """Every file change that forgets ``student`` (nothing written)."""
    person, data = read_person(root, student)
    own = layout.student_path(student)
    new_path = layout.student_path(person.pseudonym)
    kept = {key: data[key] for key in (v.DIVISIONS, v.LEFT_ON) if key in data}
    new_data = {v.ID: person.pseudonym, v.NAME: ps.display_code(person.pseudonym),
                v.FIRST_NAME: ps.STUDENT_FIRST_NAME, **kept}
    own_raw = read_bytes(root, own)
    changes = [FileChange(own, own_raw, None),
               FileChange(new_path, None, document(new_path, Kind.STUDENT, new_data).encode("utf-8"))]
    plan = ForgetPlan(person, changes)
    token = id_pattern(student)
    mask = NameMask([(person.pseudonym, person.first_name, person.last_name)])
    for source in find_school_files(root):
        if source.path == own:
            continue
        raw = read_bytes(root, source.path)
        if raw is None:
            continue
        text = raw.decode("utf-8", errors="surrogateescape")
        new = mask.names(token.sub(person.pseudonym, text))
        if person.ine:
            new = new.replace(person.ine, person.pseudonym)
        if new != text and source.role is not None:
            new = _scrub(new, source.role.kind, person.pseudonym)
        _lone_names(plan, source.path, new)
        if new != text:
            changes.append(FileChange(source.path, raw, new.encode("utf-8", errors="surrogateescape")))
    return plan


def _scrub(text: str, kind: Kind, pseudonym: str) -> str:
    """The texts written about the student in a group, bilans or year file, erased (round-trip edit)."""
    if kind not in (Kind.GROUP, Kind.BILANS, Kind.YEAR, Kind.DIVISION):
        return text
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from aptui.edit.roundtrip import delete_key, dump_rt, load_rt, replace_items
    from aptui.load.admit import refusal

    if refusal(text.lstrip("\ufeff")) is not None:  # ruamel reads only what the bounded reader accepts
        return text
    try:
        data = load_rt(text.lstrip("\ufeff"))
    except Exception:  # noqa: BLE001 - a file ruamel cannot read keeps the text replacements only
        return text
    if not isinstance(data, CommentedMap):
        return text
    students = data.get(v.STUDENTS)
    if isinstance(students, CommentedSeq) and all(isinstance(s, str) for s in students):
        replace_items(students, sorted(students), owner=(data, v.STUDENTS))
    for entry in list(data.get(v.ARRIVALS) or ()) + list(data.get(v.EXEMPTIONS) or ()):
        if isinstance(entry, CommentedMap) and entry.get(v.STUDENT) == pseudonym and v.REASON in entry:
            entry[v.REASON] = ERASED
    reasons = data.get("motifs")
    if isinstance(reasons, CommentedMap) and pseudonym in reasons:
        reasons[pseudonym] = ERASED
    bilans = data.get(v.BILANS)
    if isinstance(bilans, CommentedMap) and isinstance(bilans.get(pseudonym), CommentedMap):
        entry = bilans[pseudonym]
        delete_key(entry, v.COMMENT)
        if v.REASON in entry:
            entry[v.REASON] = ERASED
    return dump_rt(data)


def _lone_names(plan: ForgetPlan, path: str, text: str) -> None:
    words = [w for w in (plan.person.first_name, plan.person.last_name) if len(w) >= 3]
    if not words:
        return
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line) and not _IDENTITY_LINE.match(line):  # another person of the same name
            plan.to_check.append(f"{path}:{number}")


@dataclass
class ForgetResult:
    plan: ForgetPlan
    commit: str | None
    purged: list[Path]
    left: list[str] = field(default_factory=list)
    """Stores that could not be purged now, in French (a live writer's journal)."""
    unreachable: int = 0
    """Objects no ref reaches (old pending bytes, old textconv notes): pruned by git gc --prune=now."""


def forget_student(root: Path, student: str, commit: bool = True) -> ForgetResult:
    """Forget ``student`` in the working tree: one transaction, one commit, caches purged."""
    from aptui.edit.apply import write_all
    from aptui.gitsync.commit import commit_paths
    from aptui.gitsync.runner import Git

    root = Path(root)
    git = Git(root)
    in_repo = commit and git.is_repo()
    plan = plan_forget(root, student)
    if in_repo:
        from aptui.gitsync.conflicts import rebase_in_progress

        if git.rev("MERGE_HEAD") is not None or rebase_in_progress(git):
            raise ForgetError("une fusion est en cours : terminez-la d'abord (aptui sync --resolve)")
        git.require_author()
        dirty = git.run("status", "--porcelain", "--", *plan.paths, check=False).text.strip()
        if dirty:
            raise ForgetError("des fichiers concernés ont des modifications non enregistrées : enregistrez-les "
                              "d'abord (aptui sync, ou git commit), puis recommencez")
    write_all(root, plan.changes)
    done = None
    if in_repo:
        result = commit_paths(root, plan.paths, COMMIT_SUBJECT.format(plan.person.pseudonym), git)
        done = result.commit if result is not None else None
    from aptui.privacy.stores import purge_stores, unreachable_objects

    stores = purge_stores(root, plan.person)
    purged = purge_caches(root) + [Path(p) for p in stores.purged]
    return ForgetResult(plan, done, purged, stores.left, unreachable_objects(root) if in_repo else 0)


def purge_caches(root: Path) -> list[Path]:
    """Everything aptui keeps about the school outside its files: parse caches, saved checks, history
    caches, the hook's staged copy, git's cache of aptui's readable diffs."""
    import shutil

    from aptui.edit.journal import git_dir
    from aptui.load.cache import purge_school

    purged = purge_school(root)
    repo = git_dir(root)
    if repo is not None:
        for staged in (repo / "aptui-staged", repo / "aptui-guard" / "tree"):  # the checked copies (guard.py)
            purged += purge_school(staged)
            if staged.exists():
                shutil.rmtree(staged, ignore_errors=True)
                purged.append(staged)
        from aptui.gitsync.runner import Git
        from aptui.privacy.stores import purge_notes

        if Git(root).is_repo():
            purged += [repo / ref for ref in purge_notes(Git(root))]
    return purged


def what_remains(root: Path, result: ForgetResult) -> str:
    """French explanation: what the working tree no longer holds, what git still holds, how to purge it."""
    person = result.plan.person
    old = layout.student_path(person.ident)
    lines = [
        f"L'élève {person.ident} est oublié dans les fichiers de l'école : sa fiche est remplacée par "
        f"{layout.student_path(person.pseudonym)} (sans nom, sans notes, sans entretiens), son identifiant par "
        f"{person.pseudonym} dans {len(result.plan.changes) - 2} autre(s) fichier(s) (groupes, appel, bilans) : "
        "les heures et les effectifs restent justes.",
    ]
    if result.commit:
        lines.append(f"Commit {result.commit[:10]} : « {COMMIT_SUBJECT.format(person.pseudonym)} ».")
    lines.append(f"Caches d'aptui purgés : {len(result.purged)} dossier(s), fichier(s) ou référence(s) (cache de "
                 "lecture, état enregistré, modifications en attente, conflits et décisions d'une ancienne "
                 "fusion, copies du hook, cache git des diffs lisibles).")
    lines += [f"Non purgé : {line}" for line in result.left]
    if result.plan.to_check:
        lines.append("À vérifier à la main (un prénom ou un nom seul, peut-être le sien) : "
                     + ", ".join(result.plan.to_check[:20]) + ("…" if len(result.plan.to_check) > 20 else ""))
    lines += [
        "",
        "Ce qui reste :",
        f"  - l'historique git de ce clone : les commits précédents contiennent {old}, son nom et ses notes "
        f"(git log --all -- {old}) ;",
        "  - les journaux de références de git (reflogs, .git/logs/) : les messages des anciens commits ;",
        *([f"  - {result.unreachable} objet(s) git qui ne sont plus référencés (anciennes modifications en "
           "attente, ancien cache des diffs) : « git gc --prune=now » les supprime, --rewrite-history aussi ;"]
          if result.unreachable else []),
        "  - le dépôt distant et les autres clones, tant que l'historique n'y est pas réécrit ;",
        "  - les journaux de CI, les merge requests et les sauvegardes qui en ont une copie.",
        "Pour l'effacer de l'historique : « aptui forget "
        f"{person.ident} --rewrite-history » (git filter-repo : réécrit tous les commits de ce clone), puis "
        "« git push --force --all » et « git push --force --tags », demandez à chaque collègue de recloner, "
        "et à l'administrateur de la forge de purger les anciennes références (docs/privacy.md).",
    ]
    return "\n".join(lines)
