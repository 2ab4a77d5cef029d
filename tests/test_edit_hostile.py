"""An edit never hands ruamel.yaml what the bounded reader refuses, and never reads a FIFO or a huge file.

(ruamel.yaml round-trip has no limit of its own: on the 5 MB flow list it builds millions of
commented nodes, on 5,000 levels of brackets it recurses.)  The refusal is a French EditRefused
or WriteFailed naming the file, and nothing is written.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from edit_support import files
from hostile import HOSTILE, dense_flow_list

from aptui.edit import apply_command
from aptui.edit.base import EditRefused
from aptui.edit.commands_students import AddInterview
from aptui.edit.files import TooBig, UnsafePath, WriteFailed

STUDENT = "students/e03.yaml"


def _interview() -> AddInterview:
    return AddInterview("e03", date(2025, 11, 4), "adurand", "Point d'étape")


@pytest.mark.parametrize("raw", [
    (HOSTILE / "billion-laughs.yaml").read_bytes(),
    b"id: e03\nnom: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    dense_flow_list(),
    b"id: e03\nnom: Caron\nrang: " + b"9" * 5001 + b"\n",
], ids=["billion-laughs", "deep-nesting", "dense-flow-list", "big-integer"])
def test_an_edit_refuses_a_file_the_bounded_reader_refuses(mini_school: Path, raw: bytes) -> None:
    (mini_school / STUDENT).write_bytes(raw)
    before = files(mini_school)
    with pytest.raises(EditRefused) as refused:
        apply_command(mini_school, _interview())
    assert str(refused.value).startswith(f"{STUDENT} est illisible (")
    assert files(mini_school) == before


def test_an_edit_never_blocks_on_a_fifo(mini_school: Path) -> None:
    path = mini_school / STUDENT
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(UnsafePath):
        apply_command(mini_school, _interview())


def test_an_edit_never_reads_a_file_over_the_size_limit(mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APTUI_MAX_FILE_SIZE", "2k")
    path = mini_school / STUDENT
    path.write_bytes(path.read_bytes() + b"# " + b"x" * 3000 + b"\n")
    with pytest.raises(TooBig) as refused:
        apply_command(mini_school, _interview())
    assert isinstance(refused.value, WriteFailed) and "fait plus de 2 ko" in refused.value.message


# Where ruamel.yaml round-trip reads, and why it only reads what the bounded reader accepted.
ROUND_TRIP_READERS = {
    "aptui/edit/base.py": "refusal() before load_rt (the file an edit changes)",
    "aptui/gitsync/merge3.py": "refusal_of() of the three versions first",
    "aptui/gitsync/mergecomments.py": "the sides merge3 accepted, and the dump of their merge",
    "aptui/gitsync/moves.py": "refusal() before load_rt",
    "aptui/gitsync/stages.py": "refusal() before load_rt",
    "aptui/privacy/forget.py": "refusal() before load_rt",
    "aptui/gen/history.py": "the generator's own files, just written by the writer",
}


def test_every_round_trip_read_is_behind_the_bounded_reader() -> None:
    root = Path(__file__).parent.parent
    readers = {}
    for path in sorted((root / "aptui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "load_rt(" in text.replace("def load_rt(", "") or "YAML(" in text:
            readers[path.relative_to(root).as_posix()] = text
    assert set(readers) - {"aptui/edit/roundtrip.py"} == set(ROUND_TRIP_READERS)
    for path in ("aptui/edit/base.py", "aptui/gitsync/moves.py", "aptui/gitsync/stages.py", "aptui/privacy/forget.py"):
        assert "refusal(" in readers[path], path
    assert "refusal_of(" in readers["aptui/gitsync/merge3.py"]
