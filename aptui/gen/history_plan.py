"""What a generated history replays, and the state that keeps its edits valid.

The history of :mod:`aptui.gen.history` ends in the last period (with groups)
of the last school year.  The school is first committed *as it was* at the
start of that tail: the last sessions with attendance and some bilans of the
period are held back (:class:`Holdback`), then replayed one commit at a time
through the real edit commands, between everyday edits (moves, attendance
corrections, interviews) chosen by :class:`TailState` so that the school
stays valid: a move never goes over a division's hour budget, a replayed
attendance sheet follows the moves, a correction touches a recorded session.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from aptui.edit import AddInterview, MoveStudent, RecordSession, SetAttendance, WriteBilan
from aptui.model.analysis import Analysis
from aptui.model.entities import Bilan, Group, Period, School, Session, Year

SESSION_SHARE = 0.42  # of the commits: attendance taken in a session (RecordSession)
BILAN_SHARE = 0.12  # of the commits: a teacher writes a few bilans in one sitting
BILAN_BATCH = (3, 5)  # students per sitting
BILAN_CAP = 120  # bilans replayed at most (the period's bilans file grows with each)
BUDGET_MARGIN = 0.05  # hours kept free under each division's budget
RECENT_DAYS = 21  # a correction concerns a session of the last three weeks

INTERVIEW_NOTES: tuple[str, ...] = (
    "Point d'étape : plus régulier dans son travail, à encourager.",
    "Absences répétées : appel à la famille prévu la semaine prochaine.",
    "Souhaite poursuivre en BTS ; travailler la méthode et l'écrit.",
    "PFMP trouvée, motivation en hausse.",
    "Se sent mieux dans son nouveau groupe ; objectifs du contrat revus.",
    "Difficultés en maths : propose le soutien disciplinaire.",
    "Projet d'orientation à préciser avec la psychologue de l'Éducation nationale.",
    "Fatigue et retards le matin : en parler avec le CPE.",
    "Bonne dynamique, garde les mêmes objectifs jusqu'au bilan.",
    "Veut changer de spécialité : étudier une passerelle.",
)
MOVE_REASONS: dict[str, tuple[str, ...]] = {
    "aide-methodologique": ("Besoin de méthode plus que de remédiation", "Organisation du travail à reprendre"),
    "soutien-disciplinaire": ("Lacunes repérées au contrôle commun", "Besoin de reprendre les bases"),
    "approfondissement": ("Objectifs atteints, vise un BTS", "Peut aller plus loin, à la demande de l'équipe"),
    "developpement-personnel": ("Manque de confiance, besoin d'un cadre rassurant", "Travailler la motivation"),
    "projet-professionnel": ("Projet professionnel à construire", "Préparer la recherche de PFMP"),
    "passerelle": ("Changement de spécialité à préparer", "Bases du domaine professionnel à rattraper"),
}
DEFAULT_REASONS = ("Décision de l'équipe pédagogique", "Demande de l'élève après entretien")
CORRECTIONS = {"absent": ("excuse", "present"), "present": ("retard", "absent"), "retard": ("present",),
               "excuse": ("absent",)}


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@dataclass(slots=True)
class BilanBatch:
    """Some bilans of one group, written by a teacher in one sitting."""

    group: Group
    bilans: list[Bilan]

    @property
    def day(self) -> date:
        return max(b.day for b in self.bilans)


@dataclass(slots=True)
class Holdback:
    """What the first commits leave out, to be replayed as edits."""

    year: Year
    period: Period
    sessions: list[Session]  # in (day, group) order
    batches: list[BilanBatch]
    dropped_bilans: bool  # the period's bilans file is left out (only the batches come back)
    start: date  # first day of the tail

    @property
    def end(self) -> date:
        days = [s.day for s in self.sessions] + [b.day for b in self.batches] + [self.start]
        return max(days)

    @property
    def first_bilan_day(self) -> date | None:
        return min((b.day for b in self.batches), default=None)


def last_period(year: Year) -> Period | None:
    """The latest period of a year that has groups."""
    with_groups = [p for p in year.sorted_periods() if year.groups_of(p.id)]
    return with_groups[-1] if with_groups else None


def plan_holdback(school: School, commits: int, rng: Random) -> Holdback | None:
    """The tail of the last year to replay; None for a school without a period with groups."""
    year = school.latest_year()
    period = last_period(year) if year is not None else None
    if year is None or period is None:
        return None
    taken = sorted((s for (p, _), items in year.sessions.items() if p == period.id for s in items if s.attendance),
                   key=lambda s: (s.day, s.group))
    count = min(len(taken), round(commits * SESSION_SHARE))
    sessions = taken[len(taken) - count:] if count else []
    start = sessions[0].day if sessions else max(period.start, period.end - timedelta(days=14))
    bilans = year.bilans.get(period.id, {})
    batches = _bilan_batches(year, period, bilans, commits, rng)
    return Holdback(year, period, sessions, batches, bool(bilans), start)


def _bilan_batches(year: Year, period: Period, bilans: dict[str, Bilan] | object, commits: int,
                   rng: Random) -> list[BilanBatch]:
    if not isinstance(bilans, dict) or not bilans:
        return []
    wanted = max(1, round(commits * BILAN_SHARE)) if commits >= 4 else 0
    groups = sorted(year.groups_of(period.id), key=lambda g: g.id)
    rng.shuffle(groups)
    batches: list[BilanBatch] = []
    total = 0
    for group in groups:
        if len(batches) >= wanted or total >= BILAN_CAP:
            break
        own = [bilans[s] for s in sorted(group.students) if s in bilans]
        if not own:
            continue
        size = min(len(own), rng.randint(*BILAN_BATCH), BILAN_CAP - total)
        chosen = sorted(rng.sample(own, size), key=lambda b: b.student)
        batches.append(BilanBatch(group, chosen))
        total += size
    return batches


@dataclass(slots=True)
class Move:
    student: str
    day: date
    source: str
    target: str


@dataclass
class TailState:
    """The school during the replay: memberships, marks, hours, recorded sessions."""

    school: School
    analysis: Analysis
    hold: Holdback
    rng: Random
    moves: list[Move] = field(default_factory=list)
    recorded: list[tuple[date, str]] = field(default_factory=list)  # sorted (day, group) of taken sessions
    marks: dict[tuple[str, date], dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        year, period = self.hold.year, self.hold.period
        self.membership = self.analysis.membership(year.id, period.id)
        self.groups: dict[str, Group] = {g.id: g for g in year.groups_of(period.id)}
        self.divisions = self.analysis.student_divisions.get(year.id, {})
        held = {(s.group, s.day) for s in self.hold.sessions}
        self.all_sessions: dict[str, list[Session]] = {}
        self.original_marks: dict[tuple[str, date], str] = {}
        for (pid, gid), items in year.sessions.items():
            if pid != period.id:
                continue
            self.all_sessions[gid] = sorted(items, key=lambda s: s.day)
            for session in items:
                for student, status in session.attendance.items():
                    self.original_marks[(student, session.day)] = status
                if session.attendance and (gid, session.day) not in held:
                    self._record(gid, session.day, dict(session.attendance))
        # a student already moved in the period (generated arrivals) is left alone
        self.settled: set[str] = {a.student for g in self.groups.values() for a in g.arrivals}
        self.totals: dict[str, float] = {}
        self.budgets: dict[str, float] = {}
        for division in year.divisions.values():
            budget = self.analysis.year_budget(division)
            if budget is not None:
                self.budgets[division.id] = budget
                self.totals[division.id] = self.analysis.ledger.division_year(year.id, division.id)

    # --- membership and marks -------------------------------------------------------------
    def members_on(self, group: str, day: date) -> set[str]:
        """The members expected that day: moves made since applied, students in PFMP left out."""
        members = self.membership.members_on(group, day)
        for move in self.moves:
            if move.day <= day:
                if move.source == group:
                    members.discard(move.student)
                elif move.target == group:
                    members.add(move.student)
        year = self.hold.year.id
        return {s for s in members if not self.analysis.away_on(year, s, day)}

    def _record(self, group: str, day: date, marks: dict[str, str]) -> None:
        bisect.insort(self.recorded, (day, group))
        self.marks[(group, day)] = marks

    def session_command(self, session: Session) -> RecordSession:
        """The attendance of a held-back session, following the moves made since."""
        members = self.members_on(session.group, session.day)
        marks = {s: session.attendance.get(s) or self.original_marks.get((s, session.day), "present")
                 for s in sorted(members)}
        self._record(session.group, session.day, marks)
        year = self.hold.year.id
        return RecordSession(year, session.period, session.group, session.day, hhmm(session.start_minute),
                             session.duration, session.activity, session.notes, marks)

    def bilan_commands(self, batch: BilanBatch) -> list[WriteBilan]:
        return [WriteBilan(b.year, b.period, b.student, b.author, b.day, b.outcome, b.comment, b.decision,
                           b.to_group, b.to_type, b.reason) for b in batch.bilans]

    # --- everyday edits -------------------------------------------------------------------
    def correction(self, today: date) -> SetAttendance | None:
        """An attendance mark changed in a session of the last weeks (an excuse arrived, a late pupil)."""
        low = bisect.bisect_left(self.recorded, (today - timedelta(days=RECENT_DAYS), ""))
        high = bisect.bisect_right(self.recorded, (today, "\uffff"))
        if low >= high:
            return None
        day, group = self.recorded[self.rng.randrange(low, high)]
        sheet = self.marks[(group, day)]
        if not sheet:
            return None
        absent = sorted(s for s, m in sheet.items() if m == "absent")
        student = self.rng.choice(absent) if absent and self.rng.random() < 0.6 else self.rng.choice(sorted(sheet))
        status = self.rng.choice(CORRECTIONS.get(sheet[student], ("present",)))
        sheet[student] = status
        return SetAttendance(self.hold.year.id, self.hold.period.id, group, day, student, status)

    def interview(self, today: date, teacher: str) -> AddInterview | None:
        """An individual interview, by preference with a student the teacher tutors or teaches."""
        candidates = sorted(s.id for s in self.school.students.values() if s.tutor == teacher and self._present(s.id))
        if not candidates:
            taught = [g for g in self.groups.values() if teacher in g.teachers]
            candidates = sorted({s for g in taught for s in g.students if self._present(s)})
        if not candidates:
            candidates = sorted(s for s in self.divisions if self._present(s))
        if not candidates:
            return None
        return AddInterview(self.rng.choice(candidates), today, teacher, self.rng.choice(INTERVIEW_NOTES))

    def _present(self, student: str) -> bool:
        known = self.school.students.get(student)
        return known is not None and known.left_on is None and student in self.divisions

    def move(self, today: date) -> MoveStudent | None:
        """A dated move between two groups of a barrette, with a reason, within the hour budget."""
        period = self.hold.period
        first_bilan = self.hold.first_bilan_day
        by_barrette: dict[str, list[str]] = defaultdict(list)
        for gid, group in sorted(self.groups.items()):
            by_barrette[group.barrette].append(gid)
        choices = sorted(b for b, ids in by_barrette.items() if len(ids) > 1)
        for _ in range(12 if choices else 0):
            source, target = self.rng.sample(by_barrette[self.rng.choice(choices)], 2)
            day = today + timedelta(days=1) if self._taken(source, today) or self._taken(target, today) else today
            if not period.start <= day <= period.end or (first_bilan is not None and day >= first_bilan):
                return None
            members = sorted(s for s in self.members_on(source, day)
                             if s not in self.settled and self._present(s))
            if not members:
                continue
            student = self.rng.choice(members)
            if not self._within_budget(Move(student, day, source, target)):
                continue
            self.moves.append(Move(student, day, source, target))
            self.settled.add(student)
            content = self.groups[target].content_type
            reason = self.rng.choice(MOVE_REASONS.get(content, DEFAULT_REASONS))
            return MoveStudent(self.hold.year.id, period.id, student, source, target, reason, day)
        return None

    def _taken(self, group: str, day: date) -> bool:
        return (group, day) in self.marks

    def _within_budget(self, move: Move) -> bool:
        """Apply the move's effect on each division's hours if all stay under budget."""
        delta: dict[str, float] = defaultdict(float)
        for gid in (move.source, move.target):
            teachers = max(1, len(self.groups[gid].teachers))
            for session in self.all_sessions.get(gid, []):
                if session.day < move.day:
                    continue
                before = self.members_on(gid, session.day)
                after = set(before)
                (after.discard if gid == move.source else after.add)(move.student)
                hours = session.hours * teachers
                for members, sign in ((before, -1.0), (after, 1.0)):
                    for student in members:
                        division = self.divisions.get(student)
                        if division is not None:
                            delta[division] += sign * hours / len(members)
        for division, change in delta.items():
            if division in self.budgets and self.totals[division] + change > self.budgets[division] - BUDGET_MARGIN:
                return False
        for division, change in delta.items():
            if division in self.totals:
                self.totals[division] += change
        return True

