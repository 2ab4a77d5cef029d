"""The group proposal of a whole school's barrette, as the pilote asks for it at the start of the year.

    .venv/bin/python bench/bench_plan.py [SCHOOL] [--runs 5]

One fresh process loads the large school (cache filled first), then turns its latest year into
the first weeks of a year: one barrette holding every division (1,500 students), no group yet in
the first period.  It times ``propose_first`` (wishes of every student, the HiGHS model, the
solve, the new groups dealt and explained) against a floor measured in the same run: the
unavoidable pass over the data (every student's wishes, each sent to their first wish with no
capacity).  Used by bench/run.py through ``bench_measure``; the target is 2 s.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
TARGET_S = 2.0

CHILD = r"""
import dataclasses, json, resource, statistics, sys, time
from pathlib import Path
from aptui.model import entities as m
from aptui.pipeline import load_school
from aptui.plan.proposal import propose_first
from aptui.plan.sources import Settings, expected_students
from aptui.plan.wishes import wishes_of

root, runs = Path(sys.argv[1]), int(sys.argv[2])
school = load_school(root).school
year = school.latest_year()
period = year.sorted_periods()[0]
one = m.Barrette("B-TOUS", 1, 14 * 60, 120, tuple(sorted(year.divisions)), m.Located(year.src.loc))
year = dataclasses.replace(year, barrettes={"B-TOUS": one}, groups={}, exemptions=())
school = dataclasses.replace(school, years={**school.years, year.id: year})
students = expected_students(school, year, period, "B-TOUS")

def floor():
    first = {}
    for sid in students:
        wish = wishes_of(school.students[sid], year.id)
        first.setdefault(wish.types[0], []).append(sid)
    return first

floors, times, last = [], [], None
for _ in range(runs):
    start = time.perf_counter(); floor(); floors.append(time.perf_counter() - start)
    start = time.perf_counter()
    last = propose_first(school, year, period, "B-TOUS", Settings(minimum=8, maximum=16))
    times.append(time.perf_counter() - start)
print(json.dumps({"students": len(students), "teachers": len(school.teachers), "groups": len(last.groups),
                  "placed": last.placed, "unplaced": len(last.unplaced), "proven": last.proven,
                  "floor": floors, "times": times,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(school: Path, runs: int) -> dict[str, Any]:
    subprocess.run([PYTHON, "-m", "aptui", "validate", str(school)], capture_output=True)  # fill the cache
    proc = subprocess.run([PYTHON, "-c", CHILD, str(school), str(runs)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"échec de la mesure :\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def bench_measure(school: Path, runs: int, env: dict[str, str]) -> list[dict[str, Any]]:
    """For bench/run.py: the proposal, with its floor measured in the same run."""
    result = measure(school, runs)
    floor = sorted(result["floor"])[len(result["floor"]) // 2]
    median = sorted(result["times"])[len(result["times"]) // 2]
    print(f"proposition de groupes : {result['students']} élèves, {result['groups']} groupes, "
          f"{result['unplaced']} sans groupe ; {median:.3f} s, {median / floor:.1f} × plancher ({floor:.3f} s)",
          flush=True)
    return [{"name": f"proposer les groupes d'une barrette de {result['students']} élèves",
             "seconds": result["times"], "peak_mb": result["peak_mb"], "target_s": TARGET_S}]


def main() -> int:
    args = sys.argv[1:]
    runs = 5
    if "--runs" in args:
        at = args.index("--runs")
        runs = int(args[at + 1])
        del args[at:at + 2]
    school = Path(args[0]) if args else HERE / "out" / "school-1500-3-7"
    result = measure(school, runs)
    floor = sorted(result["floor"])[len(result["floor"]) // 2]
    median = sorted(result["times"])[len(result["times"]) // 2]
    print(f"École : {school}")
    print(f"{result['students']} élèves dans une barrette, {result['teachers']} enseignants : "
          f"{result['groups']} groupes, {result['placed']} placés, {result['unplaced']} sans groupe"
          f"{'' if all([result['proven']]) else ' (solution non prouvée optimale)'}")
    print(f"plancher (les souhaits de chaque élève, sans contrainte) : médiane {floor:.3f} s")
    print(f"proposition (HiGHS) : médiane {median:.3f} s, soit {median / floor:.1f} × plancher ; "
          f"cible ≤ {TARGET_S} s : {'tenue' if median <= TARGET_S else 'NON tenue'}")
    print(f"mémoire max : {result['peak_mb']:.0f} Mo")
    return 0 if median <= TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
