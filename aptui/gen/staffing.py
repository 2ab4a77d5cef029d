"""Which teachers lead which groups.

A teacher leads at most one group per slot (barrettes sharing a day and time
share their teachers' availability), keeps a group while it continues, and is
chosen by discipline first, then by the lightest load.
"""

from __future__ import annotations

from aptui.gen.plan import GenGroup, GenTeacher, GenYear, child_rng


class Staffing:
    def __init__(self, teachers: list[GenTeacher], seed: int, year: GenYear) -> None:
        self.teachers = teachers
        order = [t.id for t in teachers]
        child_rng(seed, year.id, "staffing").shuffle(order)
        self.rank = {ident: index for index, ident in enumerate(order)}  # tie-break
        self.load = {t.id: 0 for t in teachers}

    def pick(self, group: GenGroup, busy: set[str]) -> str:
        free = [t for t in self.teachers if t.id not in busy]
        if not free:
            raise ValueError("pas assez d'enseignants pour animer tous les groupes d'un créneau")
        fits = group.template.subjects
        best = min(free, key=lambda t: (t.subjects[0] not in fits, self.load[t.id], self.rank[t.id]))
        return best.id

    def run(self, year: GenYear) -> None:
        previous: dict[str, list[str]] = {}
        for period in year.periods:
            busy: dict[tuple[int, str], set[str]] = {}
            groups = year.groups.get(period.id, {})
            for barrette in year.barrettes:
                taken = busy.setdefault((barrette.weekday, barrette.start), set())
                mine = [groups[g] for g in sorted(groups) if groups[g].barrette == barrette.id]
                for group in mine:  # continuing groups keep their teachers
                    kept = [t for t in previous.get(group.id, []) if t not in taken]
                    group.teachers = kept[: group.teacher_count]
                    taken.update(group.teachers)
                for group in mine:
                    while len(group.teachers) < group.teacher_count:
                        teacher = self.pick(group, taken)
                        group.teachers.append(teacher)
                        taken.add(teacher)
                    for teacher in group.teachers:
                        self.load[teacher] += 1
            previous = {g.id: g.teachers for g in groups.values()}


def assign_teachers(year: GenYear, teachers: list[GenTeacher], seed: int) -> None:
    Staffing(teachers, seed, year).run(year)
