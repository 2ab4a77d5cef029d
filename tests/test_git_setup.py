"""install-git (drivers, attributes, hook), textconv, commits in domain words, CI files,
the command log, and the CLI entry points."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_git_support import (
    ANNE,
    YEAR,
    add_interview,
    commit,
    git,
    move_student,
    seed_school,
    set_mark,
    take_attendance,
)

from aptui.cli import diff as diff_cli
from aptui.cli import gitsetup
from aptui.cli import log as log_cli
from aptui.cli import sync as sync_cli
from aptui.gitsync.commit import commit_all, commit_edits
from aptui.gitsync.install import install_git
from aptui.gitsync.runner import CommandLog, Git, classify_remote_error
from aptui.gitsync.textconv import render


@pytest.fixture()
def school(tmp_path: Path) -> Path:
    return seed_school(tmp_path / "school")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="aptui")
    subparsers = root.add_subparsers()
    for module in (diff_cli, log_cli, sync_cli, gitsetup):
        module.add_parser(subparsers)
    return root


def run_cli(*argv: str) -> int:
    args = parser().parse_args(list(argv))
    return int(args.run(args))


def test_install_git_sets_drivers_attributes_and_hook(school: Path) -> None:
    report = install_git(school)
    assert not report.attributes_changed  # the seed already has the line
    assert "merge-driver %O %A %B %P" in git(school, "config", "merge.aptui.driver")
    assert git(school, "config", "diff.aptui.xfuncname").strip() == "^([^ ].*)$"
    assert git(school, "config", "diff.aptui.cachetextconv").strip() == "true"
    hook = (school / ".git/hooks/pre-commit").read_text(encoding="utf-8")
    assert "pre-commit" in hook and "# aptui pre-commit hook" in hook


def test_install_git_commits_attributes_and_keeps_a_foreign_hook(tmp_path: Path) -> None:
    repo = seed_school(tmp_path / "s")
    (repo / ".gitattributes").unlink()
    commit(repo, "sans attributs")
    foreign = repo / ".git/hooks/pre-commit"
    foreign.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    report = install_git(repo)
    assert report.attributes_changed
    assert git(repo, "log", "-1", "--format=%s").strip() == "Pilotes git d'aptui pour les fichiers de l'école"
    assert foreign.read_text(encoding="utf-8") == "#!/bin/sh\nexit 0\n"
    assert any("Un autre hook pre-commit existe" in m for m in report.messages)


def test_pre_commit_hook_refuses_a_school_with_errors(school: Path) -> None:
    install_git(school)
    add_interview(school, "e01", "2025-12-11", "adurand", "RAS")
    git(school, "add", "-A")
    git(school, "commit", "-q", "-m", "valide")
    (school / f"{YEAR}/groups/P2/G-APPRO.yaml").write_text(
        (school / f"{YEAR}/groups/P2/G-APPRO.yaml").read_text(encoding="utf-8").replace("  - e01\n", ""),
        encoding="utf-8")
    git(school, "add", "-A")
    refused = subprocess.run(["git", "-C", str(school), "commit", "-q", "-m", "e01 sans groupe"],
                             capture_output=True, text=True)
    assert refused.returncode == 1
    assert "aptui : commit refusé, il ajoute 6 erreur(s)" in refused.stderr
    assert "e01 n'est dans aucun groupe" in refused.stderr and "Arnaud" not in refused.stderr  # ids in hooks
    assert git(school, "log", "-1", "--format=%s").strip() == "valide"


def test_textconv_and_hunk_headers_name_the_object(school: Path) -> None:
    install_git(school)
    move_student(school, "e05", "G-APPRO", "G-METHODO", "2025-12-15", "Reprendre la méthode")
    set_mark(school, "G-METHODO", "2025-12-09", "e07", "absent")
    group_diff = git(school, "diff", "--", f"{YEAR}/groups/P2/G-METHODO.yaml")
    assert "+  élève : Lina Eymard (e05)" in group_diff
    assert "+  arrivée de Lina Eymard (e05) le 15/12/2025 depuis G-APPRO" in group_diff
    assert "+    motif : Reprendre la méthode" in group_diff
    session_diff = git(school, "diff", "--", f"{YEAR}/sessions/P2/G-METHODO.yaml")
    assert "@@ Séance du 09/12/2025 (14:00, 120 min)" in session_diff
    assert "+  appel Maëlle Giraud (e07) : Absent" in session_diff
    raw = git(school, "diff", "--no-textconv", "--", f"{YEAR}/sessions/P2/G-METHODO.yaml")
    assert "+      e07: absent" in raw


def test_hunk_header_names_the_object_even_when_its_first_fact_changes(school: Path) -> None:
    """git names a hunk after the heading above its first context line: a change to the first mark of
    the second session must still be told as that session's, not the first one's."""
    install_git(school)
    set_mark(school, "G-METHODO", "2025-11-18", "e03", "absent")
    patch = git(school, "diff", "--", f"{YEAR}/sessions/P2/G-METHODO.yaml")
    headers = re.findall(r"^@@ [^@]+ @@ ?(.*)$", patch, re.MULTILINE)
    assert headers == ["Séance du 18/11/2025 (14:00, 120 min)"]
    assert "-  appel Inès Caron (e03) : Présent\n+  appel Inès Caron (e03) : Absent" in patch


def test_textconv_renders_bilans_and_keeps_unreadable_text(school: Path) -> None:
    text = render((school / f"{YEAR}/bilans/P1.yaml").read_bytes(), school)
    assert "Bilan de Yanis Bernier (e02)\n\n\n\n  auteur : Anne Durand (adurand)\n" in text
    assert "  décision : Changement de groupe\n" in text
    assert render(b"a: [\n", school) == "a: [\n"


@dataclass
class FakeEdit:
    """The shape commit_edits reads from the edit layer's AppliedEdit."""

    paths: list[str]
    message: str

    def describe(self) -> str:
        return self.message


def test_commit_edits_commits_exactly_the_touched_files(school: Path) -> None:
    take_attendance(school, "G-METHODO", "2025-12-16", {"e03": "present"})
    add_interview(school, "e01", "2025-12-11", "adurand", "RAS")  # another pending edit
    sessions = f"{YEAR}/sessions/P2/G-METHODO.yaml"
    result = commit_edits(school, [FakeEdit([sessions], "Appel du 16/12/2025, P2 « Méthodo » : 1 présent")])
    assert result is not None and result.paths == (sessions,)
    assert git(school, "log", "-1", "--format=%B").strip() == "Appel du 16/12/2025, P2 « Méthodo » : 1 présent"
    assert git(school, "log", "-1", "--format=%an").strip() == ANNE[0]
    assert git(school, "status", "--porcelain").strip() == "M students/e01.yaml"


def test_commit_edits_with_several_edits_writes_a_summary_and_bullets(school: Path) -> None:
    move_student(school, "e05", "G-APPRO", "G-METHODO", "2025-12-15", "Reprendre la méthode")
    take_attendance(school, "G-METHODO", "2025-12-16", {"e03": "present"})
    edits = [FakeEdit([f"{YEAR}/groups/P2/G-APPRO.yaml", str(school / f"{YEAR}/groups/P2/G-METHODO.yaml")],
                      "P2 : Lina Eymard passe de « Approfondissement » à « Méthodo »"),
             FakeEdit([f"{YEAR}/sessions/P2/G-METHODO.yaml"], "Appel du 16/12/2025")]
    commit_edits(school, edits)
    message = git(school, "log", "-1", "--format=%B").strip().splitlines()
    assert message[0] == "Déplacements d'élèves (1), appel et séances (1)"
    assert message[2:] == ["- P2 : Lina Eymard passe de « Approfondissement » à « Méthodo »",
                           "- Appel du 16/12/2025"]
    assert git(school, "status", "--porcelain") == ""
    assert commit_edits(school, edits) is None  # nothing left to commit


def test_commit_all_writes_a_domain_message_and_skips_stray_files(school: Path) -> None:
    add_interview(school, "e01", "2025-12-11", "adurand", "RAS")
    (school / "notes.txt~").write_text("brouillon", encoding="utf-8")
    result = commit_all(school)
    assert result is not None and result.subject == "Entretien de Zoé Arnaud le 11/12/2025 avec Anne Durand"
    assert git(school, "status", "--porcelain").strip() == "?? notes.txt~"


def test_command_log_records_the_exact_commands(school: Path) -> None:
    log = CommandLog()
    Git(school, log=log).out("rev-parse", "HEAD")
    [record] = log.records()
    assert record.command_line == "git rev-parse HEAD" and record.returncode == 0
    assert record.cwd == str(school)


@pytest.mark.parametrize("stderr, kind", [
    ("fatal: Authentication failed for 'https://gitlab.example/ecole.git/'", "auth"),
    ("git@gitlab.example: Permission denied (publickey).\nfatal: Could not read from remote repository.", "auth"),
    ("fatal: unable to access 'https://x/': Could not resolve host: x", "unreachable"),
    (" ! [rejected]        main -> main (fetch first)\nerror: failed to push some refs", "rejected"),
    ("error: failed to push some refs to 'x'", None),
])
def test_remote_errors_are_classified(stderr: str, kind: str | None) -> None:
    assert classify_remote_error(stderr) == kind


def test_cli_diff_log_and_sync(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_interview(school, "e01", "2025-12-11", "adurand", "RAS")
    assert run_cli("diff", str(school), "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["type"] for c in data["changes"]] == ["interview_added"]
    assert run_cli("sync", str(school)) == 1  # no remote: committed, but not shared
    assert "git remote add origin" in capsys.readouterr().err
    assert run_cli("log", str(school), "-n", "1") == 0
    assert "Entretien de Zoé Arnaud le 11/12/2025 avec Anne Durand" in capsys.readouterr().out
    assert run_cli("diff", "HEAD~1..HEAD", str(school), "--format", "markdown") == 0
    assert "### Suivi des élèves (1)" in capsys.readouterr().out
    assert run_cli("diff", "NOPE..HEAD", str(school)) == 2
    assert "révision inconnue" in capsys.readouterr().err
    assert run_cli("sync", str(school), "--resolve", "--take", "local") == 1
    assert "Aucun conflit en attente." in capsys.readouterr().out


def test_install_git_from_a_relative_folder_records_absolute_commands(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    repo = seed_school(tmp_path / "s")
    monkeypatch.chdir(tmp_path)
    install_git(Path("s"))
    launcher = str(repo.resolve() / ".git" / "aptui-git")
    assert git(repo, "config", "merge.aptui.driver").startswith(launcher + " merge-driver")
    assert f"exec {launcher} pre-commit" in (repo / ".git/hooks/pre-commit").read_text(encoding="utf-8")
