"""Security of the data path: YAML is only ever loaded safely, nothing from the data is executed, and git hooks
or drivers are installed only by the commands that say so (install-git, init, demo)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import MINI_SCHOOL, REPO_ROOT

from aptui.load.source import parse_source

UNSAFE_YAML = re.compile(r"yaml\.(unsafe_load|full_load|load_all|load)\((?![^)]*Loader=\w*Safe)|"
                         r"YAML\(typ=['\"](unsafe|full)|UnsafeLoader|FullLoader|Loader=yaml\.Loader")


def test_no_unsafe_yaml_loader_anywhere_in_aptui() -> None:
    offenders = [f"{path.relative_to(REPO_ROOT)}:{number}"
                 for path in sorted((REPO_ROOT / "aptui").rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if UNSAFE_YAML.search(line)]
    assert offenders == []


def test_pickles_are_read_only_from_the_private_cache() -> None:
    readers = sorted(str(path.relative_to(REPO_ROOT)) for path in (REPO_ROOT / "aptui").rglob("*.py")
                     if "pickle.load" in path.read_text(encoding="utf-8"))
    # cache.py and snapshot.py check is_private first; parallel.py reads only the pipe of its own worker process
    assert readers == ["aptui/load/cache.py", "aptui/load/parallel.py", "aptui/load/snapshot.py"]


def test_python_tags_in_a_school_file_execute_nothing(tmp_path: Path) -> None:
    witness = tmp_path / "witness"
    witness.write_text("still here")
    evil = (f"id: e01\nnom: !!python/object/apply:os.remove [{str(witness)!r}]\n"
            f"prenom: !!python/object/new:os.system [\"touch {tmp_path}/pwned\"]\ndivisions: {{}}\n")
    from aptui.edit.roundtrip import load_rt

    parse_source(evil.encode(), "students/e01.yaml")
    load_rt(evil)
    school = shutil.copytree(MINI_SCHOOL, tmp_path / "ecole")
    (school / "students/e01.yaml").write_text(evil, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "aptui", "validate", str(school)], capture_output=True, text=True)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert witness.read_text() == "still here" and not (tmp_path / "pwned").exists()
    export = subprocess.run([sys.executable, "-m", "aptui", "export", "--student", "e01", str(tmp_path / "x"),
                             str(school)], capture_output=True, text=True)
    assert "Traceback" not in export.stderr
    assert witness.exists() and not (tmp_path / "pwned").exists()


def test_everyday_commands_install_no_hook_and_no_driver(tmp_path: Path) -> None:
    school = shutil.copytree(MINI_SCHOOL, tmp_path / "ecole")
    subprocess.run(["git", "init", "-q"], cwd=school, check=True)
    here = str(school)
    for args in (["validate", here], ["report", "budget", here], ["log", here], ["diff", "HEAD", here],
                 ["export", "--anonymize", str(tmp_path / "anon"), here],
                 ["export", "--student", "e01", str(tmp_path / "acces"), here]):
        proc = subprocess.run([sys.executable, "-m", "aptui", *args], capture_output=True, text=True, cwd=school)
        assert "Traceback" not in proc.stderr, args
    hooks = [p.name for p in (school / ".git/hooks").iterdir() if not p.name.endswith(".sample")]
    config = subprocess.run(["git", "config", "--local", "--list"], cwd=school, capture_output=True,
                            text=True).stdout
    assert hooks == [] and "aptui" not in config and not (school / ".gitattributes").exists()


def test_docs_privacy_names_what_the_code_stores_and_masks() -> None:
    """docs/privacy.md must match the code: every cache file, every folder, every masked command, every key."""
    from aptui.edit import journal
    from aptui.gitsync import conflicts, decisions, guard, pending
    from aptui.privacy import forget, pseudonyms
    from aptui.render import names

    doc = (REPO_ROOT / "docs/privacy.md").read_text(encoding="utf-8")
    expected = {"parsed.pickle", "checked.pickle", "model.pickle", "log-parsed.pickle", "history-parsed.pickle",
                "diff-parsed.pickle", f".git/aptui/{pseudonyms.KEY_FILE}", ".git/aptui/journal/",
                f".git/{guard.GUARD_DIR}/tree/", f".git/{guard.GUARD_DIR}/{guard.FACTS_FILE}",
                f".git/{pending.PENDING_FILE}", f".git/{decisions.DECISIONS_FILE}", f".git/{conflicts.CONFLICTS_DIR}/",
                "refs/notes/textconv/",
                names.NAMES_ENV, "--names", "--rewrite-history", forget.ERASED, pseudonyms.REMOVED, "0700",
                f"{journal.JOURNAL_FOLDER}/"}
    expected |= {f"aptui {command}" for command in names.MASKED_COMMANDS - {"pre-commit"}}
    expected |= {f"`{key}:`" for key in names.PERSONAL_KEYS if key not in ("naissance", "date_naissance", "ine")}
    assert sorted(item for item in expected if item not in doc) == []
