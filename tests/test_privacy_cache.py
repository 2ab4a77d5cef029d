"""aptui's caches hold personal data: one private (0700) folder per school, never through a link, purged whole."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from aptui.gitsync.snapshot import StoredBlobs
from aptui.load.cache import cache_root, purge_school, school_folder


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def validate(root: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "aptui", "validate", str(root)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_cache_is_in_a_private_folder_of_the_school(mini_school: Path) -> None:
    validate(mini_school)
    folder = school_folder(mini_school)
    assert folder.parent.parent == cache_root() and cache_root() == Path(os.environ["XDG_CACHE_HOME"]) / "aptui"
    assert {p.name for p in folder.iterdir()} >= {"parsed.pickle", "checked.pickle", "model.pickle"}
    for path in (cache_root(), folder.parent, folder):
        assert mode(path) == 0o700, path
    for path in folder.iterdir():
        assert mode(path) & 0o077 == 0, path  # nobody else reads them
    assert str(mini_school) not in str(folder) and len(folder.name) == 16  # a hash, not the school's path


def test_an_old_world_readable_cache_folder_is_tightened_and_its_old_files_removed(mini_school: Path) -> None:
    root = cache_root()
    root.mkdir(parents=True, mode=0o755, exist_ok=True)
    root.chmod(0o755)
    legacy = root / "parsed-0123456789abcdef.pickle"
    legacy.write_bytes(b"old copy of the school")
    validate(mini_school)
    assert mode(root) == 0o700 and not legacy.exists()


def test_a_cache_folder_that_is_a_link_is_never_written_through(mini_school: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = cache_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    root.symlink_to(elsewhere, target_is_directory=True)
    validate(mini_school)  # works, only slower
    assert list(elsewhere.iterdir()) == []


def test_the_history_caches_are_the_school_s_and_purged_with_it(mini_school: Path) -> None:
    stored = StoredBlobs(mini_school, "history")
    stored.put_value("0" * 40, {"nom": "Dumas", "notes": "une note"})
    stored.save()
    assert (school_folder(mini_school) / "history-parsed.pickle").is_file()
    assert purge_school(mini_school) == [school_folder(mini_school)]
    assert not school_folder(mini_school).exists()
    assert StoredBlobs(mini_school, "history").store.entries == {}  # nothing of it left


@pytest.mark.parametrize("kind", ["checked", "model"])
def test_saved_states_are_in_the_school_folder(mini_school: Path, kind: str) -> None:
    from aptui.load.snapshot import snapshot_file

    assert snapshot_file(mini_school, kind).parent == school_folder(mini_school)


def test_a_cache_others_could_write_to_is_never_read(mini_school: Path) -> None:
    from aptui.load import snapshot

    validate(mini_school)
    assert snapshot.read(mini_school, "checked") is not None
    school_folder(mini_school).chmod(0o777)  # someone could have put a pickle (code) there
    assert snapshot.read(mini_school, "checked") is None
