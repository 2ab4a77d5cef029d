"""Only regular files are read, links only into the school, sizes bounded, OS errors in French;
the Workspace (the app) and the renderers go through the same guard."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from aptui.load.guard import Refused, french_os_error, line_window, read_school_bytes, source_lines
from aptui.load.limits import Limits, current_limits, excerpt, parse_size
from aptui.workspace import Workspace


def test_links_are_followed_only_to_school_files_inside_the_school(mini_school: Path) -> None:
    students = mini_school / "students"
    (students / "inside.yaml").symlink_to("e03.yaml")
    assert read_school_bytes(mini_school, "students/inside.yaml") == (students / "e03.yaml").read_bytes()
    (mini_school / ".git").mkdir()
    (mini_school / ".git" / "config.yaml").write_text("token: secret\n")
    refused = {"outside.yaml": "/etc/passwd", "dotgit.yaml": "../.git/config.yaml", "up.yaml": "../../x.yaml",
               "notyaml.yaml": "../school.txt", "zero.yaml": "/dev/zero"}
    (mini_school / "school.txt").write_text("x")
    for name, target in refused.items():
        (students / name).symlink_to(target)
        with pytest.raises(Refused) as caught:
            read_school_bytes(mini_school, f"students/{name}")
        assert caught.value.code == "APT008"
        assert target not in caught.value.message and "secret" not in caught.value.message


def test_a_fifo_is_refused_without_blocking(mini_school: Path) -> None:
    os.mkfifo(mini_school / "students" / "e09.yaml")
    outcome: list[str] = []
    reader = threading.Thread(target=lambda: outcome.append(_code(mini_school, "students/e09.yaml")), daemon=True)
    reader.start()
    reader.join(10)
    assert outcome == ["APT009"]
    assert source_lines(mini_school, "students/e09.yaml") == []


def _code(root: Path, rel: str) -> str:
    try:
        read_school_bytes(root, rel)
    except Refused as refused:
        return refused.code
    return "read"


def test_the_size_limit_is_checked_before_reading_and_configurable(mini_school: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = mini_school / "students" / "e03.yaml"
    size = path.stat().st_size
    with pytest.raises(Refused) as caught:
        read_school_bytes(mini_school, "students/e03.yaml", Limits(max_file_bytes=size - 1))
    assert caught.value.code == "APT010" and "APTUI_MAX_FILE_SIZE" in caught.value.message
    assert read_school_bytes(mini_school, "students/e03.yaml", Limits(max_file_bytes=size)) == path.read_bytes()
    assert current_limits().max_file_bytes == 5_000_000
    monkeypatch.setenv("APTUI_MAX_FILE_SIZE", "20M")
    assert current_limits().max_file_bytes == 20_000_000
    monkeypatch.setenv("APTUI_MAX_FILE_SIZE", "n'importe quoi")
    assert current_limits().max_file_bytes == 5_000_000


@pytest.mark.parametrize(("text", "size"), [("5000000", 5_000_000), ("800k", 800_000), ("12M", 12_000_000),
                                            ("1.5 Mo", 1_500_000), ("2MB", 2_000_000), ("", None), ("-3", None)])
def test_sizes_are_read_in_the_units_people_write(text: str, size: int | None) -> None:
    assert parse_size(text) == size


def test_os_errors_are_french() -> None:
    assert french_os_error(PermissionError(errno.EACCES, "Permission denied")).startswith("permission refusée")
    assert french_os_error(OSError(errno.EIO, "Input/output error")) == "erreur d'entrée-sortie du disque"
    assert french_os_error(OSError(errno.EXDEV, "Invalid cross-device link")) == "erreur système EXDEV"


def test_excerpts_are_short_and_on_one_line() -> None:
    assert excerpt("a" * 1000) == "a" * 39 + "…"
    assert excerpt("ligne\nsuivante\x07") == "ligne suivante?"
    shown, column = line_window("x" * 10_000 + "^" + "y" * 10_000, 10_001)
    assert len(shown) <= 122 and shown[column - 1] == "^"
    assert line_window("court", 3) == ("court", 3)


def test_the_workspace_opens_and_reloads_a_school_with_a_fifo(mini_school: Path) -> None:
    """The app's reload after an edit reads changed files through the guard: a FIFO never blocks it."""
    os.mkfifo(mini_school / "students" / "e09.yaml")
    done: list[list[str]] = []

    def open_and_reload() -> None:
        workspace = Workspace(mini_school, use_cache=False)
        done.append([d.code for d in workspace.result.diagnostics])
        workspace.reload()
        done.append([d.code for d in workspace.result.diagnostics])

    worker = threading.Thread(target=open_and_reload, daemon=True)
    worker.start()
    worker.join(30)
    assert done == [["APT009"], ["APT009"]]
