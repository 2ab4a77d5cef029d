"""Cold `aptui validate --no-cache` with each bulk reader, in the same run as the libyaml floor (issue 14).

    .venv/bin/python bench/bench_fastread.py [--runs 3] [--school DIR]

Each run measures, one after the other in fresh processes: the floor (PyYAML's CSafeLoader over every
file, as bench/run.py), validate with ``APTUI_READER=libyaml`` (the positioned reader for every file)
and with ``APTUI_READER=yaml-rs`` (the guarded fast path, load/fastread.py); then the medians, the
ratios to the floor and the peak memory, with the machine's load before and after (``os.getloadavg``).
The school is bench/run.py's (``gen-sample --students 1500 --years 3 --seed 7``) unless ``--school``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys

from run import FLOOR, cli_run, ensure_school, run_python

READERS = ("libyaml", "yaml-rs")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--school", default="")
    args = parser.parse_args()
    school = ensure_school(1500, 3, 7) if not args.school else __import__("pathlib").Path(args.school)
    load_before = os.getloadavg()[0]
    times: dict[str, list[float]] = {"floor": [], **{r: [] for r in READERS}}
    peaks: dict[str, float] = dict.fromkeys(times, 0.0)
    for _ in range(args.runs):
        seconds, peak = run_python(FLOOR, str(school))
        times["floor"].append(seconds)
        peaks["floor"] = max(peaks["floor"], peak)
        for reader in READERS:
            env = {**os.environ, "APTUI_READER": reader}
            seconds, peak = cli_run(["validate", "--no-cache", str(school)], env)
            times[reader].append(seconds)
            peaks[reader] = max(peaks[reader], peak)
    floor = statistics.median(times["floor"])
    print(f"charge (1 min) avant {load_before:.1f}, après {os.getloadavg()[0]:.1f} ; {args.runs} essais ; {school}")
    print("| mesure | essais (s) | médiane (s) | × plancher | mémoire max (Mo) |")
    print("|---|---|---|---|---|")
    names = {"floor": "plancher : CSafeLoader sur chaque fichier", "libyaml": "validate --no-cache, APTUI_READER=libyaml",
             "yaml-rs": "validate --no-cache, APTUI_READER=yaml-rs"}
    for key, label in names.items():
        median = statistics.median(times[key])
        tries = " ; ".join(f"{t:.2f}" for t in times[key])
        print(f"| {label} | {tries} | {median:.2f} | {median / floor:.2f} | {peaks[key]:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
