"""The hostile corpus (tests/fixtures/hostile/): each bad file gets its located diagnostic, nothing
else floods, nothing raises, nothing it points at is printed, and the costly ones stay cheap.

The costly cases run `aptui validate` on a copy of sample_school in a subprocess under resource
limits (a runaway case is stopped by them instead of filling the machine): the test checks the
answer and the memory the process used beyond a clean run; it never asserts a time.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI_SCHOOL, REPO_ROOT, SAMPLE_SCHOOL
from hostile import HOSTILE, Case, cases

from aptui.layout import Kind, classify
from aptui.load.build import assemble_school
from aptui.load.builders import contribution
from aptui.load.schemas import conform
from aptui.load.source import Document, content_digest, note_diagnostics, parse_source
from aptui.pipeline import load_school
from aptui.render.diagnostics import format_json, format_text

CASES = cases()
READERS = ("libyaml", "yaml-rs")  # APTUI_READER: the positioned reader alone, or the guarded fast path
WARNING_CODES = {"APT211", "APT102"}  # the notes of what waits on a broken file
PWNED = Path("/tmp/aptui-pwned")  # what tag-python.yaml would create if a tag were ever honoured


@pytest.fixture(autouse=True, params=READERS)
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test of the corpus runs with each reader (subprocesses inherit the choice)."""
    monkeypatch.setenv("APTUI_READER", request.param)
    return str(request.param)


def test_manifest_names_every_file_of_the_corpus() -> None:
    named = {case.file for case in CASES if case.file}
    on_disk = {p.name for p in HOSTILE.glob("*.yaml")} - {"MANIFEST.yaml"}
    assert named == on_disk


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_gets_its_located_diagnostic_and_nothing_floods(case: Case, mini_school: Path) -> None:
    PWNED.unlink(missing_ok=True)
    case.drop_into(mini_school)
    result = load_school(mini_school, use_cache=False)
    on_file = {(d.code, d.loc.line) for d in result.diagnostics if d.loc.path == case.into}
    for expected in case.expect:
        assert expected in on_file, f"{expected} not in {sorted(on_file)}"
    if case.exact_errors:
        errors = {(d.code, d.loc.path, d.loc.line) for d in result.errors}
        wanted = {(code, case.into, line) for code, line in case.expect if code not in WARNING_CODES}
        assert errors == wanted
    text = format_text(result.diagnostics, mini_school) + format_json(result.diagnostics)
    for secret in case.absent:
        assert secret not in text
    for shown in case.said:
        assert any(shown in d.message for d in result.diagnostics if d.loc.path == case.into)
    for diagnostic in result.diagnostics:  # a short excerpt of a value at most
        assert len(diagnostic.message) < 400, diagnostic.message[:200]
    assert all(len(line) < 500 for line in text.splitlines())
    assert not PWNED.exists()


ROLE_PATHS = {
    Kind.SCHOOL: "school.yaml", Kind.STAFF: "staff.yaml", Kind.STUDENT: "students/e09.yaml",
    Kind.YEAR: "years/2025-2026/year.yaml", Kind.DIVISION: "years/2025-2026/divisions/2MELEC1.yaml",
    Kind.GROUP: "years/2025-2026/groups/P1/G-APPRO.yaml", Kind.SESSIONS: "years/2025-2026/sessions/P1/G-APPRO.yaml",
    Kind.BILANS: "years/2025-2026/bilans/P1.yaml",
}


def per_file_stages(raw: bytes, path: str, checked: bool = True) -> None:
    """Every stage one file goes through, on its own (as the loader, or as git history reads it)."""
    role = classify(path)
    assert role is not None
    parsed, diagnostics = parse_source(raw, path)
    data = None
    if parsed is not None:
        diagnostics += note_diagnostics(parsed.notes, path)
        data = parsed.data
        if checked and data is not None:
            data, more = conform(role.kind, data, path, parsed.text)
            diagnostics += more
    doc = Document(path, role, content_digest(raw), data, diagnostics, parsed=parsed is not None, checked=checked)
    contribution(doc)
    assemble_school("ecole", [doc])
    for diagnostic in diagnostics:
        assert len(diagnostic.message) < 400


def corpus_inputs() -> list[tuple[str, bytes]]:
    """The corpus's files and the mini school's (the big generated ones are read in one role only)."""
    inputs = [(case.name, (HOSTILE / case.file).read_bytes()) for case in CASES if case.file]
    inputs += [(path.name, path.read_bytes()) for path in sorted(MINI_SCHOOL.rglob("*.yaml"))]
    return inputs


def test_no_input_of_the_corpus_raises_in_any_role() -> None:
    """Each bad file (and each good one) read as every kind of school file, checked or straight from git."""
    for _name, raw in corpus_inputs():
        for path in ROLE_PATHS.values():
            per_file_stages(raw, path)
            per_file_stages(raw, path, checked=False)
    for case in CASES:
        generated = case.content() if case.generate else None
        if generated is not None:
            per_file_stages(generated, case.into)


# --- the costly cases, in a subprocess under limits, on sample_school ----------------------------

# The peak RSS of this process: /proc's VmHWM (ru_maxrss would include the parent's, inherited at fork).
MEASURE = """
import contextlib, io, re, resource, sys
from aptui.cli.main import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
    code = main(["validate", "--no-cache", "--format", "json", sys.argv[1]])
try:
    peak = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
except (OSError, AttributeError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak)
print(code)
print(out.getvalue())
"""
MEMORY_CEILING = 2 << 30  # address space: a runaway case dies here instead of filling the machine
CPU_CEILING_S = 60


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_CEILING_S, CPU_CEILING_S))


def validate_measured(root: Path) -> tuple[int, int, list[dict[str, object]]]:
    """(max RSS in kB, exit code, diagnostics) of `aptui validate --no-cache` in a limited subprocess."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.run([sys.executable, "-c", MEASURE, str(root)], capture_output=True, text=True,
                          preexec_fn=_limits, env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rss, code, output = proc.stdout.split("\n", 2)
    return int(rss), int(code), json.loads(output)


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    if not (SAMPLE_SCHOOL / "school.yaml").is_file():
        pytest.skip("sample_school not generated")
    root = tmp_path_factory.mktemp("hostile") / "sample"
    shutil.copytree(SAMPLE_SCHOOL, root)
    rss, code, _ = validate_measured(root)
    assert code == 0
    return root, rss


COSTLY = [case for case in CASES if case.costly]


@pytest.mark.parametrize("case", COSTLY, ids=[c.name for c in COSTLY])
def test_costly_case_answers_within_200_mb(case: Case, sample_copy: tuple[Path, int]) -> None:
    root, clean_rss = sample_copy
    path = case.drop_into(root)
    try:
        rss, code, diagnostics = validate_measured(root)
    finally:
        path.unlink()
    assert code == 1
    found = {(d["code"], d["line"]) for d in diagnostics if d["path"] == case.into}
    assert set(case.expect) <= found
    assert (rss - clean_rss) / 1024 < 200, f"{case.name}: {rss // 1024} MB, clean run {clean_rss // 1024} MB"
