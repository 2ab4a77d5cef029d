"""Edits that are whole or nothing: a real process killed at every step (and at random) of a two-file move.

The kill points are hooked deterministically (``APTUI_CRASH_AT=k`` makes the
writer SIGKILL itself at its k-th step); random SIGKILLs from the parent hit
anywhere else.  After each kill, the next start (``aptui validate``, or the
recovery the app runs) must find the move whole or absent, and no temporary
file anywhere in the working tree (where ``git add -A`` would commit it).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from edit_support import GROUPS_P2, YEAR, files

from aptui.edit import MoveStudent, RenameGroup, apply_command
from aptui.edit import journal as jr
from aptui.edit import journal_recover as jrr
from aptui.edit.files import FileChange, UnsafePath, WriteFailed
from aptui.load.source import parse_source

METHODO = f"{GROUPS_P2}/G-METHODO.yaml"
APPRO = f"{GROUPS_P2}/G-APPRO.yaml"
CHILD = """
import sys
from pathlib import Path
from aptui.edit import MoveStudent, apply_command
apply_command(Path(sys.argv[1]), MoveStudent("2025-2026", "P2", "e06", "G-METHODO", "G-APPRO", "", None))
"""
LOOP_CHILD = """
import sys
from pathlib import Path
from aptui.edit import MoveStudent, apply_command
from aptui.load.source import parse_source
root = Path(sys.argv[1])
print("ready", flush=True)
while True:
    raw = (root / "years/2025-2026/groups/P2/G-METHODO.yaml").read_bytes()
    here = "e06" in parse_source(raw, "g.yaml")[0].data["eleves"]
    source, target = ("G-METHODO", "G-APPRO") if here else ("G-APPRO", "G-METHODO")
    apply_command(root, MoveStudent("2025-2026", "P2", "e06", source, target, "", None))
"""


def members(root: Path, path: str) -> list[str]:
    parsed, diags = parse_source((root / path).read_bytes(), path)
    assert parsed is not None and not [d for d in diags if d.is_error], diags
    return list(parsed.data["eleves"])


def where_is_e06(root: Path) -> list[str]:
    """The groups of P2 (of the two a move touches) that list e06: exactly one when no edit is half done."""
    return [name for name, path in (("G-METHODO", METHODO), ("G-APPRO", APPRO)) if "e06" in members(root, path)]


def stray_files(root: Path, start: dict[str, bytes]) -> list[str]:
    """Files in the tree other than the school's own (temporary copies, a journal in the tree...)."""
    return sorted(p for p in files(root) if p not in start and not p.startswith(".git/"))


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def make_repo(root: Path) -> None:
    git(root, "init", "-q")
    git(root, "-c", "user.name=T", "-c", "user.email=t@x.invalid", "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@x.invalid", "commit", "-qm", "init")


def check_whole(root: Path, start: dict[str, bytes], after_move: dict[str, bytes]) -> None:
    """Both files hold their old bytes, or both their new bytes; nothing else in the tree; journal empty."""
    now = {path: (root / path).read_bytes() for path in (METHODO, APPRO)}
    old = {path: start[path] for path in (METHODO, APPRO)}
    assert now in (old, after_move), "half-applied edit"
    assert len(where_is_e06(root)) == 1
    assert stray_files(root, start) == []
    folder = jr.journal_dir(root)
    assert not folder.is_dir() or not [p for p in folder.iterdir() if p.is_dir()]


@pytest.fixture
def moved_bytes(mini_school: Path, tmp_path: Path) -> dict[str, bytes]:
    """The two group files as the move writes them (computed on a separate copy)."""
    import shutil

    other = shutil.copytree(mini_school, tmp_path / "reference")
    apply_command(other, MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", None))
    return {path: (other / path).read_bytes() for path in (METHODO, APPRO)}


@pytest.mark.parametrize("in_repo", [False, True], ids=["folder", "git"])
def test_a_move_killed_at_each_step_is_whole_or_absent_at_the_next_start(
        mini_school: Path, moved_bytes: dict[str, bytes], in_repo: bool) -> None:
    import shutil

    pristine = mini_school.parent / "pristine"
    shutil.copytree(mini_school, pristine)
    outcomes: list[tuple[int, bool, str]] = []
    for step in range(1, 30):
        shutil.rmtree(mini_school)
        shutil.copytree(pristine, mini_school)
        if in_repo:
            make_repo(mini_school)
        start = files(mini_school)
        env = {**os.environ, jr.CRASH_ENV: str(step)}
        child = subprocess.run([sys.executable, "-c", CHILD, str(mini_school)], env=env, capture_output=True)
        if child.returncode == 0:
            break  # the edit ran to its end: every step has been tried
        assert child.returncode == -signal.SIGKILL, child.stderr.decode()
        half = len(where_is_e06(mini_school)) != 1
        # the next start: the real CLI, which completes or drops the interrupted edit first
        proc = subprocess.run([sys.executable, "-m", "aptui", "validate", str(mini_school)],
                              capture_output=True, text=True)
        assert "Traceback" not in proc.stderr
        check_whole(mini_school, start, moved_bytes)
        if in_repo:
            status = git(mini_school, "status", "--porcelain", "--untracked-files=all")
            assert all(line[3:] in (METHODO, APPRO) for line in status.splitlines()), status
        done = {p: (mini_school / p).read_bytes() for p in (METHODO, APPRO)} == moved_bytes
        outcomes.append((step, half, "faite" if done else "absente"))
    steps = len(outcomes)
    assert steps >= 5, outcomes  # plan, two staged files, the marker, the first rename, ...
    assert any(half for _, half, _ in outcomes), "no kill point fell between the two renames"
    assert {"faite", "absente"} <= {outcome for *_, outcome in outcomes}


def test_random_kills_of_a_process_moving_a_student_back_and_forth(mini_school: Path) -> None:
    """50 real processes, each SIGKILLed at a random moment in a loop of two-file moves."""
    make_repo(mini_school)
    start = files(mini_school)
    rng = random.Random(20251120)
    kinds = {"G-METHODO": 0, "G-APPRO": 0}
    half_before_recovery = 0
    for _ in range(50):
        child = subprocess.Popen([sys.executable, "-c", LOOP_CHILD, str(mini_school)], stdout=subprocess.PIPE)
        assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait()
        half_before_recovery += len(where_is_e06(mini_school)) != 1
        assert jrr.recover(mini_school, sweep=True) is not None
        [group] = where_is_e06(mini_school)
        kinds[group] += 1
        for path in (METHODO, APPRO):
            assert members(mini_school, path)  # parses, still a group
        assert stray_files(mini_school, start) == []
        status = git(mini_school, "status", "--porcelain", "--untracked-files=all")
        assert all(line[3:] in (METHODO, APPRO) for line in status.splitlines()), status
    assert all(kinds.values()), kinds  # the kills fell at different moments of the loop


def test_a_crash_after_the_first_rename_is_rolled_back_if_the_other_file_changed_since(
        mini_school: Path, moved_bytes: dict[str, bytes]) -> None:
    start = files(mini_school)
    env = {**os.environ, jr.CRASH_ENV: "5"}  # plan, 2 staged files, marker, first rename: killed there
    subprocess.run([sys.executable, "-c", CHILD, str(mini_school)], env=env, check=False)
    touched = [p for p in (APPRO, METHODO) if (mini_school / p).read_bytes() != start[p]]
    untouched = [p for p in (APPRO, METHODO) if p not in touched]
    assert len(touched) == 1, "the kill did not fall between the two renames"
    edited = start[untouched[0]] + "# modifié dans un éditeur\n".encode()
    (mini_school / untouched[0]).write_bytes(edited)
    [line] = jrr.recover(mini_school)
    assert "annulée" in line
    assert (mini_school / touched[0]).read_bytes() == start[touched[0]]  # back to its old bytes
    assert (mini_school / untouched[0]).read_bytes() == edited  # the other writer's bytes are kept


def test_recovery_never_touches_the_transaction_of_a_live_writer(mini_school: Path) -> None:
    folder = jr.journal_dir(mini_school, create=True)
    live = folder / "0123456789abcdef"
    live.mkdir()
    (live / jr.PLAN).write_text("[]")
    with jr.locked(folder, jr.fcntl.LOCK_SH):  # as a writer holds it
        assert jrr.recover(mini_school) == []
        assert live.is_dir()
    assert jrr.recover(mini_school) == []  # no marker: dropped silently once the writer is gone
    assert not live.exists()


def test_older_temporary_files_are_swept_when_the_app_opens_the_school(mini_school: Path) -> None:
    stray = mini_school / GROUPS_P2 / ".aptui-write-k3j2h1"
    stray.write_bytes((mini_school / METHODO).read_bytes())
    from aptui.workspace import Workspace

    workspace = Workspace(mini_school)
    assert not stray.exists()
    assert workspace.recovered and ".aptui-write-k3j2h1" in workspace.recovered[0]


def test_no_temporary_file_is_ever_written_in_the_tree(mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file created during an edit is in the journal, outside the working tree."""
    created: list[str] = []
    real_open = os.open

    def spying_open(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if flags & os.O_CREAT:
            created.append(str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(jr.os, "open", spying_open)
    apply_command(mini_school, MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", None))
    assert created and not [p for p in created if Path(p).is_relative_to(mini_school)]


def test_writes_refuse_to_go_through_a_symbolic_link(mini_school: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(b"titre: dehors\n")
    link = mini_school / GROUPS_P2 / "G-LIEN.yaml"
    link.symlink_to(outside)
    with pytest.raises(UnsafePath) as caught:
        apply_command(mini_school, jr_rename("G-LIEN"))
    assert "lien symbolique" in caught.value.message
    (mini_school / "years/2025-2026/groups/P9").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(UnsafePath):
        jr_write(mini_school, FileChange("years/2025-2026/groups/P9/outside.yaml", b"titre: dehors\n", b"x: 1\n"))
    assert outside.read_bytes() == b"titre: dehors\n"


def test_a_read_only_folder_is_a_french_error_and_nothing_changes(mini_school: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")  # the app test below simulates it for root too
    start = files(mini_school)
    (mini_school / GROUPS_P2).chmod(0o555)
    try:
        with pytest.raises(WriteFailed) as caught:
            apply_command(mini_school, MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", None))
    finally:
        (mini_school / GROUPS_P2).chmod(0o755)
    assert "droit d'écriture refusé" in caught.value.message
    assert files(mini_school) == start


def jr_rename(group: str) -> RenameGroup:
    return RenameGroup(YEAR, "P2", group, "Nouveau titre")


def jr_write(root: Path, change: FileChange) -> None:
    from aptui.edit import write_all

    write_all(root, [change])


def test_a_journal_on_another_file_system_stages_beside_the_target_ignored_by_git_and_swept(
        mini_school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When .git is on another file system, the new bytes wait next to their target: git must ignore them, and
    the recovery must remove them after a crash."""
    make_repo(mini_school)
    start = files(mini_school)
    folder = jr.journal_dir(mini_school, create=True)
    real_device = jr._device
    monkeypatch.setattr(jr, "_device", lambda path: -7 if folder in (path, *path.parents) else real_device(path))
    pid = os.fork()
    if pid == 0:  # the child: killed right after staging its first file beside the target
        os.environ[jr.CRASH_ENV] = "2"
        try:
            apply_command(mini_school, MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", None))
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    staged = [p for p in files(mini_school) if Path(p).name.startswith(jr.TEMP_PREFIX)]
    assert staged, "nothing was staged beside the target"
    assert git(mini_school, "status", "--porcelain", "--untracked-files=all") == ""  # .git/info/exclude
    jrr.recover(mini_school)
    assert files(mini_school) == {**start, **{p: b for p, b in files(mini_school).items() if p.startswith(".git/")}}
    apply_command(mini_school, MoveStudent(YEAR, "P2", "e06", "G-METHODO", "G-APPRO", "", None))  # and it works
    assert where_is_e06(mini_school) == ["G-APPRO"] and stray_files(mini_school, start) == []
