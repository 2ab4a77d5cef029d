"""A true conflict on several entries is decided entry by entry, in domain words.

Two clones of a bare remote change the same two marks of one session and the same
interview differently; ``aptui sync --resolve`` (with ``--choix``, or answering on
stdin) and the app's conflict screen take a different side for each entry; the merge
commit records every decision.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from test_git_support import ANNE, BRUNO, YEAR, add_interview, clone, commit, git, make_remote, remote_file, set_mark
from test_git_sync import conflict_blocks

from aptui.cli import sync as sync_cli
from aptui.cli.main import main
from aptui.gitsync import conflicts as cf
from aptui.gitsync import entries as ce
from aptui.gitsync.runner import Git
from aptui.gitsync.sync import sync
from aptui.pipeline import load_school

SESSIONS = f"{YEAR}/sessions/P2/G-METHODO.yaml"
STUDENT = "students/e02.yaml"


@pytest.fixture(autouse=True)
def no_global_git_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path_factory.mktemp("gitconfig") / "config"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def conflicted(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(remote, Anne's clone in a merge with three conflicting entries, Bruno's clone)."""
    bare = make_remote(tmp_path)
    anne, bruno = clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)
    set_mark(bruno, "G-METHODO", "2025-12-09", "e06", "retard")
    set_mark(bruno, "G-METHODO", "2025-12-09", "e07", "retard")
    add_interview(bruno, "e02", "2025-11-18", "adurand", "Veut un stage en atelier")
    commit(bruno, "Appel du 09/12 et entretien de Yanis")
    assert sync(bruno).status == "ok"
    set_mark(anne, "G-METHODO", "2025-12-09", "e06", "absent")
    set_mark(anne, "G-METHODO", "2025-12-09", "e07", "excuse")
    add_interview(anne, "e02", "2025-11-18", "adurand", "Hésite entre deux spécialités")
    commit(anne, "Appel du 09/12 et entretien de Yanis (Anne)")
    report = sync(anne)
    assert report.status == "conflicts", report.messages
    return bare, anne, bruno


def test_each_entry_is_listed_in_domain_words_with_both_sides(tmp_path: Path) -> None:
    _, anne, _ = conflicted(tmp_path)
    listed = ce.entries(cf.list_records(Git(anne)))
    labels = [entry.label for entry in listed]
    assert "appel du 09/12/2025 pour Nolan Faure (e06)" in labels
    assert [e.number for e in listed] == [1, 2, 3]
    by_label = {entry.label: entry for entry in listed}
    mark = next(e for label, e in by_label.items() if "(e07)" in label and label.startswith("appel du 09/12/2025"))
    assert (mark.local, mark.distant, mark.base) == ("Excusé", "En retard", "Présent")
    interview = next(e for label, e in by_label.items() if label.startswith("entretien du 18/11/2025"))
    assert "Yanis Bernier (e02)" in interview.label and "adurand" in interview.label
    assert (interview.local, interview.distant) == ("Hésite entre deux spécialités", "Veut un stage en atelier")
    assert "›" not in interview.label  # no raw YAML path


def _entry_numbers(anne: Path) -> dict[str, int]:
    listed = ce.entries(cf.list_records(Git(anne)))
    numbers = {}
    for entry in listed:
        if "(e06)" in entry.label:
            numbers["e06"] = entry.number
        elif "(e07)" in entry.label:
            numbers["e07"] = entry.number
        else:
            numbers["interview"] = entry.number
    return numbers


def _check_outcome(bare: Path, anne: Path) -> None:
    text = (anne / SESSIONS).read_text(encoding="utf-8")
    assert "      e06: absent\n      e07: retard" in text and "<<<<<<<" not in text
    student = (anne / STUDENT).read_text(encoding="utf-8")
    assert "Veut un stage en atelier" in student and "Hésite" not in student
    assert load_school(anne, use_cache=False).errors == []
    message = git(anne, "log", "-1", "--format=%B")
    assert len(git(anne, "log", "-1", "--format=%P").split()) == 2
    decisions = message.split("Décisions : ", 1)[1].split("\n", 1)[0]
    assert "appel du 09/12/2025 pour" in decisions
    parts = decisions.split(" ; ")
    assert any("(e06)" in p and p.endswith(": Absent (local)") for p in parts), parts
    assert any("(e07)" in p and p.endswith(": En retard (reçu)") for p in parts), parts
    assert any(p.startswith("entretien du 18/11/2025") and p.endswith("Veut un stage en atelier (reçu)")
               for p in parts), parts
    assert "      e06: absent" in remote_file(bare, SESSIONS)


def test_sync_resolve_with_a_choice_per_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bare, anne, _ = conflicted(tmp_path)
    numbers = _entry_numbers(anne)
    code = main(["sync", str(anne), "--resolve", "--choix", f"{numbers['e06']}=local",
                 "--choix", f"{numbers['e07']}=distant", "--choix", f"{numbers['interview']}=d"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "[1]" in out.out and "local « Absent »" in out.out and "distant « En retard »" in out.out
    assert "excuse" not in out.out and "« retard »" not in out.out  # (names are masked outside a terminal)
    _check_outcome(bare, anne)


def test_a_partial_choice_resolves_nothing_of_an_undecided_file(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _, anne, _ = conflicted(tmp_path)
    numbers = _entry_numbers(anne)
    code = main(["sync", str(anne), "--resolve", "--no-push", "--choix", f"{numbers['e06']}=local",
                 "--choix", f"{numbers['interview']}=local"])
    out = capsys.readouterr()
    assert code == 3
    assert "--choix" in out.err
    records = cf.list_records(Git(anne))
    assert [r.paths[0] for r in records] == [SESSIONS]  # the interview's file is decided, the marks wait
    e06 = next(item["key"] for item in records[0].items if item["key"].endswith("/e06"))
    assert records[0].chosen == {e06: "ours"}
    assert conflict_blocks((anne / SESSIONS).read_text(encoding="utf-8"))  # markers still there
    assert git(anne, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).strip()


def test_a_wrong_choice_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, anne, _ = conflicted(tmp_path)
    assert main(["sync", str(anne), "--resolve", "--choix", "9=local"]) == 2
    assert "9" in capsys.readouterr().err
    assert main(["sync", str(anne), "--resolve", "--choix", "1=peut-être"]) == 2
    assert len(ce.entries(cf.list_records(Git(anne)))) == 3


def test_sync_resolve_asks_entry_by_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    bare, anne, _ = conflicted(tmp_path)
    numbers = _entry_numbers(anne)
    answers = {numbers["e06"]: "l", numbers["e07"]: "d", numbers["interview"]: "d"}
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(answers[n] + "\n" for n in sorted(answers))))
    monkeypatch.setattr(sync_cli, "interactive", lambda: True)
    assert main(["sync", str(anne), "--resolve"]) == 0, capsys.readouterr().err
    _check_outcome(bare, anne)


def test_the_command_line_as_a_teacher_types_it(tmp_path: Path) -> None:
    bare, anne, _ = conflicted(tmp_path)
    numbers = _entry_numbers(anne)
    again = subprocess.run([sys.executable, "-m", "aptui", "sync", str(anne), "--no-push"], capture_output=True,
                           text=True, stdin=subprocess.DEVNULL)
    assert again.returncode == 3
    assert sorted(int(line.split("]")[0].split("[")[1]) for line in again.stderr.splitlines()
                  if line.startswith("  [")) == [1, 2, 3]  # numbered across files, as --choix reads them
    listing = subprocess.run([sys.executable, "-m", "aptui", "sync", str(anne), "--resolve"],
                             capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert listing.returncode == 3
    assert "appel du 09/12/2025 pour e06" in listing.stdout  # names masked outside a terminal
    assert "--choix" in listing.stderr
    assert "Hésite" not in listing.stdout and "Veut un stage" not in listing.stdout  # notes stay out of logs
    done = subprocess.run([sys.executable, "-m", "aptui", "sync", str(anne), "--resolve",
                           "--choix", f"{numbers['e06']}=local", "--take", "distant"],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "Veut un stage" not in done.stdout + done.stderr and "Nolan" not in done.stdout + done.stderr
    _check_outcome(bare, anne)


# --- the app's conflict screen ---------------------------------------------------------------------
async def test_the_conflict_screen_decides_entry_by_entry(tmp_path: Path) -> None:
    from datetime import date

    from textual.widgets import OptionList, Static
    from tui_support import opened

    from aptui.tui.app import AptuiApp
    from aptui.tui.screens.conflicts import ConflictsScreen

    bare, anne, _ = conflicted(tmp_path)
    numbers = _entry_numbers(anne)
    app = AptuiApp(anne, today=date(2025, 11, 20), poll_seconds=0)

    async def settle() -> None:
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.pause()

    def detail() -> str:
        return str(app.screen.query_one("#conflict-detail", Static).render())

    def select(number: int) -> None:
        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        index = next(i for i, e in enumerate(screen.rows) if e is not None and e.number == number)
        screen.query_one("#conflicts-list", OptionList).highlighted = index

    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await settle()
        await pilot.press("7")
        await settle()
        await pilot.press("x")
        await settle()
        assert isinstance(app.screen, ConflictsScreen)
        options = app.screen.query_one("#conflicts-list", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("appel du 09/12/2025 pour Nolan Faure (e06)" in p and "local « Absent »" in p
                   and "reçue « En retard »" in p for p in prompts), prompts
        assert all("excuse" not in p and "« retard »" not in p for p in prompts), prompts

        select(numbers["e06"])
        await pilot.pause()
        assert "[" + str(numbers["e06"]) + "] appel du 09/12/2025 pour Nolan Faure (e06)" in detail()
        await pilot.press("l")
        await settle()
        assert isinstance(app.screen, ConflictsScreen)
        assert conflict_blocks((anne / SESSIONS).read_text(encoding="utf-8"))  # e07 still waits
        assert any(r.chosen for r in cf.list_records(Git(anne)))
        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        selected = screen.selected
        assert selected is not None and "(e07)" in selected.label  # the cursor went on to the next entry
        assert "local : Excusé" in detail() and "reçue : En retard" in detail() and "avant : Présent" in detail()
        await pilot.press("d")
        await settle()
        select(next(e.number for e in app.screen.rows if e is not None))  # the interview: the one left
        await pilot.pause()
        assert "entretien du 18/11/2025 de Yanis Bernier (e02)" in detail()
        assert detail().startswith("Fiche de Yanis Bernier (e02)"), detail()
        await pilot.press("d")
        await settle()
        assert "Tous les conflits sont tranchés" in detail()
        await pilot.press("f")
        await settle()
        assert not isinstance(app.screen, ConflictsScreen)
    git(anne, "push", "-q", "origin", "main")
    _check_outcome(bare, anne)


# --- the rebase path -------------------------------------------------------------------------------
def test_a_rebase_records_the_decisions_in_the_replayed_commit(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    bare = make_remote(tmp_path)
    anne, bruno = clone(bare, tmp_path / "anne", ANNE), clone(bare, tmp_path / "bruno", BRUNO)
    set_mark(bruno, "G-METHODO", "2025-12-09", "e06", "retard")
    set_mark(bruno, "G-METHODO", "2025-12-09", "e07", "retard")
    commit(bruno, "Appel du 09/12 (Bruno)")
    assert sync(bruno).status == "ok"
    set_mark(anne, "G-METHODO", "2025-12-09", "e06", "absent")
    set_mark(anne, "G-METHODO", "2025-12-09", "e07", "excuse")
    commit(anne, "Appel du 09/12 (Anne)")
    git(anne, "config", "aptui.pull", "rebase")
    assert sync(anne).status == "conflicts"
    assert (anne / ".git/rebase-merge").is_dir()
    numbers = {("e06" if "(e06)" in e.label else "e07"): e.number for e in ce.entries(cf.list_records(Git(anne)))}
    assert main(["sync", str(anne), "--resolve", "--choix", f"{numbers['e06']}=local",
                 "--choix", f"{numbers['e07']}=distant"]) == 0, capsys.readouterr().err
    assert not (anne / ".git/rebase-merge").exists()
    assert git(anne, "log", "--merges", "--format=%H").strip() == ""  # a rebase: no merge commit
    assert git(anne, "log", "-2", "--format=%an|%s").splitlines() == [
        "Anne Durand|Appel du 09/12 (Anne)", "Bruno Petit|Appel du 09/12 (Bruno)"]
    message = git(anne, "log", "-1", "--format=%B")
    assert "Décisions : " in message, message
    decisions = message.split("Décisions : ", 1)[1].split("\n", 1)[0].split(" ; ")
    assert any("(e06)" in d and d.endswith(": Absent (local)") for d in decisions), decisions
    assert any("(e07)" in d and d.endswith(": En retard (reçu)") for d in decisions), decisions
    text = (anne / SESSIONS).read_text(encoding="utf-8")
    assert "      e06: absent\n      e07: retard" in text
    assert "Décisions : " in git(bare, "log", "-1", "--format=%B", "main")
