"""The benchmark suite: `python bench/run.py [--students N] [--years Y] [--runs R]`.

Builds the large school once (bench/out/, kept between runs), then prints the
median of several runs of each measurement, its peak memory, its ratio to the
floor (libyaml parse of every file) and to the peer (check-jsonschema over the
same files), and whether it meets its target.  Each measurement runs in a
fresh process, as a user runs it, so that imports and start-up count.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
PYTHON = sys.executable


@dataclass
class Measure:
    name: str
    seconds: list[float]
    peak_mb: float
    target_s: float | None = None
    target_ratio_floor: float | None = None
    target_mb: float | None = 400.0
    key: str = ""  # for the targets of issue 14 (ISSUE14_TARGETS)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one child process (os.wait4 gives that child's own usage)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"échec de {' '.join(cmd[:6])}… (code {code})")
    return elapsed, usage.ru_maxrss / 1024


def run_python(code: str, *args: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a snippet in a fresh interpreter that reports its own time and peak memory."""
    wrapper = (
        "import resource, sys, time, json\n"
        "t0 = time.perf_counter()\n"
        f"{code}\n"
        "elapsed = time.perf_counter() - t0\n"
        "print(json.dumps([elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))\n"
    )
    proc = subprocess.run([PYTHON, "-c", wrapper, *args], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"échec de la mesure :\n{proc.stderr[-3000:]}")
    elapsed, peak = json.loads(proc.stdout.strip().splitlines()[-1])
    return float(elapsed), float(peak)


def cli_run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """A CLI command timed from outside (start-up included), peak memory from inside."""
    code = (
        "import sys\nfrom aptui.cli.main import main\n"
        "sys.argv = ['aptui'] + sys.argv[1:]\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    main(sys.argv[1:])\n"
    )
    start = time.perf_counter()
    _, peak = run_python(code, *args, env=env)
    return time.perf_counter() - start, peak


FLOOR = """
import pathlib, yaml
root = pathlib.Path(sys.argv[1])
for p in root.rglob('*.yaml'):
    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
"""


def ensure_school(students: int, years: int, seed: int) -> Path:
    school = OUT / f"school-{students}-{years}-{seed}"
    if not (school / "school.yaml").is_file():
        shutil.rmtree(school, ignore_errors=True)
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"Génération de l'école ({students} élèves, {years} ans)…", flush=True)
        subprocess.run([PYTHON, "-m", "aptui", "gen-sample", str(school), "--students", str(students),
                        "--years", str(years), "--seed", str(seed)], check=True)
    return school


def compiled_sources() -> None:
    """aptui's .pyc files, written once, as an installed package has them (pip compiles at install).

    Without them (an editable install under PYTHONDONTWRITEBYTECODE=1, as on the project's machines)
    every measured process compiled aptui's sources again: ~0.25 s of CPU per run, not cold-school time."""
    import compileall

    compileall.compile_dir(str(HERE.parent / "aptui"), quiet=1)


def repeat(runs: int, fn) -> tuple[list[float], float]:  # type: ignore[no-untyped-def]
    times, peaks = [], []
    for _ in range(runs):
        elapsed, peak = fn()
        times.append(elapsed)
        peaks.append(peak)
    return times, max(peaks)


def peer_command(school: Path) -> list[list[str]]:
    """check-jsonschema once per file kind, as a team would run it in CI."""
    sys.path.insert(0, str(HERE.parent))
    from aptui.layout import classify

    by_kind: dict[str, list[str]] = {}
    for path in sorted(school.rglob("*.yaml")):
        role = classify(path.relative_to(school).as_posix())
        if role is not None:
            by_kind.setdefault(role.kind.value, []).append(str(path))
    schemas = HERE.parent / "schema"
    return [[PYTHON, "-m", "check_jsonschema", "--schemafile", str(schemas / f"{kind}.schema.json"), *files]
            for kind, files in by_kind.items()]


def measure_all(school: Path, runs: int) -> list[Measure]:
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(OUT / "cache")
    results: list[Measure] = []
    times, peak = repeat(runs, lambda: run_python(FLOOR, str(school)))
    results.append(Measure("plancher : lecture libyaml de chaque fichier", times, peak, target_mb=None))

    def peer() -> tuple[float, float]:
        start = time.perf_counter()
        peak_mb = 0.0
        for cmd in peer_command(school):
            _, p = timed(cmd)
            peak_mb = max(peak_mb, p)
        return time.perf_counter() - start, peak_mb

    times, peak = repeat(max(1, runs // 3), peer)  # ~75 s a run: once is enough for a ratio
    results.append(Measure("pair : check-jsonschema (schémas seuls)", times, peak, target_mb=None))
    times, peak = repeat(runs, lambda: cli_run(["validate", str(school), "--no-cache"], env))
    results.append(Measure("aptui validate à froid (--no-cache)", times, peak, target_ratio_floor=1.5,
                           key="validate_cold"))
    # the load on two cores is chosen by the idle cores (load/parallel.py): each way forced, same run
    for workers, label in (("1", "un processus"), ("2", "deux processus")):
        forced = {**env, "APTUI_WORKERS": workers}
        times, peak = repeat(runs, lambda forced=forced: cli_run(["validate", str(school), "--no-cache"], forced))
        results.append(Measure(f"aptui validate à froid, {label} (APTUI_WORKERS={workers})", times, peak,
                               target_ratio_floor=1.5))
    cli_run(["validate", str(school)], env)  # fill the cache
    times, peak = repeat(runs, lambda: cli_run(["validate", str(school)], env))
    results.append(Measure("aptui validate à chaud (rien n'a changé)", times, peak, target_s=0.3,
                           key="validate_warm"))
    for extra in EXTRA_MEASURES:
        try:
            measured = extra(school, runs, env)
        except (Exception, SystemExit) as exc:  # one broken extra must not hide the others
            print(f"mesure {extra.__module__} impossible : {exc}", file=sys.stderr, flush=True)
            continue
        results.extend(as_measures(measured))
    return results


def as_measures(measured: object) -> list[Measure]:
    """An extra returns dicts (name, seconds, peak_mb, target_s?, target_mb?), a Measure, or a list of them."""
    if measured is None:
        return []
    items = measured if isinstance(measured, list) else [measured]
    result = []
    for item in items:
        if isinstance(item, Measure):
            result.append(item)
        elif isinstance(item, dict):
            result.append(Measure(str(item["name"]), [float(s) for s in item["seconds"]],
                                  float(item.get("peak_mb") or 0.0), item.get("target_s"),
                                  item.get("target_ratio_floor"), item.get("target_mb", 400.0),
                                  str(item.get("key", ""))))
    return result


EXTRA_MEASURES: list = []  # type: ignore[type-arg]  # filled by bench modules (TUI, edit, git)


def load_extra_measures() -> None:
    sys.path.insert(0, str(HERE))
    for name in ("bench_edit", "bench_tui_startup", "bench_git", "bench_plan"):
        try:
            module = __import__(name)
        except ImportError:
            continue
        measure = getattr(module, "bench_measure", None)
        if measure is not None:
            EXTRA_MEASURES.append(measure)


def report(results: list[Measure]) -> str:
    floor = results[0].median
    peer = results[1].median
    lines = [
        f"Machine : {platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M')}, charge à la fin (1, 5, 15 min) : "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        "",
        "| mesure | médiane (s) | × plancher | × pair | mémoire max (Mo) | cible | tenue |",
        "|---|---|---|---|---|---|---|",
    ]
    for m in results:
        verdicts = []
        target = []
        if m.target_ratio_floor is not None:
            target.append(f"≤ {m.target_ratio_floor} × plancher et < pair")
            verdicts.append(m.median <= m.target_ratio_floor * floor and m.median < peer)
        if m.target_s is not None:
            target.append(f"≤ {m.target_s} s")
            verdicts.append(m.median <= m.target_s)
        if m.target_mb is not None:
            target.append(f"≤ {m.target_mb:.0f} Mo")
            verdicts.append(m.peak_mb <= m.target_mb)
        verdict = "—" if not verdicts else ("oui" if all(verdicts) else "**NON**")
        lines.append(
            f"| {m.name} | {m.median:.3f} | {m.median / floor:.2f} | {m.median / peer:.2f} | "
            f"{m.peak_mb:.0f} | {', '.join(target) or '—'} | {verdict} |"
        )
    return "\n".join(lines)


# Issue 14 (cold paths): measure key, what the issue measured before, target as (× floor, seconds, MB).
ISSUE14_TARGETS: list[tuple[str, str, str, float | None, float | None, float | None]] = [
    ("validate_cold", "aptui validate --no-cache", "1.03–1.37 × plancher", 0.5, None, None),
    ("tui_cold", "app, premier écran utilisable sans état sauvegardé", "5,8–8,4 s (1,78 × plancher)", 1.0, None, None),
    ("tui_warm", "app, premier écran utilisable à chaud", "1,32 s", None, 0.8, None),
    ("first_edit", "première édition après l'ouverture", "jusqu'à 9,2 s", None, 0.3, None),
    ("tui_cold", "mémoire max, ouverture à froid", "370 Mo", None, None, 250.0),
    ("validate_warm", "validate à chaud (pas de régression)", "0,07–0,14 s", None, 0.3, None),
    ("edit", "édition aller-retour (pas de régression)", "0,06–0,08 s", None, 0.15, None),
]


def issue14_report(results: list[Measure]) -> str:
    """The issue's own table: measure, before, now (seconds and × floor, or MB), target, held or not."""
    floor = results[0].median
    by_key = {m.key: m for m in results if m.key}
    lines = ["", "Cibles du ticket 14 (mêmes mesures, même passage) :", "",
             "| mesure | avant (ticket) | maintenant | cible | tenue |", "|---|---|---|---|---|"]
    for key, name, before, ratio, seconds, megabytes in ISSUE14_TARGETS:
        m = by_key.get(key)
        if m is None:
            lines.append(f"| {name} | {before} | non mesuré | — | — |")
            continue
        if megabytes is not None:
            now, target, held = f"{m.peak_mb:.0f} Mo", f"≤ {megabytes:.0f} Mo", m.peak_mb <= megabytes
        elif ratio is not None:
            now = f"{m.median:.3f} s = {m.median / floor:.2f} × plancher"
            target, held = f"≤ {ratio} × plancher", m.median <= ratio * floor
        else:
            assert seconds is not None
            spread = f" ({min(m.seconds):.3f}–{max(m.seconds):.3f})" if len(m.seconds) > 1 else ""
            now = f"{m.median:.3f} s{spread} = {m.median / floor:.2f} × plancher"
            target, held = f"≤ {seconds} s", m.median <= seconds
        lines.append(f"| {name} | {before} | {now} | {target} | {'oui' if held else '**NON**'} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="Mesures d'aptui sur une grande école générée.")
    parser.add_argument("--students", type=int, default=1500)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--issue14", action="store_true", help="seulement les cibles de l'issue 14 (démarrage à froid)")
    args = parser.parse_args()
    school = ensure_school(args.students, args.years, args.seed)
    compiled_sources()
    files = sum(1 for _ in school.rglob("*.yaml"))
    print(f"École : {school} ({files} fichiers YAML)")
    if args.issue14:  # only the cold-start targets, each measured for them (bench/targets14.py)
        sys.path.insert(0, str(HERE))
        import targets14

        env = {**os.environ, "XDG_CACHE_HOME": str(OUT / "cache")}
        print(targets14.table(targets14.measure(school, args.runs, env)))
        return 0
    load_extra_measures()
    results = measure_all(school, args.runs)
    print(report(results))
    print(issue14_report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
