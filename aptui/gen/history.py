"""A believable git history for a school: `aptui gen-sample --commits N`, `aptui demo`, benchmarks.

    build_history(Path("ecole"), commits=1000, seed=7)

The school folder (generated or copied) becomes a git repository.  First the
files are committed as a team would have written them (the year, then the
groups, sessions and bilans of each period: :func:`import_steps`), without
the tail of the last period (:mod:`aptui.gen.history_plan`).  Then ``commits``
edits are made through the real edit commands (:mod:`aptui.edit`) and
committed with their own French messages (:func:`aptui.gitsync.commit.commit_edits`)
by 3 to 5 teachers of ``staff.yaml`` with invented addresses: attendance
taken, attendance corrected, dated moves with a reason, bilans, interviews.
Author and committer dates advance through the last school year, so the same
seed always gives the same commits (same ids).  The school validates at the
end as it did at the start.

Edits are planned with ``apply_command`` on the files, not through a
``Workspace``: the workspace re-checks the whole school after each edit
(about a second for 1,500 students), while the tail's own state
(:class:`~aptui.gen.history_plan.TailState`) knows all an edit needs.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random
from typing import Any

from aptui import layout
from aptui.edit import AppliedEdit, Command, EditRefused, apply_command
from aptui.edit.roundtrip import dump_rt, load_rt
from aptui.gen.history_plan import BilanBatch, Holdback, TailState, plan_holdback
from aptui.gen.plan import child_rng
from aptui.gitsync.commit import commit_edits, edits_message
from aptui.gitsync.runner import Git
from aptui.layout import Kind, classify
from aptui.model.analysis import Analysis
from aptui.model.entities import School, Session
from aptui.pipeline import load_school

FILLER_KINDS = (("move", 0.22), ("correction", 0.38), ("interview", 0.40))
CONFIG_MESSAGE = "Configuration du dépôt aptui (pilotes git de fusion et de diff)"

try:
    from zoneinfo import ZoneInfo

    PARIS: Any = ZoneInfo("Europe/Paris")
except Exception:  # noqa: BLE001 - no time zone database: a fixed offset will do
    from datetime import timezone

    PARIS = timezone(timedelta(hours=1))


@dataclass(frozen=True, slots=True)
class Author:
    """A teacher of staff.yaml who commits, with an invented address."""

    teacher: str
    name: str
    email: str


@dataclass(slots=True)
class HistoryReport:
    """What build_history made."""

    authors: list[Author]
    import_commits: int
    commits: int
    seconds: float
    kinds: dict[str, int] = field(default_factory=dict)


class DatedGit(Git):
    """Git with a fixed author, committer and date for the next commands."""

    identity: dict[str, str] = {}

    def sign(self, author: Author, when: datetime) -> None:
        stamp = when.isoformat()
        self.identity = {"GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email,
                         "GIT_COMMITTER_NAME": author.name, "GIT_COMMITTER_EMAIL": author.email,
                         "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}

    def env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        env = super().env(extra)
        env.update(self.identity)
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        return env


# --- authors ------------------------------------------------------------------------------------
def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(c if c.isalnum() else "-" for c in plain).strip("-")


def pick_authors(school: School, hold: Holdback | None, rng: Random) -> list[Author]:
    """The pilote first, then 2 to 4 teachers, preferring those who teach groups of the tail."""
    teachers = school.teachers
    teaching: dict[str, int] = {}
    if hold is not None:
        for group in hold.year.groups_of(hold.period.id):
            for teacher in group.teachers:
                teaching[teacher] = teaching.get(teacher, 0) + 1
    pilote = school.info.pilote if school.info is not None and school.info.pilote in teachers else None
    others = sorted((t for t in teachers if t != pilote), key=lambda t: (-teaching.get(t, 0), t))
    pool = others[:8]
    rng.shuffle(pool)
    wanted = rng.randint(3, 5) - (1 if pilote else 0)
    chosen = ([pilote] if pilote else []) + sorted(pool[:wanted])
    academy = school.info.academy if school.info is not None else "ecole"
    domain = f"ac-{ascii_slug(academy) or 'ecole'}.invalid"
    result = []
    for teacher_id in chosen:
        person = teachers[teacher_id]
        email = f"{ascii_slug(person.first_name)}.{ascii_slug(person.last_name)}@{domain}"
        result.append(Author(teacher_id, f"{person.first_name} {person.last_name}", email))
    return result


# --- the first commits --------------------------------------------------------------------------
def import_steps(root: Path) -> list[tuple[str, str, list[str]]]:
    """(author role, message, paths) of each commit, in the order a team would have written the files.

    First the year(s), the team, the students and the divisions, then for each
    school year and each period: its groups, its sessions, its bilans.
    """
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts)
    roles = {path: classify(path) for path in files}
    periods = sorted({(r.year, r.period) for r in roles.values() if r and r.year and r.period},
                     key=lambda item: (str(item[0]), str(item[1])))
    several_years = len({year for year, _ in periods}) > 1
    taken: set[str] = set()

    def pick(test: Any) -> list[str]:
        chosen = [p for p in files if p not in taken and test(p, roles[p])]
        taken.update(chosen)
        return chosen

    steps = [("pilote", "Rentrée : établissement, équipe, élèves, divisions et calendrier de l'AP",
              pick(lambda p, r: r is None or r.kind in (Kind.SCHOOL, Kind.STAFF, Kind.STUDENT, Kind.YEAR,
                                                        Kind.DIVISION)))]
    for year, period in periods:
        label = f"{period} ({year})" if several_years else str(period)
        first = period == min(p for y, p in periods if y == year)

        def of(kind: Kind, year: Any = year, period: Any = period) -> list[str]:
            return pick(lambda p, r: r is not None and r.kind is kind and r.year == year and r.period == period)

        groups = of(Kind.GROUP)
        if groups:
            reason = "après les positionnements de rentrée" if first else "d'après les bilans de la période précédente"
            steps.append(("pilote", f"Groupes de besoin de {label}, {reason}", groups))
        sessions = of(Kind.SESSIONS)
        if sessions:
            steps.append(("teacher", f"Appels et activités des séances de {label}", sessions))
        bilans = of(Kind.BILANS)
        if bilans:
            steps.append(("teacher", f"Bilans de fin de période {label} : résultats et décisions", bilans))
    rest = [p for p in files if p not in taken]
    if rest:
        steps[-1] = (steps[-1][0], steps[-1][1], steps[-1][2] + rest)
    return [s for s in steps if s[2]]


def step_day(school: School, paths: Sequence[str], default: date) -> date:
    """When a team would have committed a step: at its period's start (groups) or end."""
    role = classify(paths[0])
    year = school.years.get(str(role.year)) if role is not None and role.year else None
    period = next((p for p in year.periods if p.id == role.period), None) if year and role else None
    if period is None or role is None:
        return default
    if role.kind is Kind.GROUP:
        return period.start - timedelta(days=3)
    return period.end + timedelta(days=3 if role.kind is Kind.BILANS else 0)


def strip_tail(root: Path, hold: Holdback) -> None:
    """Take the held-back sessions (and the tail period's bilans) out of the files."""
    year, period = hold.year.id, hold.period.id
    by_group: dict[str, set[date]] = {}
    for session in hold.sessions:
        by_group.setdefault(session.group, set()).add(session.day)
    for group, days in sorted(by_group.items()):
        path = root / layout.sessions_path(year, period, group)
        data = load_rt(path.read_text(encoding="utf-8"))
        items = data["seances"]
        for index in reversed(range(len(items))):
            if items[index].get("date") in days:
                del items[index]
        if items:
            path.write_text(dump_rt(data), encoding="utf-8")
        else:
            path.unlink()
    if hold.dropped_bilans:
        (root / layout.bilans_path(year, period)).unlink(missing_ok=True)


def commit_import(git: DatedGit, root: Path, school: School, authors: Sequence[Author], first: date,
                  last: date) -> int:
    """The school's files committed step by step, dated from ``first`` to ``last`` at most."""
    from aptui.gitsync.install import install_git

    install_git(root, hook=True, commit=False, git=git)
    made, previous = 0, first
    for index, (role, message, paths) in enumerate(import_steps(root)):
        author = authors[0] if role == "pilote" or len(authors) == 1 else authors[1 + index % (len(authors) - 1)]
        day = min(max(step_day(school, paths, first), previous), last)
        while day.weekday() >= 5 and day < last:
            day += timedelta(days=1)
        previous = day
        git.sign(author, at(day, 17 * 60 + 30 + index))
        git.run("add", "--", *paths)
        # The import is file by file: a step may reference what the next one adds.
        git.run("commit", "-q", "--no-verify", "-m", message)
        made += 1
    if git.run("status", "--porcelain").stdout.strip():
        git.sign(authors[0], at(previous, 18 * 60 + 30))
        git.run("add", "-A")
        git.run("commit", "-q", "--no-verify", "-m", CONFIG_MESSAGE)
        made += 1
    return made


# --- the timeline -------------------------------------------------------------------------------
@dataclass(order=True, slots=True)
class Event:
    when: datetime
    order: int
    kind: str = field(compare=False)
    payload: Any = field(compare=False, default=None)


def at(day: date, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=PARIS)


def school_day(rng: Random, start: date, end: date) -> date:
    day = start + timedelta(days=rng.randrange((end - start).days + 1))
    while day.weekday() >= 5:
        day -= timedelta(days=day.weekday() - 4)
    return max(day, start)


def timeline(hold: Holdback, commits: int, rng: Random) -> list[Event]:
    """Every commit to make, in date order (strictly increasing minutes)."""
    events = [Event(at(s.day, s.start_minute + s.duration + rng.randrange(5, 150)), 0, "session", s)
              for s in hold.sessions]
    events += [Event(at(b.day, rng.randrange(16 * 60, 20 * 60)), 0, "bilans", b) for b in hold.batches]
    events = sorted(events)[:commits]
    end = max(hold.end, hold.start + timedelta(days=6))
    kinds = [kind for kind, _ in FILLER_KINDS]
    weights = [weight for _, weight in FILLER_KINDS]
    for _ in range(commits - len(events)):
        day = school_day(rng, hold.start, end)
        events.append(Event(at(day, rng.randrange(8 * 60, 19 * 60)), 0, rng.choices(kinds, weights)[0]))
    events.sort()
    previous: datetime | None = None
    for index, event in enumerate(events):
        if previous is not None and event.when <= previous:
            event.when = previous + timedelta(minutes=1)
        event.order, previous = index, event.when
    return events


# --- replaying the edits ----------------------------------------------------------------------
class Replay:
    """Turns each event into edit commands, applies them and commits them."""

    def __init__(self, root: Path, git: DatedGit, state: TailState, authors: list[Author], rng: Random) -> None:
        self.root, self.git, self.state, self.authors, self.rng = root, git, state, authors, rng
        self.by_teacher = {a.teacher: a for a in authors}
        self.kinds: dict[str, int] = {}
        self.entered_by: dict[str, Author] = {}  # group -> who enters its paper attendance sheets

    def teacher_of(self, group: str) -> Author:
        """A teacher of the group among the authors, else a colleague entering the paper sheet."""
        found = self.state.groups.get(group)
        for teacher in sorted(found.teachers if found else ()):
            if teacher in self.by_teacher:
                return self.by_teacher[teacher]
        if group not in self.entered_by:
            self.entered_by[group] = self.colleague()
        return self.entered_by[group]

    def colleague(self) -> Author:
        return self.rng.choice(self.authors[1:] or self.authors)

    def play(self, event: Event) -> bool:
        """Apply and commit one event; False if nothing could be done."""
        today = event.when.date()
        attempts: list[tuple[str, Any]] = []
        if event.kind == "session":
            session: Session = event.payload
            attempts.append(("session", lambda: ([self.state.session_command(session)], None,
                                                 self.teacher_of(session.group))))
        elif event.kind == "bilans":
            attempts.append(("bilans", lambda: self._bilans(event.payload)))
        else:
            order = {"move": ("move", "correction", "interview"), "correction": ("correction", "interview"),
                     "interview": ("interview",)}[event.kind]
            attempts += [(kind, lambda kind=kind: self._filler(kind, today)) for kind in order]
        for kind, make in attempts:
            planned = make()
            if planned is None:
                continue
            commands, message, author = planned
            applied = self._apply(commands)
            if not applied:
                continue
            if message is not None:
                message = edits_message([a.description for a in applied], message)
            self.git.sign(author, event.when)
            if commit_edits(self.root, applied, message, git=self.git) is not None:
                self.kinds[kind] = self.kinds.get(kind, 0) + 1
                return True
        return False

    def _apply(self, commands: Sequence[Command]) -> list[AppliedEdit]:
        applied = []
        for command in commands:
            try:
                applied.append(apply_command(self.root, command))
            except EditRefused:
                continue
        return [a for a in applied if a.changes]

    def _bilans(self, batch: BilanBatch) -> tuple[list[Command], str | None, Author]:
        writer = next((self.by_teacher[b.author] for b in batch.bilans if b.author in self.by_teacher), None)
        count = len(batch.bilans)
        head = (f"Bilans {batch.group.period} du groupe « {batch.group.title} » "
                f"({count} élève{'s' if count > 1 else ''})")
        author = writer or self.teacher_of(batch.group.id)
        return list(self.state.bilan_commands(batch)), head if count > 1 else None, author

    def _filler(self, kind: str, today: date) -> tuple[list[Command], None, Author] | None:
        state = self.state
        if kind == "move":
            move = state.move(today)
            if move is None:
                return None
            target = state.groups[move.to_group]
            author = next((self.by_teacher[t] for t in sorted(target.teachers) if t in self.by_teacher),
                          self.authors[0])
            return [move], None, author if self.rng.random() < 0.5 else self.authors[0]
        if kind == "correction":
            correction = state.correction(today)
            return None if correction is None else ([correction], None, self.teacher_of(correction.group))
        author = self.colleague() if self.rng.random() < 0.8 else self.authors[0]
        interview = state.interview(today, author.teacher)
        return None if interview is None else ([interview], None, author)


def build_history(root: Path, commits: int, seed: int) -> HistoryReport:
    """Make ``root`` (a school folder, not yet a git repository) a repository with a history."""
    started = time.perf_counter()
    root = Path(root)
    git = DatedGit(root)
    if (root / ".git").exists():
        raise ValueError(f"{root} est déjà un dépôt git : l'historique se construit sur une école sans dépôt")
    school = load_school(root, run_rules=False).school
    rng = child_rng(seed, "history")
    hold = plan_holdback(school, commits, rng)
    authors = pick_authors(school, hold, rng)
    if not authors:
        raise ValueError("staff.yaml ne nomme aucun enseignant : impossible de signer les commits")
    years = sorted(school.years.values(), key=lambda y: y.id)
    first = years[0].first_day - timedelta(days=4) if years else date(2025, 8, 28)
    git.run("init", "-q", "-b", "main")
    git.run("config", "user.name", authors[0].name)
    git.run("config", "user.email", authors[0].email)
    if hold is None:
        made = commit_import(git, root, school, authors, first, years[-1].last_day if years else first)
        return HistoryReport(authors, made, 0, time.perf_counter() - started)
    strip_tail(root, hold)
    made = commit_import(git, root, school, authors, first, hold.start - timedelta(days=1))
    replay = Replay(root, git, TailState(school, Analysis(school), hold, rng), authors, rng)
    done = sum(1 for event in timeline(hold, commits, rng) if replay.play(event))
    return HistoryReport(authors, made, done, time.perf_counter() - started, replay.kinds)

