"""Bulk YAML readers compared with the project's reader (issue 14): speed, equality, hostile corpus.

    .venv/bin/python bench/bench_readers.py [SCHOOL] [--runs 3]

Readers (each optional: a missing wheel is reported, not fatal):

* ``aptui``   — ``aptui.load.yamlread.parse_yaml`` (libyaml events, positions, limits, notes);
* ``csafe``   — PyYAML ``CSafeLoader`` (YAML 1.1: the floor of bench/run.py, not a candidate);
* ``yaml-rs`` — ``yaml_rs.loads`` (Rust, YAML 1.2 core);
* ``ryml``    — rapidyaml: ``parse`` alone (a tree in C++, no Python value), and ``parse`` plus
  building Python values in Python with the project's YAML 1.2 scalar rules (what a reader needs).

Equality is checked against ``parse_yaml`` on every file of sample_school and of SCHOOL: dates
(``datetime.date``) count equal to their ISO text (the project keeps ISO strings), nothing else is
normalised, and types are compared (``True`` is not ``1``, ``1.0`` is not ``1``).  The hostile
corpus (tests/fixtures/hostile/) is read by each candidate: accepted or refused, compared with the
project's reader (refused, or accepted with which remarks).  No assertion: a table is printed.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import yaml  # noqa: E402

from aptui.load.yamlread import _IMPLICIT, YamlSyntaxError, _to_int, parse_yaml  # noqa: E402

Reader = Callable[[str], Any]


def _optional(name: str) -> Any:
    try:
        return __import__(name)
    except ImportError:
        return None


yaml_rs = _optional("yaml_rs")
ryml = _optional("ryml")


def read_aptui(text: str) -> Any:
    return parse_yaml(text).data


def read_csafe(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - the C *safe* loader


def read_yaml_rs(text: str) -> Any:
    return yaml_rs.loads(text)


def parse_ryml(text: str) -> Any:
    return ryml.parse_in_arena(text.encode("utf-8"))


def _ryml_scalar(tree: Any, node: int, quoted: bool, raw: memoryview) -> Any:
    if raw is None:
        return None
    text = bytes(raw).decode("utf-8")
    if quoted:
        return text
    for tag, regexp in _IMPLICIT.get(text[:1], ()):
        if regexp.match(text):
            if tag.endswith("null"):
                return None
            if tag.endswith("bool"):
                return text in ("true", "True", "TRUE")
            if tag.endswith("int"):
                return _to_int(text)  # the project's own conversion (YAML 1.2: 0755 is 755)
            return float(text.replace("_", ""))
    return text


def read_ryml(text: str) -> Any:
    """Python values from rapidyaml's tree, plain scalars resolved with the project's YAML 1.2 rules."""
    tree = parse_ryml(text)
    root = tree.root_id()
    if tree.is_stream(root):
        child = tree.first_child(root)
        root = child if child != ryml.NONE else root
        if root == tree.root_id():
            return None
    return _ryml_node(tree, root)


def _ryml_node(tree: Any, node: int) -> Any:
    if tree.is_map(node):
        result: dict[Any, Any] = {}
        child = tree.first_child(node)
        while child != ryml.NONE:
            key = _ryml_scalar(tree, child, tree.is_key_quoted(child), tree.key(child))
            result[key] = _ryml_value(tree, child)
            child = tree.next_sibling(child)
        return result
    if tree.is_seq(node):
        items = []
        child = tree.first_child(node)
        while child != ryml.NONE:
            items.append(_ryml_value(tree, child))
            child = tree.next_sibling(child)
        return items
    if tree.has_val(node):
        return _ryml_scalar(tree, node, tree.is_val_quoted(node), tree.val(node))
    return None


def _ryml_value(tree: Any, node: int) -> Any:
    if tree.is_map(node) or tree.is_seq(node):
        return _ryml_node(tree, node)
    return _ryml_scalar(tree, node, tree.is_val_quoted(node), tree.val(node))


def canonical(value: Any) -> Any:
    """A comparable form: types kept (bool/int/float/str distinct), dates as their ISO text."""
    if isinstance(value, dict):
        return ("map", tuple(sorted(((canonical(k), canonical(v)) for k, v in value.items()), key=repr)))
    if isinstance(value, list):
        return ("seq", tuple(canonical(v) for v in value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return ("str", value.isoformat())
    return (type(value).__name__, value)


def first_difference(a: Any, b: Any, where: str = "") -> str:
    """Where two canonical forms first differ, and how (for the report)."""
    if a == b:
        return ""
    if a[0] in ("map", "seq") and a[0] == b[0] and len(a[1]) == len(b[1]):
        for x, y in zip(a[1], b[1], strict=True):
            found = first_difference(x, y, f"{where}/{x[0][1] if a[0] == 'map' else '#'}")
            if found:
                return found
    return f"{where or '/'}: {a!r:.80} ≠ {b!r:.80}"


def school_files(root: Path) -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in sorted(root.rglob("*.yaml")) if ".git" not in p.parts]


def timing(reader: Reader, texts: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            reader(text)
        times.append(time.perf_counter() - start)
    return times


def equality(name: str, reader: Reader, files: list[tuple[Path, str]]) -> tuple[int, Counter[str], list[str]]:
    """Files read equal to parse_yaml; kinds of differences; a few examples."""
    equal, kinds, examples = 0, Counter[str](), []
    for path, text in files:
        try:
            ours = canonical(read_aptui(text))
        except YamlSyntaxError:
            ours = ("refused", None)
        try:
            theirs = canonical(reader(text))
        except Exception as exc:  # noqa: BLE001 - any failure of a candidate is a finding
            theirs = ("refused", type(exc).__name__)
        if ours == theirs:
            equal += 1
            continue
        diff = first_difference(ours, theirs)
        kinds[diff.split(":", 1)[1].split("≠")[0].strip()[:40] if ":" in diff else diff] += 1
        if len(examples) < 6:
            examples.append(f"{path.name}: {diff}")
    return equal, kinds, examples


def hostile(readers: dict[str, Reader]) -> list[str]:
    """Each hostile file read by the project's reader and each candidate: refused, or accepted (+ remarks)."""
    from hostile import cases

    lines = ["| cas | aptui (libyaml) | " + " | ".join(readers) + " |", "|---|---|" + "---|" * len(readers)]
    for case in cases():
        data = case.content()
        if data is None:
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            lines.append(f"| {case.name} | refusé (pas UTF-8, avant tout lecteur) |" + " — |" * len(readers))
            continue
        try:
            parsed = parse_yaml(text)
            notes = sorted({n.kind for n in parsed.notes})
            ours = "accepté" + (f" ({', '.join(notes)})" if notes else "")
            ours_canon: Any = canonical(parsed.data)
        except YamlSyntaxError as exc:
            ours, ours_canon = f"refusé : {str(exc.message)[:50]}", ("refused",)
        cells = []
        for reader in readers.values():
            start = time.perf_counter()
            try:
                value = canonical(reader(text))
                cell = "accepté, même valeur" if value == ours_canon else "accepté, **valeur différente**"
            except RecursionError:
                cell = "RecursionError"
            except Exception as exc:  # noqa: BLE001
                cell = f"refusé ({type(exc).__name__})"
            elapsed = time.perf_counter() - start
            if elapsed > 0.5:
                cell += f" en {elapsed:.1f} s"
            cells.append(cell)
        lines.append(f"| {case.name} | {ours} | " + " | ".join(cells) + " |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("school", nargs="?", type=Path,
                        default=HERE / "out" / "school-1500-3-7")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-hostile", action="store_true")
    args = parser.parse_args()
    big = school_files(args.school)
    sample = school_files(ROOT / "sample_school")
    size = sum(len(t.encode("utf-8")) for _, t in big)
    print(f"École : {args.school} ({len(big)} fichiers, {size / 1e6:.1f} Mo) ; sample_school : {len(sample)} fichiers")
    print(f"yaml_rs : {getattr(yaml_rs, '__version__', 'présent') if yaml_rs else 'absent'} ; "
          f"ryml : {getattr(ryml, '__version__', 'présent') if ryml else 'absent'}")
    readers: dict[str, Reader] = {"aptui parse_yaml": read_aptui, "PyYAML CSafeLoader": read_csafe}
    if yaml_rs is not None:
        readers["yaml_rs.loads"] = read_yaml_rs
    if ryml is not None:
        readers["ryml parse seul (arbre C++)"] = parse_ryml
        readers["ryml + valeurs Python"] = read_ryml
    texts = [t for _, t in big]
    print("\n| lecteur | médiane (s) | essais (s) | × parse_yaml |\n|---|---|---|---|")
    base = None
    for name, reader in readers.items():
        times = timing(reader, texts, args.runs)
        median = statistics.median(times)
        base = base or median
        print(f"| {name} | {median:.3f} | {', '.join(f'{t:.2f}' for t in times)} | {median / base:.2f} |", flush=True)
    candidates = {k: v for k, v in readers.items() if k not in ("aptui parse_yaml", "ryml parse seul (arbre C++)")}
    for label, files in (("sample_school", sample), (args.school.name, big)):
        print(f"\nÉgalité avec parse_yaml sur {label} ({len(files)} fichiers) :")
        for name, reader in candidates.items():
            equal, kinds, examples = equality(name, reader, files)
            print(f"  {name} : {equal}/{len(files)} égaux" + (f" ; écarts : {dict(kinds.most_common(5))}" if kinds else ""))
            for example in examples[:3]:
                print(f"      {example}")
    if not args.skip_hostile:
        print("\nCorpus hostile (tests/fixtures/hostile/) :")
        print("\n".join(hostile({k: v for k, v in candidates.items() if k != "PyYAML CSafeLoader"})))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
