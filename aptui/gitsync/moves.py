"""A student moved to two different groups, one on each side of a merge.

Each group file merges cleanly on its own (the student leaves the old group
on both sides, arrives in a different group on each), so git sees no
conflict, yet the merged school would hold the student in two groups of the
same barrette.  Before merging, aptui compares who is in which group at the
merge base, on our side and on theirs; after the merge it keeps *ours* in
the files and records the conflict, and the user picks a side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from aptui import vocab as v
from aptui.edit.roundtrip import dump_rt, load_rt
from aptui.gitsync.catfile import BlobReader
from aptui.gitsync.changes import as_dict, as_list, id_set, plain
from aptui.gitsync.conflicts import ConflictRecord, safe_target, side_of
from aptui.gitsync.runner import Git
from aptui.gitsync.snapshot import ParsedBlobs, TreeSnapshot
from aptui.layout import Kind, classify, group_path
from aptui.load.admit import refusal
from aptui.load.guard import read_or_none


@dataclass(slots=True)
class MoveConflict:
    """Where a student is at the base, on our side and on theirs (group ids)."""

    year: str
    period: str
    barrette: str
    student: str
    name: str
    base: list[str]
    ours: list[str]
    theirs: list[str]
    titles: dict[str, str] = field(default_factory=dict)
    arrivals: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """side ("ours"/"theirs") -> arrival entries that side added ({"group", "entry"})."""

    @property
    def record_id(self) -> str:
        return f"moves/{self.year}/{self.period}/{self.student}"

    def paths(self) -> list[str]:
        return [group_path(self.year, self.period, g) for g in sorted(set(self.ours) | set(self.theirs))]


Membership = dict[tuple[str, str], set[str]]  # (barrette, student) -> groups


def _period_groups(snapshot: TreeSnapshot, year: str, period: str) -> dict[str, Any]:
    prefix = f"years/{year}/groups/{period}/"
    paths = [p for p in snapshot.paths() if p.startswith(prefix) and p.count("/") == 4]
    snapshot.prefetch(paths)
    return {p[len(prefix):-len(".yaml")]: snapshot.data(p) for p in paths}


def _membership(groups: dict[str, Any]) -> Membership:
    members: Membership = {}
    for group_id, data in groups.items():
        barrette = str(as_dict(data).get(v.BARRETTE) or "")
        for student in id_set(data, v.STUDENTS):
            members.setdefault((barrette, student), set()).add(group_id)
    return members


def _arrivals(groups: dict[str, Any], student: str) -> dict[str, dict[str, Any]]:
    """"group@date" -> {"group", "entry"} for a student's arrivals on one side."""
    found = {}
    for group_id, data in groups.items():
        for entry in as_list(as_dict(data).get(v.ARRIVALS)):
            if isinstance(entry, dict) and entry.get(v.STUDENT) == student:
                found[f"{group_id}@{entry.get(v.DATE)}"] = {"group": group_id, "entry": plain(entry)}
    return found


def _changed_group_periods(git: Git, base: str, heads: Iterable[str]) -> set[tuple[str, str]]:
    periods = set()
    for head in heads:
        output = git.run("diff", "--name-only", "-z", "--no-renames", base, head, "--", "years").stdout
        for raw in output.split(b"\0"):
            role = classify(raw.decode("utf-8", errors="replace")) if raw else None
            if role is not None and role.kind is Kind.GROUP:
                periods.add((str(role.year), str(role.period)))
    return periods


def find_move_conflicts(git: Git, base: str, ours: str, theirs: str) -> list[MoveConflict]:
    """Students whose group changed on both sides, to different groups."""
    periods = _changed_group_periods(git, base, (ours, theirs))
    if not periods:
        return []
    found: list[MoveConflict] = []
    parsed = ParsedBlobs()
    with BlobReader(git) as reader:
        snaps = {name: TreeSnapshot(git, reader, rev, parsed) for name, rev in
                 (("base", base), ("ours", ours), ("theirs", theirs))}
        for year, period in sorted(periods):
            groups = {name: _period_groups(snap, year, period) for name, snap in snaps.items()}
            found += _period_conflicts(year, period, groups, snaps["ours"])
    return found


def _period_conflicts(year: str, period: str, groups: dict[str, dict[str, Any]],
                      names_from: TreeSnapshot) -> list[MoveConflict]:
    members = {name: _membership(g) for name, g in groups.items()}
    keys = set(members["ours"]) | set(members["theirs"]) | set(members["base"])
    found = []
    for barrette, student in sorted(keys):
        b, o, t = (members[name].get((barrette, student), set()) for name in ("base", "ours", "theirs"))
        if o == b or t == b or o == t:
            continue
        titles = {g: str(as_dict(groups[side].get(g)).get(v.TITLE) or g)
                  for side in ("base", "ours", "theirs") for g in groups[side]}
        base_arrivals = _arrivals(groups["base"], student)
        arrivals = {side: [a for k, a in _arrivals(groups[side], student).items() if k not in base_arrivals]
                    for side in ("ours", "theirs")}
        data = as_dict(names_from.data(f"students/{student}.yaml"))
        name = f"{data.get(v.FIRST_NAME, '')} {data.get(v.NAME, '')}".strip() or student
        found.append(MoveConflict(year, period, barrette, student, name, sorted(b), sorted(o), sorted(t),
                                  titles, arrivals))
    return found


# --- applying a side in the working tree ----------------------------------------------------
def apply_side(git: Git, move: MoveConflict, keep: str) -> list[str]:
    """Make the files say what one side said about the student; returns the touched paths."""
    other = "theirs" if keep == "ours" else "ours"
    kept, dropped = set(getattr(move, keep)), set(getattr(move, other)) - set(getattr(move, keep))
    touched = []
    for group_id in sorted(dropped | kept):
        path = group_path(move.year, move.period, group_id)
        target = safe_target(git.root, path)
        raw = read_or_none(git.root, path)
        text = raw.decode("utf-8", errors="replace") if raw is not None else None
        if text is None or refusal(text) is not None:  # ruamel reads only what the bounded reader accepts
            continue
        data = load_rt(text)
        if not isinstance(data, dict):
            continue
        if group_id in dropped:
            _drop(data, move.student, [a["entry"] for a in move.arrivals.get(other, []) if a["group"] == group_id])
        else:
            _keep(data, move.student, [a["entry"] for a in move.arrivals.get(keep, []) if a["group"] == group_id])
        target.write_text(dump_rt(data), encoding="utf-8")
        touched.append(path)
    return touched


def _drop(data: Any, student: str, arrivals: list[dict[str, Any]]) -> None:
    students = data.get(v.STUDENTS)
    if isinstance(students, list):
        for index in reversed(range(len(students))):
            if students[index] == student:
                del students[index]
    entries = data.get(v.ARRIVALS)
    if isinstance(entries, list):
        dates = {str(a.get(v.DATE)) for a in arrivals}
        for index in reversed(range(len(entries))):
            entry = entries[index]
            if isinstance(entry, dict) and entry.get(v.STUDENT) == student and str(plain(entry.get(v.DATE))) in dates:
                del entries[index]
        if not entries:
            del data[v.ARRIVALS]


def _keep(data: Any, student: str, arrivals: list[dict[str, Any]]) -> None:
    students = data.get(v.STUDENTS)
    if not isinstance(students, list):
        data[v.STUDENTS] = students = []
    if student not in students:
        position = next((i for i, s in enumerate(students) if str(s) > student), len(students))
        students.insert(position, student)
    if not arrivals:
        return
    entries = data.get(v.ARRIVALS)
    if not isinstance(entries, list):
        data[v.ARRIVALS] = entries = []
    present = {(e.get(v.STUDENT), str(plain(e.get(v.DATE)))) for e in entries if isinstance(e, dict)}
    for arrival in arrivals:
        if (arrival.get(v.STUDENT), str(arrival.get(v.DATE))) not in present:
            entries.append(_with_date(arrival))


def _with_date(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry whose ISO date is written as a date (unquoted), as the format requires."""
    result = dict(entry)
    try:
        result[v.DATE] = date.fromisoformat(str(entry.get(v.DATE)))
    except ValueError:
        pass
    return result


# --- records ----------------------------------------------------------------------------------
def to_record(git: Git, move: MoveConflict, ours_commit: str, theirs_commit: str,
              base: str | None = None) -> ConflictRecord:
    def titles(groups: list[str]) -> list[str]:
        return [move.titles.get(g, g) for g in groups]

    ours_paths = [group_path(move.year, move.period, g) for g in move.ours] or move.paths()
    theirs_paths = [group_path(move.year, move.period, g) for g in move.theirs] or move.paths()
    item = {"key": "groupe", "label": f"groupe de {move.name} en {move.period} (barrette {move.barrette})",
            "base": titles(move.base), "ours": titles(move.ours), "theirs": titles(move.theirs)}
    return ConflictRecord(move.record_id, "move", f"{move.period} : {move.name} déplacé(e) différemment des deux côtés",
                          move.paths(), side_of(git, ours_commit, ours_paths, "local", base),
                          side_of(git, theirs_commit, theirs_paths, "distant", base), [item], move=asdict(move))


def resolve_move(git: Git, record: ConflictRecord, choice: str) -> None:
    move = MoveConflict(**record.move)
    touched = apply_side(git, move, choice)
    if touched:
        git.run("add", "--", *touched)
