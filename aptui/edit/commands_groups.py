"""Edits of the needs groups of a period: membership, moves, creation, settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import (
    ARRIVAL_KEYS,
    GROUP_KEYS,
    Command,
    EditRefused,
    Snapshot,
    check_choice,
    check_id,
    check_reason,
    day_text,
    insert_dated,
    quoted,
)
from aptui.edit.carry import appel_days, carry_marks, marked_days
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import (
    child_map,
    child_seq,
    delete_key,
    insert_sorted,
    new_map,
    new_seq,
    remove_item,
    replace_items,
    set_key,
    set_key_sorted,
    text_value,
)


def _title(group: CommentedMap, gid: str) -> str:
    return str(group.get(v.TITLE) or gid)


def _members(group: CommentedMap) -> list[str]:
    return [str(item) for item in group.get(v.STUDENTS) or ()]


def _remove_member(group: CommentedMap, student: str) -> None:
    remove_item(child_seq(group, v.STUDENTS, GROUP_KEYS), student, owner=(group, v.STUDENTS))


def _add_member(group: CommentedMap, student: str) -> None:
    insert_sorted(child_seq(group, v.STUDENTS, GROUP_KEYS), student, owner=(group, v.STUDENTS))


def _set_reason(group: CommentedMap, student: str, reason: str) -> None:
    """The reason of an undated placement, under ``motifs`` (nothing for an empty reason)."""
    if reason.strip():
        reasons = child_map(group, v.PLACEMENT_REASONS, GROUP_KEYS)
        set_key_sorted(reasons, student, text_value(reason.strip()), owner=(group, v.PLACEMENT_REASONS))


def _forget_reason(group: CommentedMap, student: str) -> None:
    """The student leaves the group: their placement reason goes (and ``motifs`` if it is left empty)."""
    reasons = group.get(v.PLACEMENT_REASONS)
    if isinstance(reasons, CommentedMap) and delete_key(reasons, student, owner=(group, v.PLACEMENT_REASONS)):
        if not reasons:
            delete_key(group, v.PLACEMENT_REASONS)


def _add_arrival(group: CommentedMap, day: date, student: str, from_group: str, reason: str) -> None:
    entry = new_map(zip(ARRIVAL_KEYS, (day, student, from_group, text_value(reason))))
    insert_dated(group, v.ARRIVALS, entry, GROUP_KEYS)


@dataclass(frozen=True)
class GroupFileCommand(Command):
    """An edit of one group file, named by its year, period and id."""

    year: str
    period: str
    group: str

    def paths(self) -> list[str]:
        return [layout.group_path(self.year, self.period, self.group)]


@dataclass(frozen=True)
class MoveStudent(Command):
    """A student changes group: dated (inside the period, with an arrival) or plain (the period's composition).

    A dated move may carry the student's marks of the old group's sessions from
    that day on to the new group's sessions of the same days (``carry_marks``).
    A plain move writes its reason under ``motifs`` in the new group.  Given
    ``today`` (the app gives it), a plain move is refused while the period is
    under way, or once appels are taken that it would make false.
    """

    year: str
    period: str
    student: str
    from_group: str
    to_group: str
    reason: str = ""
    day: date | None = None
    carry_marks: bool = False
    today: date | None = None

    def paths(self) -> list[str]:
        paths = [layout.group_path(self.year, self.period, g) for g in (self.from_group, self.to_group)]
        if self.day is not None and self.carry_marks:
            paths += [layout.sessions_path(self.year, self.period, g) for g in (self.from_group, self.to_group)]
        return paths

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        check_id(self.student, "identifiant d'élève")
        if self.from_group == self.to_group:
            raise EditRefused(f"{self.student} est déjà dans {self.to_group} : choisissez un autre groupe")
        source = snap.group(self.year, self.period, self.from_group)
        target = snap.group(self.year, self.period, self.to_group)
        self._remember(student=snap.student_name(self.student),
                       source=_title(source, self.from_group),
                       target=_title(target, self.to_group))
        if self.student not in _members(source):
            raise EditRefused(f"{self._name('student', self.student)} n'est pas dans le groupe "
                              f"{quoted(self._name('source', ''))} en {self.period}")
        if self.student in _members(target):
            raise EditRefused(f"{self._name('student', self.student)} est déjà dans le groupe "
                              f"{quoted(self._name('target', ''))} en {self.period}")
        if self.day is not None:
            self._check_day(snap)
            _add_arrival(target, self.day, self.student, self.from_group, self.reason.strip())
            if self.carry_marks:
                carried = carry_marks(snap, self.year, self.period, self.student, self.from_group,
                                      self.to_group, self.day)
                self._remember(moved=str(len(carried.moved)), kept=str(len(carried.kept)))
        else:
            if self.today is not None:
                self._refuse_undated(snap, self.today)
            _forget_reason(source, self.student)
            _set_reason(target, self.student, self.reason)
        _remove_member(source, self.student)
        _add_member(target, self.student)
        return snap.changes()

    def _check_day(self, snap: Snapshot) -> None:
        assert self.day is not None
        start, end = snap.period_bounds(self.year, self.period)
        if not start <= self.day <= end:
            raise EditRefused(f"le {day_text(self.day)} n'est pas dans la période {self.period} "
                              f"(du {day_text(start)} au {day_text(end)})")
        check_reason(self.reason)

    def _refuse_undated(self, snap: Snapshot, today: date) -> None:
        """An undated move rewrites the group from the period's first day: refused once that matters."""
        start, end = snap.period_bounds(self.year, self.period)
        name = self._name("student", self.student)
        advice = "faites-en un changement daté (le jour où il prend effet)"
        if start < today <= end:
            raise EditRefused(f"la période {self.period} a commencé le {day_text(start)} : un changement non daté "
                              f"placerait {name} dans {quoted(self._name('target', self.to_group))} dès ce jour-là ; "
                              f"{advice}")
        marked = marked_days(snap, self.year, self.period, self.from_group, self.student)
        already = marked_days(snap, self.year, self.period, self.to_group, self.student)
        taken = [d for d in appel_days(snap, self.year, self.period, self.to_group) if d not in already]
        if marked or taken:
            where = (f"{name} est noté(e) à {len(marked)} séance(s) de {self.from_group}" if marked
                     else f"{self.to_group} a déjà {len(taken)} appel(s) sans cet élève")
            raise EditRefused(f"{self.period} a déjà des appels ({where}) : un changement non daté les rendrait "
                              f"faux ; {advice}")

    def describe(self) -> str:
        text = (f"{self.period} : {self._name('student', self.student)} passe de "
                f"{quoted(self._name('source', self.from_group))} à {quoted(self._name('target', self.to_group))}")
        if self.day is not None:
            text += f" le {day_text(self.day)}"
        text += f" (motif : {self.reason.strip()})" if self.reason.strip() else ""
        moved, kept = int(self._name("moved", "0")), int(self._name("kept", "0"))
        if moved:
            text += f", {moved} appel(s) reporté(s)"
        if kept:
            text += f", {kept} appel(s) laissé(s) dans {self.from_group} (pas de séance de {self.to_group} ce jour-là)"
        return text


@dataclass(frozen=True)
class AddStudentToGroup(GroupFileCommand):
    """Place a student in a group (the period's composition); the reason, if any, goes under ``motifs``."""

    student: str
    reason: str = ""

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = snap.group(self.year, self.period, self.group)
        snap.require_student(self.student)
        self._remember(student=snap.student_name(self.student), title=_title(data, self.group))
        if self.student in _members(data):
            raise EditRefused(f"{self._name('student', '')} est déjà dans le groupe "
                              f"{quoted(self._name('title', ''))}")
        _add_member(data, self.student)
        _set_reason(data, self.student, self.reason)
        return snap.changes()

    def describe(self) -> str:
        text = (f"{self.period} : {self._name('student', self.student)} rejoint le groupe "
                f"{quoted(self._name('title', self.group))}")
        return text + (f" (motif : {self.reason.strip()})" if self.reason.strip() else "")


@dataclass(frozen=True)
class RemoveStudentFromGroup(GroupFileCommand):
    student: str

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = snap.group(self.year, self.period, self.group)
        self._remember(student=snap.student_name(self.student), title=_title(data, self.group))
        if self.student not in _members(data):
            raise EditRefused(f"{self._name('student', self.student)} n'est pas dans le groupe "
                              f"{quoted(self._name('title', ''))}")
        _remove_member(data, self.student)
        _forget_reason(data, self.student)
        return snap.changes()

    def describe(self) -> str:
        return (f"{self.period} : {self._name('student', self.student)} quitte le groupe "
                f"{quoted(self._name('title', self.group))}")


@dataclass(frozen=True)
class CreateGroup(GroupFileCommand):
    title: str
    content_type: str
    barrette: str
    teachers: tuple[str, ...]
    students: tuple[str, ...] = ()

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        check_id(self.group, "identifiant de groupe")
        snap.period_bounds(self.year, self.period)
        if not self.title.strip():
            raise EditRefused("titre du groupe obligatoire")
        check_choice(self.content_type, v.CONTENT_TYPE_LABELS, "type de contenu")
        if self.barrette not in snap.barrette_ids(self.year):
            raise EditRefused(f"barrette inconnue : {self.barrette} (déclarez-la dans {layout.year_path(self.year)})")
        snap.require_teachers(tuple(self.teachers))
        if len(set(self.students)) != len(self.students):
            raise EditRefused("un élève est nommé deux fois : gardez une seule occurrence")
        for student in self.students:
            snap.require_student(student)
        data = new_map([
            (v.TITLE, text_value(self.title.strip())), (v.CONTENT_TYPE, self.content_type),
            (v.BARRETTE, self.barrette), (v.TEACHERS, new_seq(self.teachers)),
            (v.STUDENTS, new_seq(sorted(self.students))),
        ])
        path = layout.group_path(self.year, self.period, self.group)
        snap.create(path, layout.Kind.GROUP, data, f"le groupe {self.group} existe déjà en {self.period}")
        return snap.changes()

    def describe(self) -> str:
        count = len(self.students)
        return (f"{self.period} : création du groupe {quoted(self.title.strip())} ({self.group}, "
                f"{v.CONTENT_TYPE_LABELS.get(self.content_type, self.content_type)}, barrette {self.barrette}, "
                f"{count} élève{'s' if count > 1 else ''})")


@dataclass(frozen=True)
class RenameGroup(GroupFileCommand):
    title: str

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = snap.group(self.year, self.period, self.group)
        if not self.title.strip():
            raise EditRefused("titre du groupe obligatoire")
        self._remember(old=_title(data, self.group))
        set_key(data, v.TITLE, text_value(self.title.strip()), GROUP_KEYS)
        return snap.changes()

    def describe(self) -> str:
        return (f"{self.period} : le groupe {quoted(self._name('old', self.group))} ({self.group}) "
                f"devient {quoted(self.title.strip())}")


@dataclass(frozen=True)
class SetGroupContentType(GroupFileCommand):
    content_type: str

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = snap.group(self.year, self.period, self.group)
        check_choice(self.content_type, v.CONTENT_TYPE_LABELS, "type de contenu")
        self._remember(title=_title(data, self.group), old=str(data.get(v.CONTENT_TYPE) or ""))
        set_key(data, v.CONTENT_TYPE, self.content_type, GROUP_KEYS)
        return snap.changes()

    def describe(self) -> str:
        """« P2 : type de contenu du groupe « Méthodo » : méthodologie → approfondissement » (not a new title)."""
        label = v.CONTENT_TYPE_LABELS.get(self.content_type, self.content_type)
        old = self._name("old", "")
        before = f"{v.CONTENT_TYPE_LABELS.get(old, old)} → " if old else ""
        return (f"{self.period} : type de contenu du groupe {quoted(self._name('title', self.group))} : "
                f"{before}{label}")


@dataclass(frozen=True)
class SetGroupTeachers(GroupFileCommand):
    teachers: tuple[str, ...]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = snap.group(self.year, self.period, self.group)
        snap.require_teachers(tuple(self.teachers))
        self._remember(title=_title(data, self.group),
                       teachers=", ".join(snap.teacher_name(t) for t in self.teachers))
        replace_items(child_seq(data, v.TEACHERS, GROUP_KEYS), list(self.teachers), owner=(data, v.TEACHERS))
        return snap.changes()

    def describe(self) -> str:
        names = self._name("teachers", ", ".join(self.teachers))
        who = f"animé par {names}" if names else "sans enseignant"
        return f"{self.period} : groupe {quoted(self._name('title', self.group))} {who}"


@dataclass(frozen=True)
class DeleteGroup(GroupFileCommand):
    """Delete an empty group (and its empty sessions file): refused while it holds anything."""


    def paths(self) -> list[str]:
        return [layout.group_path(self.year, self.period, self.group),
                layout.sessions_path(self.year, self.period, self.group)]

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        data = snap.group(self.year, self.period, self.group)
        title = _title(data, self.group)
        self._remember(title=title)
        count = len(_members(data))
        if count:
            raise EditRefused(f"le groupe {quoted(title)} a encore {count} élève{'s' if count > 1 else ''} : "
                              "déplacez-les d'abord")
        self._refuse_if_referenced(snap, title)
        sessions_path = layout.sessions_path(self.year, self.period, self.group)
        sessions = snap.read(sessions_path)
        if sessions is not None and sessions.get(v.SESSIONS):
            raise EditRefused(f"le groupe {quoted(title)} a des séances enregistrées ({sessions_path}) : "
                              "il ne peut pas être supprimé")
        if sessions is not None:
            snap.delete(sessions_path)
        snap.delete(layout.group_path(self.year, self.period, self.group))
        return snap.changes()

    def _refuse_if_referenced(self, snap: Snapshot, title: str) -> None:
        """Arrivals of other groups that came from this one are history: keep the group."""
        for other in snap.group_ids(self.year, self.period):
            data = snap.read(layout.group_path(self.year, self.period, other)) if other != self.group else None
            for arrival in (data or {}).get(v.ARRIVALS) or ():
                if isinstance(arrival, Mapping) and arrival.get(v.FROM_GROUP) == self.group:
                    raise EditRefused(f"des élèves du groupe {quoted(title)} sont arrivés dans {other} en cours "
                                      "de période : le groupe reste dans l'historique")

    def describe(self) -> str:
        return f"{self.period} : suppression du groupe {quoted(self._name('title', self.group))} ({self.group})"
