"""The proposal accepted: new group files created, students added to existing groups, each with
its reason under ``motifs:``; one edit (one commit, undone as one)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import GROUP_KEYS, Command, EditRefused, Snapshot
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import child_map, child_seq, insert_sorted, new_map, new_seq, set_key_sorted, text_value
from aptui.plan.proposal import Proposal, ProposedGroup
from aptui.plan.text import summary_line

RERUN = "relancez la proposition"


@dataclass(frozen=True)
class ApplyProposal(Command):
    """Write an accepted proposal; refused if the period's groups changed since it was made."""

    proposal: Proposal

    def paths(self) -> list[str]:
        p = self.proposal
        return [layout.group_path(p.year, p.period, g.id) for g in p.groups if g.new or g.placements]

    def describe(self) -> str:
        return summary_line(self.proposal)

    def plan(self, root: Path) -> list[FileChange]:
        p = self.proposal
        snap = Snapshot(root)
        snap.period_bounds(p.year, p.period)
        placed = {s.student: g.id for g in p.groups for s in g.placements}
        if not placed:
            raise EditRefused("la proposition ne place personne : rien à écrire")
        self._refuse_placed_elsewhere(snap, placed)
        for group in p.groups:
            if group.new:
                self._create(snap, group)
            elif group.placements:
                self._add(snap, group)
        return snap.changes()

    def _refuse_placed_elsewhere(self, snap: Snapshot, placed: Mapping[str, str]) -> None:
        p = self.proposal
        for gid in snap.group_ids(p.year, p.period):
            data = snap.read(layout.group_path(p.year, p.period, gid)) or {}
            if data.get(v.BARRETTE) not in p.barrettes:
                continue
            proposed = next((g for g in p.groups if g.id == gid), None)
            members = [str(s) for s in data.get(v.STUDENTS) or ()]
            if proposed is None or proposed.new or sorted(members) != sorted(proposed.kept):
                if proposed is not None or any(s in placed for s in members):
                    raise EditRefused(f"le groupe {gid} de {p.period} a changé depuis la proposition : {RERUN}")

    def _create(self, snap: Snapshot, group: ProposedGroup) -> None:
        p = self.proposal
        snap.require_teachers(group.teachers)
        reasons = new_map((s.student, text_value(s.reason)) for s in sorted(group.placements, key=lambda s: s.student)
                          if s.reason.strip())
        data = new_map([
            (v.TITLE, text_value(group.title)), (v.CONTENT_TYPE, group.content_type), (v.BARRETTE, group.barrette),
            (v.TEACHERS, new_seq(group.teachers)), (v.STUDENTS, new_seq(group.members)),
        ] + ([(v.PLACEMENT_REASONS, reasons)] if reasons else []))
        path = layout.group_path(p.year, p.period, group.id)
        snap.create(path, layout.Kind.GROUP, data, f"le groupe {group.id} existe déjà en {p.period} : {RERUN}")

    def _add(self, snap: Snapshot, group: ProposedGroup) -> None:
        p = self.proposal
        data: CommentedMap = snap.group(p.year, p.period, group.id)
        for placement in group.placements:
            insert_sorted(child_seq(data, v.STUDENTS, GROUP_KEYS), placement.student, owner=(data, v.STUDENTS))
            if placement.reason.strip():
                reasons = child_map(data, v.PLACEMENT_REASONS, GROUP_KEYS)
                set_key_sorted(reasons, placement.student, text_value(placement.reason),
                               owner=(data, v.PLACEMENT_REASONS))
