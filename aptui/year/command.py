"""The edit command of a new year: year.yaml, the divisions, the students' files; one commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from aptui import layout
from aptui import vocab as v
from aptui.edit.base import Command, Snapshot
from aptui.edit.files import FileChange
from aptui.edit.roundtrip import child_map, new_map, new_seq, set_key_sorted, text_value, time_value
from aptui.edit.setup_common import STUDENT_SETUP_KEYS, year_ids
from aptui.year.rollover import RollPlan, plan_rollover
from aptui.year.summary import summary_text


@dataclass(frozen=True)
class NewYear(Command):
    """Create the year after ``old_year`` (default: the school's latest year)."""

    old_year: str | None = None
    _plan: list[RollPlan] = field(default_factory=list, init=False, repr=False, compare=False)

    @property
    def rollover(self) -> RollPlan:
        if not self._plan:
            raise RuntimeError("plan() d'abord")
        return self._plan[0]

    def paths(self) -> list[str]:
        planned = self._name("paths", "")
        return planned.split("\n") if planned else []

    def describe(self) -> str:
        return summary_text(self.rollover) if self._plan else "Nouvelle année"

    def plan(self, root: Path) -> list[FileChange]:
        snap = Snapshot(root)
        years = year_ids(snap)
        plan = plan_rollover(snap, self.old_year or (years[-1] if years else ""))
        self._plan[:] = [plan]
        snap.create(layout.year_path(plan.new_year), layout.Kind.YEAR, _year_file(plan), "l'année existe déjà")
        for division in plan.divisions:
            seq = new_seq(division.students)
            snap.create(layout.division_path(plan.new_year, division.id), layout.Kind.DIVISION, new_map([
                (v.LEVEL, division.level), (v.FORMATION, text_value(division.formation)),
                (v.PREVIOUS, division.previous), (v.STUDENTS, seq),
            ]), f"la division {division.id} existe déjà en {plan.new_year}")
        for item in plan.carried:
            data = snap.edit(layout.student_path(item.student), f"élève inconnu : {item.student}")
            set_key_sorted(child_map(data, v.DIVISIONS, STUDENT_SETUP_KEYS), plan.new_year, item.new_division,
                           owner=(data, v.DIVISIONS))
            if item.profile:
                pending = child_map(data, v.PROFILES_TO_CONFIRM, STUDENT_SETUP_KEYS)
                set_key_sorted(pending, plan.new_year, item.profile, owner=(data, v.PROFILES_TO_CONFIRM))
        changes = snap.changes()
        self._remember(paths="\n".join(change.path for change in changes))
        return changes


def _year_file(plan: RollPlan) -> CommentedMap:
    periods = new_seq(new_map([(v.ID, p), (v.START, a), (v.END, b)]) for p, a, b in plan.periods)
    barrettes = new_seq()
    for b in plan.barrettes:
        divisions = new_seq(b[v.DIVISIONS])
        divisions.fa.set_flow_style()
        start = b[v.START]
        barrettes.append(new_map([
            (v.ID, b[v.ID]), (v.WEEKDAY, b[v.WEEKDAY]), (v.START, time_value(start) if isinstance(start, str) else start),
            (v.DURATION, b[v.DURATION]), (v.DIVISIONS, divisions),
        ]))
    closures = new_seq()
    closures.fa.set_flow_style()
    data = new_map([
        (v.YEAR, plan.new_year), (v.FIRST_DAY, plan.first_day), (v.LAST_DAY, plan.last_day),
        (v.CLOSURES, closures), (v.PERIODS, periods), (v.BARRETTES, barrettes),
    ])
    data.yaml_add_eol_comment("# à déclarer : examens, fermetures locales", v.CLOSURES)
    data.yaml_add_eol_comment("# proposées entre les vacances de la zone : à ajuster", v.PERIODS)
    data.yaml_add_eol_comment(f"# reprises de {plan.old_year} : à confirmer", v.BARRETTES)
    return data
