"""Students named by id where output may reach logs: validate piped, a conflicting sync's stderr, the hook
(tests/test_git_precommit.py); names on a terminal or with --names."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from test_git_support import ANNE, BRUNO, add_interview, clone, commit, make_remote, move_student

from aptui.render.names import NameMask, mask_for_folder, people_in_files

BROKEN_GROUP_STUDENTS = ("Yanis Bernier", "Zoé Arnaud")


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aptui", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def drop_students_file(school: Path) -> None:
    """Break the school so that messages name students: e01 and e02 lose their group (APT5xx)."""
    path = school / "years/2025-2026/groups/P2/G-APPRO.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - e01\n", "").replace("  - e02\n", ""), encoding="utf-8")


def test_the_mask_replaces_both_orders_and_the_name_before_an_id() -> None:
    mask = NameMask([("e01", "Zoé", "Arnaud"), ("e02", "Yanis", "Bernier"), ("e09", "Jean", "Marie-Rose")])
    assert mask.apply("Zoé Arnaud (e01) passe de A à B") == "e01 passe de A à B"
    assert mask.apply("élèves : Arnaud Zoé, Yanis  Bernier.") == "élèves : e01, e02."
    assert mask.apply("MARIE-ROSE Jean est absent") == "e09 est absent"
    assert mask.apply("Jean Marie-Rosette et Zoé Arnaudière") == "Jean Marie-Rosette et Zoé Arnaudière"
    # an excerpt of a personal line hides its value, whoever the student is
    assert mask.apply("    nom: Dupont\n      notes: Très fatigué.\n    eleve: e01") == (
        "    nom: …\n      notes: …\n    eleve: e01")


def test_a_masked_name_after_an_elided_de_reads_de_and_the_id() -> None:
    mask = NameMask([("e2025-005", "Inès", "Caron"), ("e2025-006", "Léa", "Martin")])
    assert mask.apply("appel d'Inès Caron, bilan de Léa Martin") == "appel de e2025-005, bilan de e2025-006"
    assert mask.apply("D’Inès Caron et qu'Inès Caron") == "De e2025-005 et que e2025-005"
    assert mask.apply("d'Arc, aujourd'hui") == "d'Arc, aujourd'hui"  # not an id: unchanged


def test_homonyms_are_not_guessed() -> None:
    mask = NameMask([("e01", "Léa", "Martin"), ("e07", "Léa", "Martin")])
    assert mask.apply("Léa Martin (e07) et Léa Martin") == "e07 et élève (e01, e07)"


def test_names_are_read_from_the_student_files_as_the_loader_reads_them(mini_school: Path) -> None:
    (mini_school / "students/e03.yaml").write_text(
        "id: e03\nnom: \"O'Brien\"  # quoted\nprenom: 'Anne-Sophie'\ndivisions: {}\n", encoding="utf-8")
    people = {i: (f, n) for i, f, n in people_in_files(mini_school)}
    assert people["e03"] == ("Anne-Sophie", "O'Brien")
    assert mask_for_folder(mini_school).apply("Anne-Sophie O'Brien (e03)") == "e03"


def test_validate_piped_names_no_student_but_with_names_or_on_a_terminal(mini_school: Path) -> None:
    drop_students_file(mini_school)
    piped = run_cli("validate", str(mini_school), "--no-cache")
    assert piped.returncode == 1
    assert "e01" in piped.stdout and "e02" in piped.stdout
    for name in BROKEN_GROUP_STUDENTS:
        assert name not in piped.stdout + piped.stderr
    as_json = run_cli("validate", str(mini_school), "--format", "json")
    assert not any(name in as_json.stdout for name in BROKEN_GROUP_STUDENTS)
    named = run_cli("validate", str(mini_school), "--names")
    assert all(name in named.stdout for name in BROKEN_GROUP_STUDENTS)
    in_ci = run_cli("validate", str(mini_school), env={"CI": "true"})
    assert not any(name in in_ci.stdout for name in BROKEN_GROUP_STUDENTS)
    assert all(name in terminal_output("validate", str(mini_school)) for name in BROKEN_GROUP_STUDENTS)


def terminal_output(*args: str) -> str:
    """What aptui prints on an interactive terminal (a pseudo-terminal), outside CI."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "aptui", *args], stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8", errors="replace").replace("\r\n", "\n")


def test_a_conflicting_sync_names_students_by_id_on_stderr(tmp_path: Path) -> None:
    bare = make_remote(tmp_path)
    anne, bruno = clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)
    move_student(anne, "e05", "G-APPRO", "G-METHODO", "2025-12-15", "Reprendre la méthode")
    commit(anne, "e05 passe en Méthodo")
    move_student(bruno, "e05", "G-APPRO", "G-PROJET", "2025-12-15", "Projet de stage")
    add_interview(bruno, "e02", "2025-12-10", "bpetit", "Point sur le projet")
    commit(bruno, "e05 passe en Projet pro")
    assert run_cli("sync", str(anne)).returncode == 0
    proc = run_cli("sync", str(bruno))
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert "Conflit" in proc.stderr and "e05" in proc.stderr
    assert "Lina Eymard" not in proc.stderr + proc.stdout  # e05's name, printed before masking
    named = run_cli("sync", str(bruno), "--no-push", env={"APTUI_NAMES": "1"})
    assert "Lina Eymard" in named.stderr
