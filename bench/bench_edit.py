"""The edit round-trip on the large school, as the TUI does it.

    .venv/bin/python bench/bench_edit.py [SCHOOL] [--runs 7]

One fresh process opens a Workspace (warm: the cache is filled first, like a
user who validated before), then moves a student between two groups of the
same barrette, back and forth: each ``Workspace.apply`` plans the edit, writes
both group files (ruamel round-trip, atomic) and re-validates the school.
Separately, it times ``commit_edits`` of one pending move (git add + commit).
The school is copied into bench/out/edit-school (a git repository) so that
the generated school stays untouched.  Used by bench/run.py through
``bench_measure``; no assertion, the table says whether the target is met.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
COMMITTER = ["-c", "user.name=Bench Pilote", "-c", "user.email=pilote@example.org", "-c", "commit.gpgsign=false"]

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from aptui.edit import MoveStudent
from aptui.gitsync.commit import commit_edits
from aptui.workspace import Workspace

root, runs = Path(sys.argv[1]), int(sys.argv[2])
t0 = time.perf_counter()
ws = Workspace(root)
open_s = time.perf_counter() - t0
school = ws.result.school
year = school.latest_year()
found = None
for period in reversed(year.sorted_periods()):
    groups = sorted(year.groups_of(period.id), key=lambda g: g.id)
    for source in groups:
        for target in groups:
            if target.id != source.id and target.barrette == source.barrette and source.students:
                found = (period.id, source.id, target.id, source.students[0])
                break
        if found: break
    if found: break
period, source, target, student = found
times = []
for run in range(runs):
    a, b = (source, target) if run % 2 == 0 else (target, source)
    start = time.perf_counter()
    ws.apply(MoveStudent(year.id, period, student, a, b, "", None))
    times.append(time.perf_counter() - start)
commits = []
for run in range(max(1, runs // 2)):
    a, b = (source, target) if (runs + run) % 2 == 0 else (target, source)
    ws.apply(MoveStudent(year.id, period, student, a, b, "", None))
    start = time.perf_counter()
    commit_edits(root, ws.pending_edits)
    commits.append(time.perf_counter() - start)
    ws.clear_pending()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"open": open_s, "apply": times, "commit": commits, "peak_mb": peak,
                  "move": [year.id, period, student, source, target]}))
"""


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *COMMITTER, *args], check=True, capture_output=True)


def prepare(school: Path) -> Path:
    """A git copy of the school (made once, then reused: the moves go back and forth)."""
    copy = HERE / "out" / f"edit-{school.name}"
    if not (copy / ".git").is_dir() or not (copy / "school.yaml").is_file():
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(school, copy)
        git(copy, "init", "-q", "-b", "main")
        git(copy, "add", "-A")
        git(copy, "commit", "-q", "-m", "École initiale")
    return copy


def run_child(copy: Path, runs: int, env: dict[str, str]) -> dict[str, Any]:
    # Fill the cache first (a user opens a school validated before).
    subprocess.run([PYTHON, "-m", "aptui", "validate", str(copy)], env=env, capture_output=True)
    proc = subprocess.run([PYTHON, "-c", CHILD, str(copy), str(runs)], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"échec de la mesure d'édition :\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def bench_measure(school: Path, runs: int, env: dict[str, str]) -> list[dict[str, Any]]:
    """Measures for bench/run.py: the edit round-trip without commit, and the commit alone."""
    copy = prepare(school)
    result = run_child(copy, max(runs, 4), env)
    return [
        {"name": "édition : déplacer un élève, écrire 2 fichiers, revalider (sans commit)",
         "seconds": result["apply"], "peak_mb": result["peak_mb"], "target_s": 0.150, "key": "edit"},
        {"name": "  dont la première édition après l'ouverture (Workspace à chaud)", "seconds": result["apply"][:1],
         "peak_mb": result["peak_mb"], "key": "first_edit"},
        {"name": "édition : commit git de ce déplacement", "seconds": result["commit"],
         "peak_mb": result["peak_mb"]},
    ]


def main() -> int:
    import argparse
    import statistics

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("school", nargs="?", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    school = args.school or max((HERE / "out").glob("school-*"), key=os.path.getmtime)
    env = dict(os.environ)
    env.setdefault("XDG_CACHE_HOME", str(HERE / "out" / "cache"))
    result = run_child(prepare(school), args.runs, env)
    print(f"ouverture (Workspace, cache chaud) : {result['open']:.3f} s ; déplacement {result['move']}")
    print(f"apply (plan + écriture + revalidation) : médiane {statistics.median(result['apply']):.3f} s "
          f"{[round(t, 3) for t in result['apply']]}")
    print(f"commit : médiane {statistics.median(result['commit']):.3f} s ; mémoire max {result['peak_mb']:.0f} Mo")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
