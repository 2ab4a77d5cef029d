"""A hostile blob in a real git merge (the installed merge driver) or diff (textconv) never hangs
nor fills memory: the round-trip reader is only given what the bounded reader accepted; anything
else is merged by git's line merge, or shown as plain text, with a French message.

Each merge runs in a child whose address space is capped (1.5 GiB): without the bounded gate, the
billion laughs and the 5 MB flow list make ruamel.yaml / the merge build gigabytes and the driver
dies of MemoryError (a traceback, not the French message these tests expect).
"""

from __future__ import annotations

import os
import resource
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import HOSTILE, dense_flow_list
from test_git_support import git, seed_school

from aptui.gitsync.hostile import refusal
from aptui.gitsync.merge3 import WHOLE_FILE, merge_texts
from aptui.gitsync.runner import Git
from aptui.gitsync.stages import merge_unmerged

STUDENT = "students/e03.yaml"
CAP = 1536 * 1024 * 1024


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def run_git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C.UTF-8"}
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env,
                          preexec_fn=_capped, timeout=600, check=False)


def billion_laughs() -> bytes:
    return (HOSTILE / "billion-laughs.yaml").read_bytes()


def big_integer() -> bytes:
    return b"id: e03\nnom: Caron\nprenom: In\xc3\xa8s\nrang: " + b"9" * 5001 + b"\n"


def deep_nesting() -> bytes:
    return b"id: e03\nnom: " + b"[" * 5000 + b"]" * 5000 + b"\n"


def fifty_megabytes() -> bytes:
    return b"id: e03\nnom: Caron\nprenom: In\xc3\xa8s\nprojet_poursuite: " + b"x" * 50_000_000 + b"\n"


HOSTILE_BLOBS: dict[str, Callable[[], bytes]] = {
    "billion-laughs": billion_laughs,
    "big-integer": big_integer,
    "deep-nesting": deep_nesting,
    "dense-flow-list-5MB": dense_flow_list,
    "fifty-megabytes": fifty_megabytes,
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return seed_school(tmp_path / "school")


def _branch_with(repo: Path, raw: bytes) -> None:
    """Branch « autre » replaces e03's file by the hostile bytes; main edits the same file."""
    git(repo, "checkout", "-q", "-b", "autre")
    (repo / STUDENT).write_bytes(raw)
    git(repo, "commit", "-q", "-am", "Fichier hostile")
    git(repo, "checkout", "-q", "main")
    path = repo / STUDENT
    path.write_text(path.read_text(encoding="utf-8").replace("tuteur: adurand", "tuteur: bpetit"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Nouveau tuteur")


@pytest.mark.parametrize("name", sorted(HOSTILE_BLOBS))
def test_the_merge_driver_falls_back_to_git_line_merge(repo: Path, name: str) -> None:
    raw = HOSTILE_BLOBS[name]()
    _branch_with(repo, raw)
    merged = run_git(repo, "merge", "-q", "--no-edit", "autre")
    assert "Traceback" not in merged.stderr and "MemoryError" not in merged.stderr, merged.stderr[-2000:]
    assert "fusion ligne à ligne par git" in merged.stderr, merged.stderr[-2000:]
    text = (repo / STUDENT).read_bytes()
    # git's line merge: the two sides changed the same lines, so markers around both versions
    assert b"<<<<<<< local" in text and b">>>>>>> distant" in text
    assert b"tuteur: bpetit" in text
    assert raw.splitlines()[-1] in text  # the hostile side is there, whole, for the user to decide
    assert "UU " + STUDENT in git(repo, "status", "--porcelain")


def test_a_clean_line_merge_of_a_hostile_file_is_taken_as_git_would(repo: Path) -> None:
    """Theirs appends an alias bomb to a file ours did not touch near there: git merges it cleanly."""
    path = repo / STUDENT
    git(repo, "checkout", "-q", "-b", "autre")
    path.write_bytes(path.read_bytes() + b"\n" + billion_laughs())
    git(repo, "commit", "-q", "-am", "Bombe en fin de fichier")
    git(repo, "checkout", "-q", "main")
    path.write_text(path.read_text(encoding="utf-8").replace("nom: Caron", "nom: Caron-Lefort"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Nom composé")
    merged = run_git(repo, "merge", "-q", "--no-edit", "autre")
    assert merged.returncode == 0, merged.stderr[-2000:]
    assert "fusion ligne à ligne par git" in merged.stderr
    text = path.read_text(encoding="utf-8")
    assert "nom: Caron-Lefort" in text and "i: &i [*h" in text and "<<<<<<<" not in text


def test_textconv_shows_hostile_versions_as_plain_text(repo: Path) -> None:
    _branch_with(repo, billion_laughs())
    shown = run_git(repo, "log", "-p", "-1", "autre")
    assert shown.returncode == 0 and "Traceback" not in shown.stderr
    assert "texte brut" in shown.stderr
    assert "+a: &a [" in shown.stdout  # the blob as it is
    big = run_git(repo, "diff", "main", "autre", "--", STUDENT)
    assert big.returncode == 0 and "Traceback" not in big.stderr


def test_textconv_never_reads_a_blob_beyond_the_limit(repo: Path) -> None:
    _branch_with(repo, fifty_megabytes())
    shown = run_git(repo, "show", "autre", "--", STUDENT)
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert "version non lue par aptui : fichier trop gros (50,0 Mo" in shown.stdout
    assert "x" * 1000 not in shown.stdout
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1_000_000  # kB: never near the blob x 20


def test_textconv_follows_no_symlink_for_names(repo: Path) -> None:
    """A committed students/e99.yaml -> /dev/zero: naming e99 in a group's diff must not read it."""
    (repo / "students" / "e99.yaml").symlink_to("/dev/zero")
    group = repo / "years/2025-2026/groups/P1/G-APPRO.yaml"
    group.write_text(group.read_text(encoding="utf-8").replace("  - e08\n", "  - e08\n  - e99\n"), encoding="utf-8")
    shown = run_git(repo, "diff", "--", "years/2025-2026/groups/P1/G-APPRO.yaml")
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert "élève : e99" in shown.stdout  # the id, not a name read through the link


def test_merging_unmerged_paths_with_a_symlink_reads_nothing_through_it(repo: Path) -> None:
    """Theirs turns e03's file into a link to /dev/zero while ours edits it: git leaves it unmerged;
    aptui's merge of the stages never reads the link (nor hangs on it), it leaves it to the user."""
    path = repo / STUDENT
    git(repo, "checkout", "-q", "-b", "autre")
    path.unlink()
    path.symlink_to("/dev/zero")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Lien")
    git(repo, "checkout", "-q", "main")
    path.write_text(path.read_text(encoding="utf-8").replace("tuteur: adurand", "tuteur: bpetit"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Nouveau tuteur")
    run_git(repo, "merge", "-q", "--no-edit", "autre")
    outcome = merge_unmerged(Git(repo))
    assert STUDENT not in outcome.merged
    assert not path.is_symlink() or os.readlink(path) == "/dev/zero"


def test_aptui_merge_of_stages_leaves_a_huge_version_to_git(repo: Path) -> None:
    """A clone without the driver: git's own merge leaves the path unmerged; aptui does not read it."""
    git(repo, "config", "--remove-section", "merge.aptui")
    _branch_with(repo, fifty_megabytes())
    run_git(repo, "merge", "-q", "--no-edit", "autre")
    outcome = merge_unmerged(Git(repo))
    assert outcome.by_hand == [STUDENT]
    assert any("fusion ligne à ligne par git" in note and "50,0 Mo" in note for note in outcome.notes)


@pytest.mark.parametrize("name", ["billion-laughs", "big-integer", "deep-nesting", "dense-flow-list-5MB"])
def test_merge_by_meaning_refuses_what_the_bounded_reader_refuses(name: str) -> None:
    hostile = HOSTILE_BLOBS[name]().decode("utf-8")
    assert refusal(hostile) is not None
    base = "id: e03\nnom: Caron\n"
    result = merge_texts(base, base.replace("Caron", "Caron-Lefort"), hostile, STUDENT)
    assert result.fallback is not None
    assert [c.key for c in result.conflicts] == [WHOLE_FILE]


def test_every_sample_file_is_still_merged_by_meaning() -> None:
    root = Path(__file__).parent.parent / "sample_school"
    for path in sorted(root.rglob("*.yaml")):
        assert refusal(path.read_text(encoding="utf-8")) is None, path
