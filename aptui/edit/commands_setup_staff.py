"""The team (staff.yaml): add, edit, deactivate a teacher.

A teacher who leaves is deactivated (``actif: false``), never deleted: old
groups, interviews and bilans still name them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import Command, EditRefused, Snapshot, check_id, update_entry
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import child_seq, insert_item, new_map, new_seq, text_value
from aptui.edit.setup_common import TEACHER_KEYS, as_date, entries, find_entry, require_text, year_ids
from aptui.scaffold import slug

STAFF = "staff.yaml"


def _subjects(subjects: Sequence[str]) -> object:
    seq = new_seq(s.strip() for s in subjects if s.strip())
    seq.fa.set_flow_style()  # « disciplines: [lettres-histoire] », as the sample writes them
    return seq


def _staff(snap: Snapshot) -> CommentedMap:
    return snap.edit(STAFF, "staff.yaml manquant : créez l'école avec « aptui init »")


def teacher_id_for(snap: Snapshot, first_name: str, last_name: str) -> str:
    """« Marie Dupont » → mdupont (mdupont2, … if taken)."""
    taken = {str(e.get(v.ID)) for e in entries(snap.read(STAFF) or {}, v.TEACHERS)}
    base = slug(first_name[:1] + last_name)[:30]
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}{n}"
    return ident


@dataclass(frozen=True)
class AddTeacher(Command):
    last_name: str
    first_name: str
    subjects: tuple[str, ...] = ()
    ident: str | None = None  # default: initial + name (« mdupont »)

    def paths(self) -> list[str]:
        return [STAFF]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        last, first = require_text(self.last_name, "nom"), require_text(self.first_name, "prénom")
        ident = self.ident or teacher_id_for(snap, first, last)
        check_id(ident, "identifiant d'enseignant")
        data = _staff(snap)
        if find_entry(data, v.TEACHERS, ident) is not None:
            raise EditRefused(f"l'enseignant {ident} existe déjà : choisissez un autre identifiant (--id)")
        self._remember(id=ident)
        teachers = child_seq(data, v.TEACHERS, (v.TEACHERS,))
        entry = new_map([(v.ID, ident), (v.NAME, text_value(last)), (v.FIRST_NAME, text_value(first)),
                         (v.SUBJECTS, _subjects(self.subjects))])
        pos = sum(1 for e in teachers if isinstance(e, CommentedMap) and str(e.get(v.ID)) < ident)
        insert_item(teachers, pos, entry, owner=(data, v.TEACHERS))  # kept sorted by id, as the sample
        return snap.changes()

    def describe(self) -> str:
        return (f"Équipe : {' '.join(self.first_name.split())} {' '.join(self.last_name.split())} "
                f"({self._name('id', self.ident or '?')}) rejoint l'équipe")


@dataclass(frozen=True)
class EditTeacher(Command):
    """None leaves a field as it is; ``active`` True reactivates a teacher."""

    ident: str
    last_name: str | None = None
    first_name: str | None = None
    subjects: tuple[str, ...] | None = None
    active: bool | None = None

    def paths(self) -> list[str]:
        return [STAFF]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        entry = _teacher(snap, self.ident)
        if self.active is False:
            _refuse_pilote(snap, self.ident)
        fields: list[tuple[str, object]] = []
        if self.last_name is not None:
            fields.append((v.NAME, text_value(require_text(self.last_name, "nom"))))
        if self.first_name is not None:
            fields.append((v.FIRST_NAME, text_value(require_text(self.first_name, "prénom"))))
        if self.subjects is not None and list(entry.get(v.SUBJECTS) or ()) != list(self.subjects):
            fields.append((v.SUBJECTS, _subjects(self.subjects)))
        if self.active is not None:
            fields.append((v.ACTIVE, None if self.active else False))  # active is the default: no key
        update_entry(entry, fields, TEACHER_KEYS)
        self._remember(name=f"{entry.get(v.FIRST_NAME, '')} {entry.get(v.NAME, '')}".strip())
        return snap.changes()

    def describe(self) -> str:
        who = f"{self._name('name', self.ident)} ({self.ident})"
        if self.active is False:
            return f"Équipe : {who} quitte l'équipe (désactivé)"
        if self.active is True and self.last_name is None and self.first_name is None and self.subjects is None:
            return f"Équipe : {who} réactivé"
        return f"Équipe : {who} modifié"


def _teacher(snap: Snapshot, ident: str) -> CommentedMap:
    check_id(ident, "identifiant d'enseignant")
    entry = find_entry(_staff(snap), v.TEACHERS, ident)
    if entry is None:
        raise EditRefused(f"enseignant inconnu : {ident} (voir staff.yaml)")
    return entry


def _refuse_pilote(snap: Snapshot, ident: str) -> None:
    if (snap.read("school.yaml") or {}).get(v.PILOTE) == ident:
        raise EditRefused(f"{ident} est le pilote (school.yaml) : nommez d'abord un autre pilote")


def current_groups(snap: Snapshot, ident: str, today: date) -> list[str]:
    """The groups of periods not yet ended that this teacher leads (to tell before deactivating)."""
    found = []
    for year in year_ids(snap):
        for period in (snap.read(layout.year_path(year)) or {}).get(v.PERIODS) or ():
            end = as_date(period.get(v.END)) if isinstance(period, Mapping) else None
            if end is None or end < today:
                continue
            pid = str(period.get(v.ID))
            for gid in snap.group_ids(year, pid):
                if ident in ((snap.read(layout.group_path(year, pid, gid)) or {}).get(v.TEACHERS) or ()):
                    found.append(f"{gid} ({pid} {year})")
    return found
