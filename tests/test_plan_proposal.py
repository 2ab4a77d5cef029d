"""Proposals written to real files: the next period from the bilans, capacities, pins, stale proposals,
and `aptui proposer` on a school set up from `aptui init` (one commit, the reasons under ``motifs:``)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from import_support import XML, cli, commits, last_message, new_school

from aptui.edit.base import EditRefused
from aptui.pipeline import load_school
from aptui.plan.command import ApplyProposal
from aptui.plan.proposal import ProposalRefused
from aptui.plan.service import propose
from aptui.plan.sources import Settings
from aptui.workspace import Workspace

MINI = Path(__file__).parent / "fixtures" / "mini_school"
YEAR = "2025-2026"
P2 = Path("years") / YEAR / "groups" / "P2"


def group_file(root: Path, period: str, gid: str) -> dict[str, object]:
    data = yaml.safe_load((root / "years" / YEAR / "groups" / period / f"{gid}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def mini_without_p2(tmp_path: Path) -> Path:
    """The mini school whose P2 has no groups yet (nor sessions): the pilote is about to build them."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    shutil.rmtree(root / P2)
    shutil.rmtree(root / "years" / YEAR / "sessions" / "P2", ignore_errors=True)
    return root


def test_the_next_period_follows_the_bilans(mini_without_p2: Path) -> None:
    root = mini_without_p2
    school = load_school(root, use_cache=False).school
    proposal = propose(school, YEAR, "P2", None, "P1", Settings(1, 16))
    assert not proposal.unplaced
    Workspace(root, use_cache=False).apply(ApplyProposal(proposal))
    # P1: G-APPRO e01 e04 e05 e08, G-METHODO e02 e03 e06 e07; e02's bilan: changement vers G-APPRO, the rest maintien.
    appro, methodo = group_file(root, "P2", "G-APPRO"), group_file(root, "P2", "G-METHODO")
    assert appro["eleves"] == ["e01", "e02", "e04", "e05", "e08"]
    assert methodo["eleves"] == ["e03", "e06", "e07"]
    assert appro["titre"] == "Approfondissement" and appro["enseignants"] == ["bpetit"]
    motifs = appro["motifs"]
    assert isinstance(motifs, dict)
    assert motifs["e02"] == "bilan de P1 : changement vers G-APPRO (Méthode acquise, projet de BTS)"
    assert motifs["e01"] == "bilan de P1 : maintien"
    errors = [d for d in load_school(root, use_cache=False).diagnostics if d.severity == "error"]
    assert errors == []


def test_a_full_group_in_the_next_period_reports_instead_of_moving(mini_without_p2: Path) -> None:
    """Five students are to stay in (or join) G-APPRO, at most four a group: one is reported, none moved elsewhere."""
    school = load_school(mini_without_p2, use_cache=False).school
    proposal = propose(school, YEAR, "P2", None, "P1", Settings(1, 4))
    appro = next(g for g in proposal.groups if g.id == "G-APPRO")
    methodo = next(g for g in proposal.groups if g.id == "G-METHODO")
    assert appro.size == 4 and sorted(methodo.members) == ["e03", "e06", "e07"]
    assert len(proposal.unplaced) == 1 and proposal.unplaced[0].student in {"e01", "e02", "e04", "e05", "e08"}
    assert "pleins" in proposal.unplaced[0].reason


def test_a_pin_overrides_the_bilan(mini_without_p2: Path) -> None:
    school = load_school(mini_without_p2, use_cache=False).school
    proposal = propose(school, YEAR, "P2", None, "P1", Settings(1, 16, {"e02": "G-METHODO"}))
    methodo = next(g for g in proposal.groups if g.id == "G-METHODO")
    assert "e02" in methodo.members
    assert next(p for p in methodo.placements if p.student == "e02").reason == "gardé(e) dans G-METHODO par le pilote"


def test_a_stale_proposal_is_refused_and_writes_nothing(mini_without_p2: Path) -> None:
    root = mini_without_p2
    school = load_school(root, use_cache=False).school
    proposal = propose(school, YEAR, "P2", None, "P1", Settings(1, 16))
    workspace = Workspace(root, use_cache=False)
    workspace.apply(ApplyProposal(proposal))
    written = sorted(p.name for p in (root / P2).iterdir())
    with pytest.raises(EditRefused, match="relancez la proposition"):
        workspace.apply(ApplyProposal(proposal))
    assert sorted(p.name for p in (root / P2).iterdir()) == written
    with pytest.raises(ProposalRefused, match="déjà des groupes"):
        propose(load_school(root, use_cache=False).school, YEAR, "P2", None, "P1", Settings())


def test_a_pin_to_an_unknown_group_is_refused(mini_without_p2: Path) -> None:
    school = load_school(mini_without_p2, use_cache=False).school
    with pytest.raises(ProposalRefused, match="groupe inconnu : G-NULLE-PART"):
        propose(school, YEAR, "P2", "B-2NDE", None, Settings(1, 16, {"e02": "G-NULLE-PART"}))


def test_proposer_on_a_new_school_is_one_commit_with_its_reasons(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    at = ("-C", str(root))
    for args in (("import", "siecle", str(XML), str(root)),
                 ("equipe", "ajouter", "Roux", "Karim", "--disciplines", "mathematiques", *at),
                 ("barrette", "creer", "B-2NDE", "--jour", "mardi", "--debut", "14:00", "--duree", "120",
                  "--divisions", "2MELEC1,2MSPC1", *at),
                 ("eleve", "ajouter-besoin", "e2025-007", "soutien-disciplinaire", "--detail", "Fractions, maths", *at),
                 ("eleve", "ajouter-besoin", "e2025-008", "soutien-disciplinaire", "--detail", "Calcul", *at),
                 ("eleve", "ajouter-besoin", "e2025-009", "soutien-disciplinaire", *at),
                 ("eleve", "diagnostic", "e2025-007", "--date", "2025-09-04", "--outil", "Maths", "--resultat",
                  "6/20", *at)):
        assert cli(capsys, *args)[0] == 0, args
    count = commits(root)
    code, out, err = cli(capsys, "proposer", "P1", "B-2NDE", "--min", "3", "--max", "5",
                         "--garder", "e2025-004=G-SOUTIEN-1", "--yes", *at)
    assert code == 0, out + err
    assert commits(root) == count + 1
    assert last_message(root).startswith("P1, B-2NDE : groupes proposés d'après les besoins et les diagnostics")
    soutien = group_file(root, "P1", "G-SOUTIEN-1")
    # Three students ask for support, Hugo Bernard (e2025-004) is kept there by the pilote: four, a teacher each.
    assert soutien["eleves"] == ["e2025-004", "e2025-007", "e2025-008", "e2025-009"]
    motifs = soutien["motifs"]
    assert isinstance(motifs, dict)
    assert motifs["e2025-007"] == "besoin : soutien disciplinaire (Fractions, maths) ; diagnostic du 04/09 : 6/20"
    assert motifs["e2025-004"] == "gardé(e) dans G-SOUTIEN-1 par le pilote"
    assert soutien["enseignants"] == ["kroux"]  # « maths » meets his « mathematiques »; the pilote leads another
    code, _, err = cli(capsys, "validate", str(root))
    assert code == 0, err
    code, out, _ = cli(capsys, "proposer", "P1", "B-2NDE", "--yes", *at)
    assert code == 0 and "Personne à placer" in out and commits(root) == count + 1


def test_planned_sessions_skip_holidays_recorded_days_and_days_everyone_is_away(mini_school: Path) -> None:
    """P1 (15/09–17/10/2025) meets on Tuesdays; both divisions are in PFMP the week of 30/09: no session then."""
    from aptui.edit.apply import apply_command
    from aptui.edit.commands_pfmp import AddWorkPlacement
    from aptui.plan.sessions import PlanSessions, sessions_to_plan

    root = mini_school
    shutil.rmtree(root / "years" / YEAR / "sessions" / "P1")
    for division in ("2MELEC1", "2MSPC1"):
        apply_command(root, AddWorkPlacement(YEAR, division, date(2025, 9, 29), date(2025, 10, 3)))
    loaded = load_school(root, use_cache=False)
    workspace = Workspace(root, use_cache=False)
    planned = sessions_to_plan(workspace.analysis, loaded.school.years[YEAR], "P1", "B-2NDE")
    days = [date(2025, 9, 16), date(2025, 9, 23), date(2025, 10, 7), date(2025, 10, 14)]
    assert [(s.group, s.day) for s in planned] == [(g, d) for g in ("G-APPRO", "G-METHODO") for d in days]
    workspace.apply(PlanSessions(YEAR, "P1", tuple(planned)))
    sessions = yaml.safe_load((root / "years" / YEAR / "sessions" / "P1" / "G-APPRO.yaml").read_text(encoding="utf-8"))
    assert [s["date"] for s in sessions["seances"]] == days
    assert sessions["seances"][0] == {"date": days[0], "debut": "14:00", "duree_min": 120}
    codes = {d.code for d in load_school(root, use_cache=False).diagnostics}
    assert not codes & {"APT311", "APT304", "APT306", "APT603"}
    assert sessions_to_plan(Workspace(root, use_cache=False).analysis,
                            load_school(root, use_cache=False).school.years[YEAR], "P1", "B-2NDE") == []


def test_too_few_students_for_the_minimum_says_so_instead_of_full_groups(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = new_school(tmp_path)
    at = ("-C", str(root))
    for args in (("import", "siecle", str(XML), str(root)),
                 ("equipe", "ajouter", "Roux", "Karim", "--disciplines", "mathematiques", *at),
                 ("barrette", "creer", "B-2NDE", "--jour", "mardi", "--debut", "14:00", "--duree", "120",
                  "--divisions", "2MELEC1,2MSPC1", *at)):
        assert cli(capsys, *args)[0] == 0, args
    count = commits(root)
    code, out, err = cli(capsys, "proposer", "P1", "B-2NDE", "--min", "60", "--max", "70", *at)
    assert "trop peu d'élèves pour ouvrir un groupe (minimum 60)" in out, out + err
    assert "sont pleins" not in out
    assert commits(root) == count
