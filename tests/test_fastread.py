"""The guarded fast reader (load/fastread.py) and positions on demand (load/lazypos.py): what it lets
through reads as the positioned reader reads it, with the same positions once asked; everything else
falls back to the positioned reader; a school loads to the same diagnostics with either reader."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI_SCHOOL, REPO_ROOT, SAMPLE_SCHOOL
from hostile import Case, cases
from hypothesis import given, settings
from hypothesis import strategies as st
from test_yaml_reader import SCALARS, school_files

from aptui.diagnostics import Loc
from aptui.gen import generate_school
from aptui.layout import classify
from aptui.load import fastread, lazypos
from aptui.load.builders import contribution
from aptui.load.lazypos import KEY, VALUE, LazySource, settle
from aptui.load.source import Document, content_digest
from aptui.load.yamlread import YamlSyntaxError, parse_yaml
from aptui.pipeline import load_school, read_document

pytestmark = pytest.mark.skipif(fastread._yaml_rs is None, reason="yaml-rs wheel not installed")
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


def same(fast: Any, slow: Any) -> bool:
    """Equal values, types and order of keys (``1``, ``1.0`` and ``True`` are not the same)."""
    if isinstance(fast, dict) and isinstance(slow, dict):
        return list(fast) == list(slow) and all(same(fast[k], slow[k]) for k in fast)
    if isinstance(fast, list) and isinstance(slow, list):
        return len(fast) == len(slow) and all(same(a, b) for a, b in zip(fast, slow))
    return type(fast) is type(slow) and fast == slow


def agrees_with_the_positioned_reader(text: str) -> None:
    """What the fast reader returns, the positioned one reads too: same values, no remark, no refusal."""
    fast = fastread.read_fast(text)
    if fast is None:
        return
    slow = parse_yaml(text)  # raises if it refuses what the fast reader let through
    assert slow.notes == [], (text, slow.notes)
    assert same(fast, slow.data), (text, fast, slow.data)


# -- the switch ---------------------------------------------------------------------------------
def test_reader_is_yaml_rs_by_default_and_libyaml_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fastread.READER_ENV, raising=False)
    assert fastread.reader() == "yaml-rs"
    monkeypatch.setenv(fastread.READER_ENV, "libyaml")
    assert fastread.reader() == "libyaml"
    monkeypatch.setenv(fastread.READER_ENV, "yaml-rs")
    assert fastread.reader() == "yaml-rs"


def test_without_the_wheel_the_positioned_reader_reads_everything(mini_school: Path) -> None:
    code = (
        "import sys, json; sys.modules['yaml_rs'] = None\n"  # the import fails, as on a platform without wheel
        "from aptui.load import fastread; from aptui.pipeline import load_school\n"
        f"r = load_school(__import__('pathlib').Path({str(mini_school)!r}), use_cache=False)\n"
        "print(json.dumps([fastread.reader(), [d.lazy is None for d in r.documents.values()],"
        " [d.as_dict() for d in r.diagnostics]]))\n"
    )
    env = {**os.environ, fastread.READER_ENV: "yaml-rs"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                         cwd=REPO_ROOT).stdout
    name, positioned, diagnostics = json.loads(out)
    assert name == "libyaml" and positioned and all(positioned)
    assert diagnostics == [d.as_dict() for d in load_school(mini_school, use_cache=False).diagnostics]


# -- the guard ----------------------------------------------------------------------------------
DOUBTFUL = [
    "a: &x 1\nb: *x\n", "a: !!int 3\n", "<<: {a: 1}\n", "a: 1\n---\nb: 2\n", "%YAML 1.2\n---\na: 1\n",
    "a: 1\n...\n", "a: \"\\x41\"\n", "a:\n\tb: 1\n", "a: 1\rb: 2\n", "a: |\r\n  x\r\n", "a: >\r\n", "a: b\x07\n", "a: b\x00c\n",
    "a: _0\n", "a: -_1.5\n", "a: 0X1F\n", "a: .5e3\n", "a: 1e_5\n", "a: 4e6_\n", "a: [b:, c]\n", "a: {b: 1}\n",
    "? a\n: 1\n", "l:\n  - : y\n", "a: |\nb: 2\n", "a: >\n", "a: .inf\n", "a: .nan\n", f"a: {2**60}\n",
    "a: 1\na: 2\n", "a: no\n", "a: 14:30\n", "no: 1\n", "a: \"14:30\"\nb: 14:30\n", "k" * 1100 + ": 1\n",
    "- a\n- b\n", "a\n", "", "# rien\n", "a:" + " [" * 80 + "\n", "a: x\u2028y\n", "a: x\u2029\n", "a: x\x85y\n",
    "\u2028a: 1\n", "a: 0_e1_\n", "a: x # !\n", "a: !x\n", "a: ! x\n", "- !!str 1\n", 'a: &x "&*"\nb: *x\n',
    "a: & b\n", "- *\n", "a: b\x7f\n", "a: b\x9f\n", "a: b\ufffe\n", "a: b\ud800\n", "a: b\x0c\n", "a: 1\n%TAG ! x\n",
]


@pytest.mark.parametrize("text", DOUBTFUL)
def test_what_might_read_otherwise_goes_to_the_positioned_reader(text: str) -> None:
    assert fastread.read_fast(text) is None


def test_every_character_str_isprintable_accepts_is_one_libyaml_reads() -> None:
    # safe_text asks the character class of libyaml only of a text that str.isprintable refuses (cheaper)
    printable = "".join(char for char in map(chr, range(0x110000)) if char.isprintable())
    assert len(printable) > 100_000 and fastread._NOT_PRINTABLE.search(printable) is None


def test_deep_nesting_and_many_values_go_to_the_positioned_reader() -> None:
    deep = "".join("  " * i + f"k{i}:\n" for i in range(70)) + "  " * 70 + "v\n"
    assert fastread.read_fast(deep) is None
    many = "".join(f"k{i}: {i}\n" for i in range(70_000))
    assert fastread.read_fast(many) is None


def test_quoted_traps_and_ordinary_files_are_read_fast() -> None:
    assert fastread.read_fast('debut: "14:30"\nflag: "no"\nautre: \'oui\'\n') == {
        "debut": "14:30", "flag": "no", "autre": "oui"}
    assert fastread.read_fast('bilan: Bravo !\nnote: "Attention !"\n') == {"bilan": "Bravo !", "note": "Attention !"}
    assert fastread.read_fast("motif: maths & français\nnote: 2 * 3\n") == {"motif": "maths & français", "note": "2 * 3"}
    assert all(fastread.read_fast(p.read_text(encoding="utf-8")) is not None for p in school_files())


def test_every_hostile_file_is_refused_by_the_guard_or_read_as_the_positioned_reader_reads_it() -> None:
    for path in sorted(HOSTILE.glob("*.yaml")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        agrees_with_the_positioned_reader(text)


CONTEXTS = ["cle: {}\n", "{}: 1\n", "l:\n  - {}\n", 'cle: "{}"\n', "cle: '{}'\n", "cle: [{}, x]\n",
            "cle: {{a: {}}}\n", "a:\n  b: {}\n  c: 2\n", "- {}\n- x\n", "cle: >\n  {}\n", "cle: |\n  {}\n  x\n",
            "cle: {}\nautre: {}\n", "# {}\ncle: 1\n", "cle: 1 # {}\n", "cle:\n  {}\n", "cle: [{}]\n",
            "cle: [a, {}]\n", "- [{}, b]\n"]
PIECES = st.one_of(SCALARS, st.text("0123456789_.+-eExXoObBaAfFnNyY:~ #'\"[]{},?|>@`%!&*\\", min_size=1,
                                     max_size=8),
                   st.text(min_size=1, max_size=6),  # any character (U+2028, U+0085... are line breaks to libyaml)
                   st.text("ab :-#'\"0\u2028\u2029\x85\xa0\u3000\ufeff\U0001f600", min_size=1, max_size=6))


@settings(max_examples=600, deadline=None)
@given(PIECES, st.sampled_from(CONTEXTS))
def test_random_documents_read_fast_read_as_the_positioned_reader_reads_them(piece: str, context: str) -> None:
    text = context.replace("{}", piece).replace("{{", "{").replace("}}", "}")
    try:
        parse_yaml(text)
    except YamlSyntaxError:
        assert fastread.read_fast(text) is None, text  # never accepted where aptui refuses
        return
    agrees_with_the_positioned_reader(text)


# -- positions on demand ------------------------------------------------------------------------
def _documents(root: Path, reader: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Document]:
    monkeypatch.setenv(fastread.READER_ENV, reader)
    docs = {}
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        role = classify(rel)
        if role is not None:
            docs[rel] = read_document(root, rel, role, None)
    return docs


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gen") / "school"
    generate_school(root, students=60, years=2, seed=31)
    return root


@pytest.mark.parametrize("school", ["sample", "generated"])
def test_every_position_of_every_entity_is_the_positioned_readers(
        school: str, generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = SAMPLE_SCHOOL if school == "sample" else generated
    slow = _documents(root, "libyaml", monkeypatch)
    fast = _documents(root, "yaml-rs", monkeypatch)
    assert all(d.lazy is None for d in slow.values())
    assert sum(d.lazy is not None for d in fast.values()) == len(fast)  # every ordinary file went fast
    for rel in slow:
        # contributions compare every Loc: entities, fields (Located.at), marks, list items, bilans' keys
        assert contribution(fast[rel]) == contribution(slow[rel]), rel


def test_a_pending_loc_finds_its_place_and_pickles_with_its_key_path(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text("# note\ngroupes:\n  - id: G1\n    eleves:\n      - e1\n      - e2\n",
                                     encoding="utf-8")
    raw = (tmp_path / "f.yaml").read_bytes()
    source = LazySource(str(tmp_path), "f.yaml", content_digest(raw), raw)
    item = Loc.later("f.yaml", source, ("groupes", 0, "eleves", 1), VALUE)
    key = Loc.later("f.yaml", source, ("groupes", 0, "eleves"), KEY)
    assert item.pending
    again = pickle.loads(pickle.dumps(item))  # without the bytes: read again from the file
    assert (item.line, item.column) == (6, 9) and not item.pending
    assert again == item and hash(again) == hash(Loc("f.yaml", 6, 9)) and again == Loc("f.yaml", 6, 9)
    assert (key.line, key.column) == (4, 5)
    assert Loc.later("f.yaml", source, (), VALUE) == Loc("f.yaml", 2, 1)
    (tmp_path / "f.yaml").write_text("autre: 1\n", encoding="utf-8")
    lazypos._trees.clear()  # as in another process: only the file is left
    moved = pickle.loads(pickle.dumps(Loc.later("f.yaml", source, ("groupes", 0), VALUE)))
    assert (moved.line, moved.column) == (0, 0)  # the file changed since: position unknown, never a wrong line
    settle([moved, item])


# -- whole schools ------------------------------------------------------------------------------
def _broken_copy(source: Path, target: Path) -> Path:
    """A copy whose rules say a lot: every 20th student removed (unknown in groups, marks and bilans)."""
    shutil.copytree(source, target)
    for index, student in enumerate(sorted((target / "students").glob("*.yaml"))):
        if index % 20 == 3:
            student.unlink()
    return target


@pytest.mark.parametrize("school", ["sample", "mini", "generated", "windows"])
def test_a_whole_school_gives_the_same_diagnostics_with_either_reader(
        school: str, generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = {"sample": SAMPLE_SCHOOL, "mini": MINI_SCHOOL, "generated": generated, "windows": SAMPLE_SCHOOL}[school]
    root = _broken_copy(source, tmp_path / "school")
    if school == "windows":  # saved by a Windows editor: « \r\n » line ends, read fast too
        for path in root.rglob("*.yaml"):
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
        monkeypatch.setenv(fastread.READER_ENV, "yaml-rs")
        assert all(d.lazy is not None for d in load_school(root, use_cache=False).documents.values())
    said = {}
    for reader in ("libyaml", "yaml-rs"):
        monkeypatch.setenv(fastread.READER_ENV, reader)
        said[reader] = [d.as_dict() for d in load_school(root, use_cache=False).diagnostics]
    assert said["yaml-rs"] == said["libyaml"]
    assert len(said["libyaml"]) > 3 and all(d["line"] > 0 for d in said["libyaml"])


CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_hostile_case_gives_the_same_diagnostics_and_positions_with_either_reader(
        case: Case, mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case.drop_into(mini_school)
    said = []
    for reader in ("libyaml", "yaml-rs"):
        monkeypatch.setenv(fastread.READER_ENV, reader)
        said.append([d.as_dict() for d in load_school(mini_school, use_cache=False).diagnostics])
    assert said[1] == said[0]


def test_the_saved_state_keeps_pending_positions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _broken_copy(SAMPLE_SCHOOL, tmp_path / "school")
    monkeypatch.setenv(fastread.READER_ENV, "yaml-rs")
    cold = load_school(root)  # writes the saved state, pending Locs and all
    warm = load_school(root)
    assert [d.as_dict() for d in warm.diagnostics] == [d.as_dict() for d in cold.diagnostics]
    student = next(iter(warm.school.students.values()))
    monkeypatch.setenv(fastread.READER_ENV, "libyaml")
    positioned = load_school(root, use_cache=False)
    assert student.src == positioned.school.students[student.id].src


# -- documents as the writer writes them ----------------------------------------------------------
TEXTS = st.one_of(st.text(max_size=12), SCALARS, st.sampled_from(["14:30", "no", "On", "_0", ".5e3", "a: b", "- x",
                                                                  "#", "'", '"', "\\", "é à", "\t", "x\ny", ""]))
LEAVES = st.one_of(TEXTS, st.integers(-(2**60), 2**60), st.floats(allow_nan=True, allow_infinity=True),
                   st.booleans(), st.none())
TREES = st.recursive(LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(TEXTS, inner, max_size=4)), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(TEXTS, TREES, min_size=1, max_size=4))
def test_documents_written_by_ruamel_read_fast_as_the_positioned_reader_reads_them(data: dict[str, Any]) -> None:
    import io

    from ruamel.yaml import YAML

    out = io.StringIO()
    YAML().dump(data, out)  # the round-trip writer aptui edits with: its quoting, its flow lists, its escapes
    agrees_with_the_positioned_reader(out.getvalue())


WORDS = ["a", "cle", "x y", "14:30", '"14:30"', "'no'", "no", "1", "-1", "0.5", "true", "~", "", " ", "é", "[]", "{}",
         "[a, b]", "'a''b'", "a#b", "a #b", "-", "- -", ":", "a:b", "a: b", "'", '"', "2025-09-01", "1_0", "0x1f", ".5",
         "1e3", "..", "%", "@x", ",", "]", "}", "x'"]
LINES = st.lists(st.tuples(st.sampled_from([0, 1, 2, 3, 4, 6]), st.sampled_from(["", "- ", "-  ", "-"]),
                           st.sampled_from(["", "k: ", "k:", "'k': ", *[w + ": " for w in WORDS]]),
                           st.sampled_from(WORDS), st.sampled_from(["", " # c", "#c"])), min_size=1, max_size=6)


@settings(max_examples=500, deadline=None)
@given(LINES, st.sampled_from(["\n", "", "\n\n", "\n  \n"]))
def test_random_indented_lines_read_fast_read_as_the_positioned_reader_reads_them(
        lines: list[tuple[int, str, str, str, str]], end: str) -> None:
    text = "\n".join(" " * indent + dash + key + value + comment for indent, dash, key, value, comment in lines) + end
    try:
        parse_yaml(text)
    except YamlSyntaxError:
        assert fastread.read_fast(text) is None, text
        return
    agrees_with_the_positioned_reader(text)


def test_a_file_nested_deeper_than_any_school_file_never_reaches_yaml_rs(tmp_path: Path) -> None:
    nested = "eleves:\n  " + "- " * 100_000 + "x\n"  # a list a level per two characters: ~20,000 crash yaml-rs
    # a stack overflow in yaml-rs is a crash of the whole app (not an exception): the guard sends such a
    # file to the positioned reader, which refuses it with its limits
    source = tmp_path / "nested.yaml"
    source.write_text(nested, encoding="utf-8")
    code = ("import sys; from pathlib import Path; from aptui.load import fastread; "
            "print(fastread.read_fast(Path(sys.argv[1]).read_text(encoding='utf-8')))")
    run = subprocess.run([sys.executable, "-c", code, str(source)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-500:]
    assert run.stdout.strip() == "None"
    with pytest.raises(YamlSyntaxError):
        parse_yaml(nested)
