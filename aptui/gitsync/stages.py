"""The paths git left unmerged, merged by meaning from the index stages.

Where the merge driver is missing or broken (a fresh clone, a venv that
moved) git merges school files line by line: two different students' marks
next to each other become a conflict, and a driver that could not run leaves
*ours* in the file.  aptui does the driver's work itself from the stages git
keeps (1 base, 2 ours, 3 theirs: ``git ls-files -u``, ``git cat-file``), so
the result is the same as with the driver.

git never runs a driver when one side deleted the file and the other changed
it.  A deleted group against an edit of it is resolved per entry: the group
stays deleted, and each student the other side moved into it lands « sans
groupe » in that barrette; the arrival (date, reason) and who did what are
said in the report and in the merge commit, and the validation (APT501)
says what to do.  Any other file deleted against an edit keeps the edited
version (nothing is lost) and waits for a choice.

A file someone resolved by hand (no markers left, neither side's text) is
never overwritten: it is left for ``git add``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aptui import vocab as v
from aptui.edit.roundtrip import load_rt
from aptui.gitsync import conflicts as cf
from aptui.gitsync.changes import fr_date, plain
from aptui.gitsync.driver import merge_path
from aptui.gitsync.hostile import fallback_message
from aptui.gitsync.runner import Git
from aptui.layout import Kind, classify
from aptui.load.admit import refusal
from aptui.load.guard import Refused, read_school_bytes
from aptui.load.limits import current_limits, megabytes
from aptui.load.source import CONFLICT_MARKER


@dataclass(slots=True)
class StageOutcome:
    """What aptui did with the unmerged paths."""

    merged: list[str] = field(default_factory=list)
    """Merged without conflict and staged."""
    records: list[cf.ConflictRecord] = field(default_factory=list)
    """True conflicts, with markers in the file, waiting for a choice."""
    by_hand: list[str] = field(default_factory=list)
    """Resolved by hand (neither side, no markers): left for ``git add``."""
    notes: list[str] = field(default_factory=list)
    """Decisions taken (a deleted group against a move into it), in French."""


def read_stages(git: Git) -> dict[str, dict[int, str]]:
    """path -> {stage: blob id} of every unmerged path."""
    stages: dict[str, dict[int, str]] = {}
    for entry in git.run("ls-files", "-u", "-z").stdout.split(b"\0"):
        if not entry:
            continue
        info, _, raw_path = entry.partition(b"\t")
        _, blob, stage = info.decode().split()
        stages.setdefault(raw_path.decode("utf-8", errors="replace"), {})[int(stage)] = blob
    return stages


def link_paths(git: Git) -> set[str]:
    """The unmerged paths that are a symbolic link in one of their stages (mode 120000)."""
    found = set()
    for entry in git.run("ls-files", "-u", "-z").stdout.split(b"\0"):
        info, _, raw_path = entry.partition(b"\t")
        if info.startswith(b"120000 "):
            found.add(raw_path.decode("utf-8", errors="replace"))
    return found


def _too_big(git: Git, blobs: list[str]) -> str | None:
    """Why one of these blobs is too big to be read at all (load/limits.py), or None."""
    limit = current_limits().max_file_bytes
    for blob in blobs:
        found = git.run("cat-file", "-s", blob, check=False)
        size = int(found.text.strip()) if found.ok and found.text.strip().isdigit() else 0
        if size > limit:
            return f"version de {megabytes(size)}, limite {megabytes(limit)}"
    return None


def _blob_text(git: Git, blob: str | None) -> str | None:
    if blob is None:
        return None
    return git.run("cat-file", "blob", blob).stdout.decode("utf-8", errors="replace")


def _worktree_text(git: Git, path: str) -> str | None:
    """The working file as the merge left it; None when absent or not a file aptui reads (a FIFO...)."""
    try:
        cf.safe_target(git.root, path)  # never through a symlink
        return read_school_bytes(git.root, path).decode("utf-8", errors="replace")
    except (OSError, Refused):
        return None


def untouched(current: str | None, ours: str | None, theirs: str | None) -> bool:
    """Whether the working file is still what the merge left (so aptui may rewrite it)."""
    if current is None:
        return ours is None or theirs is None
    return current in (ours, theirs) or CONFLICT_MARKER.search(current.encode("utf-8")) is not None


def merge_unmerged(git: Git) -> StageOutcome:
    """Merge by meaning every unmerged path that has no fresh record yet."""
    outcome = StageOutcome()
    recorded = {p for r in cf.list_records(git) if cf.is_fresh(git, r) for p in r.paths}
    links = link_paths(git)
    for path, stages in sorted(read_stages(git).items()):
        if path in recorded:
            continue
        if path in links:  # a symbolic link on one side: never read nor written through, left to the user
            outcome.by_hand.append(path)
            outcome.notes.append(fallback_message(path, "lien symbolique d'un côté : aptui ne le suit pas"))
            continue
        too_big = _too_big(git, [b for b in stages.values() if b])
        if too_big is not None:  # never read: left as git left it (its own line merge), said why
            outcome.by_hand.append(path)
            outcome.notes.append(fallback_message(path, too_big))
            continue
        base, ours, theirs = (_blob_text(git, stages.get(n)) for n in (1, 2, 3))
        current = _worktree_text(git, path)
        if not untouched(current, ours, theirs):
            outcome.by_hand.append(path)
        elif ours is not None and theirs is not None:
            _merge_both(git, path, base or "", ours, theirs, outcome)
        elif base is not None and (ours is not None or theirs is not None):
            _deleted_against_edit(git, path, base, ours, theirs, outcome)
        else:
            git.run("rm", "-q", "--cached", "--ignore-unmatch", "--", path)
    return outcome


def _merge_both(git: Git, path: str, base: str, ours: str, theirs: str, outcome: StageOutcome) -> None:
    text, record = merge_path(git, path, base, ours, theirs, say=outcome.notes.append)
    target = cf.safe_target(git.root, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    if record is None:
        git.run("add", "--", path)
        outcome.merged.append(path)
    else:
        cf.save_record(git, record)
        outcome.records.append(record)


# --- deleted on one side, changed on the other ---------------------------------------------------
def _deleted_against_edit(git: Git, path: str, base: str, ours: str | None, theirs: str | None,
                          outcome: StageOutcome) -> None:
    ours_side, theirs_side = cf.sides(git, [path])
    deleter, editor = (ours_side, theirs_side) if ours is None else (theirs_side, ours_side)
    edited = ours if ours is not None else theirs
    assert edited is not None
    role = classify(path)
    if role is not None and role.kind is Kind.GROUP:
        cf.safe_target(git.root, path).unlink(missing_ok=True)
        git.run("rm", "-q", "--cached", "--ignore-unmatch", "--", path)
        outcome.merged.append(path)
        outcome.notes += deleted_group_notes(git, path, base, edited, deleter, editor)
        return
    target = cf.safe_target(git.root, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(edited, encoding="utf-8")
    item = {"key": "*", "label": "le fichier entier (supprimé d'un côté, modifié de l'autre)",
            "base": base, "ours": ours, "theirs": theirs}
    record = cf.ConflictRecord(path, "file", cf.file_title(path, cf.student_names(git.root)), [path], ours_side,
                               theirs_side, [item], {"base": base, "ours": ours, "theirs": theirs})
    cf.save_record(git, record)
    outcome.records.append(record)


def _mapping(text: str) -> dict[str, Any]:
    if refusal(text) is not None:  # ruamel reads only what the bounded reader accepts (load/admit.py)
        return {}
    try:
        data = load_rt(text)
    except Exception:  # noqa: BLE001 - an unreadable version has no entries to report
        return {}
    return data if isinstance(data, dict) else {}


def who(side: cf.Side) -> str:
    """« Anne Durand (1a2b3c4) »."""
    return f"{side.author or 'auteur inconnu'} ({side.commit[:7] if side.commit else 'non enregistré'})"


def deleted_group_notes(git: Git, path: str, base_text: str, edited_text: str, deleter: cf.Side,
                        editor: cf.Side) -> list[str]:
    """What became of the students moved into a group the other side deleted, in French."""
    role = classify(path)
    assert role is not None
    base, edited = _mapping(base_text), _mapping(edited_text)
    title = str(edited.get(v.TITLE) or role.ident)
    barrette = str(edited.get(v.BARRETTE) or "")
    before = {str(s) for s in base.get(v.STUDENTS) or []}
    arrived = [str(s) for s in edited.get(v.STUDENTS) or [] if str(s) not in before]
    names = cf.student_names(git.root)
    gone = f"le groupe « {title} » ({role.period}) a été supprimé par {who(deleter)}"
    if not arrived:
        return [f"Groupe « {title} » ({role.period}) : supprimé par {who(deleter)} ; les changements de "
                f"{who(editor)} sur ce groupe sont sans objet."]
    notes = []
    for student in arrived:
        entry = next((a for a in edited.get(v.ARRIVALS) or []
                      if isinstance(a, dict) and str(a.get(v.STUDENT)) == student), None)
        arrival = ""
        if entry is not None:
            reason = entry.get(v.REASON)
            arrival = f" le {fr_date(plain(entry.get(v.DATE)))}" + (f" (motif : {reason})" if reason else "")
        notes.append(f"{names(student)} : placé(e) dans « {title} »{arrival} par {who(editor)}, mais {gone} : "
                     f"sans groupe dans la barrette {barrette} en {role.period} ; placez-le (la) dans un groupe.")
    return notes
