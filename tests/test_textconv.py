"""textconv's fast name reader says exactly what the YAML reader says, whatever the name (the app
writes student files with ruamel.yaml round-trip: quoted, plain, with accents, colons, hashes...)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from aptui.edit.roundtrip import dump_rt, load_rt, text_value
from aptui.gitsync.textconv import _first_and_last
from aptui.load.source import parse_source

NAMES = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(first=NAMES, last=NAMES)
def test_fast_names_equal_the_yaml_reader(tmp_path_factory: object, first: str, last: str) -> None:
    data = load_rt("id: e01\nnom: X\nprenom: Y\n")
    data["nom"], data["prenom"] = text_value(last), text_value(first)
    raw = dump_rt(data).encode("utf-8")
    path = Path(str(tmp_path_factory.mktemp("names"))) / "e01.yaml"  # type: ignore[attr-defined]
    path.write_bytes(raw)
    parsed, _ = parse_source(raw, "e01.yaml")
    assert parsed is not None
    assert _first_and_last(path.parent, path.name) == (parsed.data.get("prenom"), parsed.data.get("nom"))


def test_fast_names_on_the_sample_school() -> None:
    root = Path(__file__).resolve().parent.parent / "sample_school" / "students"
    for path in sorted(root.glob("*.yaml")):
        parsed, _ = parse_source(path.read_bytes(), path.name)
        assert parsed is not None
        assert _first_and_last(path.parent, path.name) == (parsed.data.get("prenom"), parsed.data.get("nom")), path
