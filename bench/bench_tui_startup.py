"""Start-up of the TUI: from launching a fresh process to the first usable screen (headless).

    .venv/bin/python bench/bench_tui_startup.py SCHOOL [--runs 5] [--size 120x40] [--cold] [--edit]

``bench/run.py`` loads ``bench_measure`` from this module.  Each run is a new
interpreter (imports count, as for a user) that opens ``AptuiApp`` headless and
stops once the first usable screen is drawn: the school is open and the first
main screen (an ``AptScreen``: the dashboard) shows the current revision with
its numbers computed (``is_ready``), then one more frame.  ``wall`` is timed
from just before the process starts (the launcher's clock), so neither the
exit nor the background save of a cold open's state is in it; the child then
waits for that save (``writer_s``, ``writer_peak_mb``: the children's time and
peak memory) so that the next launch is warm.  ``shown`` is the first frame
(the loading screen).  The child also reports how long the school took to load
(``Workspace``, in the app's loading thread: ``cpu_load`` is that thread's
processor time) so that the TUI's own share is visible.  ``--edit``: the first
edit is posted as soon as the screen is usable (the warm-up just started):
``apply`` is ``Workspace.apply``, ``edit`` from the message to the redrawn screen.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
TODAY = "2025-11-20"
"""A fixed day: the same screens are built on every run."""

CHILD = r"""
import json, resource, sys, time
t0, c0 = time.perf_counter(), time.process_time()
launched = float(sys.argv[4])  # time.time() of the launcher just before the process started
from datetime import date
from pathlib import Path
import aptui.workspace as workspace_module
from aptui.tui.app import AptuiApp
from aptui.tui.screens.base import AptScreen
t_import, c_import = time.perf_counter(), time.process_time()
loading = []
original_init = workspace_module.Workspace.__init__

def timed_init(self, *args, **kwargs):
    start, cpu = time.perf_counter(), time.thread_time()
    original_init(self, *args, **kwargs)
    loading.append((time.perf_counter() - start, time.thread_time() - cpu))

workspace_module.Workspace.__init__ = timed_init
applied = []
original_apply = workspace_module.Workspace.apply

def timed_apply(self, *args, **kwargs):
    start = time.perf_counter()
    try:
        return original_apply(self, *args, **kwargs)
    finally:
        applied.append(time.perf_counter() - start)

workspace_module.Workspace.apply = timed_apply
edit_mode = len(sys.argv) > 5 and sys.argv[5] == "edit"
edited = []
width, height = (int(n) for n in sys.argv[3].split("x"))
ready = []
first = []
shown = []
failed = []

class Probe(AptuiApp):
    CSS_PATH = str(Path(sys.modules[AptuiApp.__module__].__file__).with_name(AptuiApp.CSS_PATH))

    def on_ready(self) -> None:  # the first frame: the loading screen (or already the dashboard)
        shown.append(time.time() - launched)
        self.set_interval(0.002, self.probe)

    def probe(self) -> None:
        # Usable: the school is open, the first main screen (an AptScreen, the dashboard) shows the
        # current revision with its numbers computed (``is_ready``), then one more frame is drawn.
        screen = self.screen
        if getattr(self, "open_failed", False):  # the loading screen says why: the measure fails, it does not wait
            failed.append(str(screen.query_one("#loading-error").render()))
            self.exit(return_code=3)
            return
        if not first and isinstance(screen, AptScreen) and screen.shown_revision >= 0:
            first.append(None)
            self.call_after_refresh(lambda: first.append((time.perf_counter(), time.process_time())))
        if not ready and isinstance(screen, AptScreen) and getattr(screen, "is_ready", screen.shown_revision >= 0):
            ready.append(type(screen).__name__)
            self.call_after_refresh(self.done)

    def done(self) -> None:
        ready.append((time.perf_counter(), time.process_time(), time.time() - launched))
        self.peak_at_ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if not edit_mode:
            self.exit()
            return
        # The first edit, at once (the warm-up has just started): a student moved between two groups
        # of a barrette, as bench_edit does; timed from the message posted to the screen redrawn.
        from aptui.edit import MoveStudent
        from aptui.tui.messages import EditRequested
        year = self.ctx.school.latest_year()
        found = None
        for period in reversed(year.sorted_periods()):
            groups = sorted(year.groups_of(period.id), key=lambda g: g.id)
            found = next(((period.id, s.id, t.id, s.students[0]) for s in groups for t in groups
                          if t.id != s.id and t.barrette == s.barrette and s.students), None)
            if found:
                break
        period, source, target, student = found
        edited.append(time.perf_counter())
        self.post_message(EditRequested(MoveStudent(year.id, period, student, source, target, "", None)))
        self.set_interval(0.002, self.edit_done)

    def edit_done(self) -> None:
        if applied and len(edited) == 1:
            edited.append(0.0)
            self.call_after_refresh(lambda: (edited.append(time.perf_counter()), self.exit()))

app = Probe(Path(sys.argv[1]), today=date.fromisoformat(sys.argv[2]), poll_seconds=0)
app.run(headless=True, size=(width, height))
if failed:
    sys.exit("l'application n'a pas ouvert l'école : " + failed[0])
writer = app.saving
if writer is not None:
    writer.wait(300)  # measured apart: the launch is over, the state must be there for the next one
print(json.dumps({"import": t_import - t0, "load": sum(w for w, _ in loading), "ready": ready[-1][0] - t0,
                  "cpu_import": c_import - c0, "cpu_load": sum(c for _, c in loading),
                  "cpu_ready": ready[-1][1] - c0, "first": first[-1][0] - t0 if first[-1] else 0.0,
                  "wall_ready": ready[-1][2], "shown": shown[0] if shown else 0.0,
                  "screen": ready[0], "cpu": sum(resource.getrusage(resource.RUSAGE_SELF)[:2]),
                  "peak_mb": app.peak_at_ready,
                  "peak_exit_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "writer_s": writer.seconds if writer is not None else 0.0,
                  "apply": applied[0] if applied else 0.0,
                  "edit": edited[-1] - edited[0] if len(edited) == 3 else 0.0,
                  "writer_peak_mb": writer.largest_mb if writer is not None else 0.0}))
"""


LAUNCH_TIMEOUT = 300
"""A launch that shows no first screen by then has hung: the measure fails and says so."""


def launch(school: Path, env: dict[str, str] | None, size: str = "120x40", edit: bool = False) -> dict[str, float]:
    """One headless launch.  ``wall``: from just before the process starts (interpreter start-up
    included) to the first usable screen, measured by the child against the launcher's clock (the
    exit, and the background save it waits for, are not in it).  With ``edit``, the first edit is made
    as soon as the first screen is usable: ``apply`` (Workspace.apply) and ``edit`` (posted → redrawn)."""
    start = time.perf_counter()
    try:
        proc = subprocess.run([PYTHON, "-c", CHILD, str(school), TODAY, size, repr(time.time()),
                               "edit" if edit else "-"],
                              capture_output=True, text=True, env=env, timeout=LAUNCH_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise SystemExit(f"l'application n'a pas montré de premier écran en {LAUNCH_TIMEOUT} s :\n"
                         f"{(exc.stderr or b'')[-3000:]!r}") from None
    outside = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"échec du lancement de l'application :\n{proc.stderr[-3000:]}")
    inside = json.loads(proc.stdout.strip().splitlines()[-1])
    return {"wall": inside["wall_ready"], "outside": outside, **inside}


def bench_measure(school: Path, runs: int, env: dict[str, str]) -> list[dict[str, object]]:
    """Launch to first usable screen; the school loading and the TUI's own share, one value per run."""
    launches = [launch(school, env) for _ in range(max(1, runs))]
    peak = max(float(run["peak_mb"]) for run in launches)
    # No saved state (after `aptui clone`, an upgrade): a fresh cache folder for each launch.
    colds = []
    for _ in range(max(1, runs // 2)):
        cold_env = {**env, "XDG_CACHE_HOME": str(Path(env.get("TMPDIR", "/tmp")) / f"aptui-bench-{time.time_ns()}")}
        colds.append(launch(school, cold_env))
        shutil.rmtree(cold_env["XDG_CACHE_HOME"], ignore_errors=True)
    return [
        {"name": "aptui tui à froid (sans état sauvegardé) : premier écran utilisable",
         "seconds": [r["wall"] for r in colds], "peak_mb": max(float(r["peak_mb"]) for r in colds),
         "target_mb": 400.0, "key": "tui_cold"},
        {"name": "aptui tui : lancement → premier écran utilisable", "seconds": [r["wall"] for r in launches],
         "peak_mb": peak, "target_s": 1.5, "key": "tui_warm"},
        {"name": "  dont chargement de l'école (Workspace)", "seconds": [r["load"] for r in launches],
         "peak_mb": peak},
        {"name": "  dont l'application (imports, écrans, premier rendu)",
         "seconds": [r["ready"] - r["load"] for r in launches], "peak_mb": peak},
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("school", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--cold", action="store_true", help="cache de lecture vide à chaque lancement")
    parser.add_argument("--edit", action="store_true", help="puis la première édition, dès l'écran utilisable")
    args = parser.parse_args()
    env = dict(os.environ)
    runs = []
    for _ in range(args.runs):
        if args.cold:
            env["XDG_CACHE_HOME"] = str(Path(os.environ.get("TMPDIR", "/tmp")) / f"aptui-bench-{time.time_ns()}")
        runs.append(launch(args.school, env, args.size, args.edit))
    keys = ["wall", "shown", "outside", "cpu", "import", "load", "first", "ready", "cpu_import", "cpu_load",
            "cpu_ready", "writer_s"] + (["apply", "edit"] if args.edit else [])
    for key in keys:
        values = [r[key] for r in runs]
        print(f"{key:>7} : médiane {statistics.median(values):.3f} s  ({', '.join(f'{v:.3f}' for v in values)})")
    tui = [r["ready"] - r["load"] for r in runs]
    print(f"    tui : médiane {statistics.median(tui):.3f} s (prêt − chargement de l'école)")
    tui_cpu = [r["cpu_ready"] - r["cpu_load"] for r in runs]
    print(f"tui cpu : médiane {statistics.median(tui_cpu):.3f} s, min {min(tui_cpu):.3f} s (temps processeur)")
    print(f"premier écran : {runs[0]['screen']}, mémoire max {max(r['peak_mb'] for r in runs):.0f} Mo "
          f"(à la sortie {max(r['peak_exit_mb'] for r in runs):.0f} Mo), "
          f"écrivain de l'état en fond : {max(r['writer_peak_mb'] for r in runs):.0f} Mo ; charge {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
