"""Benchmark of the git history features on a long history of a large school.

    .venv/bin/python bench/bench_git.py [--students 1500] [--years 3] [--commits 1000] [--runs 5]
    .venv/bin/python bench/bench_git.py --textconv [--school sample_school] [--commits 80] [--runs 3]

Builds a school (aptui.gen.generate_school when available, else the test
fixture), commits it, then makes N commits of everyday edits (attendance
corrections, interviews, dated moves between groups), and prints the median
time of: a student's history, the semantic diff over the whole history (with
and without the hour budget), the diff of the last commit, and ``aptui log``.
The target of the issue is under 2 s for history and diff over 1,000 commits.
No assertion: machines are noisy; read the numbers.

``--textconv``: git's textconv per blob (a group, a sessions file, a bilans file,
a student, a division) against Python's start-up, and ``git log -p -50`` on an
80-edit history of the sample school without and with ``diff.aptui.cachetextconv``
(cold, then warm) against ``git log -p -50 --no-textconv``: ratios to floors
measured in the same run.

For ``bench/run.py``: ``bench_measure(school, runs, env)`` builds once (under
bench/out/, reused while present) a 1,000-commit history of the school with
``aptui.gen.history.build_history`` (what ``aptui gen-sample --commits`` does),
then times ``aptui history <student>`` and ``aptui diff HEAD~100..HEAD`` in
fresh processes, start-up included.  Alone:

    .venv/bin/python bench/bench_git.py --school bench/out/school-1500-3-7 [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from aptui.edit.roundtrip import dump_rt, load_rt
from aptui.gitsync.history import recent_changes, student_history
from aptui.gitsync.semantic import semantic_diff
from aptui.layout import group_path, sessions_path, student_path
from aptui.model.entities import School
from aptui.pipeline import load_school

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "mini_school"
COMMITTER = ["-c", "user.name=Bench Pilote", "-c", "user.email=pilote@example.org"]


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *COMMITTER, *args], check=True, capture_output=True,
                          text=True).stdout


def make_school(root: Path, students: int, years: int) -> str:
    try:
        from aptui.gen import generate_school
    except ImportError:
        generate_school = None
    if generate_school is not None:
        generate_school(root, students=students, years=years, seed=7)
        return f"école générée ({students} élèves, {years} ans)"
    shutil.copytree(FIXTURE, root)
    return "mini école des tests (générateur absent)"


class Editor:
    """Everyday edits written with ruamel round-trip, as the TUI would."""

    def __init__(self, root: Path, school: School, rng: random.Random) -> None:
        self.root = root
        self.rng = rng
        self.year = school.latest_year()
        assert self.year is not None
        self.sessions = [(key, s) for key, items in self.year.sessions.items() for s in items if s.attendance]
        self.groups = self.year.groups
        self.students = sorted(school.students)
        self.touched: Counter[str] = Counter()

    def _rewrite(self, path: str, change: Callable[[object], None]) -> None:
        target = self.root / path
        data = load_rt(target.read_text(encoding="utf-8"))
        change(data)
        target.write_text(dump_rt(data), encoding="utf-8")

    def attendance(self) -> tuple[list[str], str]:
        (period, group), session = self.rng.choice(self.sessions)
        student = self.rng.choice(sorted(session.attendance))
        path = sessions_path(self.year.id, period, group)

        def flip(data: object) -> None:
            for item in data["seances"]:  # type: ignore[index]
                if str(item["date"]) == session.day.isoformat():
                    current = item["appel"].get(student)
                    item["appel"][student] = "absent" if current == "present" else "present"

        self._rewrite(path, flip)
        self.touched[student] += 1
        return [path], f"Appel du {session.day:%d/%m/%Y} corrigé ({group})"

    def interview(self) -> tuple[list[str], str]:
        student = self.rng.choice(self.students)
        path = student_path(student)
        day = date(2025, 9, 1) + timedelta(days=self.rng.randrange(200))

        def add(data: object) -> None:
            data.setdefault("entretiens", []).append(  # type: ignore[attr-defined]
                {"date": day, "enseignant": "bench", "notes": "Point d'étape"})

        self._rewrite(path, add)
        self.touched[student] += 1
        return [path], f"Entretien de {student}"

    def move(self) -> tuple[list[str], str]:
        by_slot: dict[tuple[str, str], list[str]] = {}
        for (period, group_id), group in self.groups.items():
            by_slot.setdefault((period, group.barrette), []).append(group_id)
        (period, _), ids = self.rng.choice([item for item in by_slot.items() if len(item[1]) > 1])
        source, target = self.rng.sample(sorted(ids), 2)
        source_path, target_path = (group_path(self.year.id, period, g) for g in (source, target))
        members = load_rt((self.root / source_path).read_text(encoding="utf-8")).get("eleves") or []
        if not members:
            return self.attendance()
        student = str(self.rng.choice(list(members)))
        self._rewrite(source_path, lambda data: data["eleves"].remove(student))  # type: ignore[index]
        period_start = next(p.start for p in self.year.periods if p.id == period)

        def arrive(data: object) -> None:
            students = data["eleves"]  # type: ignore[index]
            students.insert(sum(1 for s in students if str(s) < student), student)
            data.setdefault("arrivees", []).append(  # type: ignore[attr-defined]
                {"date": period_start + timedelta(days=14), "eleve": student, "depuis": source,
                 "motif": "Besoin repéré en classe"})

        self._rewrite(target_path, arrive)
        self.touched[student] += 2
        return [source_path, target_path], f"{period} : {student} passe de {source} à {target}"


def build_history(root: Path, commits: int, rng: random.Random) -> Editor:
    editor = Editor(root, load_school(root, run_rules=False).school, rng)
    kinds = [editor.attendance] * 5 + [editor.interview] * 3 + [editor.move] * 2
    for _ in range(commits):
        paths, message = rng.choice(kinds)()
        git(root, "add", "--", *paths)
        git(root, "commit", "-q", "--no-verify", "-m", message, "--", *paths)
    return editor


def median_time(action: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


# --- bench/run.py measures ----------------------------------------------------------------------
OUT = Path(__file__).resolve().parent / "out"
HISTORY_COMMITS = 1000
TARGET_S = 2.0
STUDENT_IN_SUBJECT = re.compile(r"\((e\d{4}-\d{3})\)")


def history_repo(school: Path, env: dict[str, str], commits: int = HISTORY_COMMITS, seed: int = 7) -> Path:
    """A copy of the school with a history of ``commits`` edits, built once and kept under bench/out/."""
    repo = OUT / f"git-{school.name}-{commits}"
    if (repo / ".git").is_dir():
        log = subprocess.run(["git", "-C", str(repo), "rev-list", "--count", "HEAD"], capture_output=True, text=True)
        if log.returncode == 0 and int(log.stdout.strip() or 0) > commits:
            return repo
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(school, repo, ignore=shutil.ignore_patterns(".git"))
    print(f"Historique git de {commits} commits ({repo})…", flush=True)
    started = time.perf_counter()
    code = ("import sys; from pathlib import Path; from aptui.gen.history import build_history; "
            "build_history(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))")
    subprocess.run([sys.executable, "-c", code, str(repo), str(commits), str(seed)], check=True, env=env)
    print(f"  construit en {time.perf_counter() - started:.0f} s", flush=True)
    return repo


def busiest_student(repo: Path) -> str:
    """The student named in the most commit messages (moves, attendance, interviews)."""
    subjects = subprocess.run(["git", "-C", str(repo), "log", "--format=%s"], capture_output=True, text=True,
                              check=True).stdout
    counts = Counter(STUDENT_IN_SUBJECT.findall(subjects))
    return counts.most_common(1)[0][0]


def bench_measure(school: Path, runs: int, env: dict[str, str]) -> list[dict]:  # type: ignore[type-arg]
    """Median-ready timings of the git history commands over a 1,000-commit history of ``school``."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import cli_run  # the same fresh-process timing as the other measures

    repo = history_repo(Path(school), env)
    student = busiest_student(repo)
    commands = [
        (f"aptui history {student} ({HISTORY_COMMITS} commits)", ["history", student, str(repo)]),
        (f"aptui diff HEAD~100..HEAD ({HISTORY_COMMITS} commits)", ["diff", "HEAD~100..HEAD", str(repo)]),
        ("aptui log -n 30", ["log", str(repo), "-n", "30"]),
    ]
    results = []
    for name, args in commands:
        cli_run(args, env)  # warm the parse cache, as a user's second run
        measured = [cli_run(args, env) for _ in range(runs)]
        results.append({"name": name, "seconds": [m[0] for m in measured],
                        "peak_mb": max(m[1] for m in measured), "target_s": TARGET_S})
    return results


# --- textconv and git log -p (bench_git.py --textconv) -------------------------------------------
SAMPLE = Path(__file__).resolve().parent.parent / "sample_school"


def timed(argv: list[str], cwd: Path, runs: int) -> float:
    """Median wall time of a command (its output discarded)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sample_blobs(root: Path) -> list[Path]:
    """One file of each kind git converts: a group, a sessions file, a bilans file, a student, a division."""
    year = sorted((root / "years").iterdir())[-1]
    picks = [next(iter(sorted((year / "groups").rglob("*.yaml")))), max((year / "sessions").rglob("*.yaml"),
             key=lambda p: p.stat().st_size), next(iter(sorted((year / "bilans").glob("*.yaml")))),
             next(iter(sorted((root / "students").glob("*.yaml")))), next(iter(sorted((year / "divisions").glob("*.yaml"))))]
    return [p for p in picks if p.is_file()]


def bench_textconv(school: Path, commits: int, runs: int) -> None:
    """textconv per blob, and ``git log -p -50`` with and without ``diff.aptui.cachetextconv``, as ratios
    to floors measured in the same run (Python's start-up; ``git log -p --no-textconv``)."""
    from aptui.gitsync.install import aptui_command, install_git

    workdir = Path(tempfile.mkdtemp(prefix="aptui-bench-textconv-"))
    repo = workdir / "school"
    try:
        shutil.copytree(school, repo, ignore=shutil.ignore_patterns(".git"))
        started = time.perf_counter()
        from aptui.gen.history import build_history as replay

        replay(repo, commits, 7)
        install_git(repo, commit=False)
        print(f"{school.name} : historique de {commits} modifications construit en {time.perf_counter() - started:.0f} s")
        python_floor = timed([sys.executable, "-c", "pass"], repo, runs * 3)
        textconv = [*shlex.split(aptui_command()), "textconv"]
        print(f"  {'plancher : python -c pass':<52} {python_floor * 1000:7.0f} ms")
        for blob in sample_blobs(repo):
            seconds = timed([*textconv, str(blob)], repo, runs * 3)
            print(f"  textconv {blob.relative_to(repo).as_posix():<43} {seconds * 1000:7.0f} ms   "
                  f"× {seconds / python_floor:4.1f} le plancher   (cible ≤ 100 ms)")
        log = ["git", "log", "-p", "-50"]
        floor = timed([*log, "--no-textconv"], repo, runs)
        print(f"  {'plancher : git log -p -50 --no-textconv':<52} {floor * 1000:7.0f} ms")
        git(repo, "config", "diff.aptui.cachetextconv", "false")
        plain = timed(log, repo, 1)
        print(f"  {'git log -p -50, sans cache':<52} {plain * 1000:7.0f} ms   × {plain / floor:6.0f}")
        git(repo, "config", "diff.aptui.cachetextconv", "true")
        cold = timed(log, repo, 1)
        warm = timed(log, repo, runs)
        print(f"  {'git log -p -50, cache vide (le remplit)':<52} {cold * 1000:7.0f} ms   × {cold / floor:6.0f}")
        print(f"  {'git log -p -50, cache plein (cachetextconv)':<52} {warm * 1000:7.0f} ms   × {warm / floor:6.1f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--textconv", action="store_true",
                        help="mesurer textconv par blob et git log -p -50 avec et sans cache (école d'exemple)")
    parser.add_argument("--students", type=int, default=1500)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="build the repository here and keep it")
    parser.add_argument("--school", type=Path, default=None,
                        help="measure as bench/run.py does, on the history of this generated school")
    args = parser.parse_args()
    if args.textconv:
        bench_textconv(args.school or SAMPLE, min(args.commits, 80), args.runs)
        return 0
    if args.school is not None:
        import os

        env = {**os.environ, "XDG_CACHE_HOME": str(OUT / "cache")}
        for measure in bench_measure(args.school, args.runs, env):
            print(f"  {measure['name']:<50} médiane {statistics.median(measure['seconds']):6.2f} s   "
                  f"mémoire max {measure['peak_mb']:.0f} Mo   cible {measure['target_s']} s")
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="aptui-bench-git-"))
    root = args.keep or workdir / "school"
    try:
        start = time.perf_counter()
        what = make_school(root, args.students, args.years)
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "--no-verify", "-m", "Création de l'école")
        editor = build_history(root, args.commits, random.Random(11))
        files = len(git(root, "ls-files").splitlines())
        print(f"{what} : {files} fichiers, {args.commits} commits construits en "
              f"{time.perf_counter() - start:.1f} s ({root})")
        busiest = editor.touched.most_common(1)[0][0]
        quiet = editor.students[len(editor.students) // 2]
        full = f"HEAD~{args.commits}..HEAD"
        measures: list[tuple[str, Callable[[], object], Callable[[object], str]]] = [
            (f"history {busiest} (le plus modifié)", lambda: student_history(root, busiest),
             lambda r: f"{len(r)} entrées"),  # type: ignore[arg-type]
            (f"history {quiet}", lambda: student_history(root, quiet), lambda r: f"{len(r)} entrées"),  # type: ignore[arg-type]
            (f"diff {full} (avec budget)", lambda: semantic_diff(root, full),
             lambda r: f"{len(r.changes)} changements, {len(r.budget)} divisions"),  # type: ignore[attr-defined]
            (f"diff {full} --no-budget", lambda: semantic_diff(root, full, budget=False),
             lambda r: f"{len(r.changes)} changements"),  # type: ignore[attr-defined]
            ("diff HEAD~1..HEAD (avec budget)", lambda: semantic_diff(root, "HEAD~1..HEAD"),
             lambda r: f"{len(r.changes)} changement(s)"),  # type: ignore[attr-defined]
            ("log -n 30", lambda: recent_changes(root, limit=30), lambda r: f"{len(r)} commits"),  # type: ignore[arg-type]
        ]
        for label, action, describe in measures:
            seconds, result = median_time(action, args.runs)
            print(f"  {label:<45} médiane {seconds * 1000:8.0f} ms   ({describe(result)})")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import aptui.gitsync.semantic, aptui.gitsync.history"], check=True)
        print(f"  {'démarrage de Python + imports':<45}         {(time.perf_counter() - started) * 1000:8.0f} ms")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
