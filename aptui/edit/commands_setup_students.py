"""Setting a student up: arrival, identity, division of a year, profile, needs, tutor, project, orientation.

The school's systems own the identity and the division (``aptui import``);
these commands are for what they do not know and for schools without an
export.  Leaving and exemptions are in ``commands_setup_leaving``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import (
    Command,
    EditRefused,
    Snapshot,
    check_choice,
    check_id,
    check_year,
    day_text,
    optional_text,
    quoted,
    update_entry,
)
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import (
    child_map,
    child_seq,
    delete_key,
    insert_item,
    insert_sorted,
    new_map,
    remove_item,
    set_key_sorted,
    text_value,
)
from aptui.edit.setup_common import (
    DIVISION_KEYS,
    STUDENT_SETUP_KEYS,
    division_file,
    next_student_id,
    require_text,
    student_file,
    teacher_ids,
)


def place_in_division(snap: Snapshot, data: CommentedMap, student: str, year: str, division: str) -> str | None:
    """Set the student's division for a year in both files; returns the division they left (or None)."""
    target = division_file(snap, year, division)
    divisions = data.get(v.DIVISIONS)
    old = divisions.get(year) if isinstance(divisions, CommentedMap) else None
    if old and old != division and snap.exists(layout.division_path(year, str(old))):
        listing = division_file(snap, year, str(old))
        remove_item(child_seq(listing, v.STUDENTS, DIVISION_KEYS), student, owner=(listing, v.STUDENTS))
    insert_sorted(child_seq(target, v.STUDENTS, DIVISION_KEYS), student, owner=(target, v.STUDENTS))
    set_key_sorted(child_map(data, v.DIVISIONS, STUDENT_SETUP_KEYS), year, division, owner=(data, v.DIVISIONS))
    return str(old) if old and old != division else None


@dataclass(frozen=True)
class AddStudent(Command):
    """A new student in a division (``arrival``: the day a student joins during the year)."""

    year: str
    division: str
    last_name: str
    first_name: str
    arrival: date | None = None
    ident: str | None = None  # default: the next id of the scheme eAAAA-NNN

    def paths(self) -> list[str]:
        return [layout.student_path(self._name("id", self.ident or "?")), layout.division_path(self.year, self.division)]

    def plan(self, root: Path) -> list[FileChange]:
        check_year(self.year)
        snap = Snapshot(root)
        ident = self.ident or next_student_id(root, self.year)
        check_id(ident, "identifiant d'élève")
        self._remember(id=ident)
        if self.arrival is not None:
            first, last = _year_bounds(snap, self.year)
            if not first <= self.arrival <= last:
                raise EditRefused(f"arrivée le {day_text(self.arrival)} hors de l'année {self.year} : corrigez la date")
        path = layout.student_path(ident)
        data = new_map([
            (v.ID, ident), (v.NAME, text_value(require_text(self.last_name, "nom"))),
            (v.FIRST_NAME, text_value(require_text(self.first_name, "prénom"))), (v.ARRIVED_ON, self.arrival),
        ])
        snap.create(path, layout.Kind.STUDENT, data, f"l'élève {ident} existe déjà ({path})")
        place_in_division(snap, data, ident, self.year, self.division)
        return snap.changes()

    def describe(self) -> str:
        when = f", arrivé(e) le {day_text(self.arrival)}" if self.arrival else ""
        return (f"Nouvel élève : {' '.join(self.first_name.split())} {' '.join(self.last_name.split())} "
                f"({self._name('id', self.ident or '?')}) en {self.division} ({self.year}){when}")


def _year_bounds(snap: Snapshot, year: str) -> tuple[date, date]:
    from aptui.edit.setup_common import as_date

    data = snap.year_data(year)
    first, last = as_date(data.get(v.FIRST_DAY)), as_date(data.get(v.LAST_DAY))
    if first is None or last is None:
        raise EditRefused(f"{layout.year_path(year)} n'a pas de premier_jour / dernier_jour lisibles : corrigez-le")
    return first, last


@dataclass(frozen=True)
class ChangeDivision(Command):
    """The student's division for a year (both the student's file and the division lists)."""

    student: str
    year: str
    division: str

    def paths(self) -> list[str]:
        old = self._name("old", "")
        return [layout.student_path(self.student), layout.division_path(self.year, self.division)] + (
            [layout.division_path(self.year, old)] if old else [])

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = student_file(snap, self.student)
        self._remember(student=snap.student_name(self.student))
        old = place_in_division(snap, data, self.student, self.year, self.division)
        self._remember(old=old or "")
        return snap.changes()

    def describe(self) -> str:
        old = self._name("old", "")
        return (f"{self._name('student', self.student)} : division {self.division} en {self.year}"
                + (f" (au lieu de {old})" if old else ""))


@dataclass(frozen=True)
class EditStudent(Command):
    """Identity and follow-up fields; None leaves a field, "" removes an optional one (tutor, project)."""

    student: str
    last_name: str | None = None
    first_name: str | None = None
    tutor: str | None = None
    project: str | None = None
    passerelle: bool | None = None

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = student_file(snap, self.student)
        self._remember(student=snap.student_name(self.student))
        fields: list[tuple[str, object]] = []
        if self.last_name is not None:
            fields.append((v.NAME, text_value(require_text(self.last_name, "nom"))))
        if self.first_name is not None:
            fields.append((v.FIRST_NAME, text_value(require_text(self.first_name, "prénom"))))
        if self.tutor is not None:
            if self.tutor and self.tutor not in teacher_ids(snap):
                raise EditRefused(f"enseignant inconnu : {self.tutor} (ajoutez-le avec « aptui equipe ajouter »)")
            fields.append((v.TUTOR, self.tutor or None))
        if self.project is not None:
            fields.append((v.STUDY_PROJECT, optional_text(self.project)))
        if self.passerelle is not None:
            fields.append((v.PASSERELLE, self.passerelle))
        update_entry(data, fields, STUDENT_SETUP_KEYS)
        return snap.changes()

    def describe(self) -> str:
        said = []
        if self.last_name is not None or self.first_name is not None:
            said.append("identité corrigée")
        if self.tutor is not None:
            said.append(f"tuteur {self.tutor}" if self.tutor else "sans tuteur")
        if self.project is not None:
            said.append(f"projet {quoted(self.project.strip())}" if self.project.strip() else "sans projet")
        if self.passerelle is not None:
            said.append("passerelle" if self.passerelle else "sans passerelle")
        return f"{self._name('student', self.student)} : {', '.join(said) or 'rien'}"


@dataclass(frozen=True)
class SetProfile(Command):
    """The profile of a year; it replaces a profile « à confirmer » carried over by the new year."""

    student: str
    year: str
    profile: str

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        check_year(self.year)
        check_choice(self.profile, v.PROFILE_LABELS, "profil")
        snap = Snapshot(root)
        data = student_file(snap, self.student)
        self._remember(student=snap.student_name(self.student))
        set_key_sorted(child_map(data, v.PROFILES, STUDENT_SETUP_KEYS), self.year, self.profile,
                       owner=(data, v.PROFILES))
        pending = data.get(v.PROFILES_TO_CONFIRM)
        if isinstance(pending, CommentedMap) and self.year in pending:
            delete_key(pending, self.year, owner=(data, v.PROFILES_TO_CONFIRM))
            if not pending:
                delete_key(data, v.PROFILES_TO_CONFIRM)
        return snap.changes()

    def describe(self) -> str:
        return (f"{self._name('student', self.student)} : profil {self.year} "
                f"{quoted(v.PROFILE_LABELS.get(self.profile, self.profile))}")


@dataclass(frozen=True)
class AddNeed(Command):
    student: str
    content_type: str
    detail: str = ""

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        check_choice(self.content_type, v.CONTENT_TYPE_LABELS, "type de besoin")
        snap = Snapshot(root)
        data = student_file(snap, self.student)
        self._remember(student=snap.student_name(self.student))
        needs = child_seq(data, v.NEEDS, STUDENT_SETUP_KEYS)
        entry = new_map([(v.NEED_TYPE, self.content_type), (v.DETAIL, optional_text(self.detail))])
        if any(_same_need(item, self.content_type, self.detail) for item in needs):
            return []  # already noted: nothing to change
        insert_item(needs, len(needs), entry, owner=(data, v.NEEDS))
        return snap.changes()

    def describe(self) -> str:
        detail = f" ({self.detail.strip()})" if self.detail.strip() else ""
        return (f"{self._name('student', self.student)} : besoin "
                f"{quoted(v.CONTENT_TYPE_LABELS.get(self.content_type, self.content_type))}{detail}")


@dataclass(frozen=True)
class RemoveNeed(Command):
    """Remove the needs of a type (only the one with this detail, when given)."""

    student: str
    content_type: str
    detail: str | None = None

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = student_file(snap, self.student)
        self._remember(student=snap.student_name(self.student))
        needs = data.get(v.NEEDS)
        found = [item for item in needs if _same_need(item, self.content_type, self.detail)] \
            if isinstance(needs, CommentedSeq) else []
        if not found:
            raise EditRefused(f"{self.student} n'a pas de besoin « {self.content_type} »"
                              + (f" « {self.detail} »" if self.detail else ""))
        assert isinstance(needs, CommentedSeq)
        for item in found:
            remove_item(needs, item, owner=(data, v.NEEDS))
        if not needs:
            delete_key(data, v.NEEDS)
        return snap.changes()

    def describe(self) -> str:
        return (f"{self._name('student', self.student)} : besoin "
                f"{quoted(v.CONTENT_TYPE_LABELS.get(self.content_type, self.content_type))} retiré")


def _same_need(item: object, content_type: str, detail: str | None) -> bool:
    if not isinstance(item, CommentedMap) or item.get(v.NEED_TYPE) != content_type:
        return False
    return detail is None or " ".join(str(item.get(v.DETAIL, "")).split()) == " ".join(detail.split())


@dataclass(frozen=True)
class SetOrientation(Command):
    """The end-of-year decision that ``aptui new-year`` follows: passage, redoublement or départ."""

    student: str
    year: str
    decision: str

    def paths(self) -> list[str]:
        return [layout.student_path(self.student)]

    def plan(self, root: Path) -> list[FileChange]:
        check_year(self.year)
        check_choice(self.decision, v.ORIENTATION_LABELS, "décision d'orientation")
        snap = Snapshot(root)
        data = student_file(snap, self.student)
        self._remember(student=snap.student_name(self.student))
        set_key_sorted(child_map(data, v.ORIENTATION, STUDENT_SETUP_KEYS), self.year, self.decision,
                       owner=(data, v.ORIENTATION))
        return snap.changes()

    def describe(self) -> str:
        return (f"{self._name('student', self.student)} : fin d'année {self.year}, "
                f"{v.ORIENTATION_LABELS[self.decision].lower()}")
