"""The generated git history: `aptui gen-sample --commits`, and the demo's short history."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from aptui.cli.main import main
from aptui.gen import generate_school
from aptui.gen.history import build_history

STUDENTS, YEARS, SEED, COMMITS = 150, 1, 11, 24
LOG = "--format=%H%x1f%T%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%s"

# Every message an edit writes, in domain words (docs: aptui.edit describe()).
DOMAIN_MESSAGES = (
    re.compile(r"^P\d : séance du \d\d/\d\d/\d{4}, groupe « [^»]+ » \(appel : \d+ présents?(, .+)?\)$"),
    re.compile(r"^P\d : appel du \d\d/\d\d/\d{4}, groupe « [^»]+ » : .+ \(e\d{4}-\d{3}\), "
               r"(présent|absent|excusé|en retard)$"),
    re.compile(r"^P\d : .+ \(e\d{4}-\d{3}\) passe de « [^»]+ » à « [^»]+ » le \d\d/\d\d/\d{4} \(motif : .+\)$"),
    re.compile(r"^Bilans P\d du groupe « [^»]+ » \(\d+ élèves\)$"),
    re.compile(r"^Bilan P\d, .+ \(e\d{4}-\d{3}\) : .+$"),
    re.compile(r"^Entretien du \d\d/\d\d/\d{4} avec .+ \(e\d{4}-\d{3}\), par .+$"),
)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def commits(repo: Path) -> list[list[str]]:
    return [line.split("\x1f") for line in git(repo, "log", "--reverse", LOG).splitlines()]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small school with a history made by the command line."""
    path = tmp_path_factory.mktemp("gen") / "ecole"
    code = main(["gen-sample", str(path), "--students", str(STUDENTS), "--years", str(YEARS),
                 "--seed", str(SEED), "--commits", str(COMMITS)])
    assert code == 0
    return path


def edits(repo: Path) -> list[list[str]]:
    return commits(repo)[-COMMITS:]


def test_same_seed_gives_the_same_commits(repo: Path, tmp_path: Path) -> None:
    again = tmp_path / "ecole"
    generate_school(again, students=STUDENTS, years=YEARS, seed=SEED)
    report = build_history(again, COMMITS, SEED)
    assert report.commits == COMMITS
    assert commits(again) == commits(repo)  # same ids: same trees, messages, authors and dates


def test_history_has_the_edits_after_the_import_and_stays_valid(repo: Path) -> None:
    log = commits(repo)
    assert len(log) > COMMITS
    assert log[0][6].startswith("Rentrée : établissement, équipe, élèves")
    assert any(c[6].startswith("Groupes de besoin de P1") for c in log[:-COMMITS])
    assert git(repo, "status", "--porcelain") == ""
    assert main(["validate", str(repo), "--errors-only"]) == 0


def test_several_teachers_of_the_staff_sign_with_invented_addresses(repo: Path) -> None:
    staff = (repo / "staff.yaml").read_text(encoding="utf-8")
    authors = {(c[2], c[3]) for c in commits(repo)}
    assert 3 <= len({name for name, _ in authors}) <= 5
    assert len({c[2] for c in edits(repo)}) >= 3
    for name, email in authors:
        first, last = name.split(" ", 1)
        assert f"nom: {last}\n    prenom: {first}\n" in staff
        assert email.endswith(".invalid")


def test_each_edit_commit_message_is_in_domain_words(repo: Path) -> None:
    subjects = [c[6] for c in edits(repo)]
    for subject in subjects:
        assert any(p.match(subject) for p in DOMAIN_MESSAGES), subject
        assert ".yaml" not in subject
    kinds = {next(i for i, p in enumerate(DOMAIN_MESSAGES) if p.match(s)) for s in subjects}
    assert {0, 1, 3, 5} <= kinds  # attendance taken, corrected, bilans written, interviews
    bodies = git(repo, "log", f"-{COMMITS}", "--format=%B%x00").split("\x00")
    bilan_bodies = [b for b in bodies if b.strip().startswith("Bilans P")]
    assert bilan_bodies and all("\n- Bilan P" in b for b in bilan_bodies)


def test_dates_advance_through_the_last_school_year(repo: Path) -> None:
    log = commits(repo)
    dates = [datetime.fromisoformat(c[4]) for c in log]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    assert all(c[4] == c[5] for c in log)  # committer date = author date
    assert datetime.fromisoformat(log[0][4]).date().isoformat() >= "2025-08-25"
    assert datetime.fromisoformat(log[-1][4]).date().isoformat() <= "2026-07-04"
    edit_days = {d.date() for d in dates[-COMMITS:]}
    assert len(edit_days) >= 5


def test_moves_have_a_dated_arrival_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "ecole"
    generate_school(path, students=STUDENTS, years=YEARS, seed=SEED)
    report = build_history(path, 60, SEED)
    assert report.kinds.get("move", 0) >= 1
    move = next(c for c in commits(path) if " passe de « " in c[6])
    diff = git(path, "show", "--no-textconv", "--format=", move[0])
    assert "+    motif: " in diff and "+  - date: " in diff
    assert main(["validate", str(path), "--errors-only"]) == 0


def test_demo_ends_with_a_short_history_that_reads_like_a_meeting(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from aptui.cli.demo import DEMO_EDITS, build_demo, source_school

    target = build_demo(source_school(None), tmp_path / "demo")
    log = commits(target)
    assert len(log) > DEMO_EDITS and len({c[2] for c in log[-DEMO_EDITS:]}) >= 3
    capsys.readouterr()
    assert main(["diff", "HEAD~5..HEAD", str(target), "--no-budget"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Changements de HEAD~5 (")
    assert sum(title in text for title in ("Appel et séances", "Bilans", "Suivi des élèves",
                                           "Déplacements d'élèves")) >= 2
    assert main(["validate", str(target), "--errors-only"]) == 0
    # the sample is a finished year: past its end, the app opens on the history's last day
    from aptui.cli.demo import demo_today

    last = date.fromisoformat(git(target, "log", "-1", "--format=%cs").strip())
    assert demo_today(target, last + timedelta(days=200)) == last
    assert demo_today(target, last) is None
