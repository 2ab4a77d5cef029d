"""Edits at a period boundary: the bilans, and the next period's groups built from them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import (
    BILAN_KEYS,
    Command,
    EditRefused,
    Snapshot,
    check_choice,
    check_id,
    optional_text,
    quoted,
    update_entry,
)
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import child_map, new_map, new_seq, set_key_sorted, text_value

CHANGE = "changement"
EXIT = "sortie"


@dataclass(frozen=True)
class WriteBilan(Command):
    """Create or update the bilan of one student at the end of a period."""

    year: str
    period: str
    student: str
    author: str
    day: date
    outcome: str
    comment: str
    decision: str
    to_group: str | None = None
    to_type: str | None = None
    reason: str = ""

    def paths(self) -> list[str]:
        return [layout.bilans_path(self.year, self.period)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        snap.period_bounds(self.year, self.period)
        snap.require_student(self.student)
        snap.require_teachers([self.author])
        check_choice(self.outcome, v.OUTCOME_LABELS, "résultat")
        check_choice(self.decision, v.DECISION_LABELS, "décision")
        to_group, to_type = self._destination()
        self._remember(student=snap.student_name(self.student),
                       target=snap.group_title(self.year, self.period, to_group) if to_group else "")
        path = layout.bilans_path(self.year, self.period)
        data = snap.edit_or_create(path, layout.Kind.BILANS, new_map([(v.BILANS, new_map())]))
        bilans = child_map(data, v.BILANS)
        fields = [
            (v.AUTHOR, self.author), (v.DATE, self.day), (v.OUTCOME, self.outcome),
            (v.COMMENT, optional_text(self.comment)), (v.DECISION, self.decision),
            (v.TO_GROUP, to_group), (v.TO_TYPE, to_type), (v.REASON, optional_text(self.reason)),
        ]
        entry = bilans.get(self.student)
        if isinstance(entry, CommentedMap):
            update_entry(entry, fields, BILAN_KEYS, owner=(bilans, self.student))
        else:
            set_key_sorted(bilans, self.student, new_map(fields), owner=(data, v.BILANS))
        return snap.changes()

    def _destination(self) -> tuple[str | None, str | None]:
        """Where a change sends the student; nothing for the other decisions."""
        if self.decision != CHANGE:
            return None, None
        if not self.to_group and not self.to_type:
            raise EditRefused("décision « changement » : indiquez le groupe ou le type de groupe visé")
        if self.to_group:
            check_id(self.to_group, "identifiant de groupe")
        if self.to_type:
            check_choice(self.to_type, v.CONTENT_TYPE_LABELS, "type de contenu")
        return self.to_group or None, self.to_type or None

    def describe(self) -> str:
        decision = v.DECISION_LABELS.get(self.decision, self.decision).lower()
        if self.decision == CHANGE and self.to_group:
            decision = f"changement vers {quoted(self._name('target', '') or self.to_group)}"
        elif self.decision == CHANGE and self.to_type:
            decision = f"changement vers un groupe {quoted(v.CONTENT_TYPE_LABELS.get(self.to_type, self.to_type))}"
        outcome = v.OUTCOME_LABELS.get(self.outcome, self.outcome).lower()
        text = f"Bilan {self.period}, {self._name('student', self.student)} : {outcome}, {decision}"
        return text + (f" (motif : {self.reason.strip()})" if self.reason.strip() else "")


@dataclass(frozen=True)
class _Placement:
    """Where each student of the previous period goes, and how many changed or left."""

    members: dict[str, list[str]]
    changes: int
    exits: int
    departed: list[str]
    """Students who left the school before the new period (their file's ``sortie``), not placed."""


def _place(groups: Mapping[str, CommentedMap], bilans: Mapping[str, object],
           left: Callable[[str], bool]) -> _Placement:
    members: dict[str, list[str]] = {gid: [] for gid in groups}
    changes = exits = 0
    departed: list[str] = []
    for gid, group in groups.items():
        for student in group.get(v.STUDENTS) or ():
            student = str(student)
            if left(student):
                departed.append(student)
                continue
            bilan = bilans.get(student)
            target = _target(gid, bilan if isinstance(bilan, Mapping) else None, groups)
            if target is None:
                exits += 1
                continue
            changes += target != gid
            if student not in members[target]:
                members[target].append(student)
    return _Placement(members, changes, exits, sorted(set(departed)))


def _target(gid: str, bilan: Mapping[str, object] | None, groups: Mapping[str, CommentedMap]) -> str | None:
    """The new group of a student of ``gid``; None when the bilan says « sortie »."""
    if bilan is None:
        return gid
    decision = bilan.get(v.DECISION)
    if decision == EXIT:
        return None
    if decision != CHANGE:
        return gid
    if bilan.get(v.TO_GROUP) in groups:
        return str(bilan.get(v.TO_GROUP))
    barrette = groups[gid].get(v.BARRETTE)
    for other, group in groups.items():  # sorted by id: the first group of the wanted type
        if group.get(v.CONTENT_TYPE) == bilan.get(v.TO_TYPE) and group.get(v.BARRETTE) == barrette:
            return other
    return gid  # the wanted group does not exist: the pilote decides


@dataclass(frozen=True)
class StartPeriod(Command):
    """Propose the groups of a new period: the same groups, students placed by their bilans."""

    year: str
    new_period: str
    from_period: str

    def paths(self) -> list[str]:
        """The group files of the new period, known once plan() has read the previous period."""
        planned = self._name("paths", "")
        return planned.split("\n") if planned else []

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        new_start, _ = snap.period_bounds(self.year, self.new_period)
        snap.period_bounds(self.year, self.from_period)
        if snap.group_ids(self.year, self.new_period):
            raise EditRefused(f"la période {self.new_period} a déjà des groupes : modifiez-les directement")
        groups = self._previous_groups(snap)
        bilans_file = snap.read(layout.bilans_path(self.year, self.from_period)) or {}
        placement = _place(groups, bilans_file.get(v.BILANS) or {}, lambda s: _left_before(snap, s, new_start))
        kept = [gid for gid in groups if placement.members[gid]]
        dropped = [gid for gid in groups if not placement.members[gid]]
        if not kept:
            raise EditRefused(f"aucun élève de {self.from_period} à placer en {self.new_period} "
                              "(tous sortis) : créez les groupes directement")
        for gid in kept:
            path = layout.group_path(self.year, self.new_period, gid)
            snap.create(path, layout.Kind.GROUP, _copy_group(groups[gid], placement.members[gid]),
                        f"{path} existe déjà")
        self._remember(
            paths="\n".join(layout.group_path(self.year, self.new_period, gid) for gid in kept),
            groups=str(len(kept)), placed=str(sum(len(m) for m in placement.members.values())),
            changes=str(placement.changes), exits=str(placement.exits + len(placement.departed)),
            departed=str(len(placement.departed)), dropped=", ".join(dropped),
        )
        return snap.changes()

    def _previous_groups(self, snap: Snapshot) -> dict[str, CommentedMap]:
        ids = snap.group_ids(self.year, self.from_period)
        if not ids:
            raise EditRefused(f"aucun groupe en {self.from_period} : rien à reprendre")
        groups = {}
        for gid in ids:
            groups[gid] = snap.group(self.year, self.from_period, gid)
        return groups

    def describe(self) -> str:
        if "groups" not in self._seen:
            return f"{self.new_period} : groupes repris de {self.from_period} d'après les bilans"
        departed = int(self._name("departed", "0"))
        exits = f"{self._name('exits', '?')} sortie(s)" + (
            f" dont {departed} élève(s) parti(s) de l'établissement" if departed else "")
        groups, placed = int(self._name("groups", "0")), int(self._name("placed", "0"))
        text = (f"{self.new_period} : groupes repris de {self.from_period} d'après les bilans "
                f"({groups} groupe{'s' if groups > 1 else ''}, {placed} élève{'s' if placed > 1 else ''} "
                f"placé{'s' if placed > 1 else ''}, "
                f"{self._name('changes', '?')} changement(s), {exits})")
        dropped = self._name("dropped", "")
        return text + (f" ; non repris car vides : {dropped}" if dropped else "")


def _left_before(snap: Snapshot, student: str, day: date) -> bool:
    """The student's file says they left the school before ``day`` (APT505 would refuse them in a group)."""
    data = snap.read(layout.student_path(student)) or {}
    left = data.get(v.LEFT_ON)
    if isinstance(left, str):
        try:
            left = date.fromisoformat(left)
        except ValueError:
            return False
    return isinstance(left, date) and left < day


def _copy_group(group: CommentedMap, members: list[str]) -> CommentedMap:
    """A fresh group file: same title, type, barrette and teachers; no arrivals yet."""
    return new_map([
        (v.TITLE, text_value(str(group.get(v.TITLE, "")))), (v.CONTENT_TYPE, group.get(v.CONTENT_TYPE)),
        (v.BARRETTE, group.get(v.BARRETTE)), (v.TEACHERS, new_seq(str(t) for t in group.get(v.TEACHERS) or ())),
        (v.STUDENTS, new_seq(sorted(members))),
    ])
