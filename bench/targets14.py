"""The targets of issue 14 (cold start), measured in one run with the libyaml floor; used by bench/run.py.

    .venv/bin/python bench/run.py --issue14 [--runs 3]     # only these measures (a few minutes)

(The whole suite, ``bench/run.py`` without option, prints the issue's table from its own measures,
``issue14_report``; this module measures only what that table needs, cold and warm, in ~2.5 min.)

"No saved state" is an empty cache folder (XDG_CACHE_HOME) for each launch: what a teacher meets
after ``aptui clone`` or an upgrade.  "Warm" is a second launch on the cache the first one left.
"First usable screen" (bench_tui_startup): the school is open and the dashboard, the first main
screen, shows the current revision with its numbers computed (``is_ready``), then one more frame is
drawn; the loading screen before it is timed apart (« premier affichage »).  Timed from just before
the process starts; the saved state is written afterwards by a child (load/background.py), whose
time and peak memory are printed apart.
The first edit is measured twice: ``Workspace.apply`` of one student move right after opening the
school (bench_edit's child), and in the app itself (bench_tui_startup ``edit``: posted as soon as
the dashboard is usable, while the background warm-up runs), cold and warm.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import bench_edit
import bench_tui_startup
from run import FLOOR, Measure, cli_run, repeat, run_python

OWN_READER = """
import pathlib
from aptui.load.yamlread import parse_yaml
root = pathlib.Path(sys.argv[1])
for p in root.rglob('*.yaml'):
    parse_yaml(p.read_text(encoding='utf-8'))
"""
"""The project's own reader alone over every file: 2 to 3 times faster than CSafeLoader (bench_readers)."""

# "no regression" of warm validate, with the same threshold as bench/run.py
WARM_VALIDATE_S = 0.3  # as bench/run.py: timed from outside, Python start-up included


@dataclass
class Target:
    measure: Measure
    now: str  # the "now" column
    target: str
    held: bool
    memory: bool = False  # the row is the peak memory of its measure, not its time


def fresh_cache(env: dict[str, str]) -> dict[str, str]:
    """The environment with an empty cache folder of its own (no saved state)."""
    copy = dict(env)
    folder = tempfile.mkdtemp(prefix="aptui-bench14-")
    atexit.register(shutil.rmtree, folder, True)  # each cold state is ~30 MB: removed at the end
    copy["XDG_CACHE_HOME"] = folder
    return copy


def first_edit(school: Path, env: dict[str, str], cold: bool) -> tuple[float, float, float]:
    """(open, first apply, peak MB) of one fresh process: open the school, move one student once."""
    copy = bench_edit.prepare(school)
    child_env = fresh_cache(env) if cold else env
    if not cold:
        subprocess.run([bench_edit.PYTHON, "-m", "aptui", "validate", str(copy)], env=child_env, capture_output=True)
    proc = subprocess.run([bench_edit.PYTHON, "-c", bench_edit.CHILD, str(copy), "2"], env=child_env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"échec de la mesure de la première édition :\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return float(result["open"]), float(result["apply"][0]), float(result["peak_mb"])


def app_edits(school: Path, env: dict[str, str], runs: int) -> list[dict[str, float]]:
    """The first edit in the app (bench_tui_startup ``edit``), cold and warm in turn, on bench_edit's git
    copy; each edit changes the school, so a warm run first opens it once to save its state."""
    copy = bench_edit.prepare(school)
    found = []
    for run in range(max(2, runs)):
        child_env = fresh_cache(env)
        if run % 2:
            bench_tui_startup.launch(copy, child_env)  # leaves its saved state
        found.append(bench_tui_startup.launch(copy, child_env, edit=True))
    return found


def measure(school: Path, runs: int, env: dict[str, str], floor: Measure | None = None,
            cold_validate: Measure | None = None, warm_validate: Measure | None = None) -> list[Target]:
    """Every target of the issue; the measures already taken by run.py are reused, not repeated."""
    if floor is None:
        floor = Measure("plancher : lecture libyaml de chaque fichier", *repeat(runs, lambda: run_python(FLOOR, str(school))))
    if cold_validate is None:
        cold_validate = Measure("aptui validate à froid (--no-cache)",
                                *repeat(runs, lambda: cli_run(["validate", str(school), "--no-cache"], fresh_cache(env))))
    if warm_validate is None:
        cli_run(["validate", str(school)], env)
        warm_validate = Measure("aptui validate à chaud", *repeat(runs, lambda: cli_run(["validate", str(school)], env)))
    own = Measure("lecture seule par parse_yaml (le lecteur du projet), processus neuf",
                  *repeat(runs, lambda: run_python(OWN_READER, str(school))))
    cold_launches = [bench_tui_startup.launch(school, fresh_cache(env)) for _ in range(runs)]
    warm_env = fresh_cache(env)
    bench_tui_startup.launch(school, warm_env)  # leaves its saved state
    warm_launches = [bench_tui_startup.launch(school, warm_env) for _ in range(runs)]
    cold_app = Measure("application, premier écran utilisable (tableau de bord), sans état sauvegardé",
                       [r["wall"] for r in cold_launches], max(float(r["peak_mb"]) for r in cold_launches))
    shown = Measure("  dont premier affichage (écran « Chargement de l'école… »), à froid",
                    [r["shown"] for r in cold_launches], cold_app.peak_mb)
    writer = Measure("  puis l'état sauvegardé, écrit en fond par un processus fils (son temps, sa mémoire max)",
                     [r["writer_s"] for r in cold_launches], max(float(r["writer_peak_mb"]) for r in cold_launches))
    warm_app = Measure("application, premier écran utilisable (tableau de bord), à chaud",
                       [r["wall"] for r in warm_launches], max(float(r["peak_mb"]) for r in warm_launches))
    edits = [first_edit(school, env, cold=run % 2 == 0) for run in range(max(2, runs))]
    edit = Measure("première édition après l'ouverture (Workspace.apply, froid et chaud)",
                   [e[1] for e in edits], max(e[2] for e in edits))
    in_app = app_edits(school, env, runs)
    app_edit = Measure("première édition dans l'application, dès l'écran utilisable (Workspace.apply ; froid et chaud)",
                       [r["apply"] for r in in_app], max(float(r["peak_mb"]) for r in in_app))
    app_edit_total = Measure("  la même, du message à l'écran redessiné (commit git compris)",
                             [r["edit"] for r in in_app], app_edit.peak_mb)
    f = floor.median
    return [
        Target(floor, "2,27 s (CSafeLoader, 4 731 fichiers)", "—", True),
        Target(own, "—", "— (information : la lecture que validate paie)", True),
        Target(cold_validate, "1,03–1,37 × plancher", "≤ 0,5 × plancher", cold_validate.median <= 0.5 * f),
        Target(cold_app, "5,8–8,4 s (1,78 × plancher)", "≤ 1,0 × plancher", cold_app.median <= 1.0 * f),
        Target(shown, "écran vide pendant tout le chargement", "— (information)", True),
        Target(writer, "2,2 s et +100 Mo dans l'application", "— (hors du chemin critique)", True),
        Target(warm_app, "1,32 s", "≤ 0,8 s", warm_app.median <= 0.8),
        Target(edit, "jusqu'à 9,2 s", "≤ 0,3 s (chaque essai)", max(edit.seconds) <= 0.3),
        Target(app_edit, "jusqu'à 9,2 s", "≤ 0,3 s (chaque essai)", max(app_edit.seconds) <= 0.3),
        Target(app_edit_total, "—", "— (information)", True),
        Target(Measure("mémoire max, ouverture à froid (Mo)", cold_app.seconds, cold_app.peak_mb),
               "370 Mo", "≤ 250 Mo", cold_app.peak_mb <= 250, memory=True),
        Target(warm_validate, "0,07–0,11 s", f"≤ {WARM_VALIDATE_S} s (pas de régression)",
               warm_validate.median <= WARM_VALIDATE_S),
    ]


def _reader() -> str:
    """The bulk reader the measured commands use (APTUI_READER, load/fastread.py)."""
    from aptui.load.fastread import reader

    return reader()


def table(targets: list[Target]) -> str:
    floor = targets[0].measure.median
    lines = [
        f"Cibles de l'issue 14 ({time.strftime('%Y-%m-%d %H:%M')}, charge {os.getloadavg()[0]:.1f}, "
        f"{os.cpu_count()} cœurs, lecteur {_reader()}) :",
        "",
        "| mesure | maintenant : médiane (essais) | × plancher | mémoire max | avant (issue) | cible | tenue |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in targets:
        m = t.measure
        runs = ", ".join(f"{s:.2f}" for s in m.seconds)
        now, ratio = (f"{m.peak_mb:.0f} Mo", "—") if t.memory else (f"{m.median:.2f} s ({runs})", f"{m.median / floor:.2f}")
        lines.append(f"| {m.name} | {now} | {ratio} | {m.peak_mb:.0f} Mo | "
                     f"{t.now} | {t.target} | {'—' if t.target.startswith('—') else 'oui' if t.held else '**NON**'} |")
    return "\n".join(lines)
