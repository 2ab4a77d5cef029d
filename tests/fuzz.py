"""Fuzzing the loader (and the merge driver as a pure function) for a few minutes: no input may raise.

    .venv/bin/python -m tests.fuzz                      # 3 minutes over every target
    .venv/bin/python -m tests.fuzz --minutes 10 --target school
    .venv/bin/python -m tests.fuzz --target merge3 --seed 7

Seeds (in the repository): the hostile corpus (tests/fixtures/hostile/), the mini school's files and
tests/fixtures/fuzz/.  Hypothesis mutates them — bytes (YAML's special characters, control and
invalid UTF-8 bytes, splices of other seeds) and values (a random value, of any type, at a random
place, dumped back as YAML) — and each target checks:

* ``loader``: one file read as its role, every stage (parse, notes, schema, pruning, builder): no
  exception; every diagnostic located (line and column >= 1), short, French; what reaches the
  builder satisfies the schema (relaxed for missing or repeated items, as builders tolerate);
* ``school``: the mutated file dropped into a copy of the mini school, the whole load and the
  rules, then both renderers: no exception;
* ``merge3``: ``merge_texts(base, ours, theirs)`` on a school file, a value-mutation of it and a
  value- or byte-mutation or a file of the hostile corpus: no exception, a text always (what the
  bounded reader refuses is merged by git's line merge, with a short French reason).

A failure stops the run with hypothesis's smallest failing example and saves its bytes under
tests/fixtures/fuzz/found/ (add it to the hostile corpus once fixed).  Used with a small budget
by tests/test_fuzz_smoke.py in the normal test run.
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from hostile import HOSTILE, cases  # noqa: E402
from schema_support import relaxed_validator  # noqa: E402

from aptui.layout import Kind, classify  # noqa: E402
from aptui.load.build import assemble_school  # noqa: E402
from aptui.load.builders import contribution  # noqa: E402
from aptui.load.schemas import conform  # noqa: E402
from aptui.load.source import Document, content_digest, note_diagnostics, parse_source  # noqa: E402
from aptui.load.yamlread import parse_yaml  # noqa: E402

MINI = HERE / "fixtures" / "mini_school"
SEEDS_DIR = HERE / "fixtures" / "fuzz"
FOUND = SEEDS_DIR / "found"
ROLE_PATHS = {
    Kind.SCHOOL: "school.yaml", Kind.STAFF: "staff.yaml", Kind.STUDENT: "students/e09.yaml",
    Kind.YEAR: "years/2025-2026/year.yaml", Kind.DIVISION: "years/2025-2026/divisions/2MELEC1.yaml",
    Kind.GROUP: "years/2025-2026/groups/P1/G-APPRO.yaml", Kind.SESSIONS: "years/2025-2026/sessions/P1/G-APPRO.yaml",
    Kind.BILANS: "years/2025-2026/bilans/P1.yaml",
}
ENGLISH = ("found ", "expected", "while ", "could not", "not allowed", "control characters")


def school_seeds() -> list[tuple[str, bytes]]:
    """(path in the mini school, bytes) of every school file."""
    return [(p.relative_to(MINI).as_posix(), p.read_bytes()) for p in sorted(MINI.rglob("*.yaml"))]


def all_seeds() -> list[bytes]:
    seeds = [raw for _, raw in school_seeds()]
    seeds += [p.read_bytes() for p in sorted(HOSTILE.glob("*.yaml")) if p.name != "MANIFEST.yaml"]
    seeds += [p.read_bytes() for p in sorted(SEEDS_DIR.glob("*.yaml"))]
    return [seed for seed in seeds if len(seed) < 20_000]


SEEDS = all_seeds()
# the hostile corpus in full (the merge refuses what the bounded reader refuses: gitsync/hostile.py)
HOSTILE_SEEDS = [p.read_bytes() for p in sorted(HOSTILE.glob("*.yaml")) if p.name != "MANIFEST.yaml"]
TOKENS = [b":", b": ", b"- ", b"[", b"]", b"{", b"}", b",", b"&a ", b"*a", b"&b [*a, *a] ", b"!!int ", b"!x ",
          b"<<: ", b"'", b'"', b"\\", b"\t", b"\n", b"\n  ", b"\r\n", b"\x00", b"\x07", b"\x1b", b"\xff", b"\xc3",
          b"\xef\xbb\xbf", b"#", b" #", b"|", b">", b"? ", b"---\n", b"...\n", b"%YAML 1.1\n", b"9" * 30,
          b".inf", b".nan", b"2025-02-30", b"2025-11-31", b"0000-01-01", b"0123", b"~", b"null", b"no", b"14:30",
          b"<<<<<<< HEAD\n", b"=======\n", b">>>>>>> x\n", b"e03", b"P1", b"G-APPRO", b"adurand", b"present"]


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["insert", "insert", "delete", "replace", "splice", "binary"]))
        if operation == "insert":
            data[position:position] = draw(st.sampled_from(TOKENS))
        elif operation == "delete":
            del data[position:position + draw(st.integers(1, 12))]
        elif operation == "replace":
            data[position:position + 1] = draw(st.sampled_from(TOKENS))
        elif operation == "splice":
            other = draw(st.sampled_from(SEEDS))
            start = draw(st.integers(0, len(other)))
            data[position:position] = other[start:start + draw(st.integers(1, 80))]
        else:
            data[position:position] = draw(st.binary(min_size=1, max_size=6))
    return bytes(data)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=10)
    | st.sampled_from(["2025-09-16", "2025-02-30", "14:00", "e01", "e03", "present", "P1", "G-APPRO", "adurand",
                       "changement", "2nde"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6) | st.sampled_from(
        ["id", "date", "debut", "duree_min", "appel", "eleves", "seances", "barrettes", "bilans", "vers",
         "depuis", "arrivees", "divisions", "periodes"]), inner, max_size=4),
    max_leaves=10,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def mutated_values(draw: st.DrawFn, raw: bytes | None = None) -> bytes:
    """A school file with random values at random places, dumped back as YAML (valid YAML, wrong values)."""
    source = raw if raw is not None else draw(st.sampled_from([r for _, r in school_seeds()]))
    document = json.loads(json.dumps(parse_yaml(source.decode("utf-8")).data))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(document)))
        value = draw(JSON)
        if not path:
            document = value
            continue
        node = document
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    flow = draw(st.booleans())
    return yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow).encode("utf-8")


ANY_FILE = st.one_of(mutated_bytes(), mutated_values())


# --- targets ---------------------------------------------------------------------------------------

def check_one_file(raw: bytes, path: str) -> None:
    """Every stage of one file: no exception, located short French diagnostics, builders see schema-valid data."""
    role = classify(path)
    assert role is not None
    parsed, diagnostics = parse_source(raw, path)
    data = None
    if parsed is not None:
        diagnostics += note_diagnostics(parsed.notes, path)
        if parsed.data is not None:
            data, more = conform(role.kind, parsed.data, path, parsed.text)
            diagnostics += more
            if data is not None:
                errors = [e.message for e in relaxed_validator(role.kind).iter_errors(data)]
                assert errors == [], errors
    for diagnostic in diagnostics:
        assert diagnostic.loc.line >= 1 and diagnostic.loc.column >= 1, diagnostic
        assert len(diagnostic.message) < 400, diagnostic.message[:200]
        if diagnostic.code == "APT001":
            assert not any(word in diagnostic.message for word in ENGLISH), diagnostic.message
    doc = Document(path, role, content_digest(raw), data, diagnostics, parsed=parsed is not None, checked=True)
    contribution(doc)
    assemble_school("ecole", [doc])
    # the same bytes straight from git history (no schema stage before the builder)
    raw_data = parsed.data if parsed is not None else None
    contribution(Document(path, role, "x", raw_data, parsed=parsed is not None))


class SchoolCopy:
    """A copy of the mini school in which one file at a time is replaced, then restored."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="aptui-fuzz-")) / "school"
        shutil.copytree(MINI, self.root)
        self.files = [path for path, _ in school_seeds()] + ["students/e09.yaml"]

    def check(self, path: str, raw: bytes) -> None:
        from aptui.pipeline import load_school
        from aptui.render.diagnostics import format_json, format_text

        target = self.root / path
        before = target.read_bytes() if target.exists() else None
        target.write_bytes(raw)
        try:
            result = load_school(self.root, use_cache=False)
            format_text(result.diagnostics, self.root)
            format_json(result.diagnostics)
        finally:
            gc.unfreeze()  # the loader freezes what it loaded (pipeline.paused_gc): a long run would keep it all
            if before is None:
                target.unlink()
            else:
                target.write_bytes(before)


def merge3_seeds() -> list[tuple[str, bytes]]:
    return [(path, raw) for path, raw in school_seeds() if classify(path) is not None]


def _settings(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None, derandomize=False,
                    suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink],
                    print_blob=True)


def run_loader(examples: int, seed: int) -> None:
    @_settings(examples)
    @given(ANY_FILE, st.sampled_from(sorted(ROLE_PATHS.values())))
    def loader(raw: bytes, path: str) -> None:
        _saving(raw, lambda: check_one_file(raw, path))

    _seeded(loader, seed)


def run_school(examples: int, seed: int, school: SchoolCopy) -> None:
    @_settings(examples)
    @given(ANY_FILE, st.sampled_from(school.files))
    def whole_school(raw: bytes, path: str) -> None:
        _saving(raw, lambda: school.check(path, raw))

    _seeded(whole_school, seed)


def run_merge3(examples: int, seed: int) -> None:
    from aptui.gitsync.merge3 import merge_texts

    seeds = merge3_seeds()

    @_settings(examples)
    @given(st.sampled_from(seeds), st.data())
    def merge3(seed_file: tuple[str, bytes], data: st.DataObject) -> None:
        path, base = seed_file
        ours = data.draw(st.one_of(mutated_values(base), st.just(base)))
        # theirs: a value-mutation, a byte-mutation (any seed, hostile ones included), or a hostile file
        theirs = data.draw(st.one_of(mutated_values(base), mutated_bytes(), st.sampled_from(HOSTILE_SEEDS)))
        texts = [t.decode("utf-8", errors="replace") for t in (base, ours, theirs)]
        _saving(theirs, lambda: _merged(merge_texts(*texts, path)))

    _seeded(merge3, seed)


def _merged(result: Any) -> None:
    """A merge always gives a text; a version the bounded reader refuses is merged by git's line merge."""
    assert isinstance(result.text, str)
    if result.fallback is not None:
        assert len(result.fallback) < 300 and not any(word in result.fallback for word in ENGLISH), result.fallback



def _seeded(test: Callable[[], None], seed: int) -> None:
    from hypothesis import seed as with_seed

    with_seed(seed)(test)()


_LAST_FAILURE: list[bytes] = []  # the input of the last failing example: hypothesis replays the smallest last


def _saving(raw: bytes, check: Callable[[], None]) -> None:
    try:
        check()
    except Exception:
        _LAST_FAILURE[:] = [raw]
        raise


def _save_failure() -> None:
    if _LAST_FAILURE:
        FOUND.mkdir(parents=True, exist_ok=True)
        path = FOUND / f"crash-{content_digest(_LAST_FAILURE[0])[:12]}.yaml"
        path.write_bytes(_LAST_FAILURE[0])
        print(f"fuzz: failing input saved in {path}", file=sys.stderr)


TARGETS = ("loader", "school", "merge3")


def fuzz(minutes: float, targets: tuple[str, ...], seed: int, rounds_of: int = 200) -> dict[str, int]:
    """Rounds of examples (``rounds_of`` for the loader, a tenth for a whole school, a quarter for the merge)
    with seeds seed, seed+1, ... until the time is spent; the number of inputs tried per target."""
    deadline = time.monotonic() + minutes * 60
    examples = dict.fromkeys(targets, 0)
    school = SchoolCopy() if "school" in targets else None
    round_seed = seed
    try:
        while True:  # one round at least
            for target in targets:
                if target == "loader":
                    run_loader(rounds_of, round_seed)
                    examples[target] += rounds_of
                elif target == "school" and school is not None:
                    run_school(max(1, rounds_of // 10), round_seed, school)
                    examples[target] += max(1, rounds_of // 10)
                elif target == "merge3":
                    run_merge3(max(1, rounds_of // 4), round_seed)
                    examples[target] += max(1, rounds_of // 4)
            round_seed += 1
            if time.monotonic() >= deadline:
                break
    except Exception:
        _save_failure()
        raise
    finally:
        if school is not None:
            shutil.rmtree(school.root.parent, ignore_errors=True)
    return examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--target", choices=(*TARGETS, "all"), default="all")
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100_000)
    args = parser.parse_args(argv)
    targets = TARGETS if args.target == "all" else (args.target,)
    started = time.monotonic()
    print(f"fuzz: {', '.join(targets)} for {args.minutes} min, seed {args.seed}", flush=True)
    examples = fuzz(args.minutes, targets, args.seed)
    spent = time.monotonic() - started
    print(f"fuzz: no failure in {spent:.0f} s: " + ", ".join(f"{t} {n} inputs" for t, n in examples.items()))
    print(f"fuzz: hostile corpus of {len(cases())} cases, {len(SEEDS)} seeds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
