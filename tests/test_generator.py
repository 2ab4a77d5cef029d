"""The school generator: deterministic, valid by construction, and the committed
sample_school/ is exactly what it produces now.

The checks read the written files back with PyYAML (not the generator's
in-memory plan), so they test what a user gets.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import SAMPLE_SCHOOL

import aptui
from aptui import layout
from aptui.cli.main import main
from aptui.gen import generate_school
from aptui.gen.calendar_plan import school_calendar
from aptui.model.calendar import SchoolCalendar
from aptui.model.holiday_law import Region, law_days, public_subdivision

SAMPLE_ARGS: dict[str, Any] = {"students": 225, "years": 2, "seed": 2025}
YEAR_BUDGET = 70.0
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gen") / "school"
    generate_school(root, **SAMPLE_ARGS)
    return root


@pytest.fixture(scope="module")
def docs(school: Path) -> dict[str, Any]:
    """Every YAML file, read with PyYAML, by path."""
    return {
        path: yaml.load(raw.decode("utf-8"), Loader=LOADER)
        for path, raw in files_of(school).items() if path.endswith(".yaml")
    }


def years_of(docs: dict[str, Any]) -> list[str]:
    return sorted(path.split("/")[1] for path in docs if path.endswith("/year.yaml"))


def groups_of(docs: dict[str, Any], year: str, period: str) -> dict[str, dict[str, Any]]:
    prefix = f"years/{year}/groups/{period}/"
    return {p[len(prefix):-5]: d for p, d in docs.items() if p.startswith(prefix)}


def group_on(groups: dict[str, dict[str, Any]], barrette: str) -> dict[str, Any]:
    """student -> function(day) -> group id, from `eleves` and the dated `arrivees`."""
    end: dict[str, str] = {}
    steps: dict[str, list[tuple[date, str, str]]] = {}
    for gid, group in groups.items():
        if group["barrette"] != barrette:
            continue
        for sid in group["eleves"]:
            assert sid not in end, f"{sid} in two groups of {barrette}"
            end[sid] = gid
        for arrival in group.get("arrivees", []):
            steps.setdefault(arrival["eleve"], []).append((arrival["date"], arrival["depuis"], gid))
    result = {}
    for sid in end:
        chain = sorted(steps.get(sid, []))
        start = chain[0][1] if chain else end[sid]

        def on(day: date, start: str = start, chain: list[tuple[date, str, str]] = chain) -> str:
            current = start
            for when, _, to in chain:
                if when <= day:
                    current = to
            return current

        result[sid] = on
    return result


# -- determinism -------------------------------------------------------------------------------
def test_same_seed_same_bytes_other_seed_differs(school: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    generate_school(again, **SAMPLE_ARGS)
    generate_school(other, **{**SAMPLE_ARGS, "seed": 7})
    first = files_of(school)
    assert len(first) > 400
    assert files_of(again) == first
    assert files_of(other) != first


def test_committed_sample_school_is_what_the_generator_writes(school: Path) -> None:
    committed, fresh = files_of(SAMPLE_SCHOOL), files_of(school)
    assert sorted(committed) == sorted(fresh), "regenerate sample_school/ (see tests/test_generator.py)"
    changed = [path for path in fresh if committed[path] != fresh[path]]
    assert not changed, f"sample_school/ has drifted from the generator: {changed[:5]}"


def test_refuses_a_non_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("x")
    assert main(["gen-sample", str(tmp_path)]) == 2
    assert "n'est pas vide" in capsys.readouterr().err
    with pytest.raises(FileExistsError):
        generate_school(tmp_path, **SAMPLE_ARGS)


# -- every file ------------------------------------------------------------------------------
def test_every_file_parses_has_its_schema_line_and_follows_its_schema(school: Path, docs: dict[str, Any]) -> None:
    schemas = {p.name.split(".")[0]: json.loads(p.read_text()) for p in (school / "schema").glob("*.json")}
    assert set(schemas) == {k.value for k in layout.Kind}
    validators = {kind: jsonschema.Draft7Validator(schema) for kind, schema in schemas.items()}
    assert (school / "schema" / "VERSION").read_text() == f"{aptui.FORMAT_VERSION}\n"
    for path, data in docs.items():
        role = layout.classify(path)
        assert role is not None, path
        text = (school / path).read_text(encoding="utf-8")
        assert text.splitlines()[0] == layout.schema_header(path, role.kind), path
        assert "\t" not in text and "<<" not in text, path
        # the schemas read dates as strings, as the project's YAML 1.2 reader does
        as_json = json.loads(json.dumps(data, default=str))
        errors = list(validators[role.kind.value].iter_errors(as_json))
        assert not errors, (path, errors[0].message)


def test_times_quoted_dates_plain_student_lists_sorted(school: Path, docs: dict[str, Any]) -> None:
    text = (school / "years/2025-2026/year.yaml").read_text()
    assert 'debut: "14:00"' in text and "premier_jour: 2025-09-01" in text
    for path, data in docs.items():
        if "/groups/" in path or "/divisions/" in path:
            assert data["eleves"] == sorted(data["eleves"]), path
        if "/sessions/" in path:
            for session in data["seances"]:
                assert isinstance(session["date"], date) and isinstance(session["debut"], str)
                assert list(session["appel"]) == sorted(session["appel"]), path


def test_sample_shape(docs: dict[str, Any]) -> None:
    assert years_of(docs) == ["2024-2025", "2025-2026"]
    for year in years_of(docs):
        divisions = [p for p in docs if p.startswith(f"years/{year}/divisions/")]
        assert len(divisions) == 9
        periods = docs[f"years/{year}/year.yaml"]["periodes"]
        assert 5 <= len(periods) <= 6
    assert docs["school.yaml"]["referentiel"] == "2009"
    students = [d for p, d in docs.items() if p.startswith("students/")]
    assert any(s.get("passerelle") for s in students) and any(s.get("sortie") for s in students)
    profiles = Counter(p for s in students for p in s.get("profils", {}).values())
    assert set(profiles) == {"contents", "pourquoi-pas", "malgre-eux"}
    assert docs["years/2025-2026/divisions/1MELEC1.yaml"]["precedente"] == "2MELEC1"
    teachers_per_group = Counter(
        len(d["enseignants"]) for p, d in docs.items() if "/groups/" in p
    )
    assert teachers_per_group[1] and teachers_per_group[2], "some groups must be co-animated"
    assert any(d.get("arrivees") for p, d in docs.items() if "/groups/" in p)


# -- group evolution ---------------------------------------------------------------------------
def test_each_student_in_exactly_one_group_per_barrette_and_period(docs: dict[str, Any]) -> None:
    students = {p[9:-5]: d for p, d in docs.items() if p.startswith("students/")}
    for year in years_of(docs):
        info = docs[f"years/{year}/year.yaml"]
        away = away_days(docs, year)
        for period in info["periodes"]:
            groups = groups_of(docs, year, period["id"])
            for barrette in info["barrettes"]:
                mine = [g for g in groups.values() if g["barrette"] == barrette["id"]]
                placed = Counter(s for g in mine for s in g["eleves"])
                if not mine:  # no group when the whole barrette is away (Terminale after mid-May)
                    roster = [s for d in barrette["divisions"] for s in docs[f"years/{year}/divisions/{d}.yaml"]["eleves"]]
                    assert all(period["debut"] in away[s] and period["fin"] in away[s] for s in roster), barrette
                    continue
                for division in barrette["divisions"]:
                    for sid in docs[f"years/{year}/divisions/{division}.yaml"]["eleves"]:
                        left = students[sid].get("sortie")
                        exempt = any(e["eleve"] == sid and period["id"] in e.get("periodes", [period["id"]])
                                     for e in info.get("dispenses", []))
                        gone = left is not None and left < period["debut"]
                        expected = 0 if exempt or gone else 1
                        assert placed[sid] == expected, (year, period["id"], barrette["id"], sid)


def test_bilans_explain_every_change_between_periods(docs: dict[str, Any]) -> None:
    for year in years_of(docs):
        info = docs[f"years/{year}/year.yaml"]
        periods = info["periodes"]
        for before, after in zip(periods, periods[1:]):
            bilans = docs[f"years/{year}/bilans/{before['id']}.yaml"]["bilans"]
            old, new = groups_of(docs, year, before["id"]), groups_of(docs, year, after["id"])
            for barrette in info["barrettes"]:
                then = group_on(old, barrette["id"])
                now = group_on(new, barrette["id"])
                for sid, on in then.items():
                    bilan = bilans[sid]  # every member has a bilan
                    assert bilan["auteur"] in old[on(before["fin"])]["enseignants"]
                    assert before["debut"] <= bilan["date"] <= before["fin"]
                    if sid not in now:
                        continue
                    start = now[sid](after["debut"])
                    if start == on(before["fin"]):
                        assert bilan["decision"] == "maintien", (year, sid)
                    else:
                        assert bilan["decision"] == "changement" and bilan["vers"] == start, (year, sid)
                        assert bilan["motif"]
        exits = [s for d in (docs[f"years/{year}/bilans/{p['id']}.yaml"]["bilans"] for p in periods)
                 for s, b in d.items() if b["decision"] == "sortie"]
        exempted = {e["eleve"] for e in info.get("dispenses", []) if "periodes" in e}
        assert exits and set(exits) <= exempted


def divisions_of(docs: dict[str, Any], year: str) -> dict[str, dict[str, Any]]:
    prefix = f"years/{year}/divisions/"
    return {p[len(prefix):-5]: d for p, d in docs.items() if p.startswith(prefix)}


def _days(span: dict[str, Any]) -> set[date]:
    end = span.get("au", span["du"])
    return {span["du"] + timedelta(days=n) for n in range((end - span["du"]).days + 1)}


def away_days(docs: dict[str, Any], year: str) -> dict[str, set[date]]:
    """Student -> the days their division is away: its PFMP (division file), its level's closures (year.yaml)."""
    closures = docs[f"years/{year}/year.yaml"].get("fermetures", [])
    result: dict[str, set[date]] = {}
    for division in divisions_of(docs, year).values():
        days = set().union(*(_days(p) for p in division.get("pfmp", [])))
        for closure in closures:
            if division["niveau"] in closure.get("niveaux", []):
                days |= _days(closure)
        for sid in division["eleves"]:
            result[sid] = days
    return result


def test_roll_call_marks_exactly_the_members_of_the_day(docs: dict[str, Any]) -> None:
    """Every member that day, except those whose division is in PFMP; a day with nobody has no session."""
    marks = Counter()
    for year in years_of(docs):
        info = docs[f"years/{year}/year.yaml"]
        barrettes = {b["id"]: b for b in info["barrettes"]}
        away = away_days(docs, year)
        for period in info["periodes"]:
            groups = groups_of(docs, year, period["id"])
            for barrette in barrettes:
                on = group_on(groups, barrette)
                for gid, group in groups.items():
                    if group["barrette"] != barrette:
                        continue
                    sessions = docs[f"years/{year}/sessions/{period['id']}/{gid}.yaml"]["seances"]
                    assert sessions, gid
                    for session in sessions:
                        day = session["date"]
                        members = {s for s, f in on.items() if f(day) == gid and day not in away.get(s, ())}
                        assert members and set(session["appel"]) == members, (year, gid, day)
                        assert session["duree_min"] <= barrettes[barrette]["duree_min"]
                        marks.update(session["appel"].values())
    present = (marks["present"] + marks["retard"]) / sum(marks.values())
    assert 0.8 < present < 0.95


# -- hour budget -------------------------------------------------------------------------------
def test_division_hours_within_budget_and_pace(docs: dict[str, Any]) -> None:
    school = docs["school.yaml"]
    region = Region(school["zone"], public_subdivision(school["academie"], school["uai"]))
    for year in years_of(docs):
        info = docs[f"years/{year}/year.yaml"]
        closures = [(c["du"], c.get("au", c["du"]), c["motif"]) for c in info.get("fermetures", [])
                    if "niveaux" not in c and "divisions" not in c]  # the others close some divisions only
        first, last = info["premier_jour"], info["dernier_jour"]
        calendar: SchoolCalendar = school_calendar(year, first, last, closures, region)
        divisions = divisions_of(docs, year)
        division_of = {s: d for d, doc in divisions.items() for s in doc["eleves"]}
        away = away_days(docs, year)
        per_period: dict[str, list[float]] = {d: [] for d in divisions}
        for period in info["periodes"]:
            charged = dict.fromkeys(divisions, 0.0)
            groups = groups_of(docs, year, period["id"])
            for gid, group in groups.items():
                on = group_on(groups, group["barrette"])
                sessions = docs[f"years/{year}/sessions/{period['id']}/{gid}.yaml"]["seances"]
                for session in sessions:
                    day = session["date"]
                    members = [s for s, f in on.items() if f(day) == gid and day not in away.get(s, ())]
                    hours = session["duree_min"] / 60 * len(group["enseignants"])
                    for sid in members:
                        charged[division_of[sid]] += hours / len(members)
            for division in divisions:
                per_period[division].append(charged[division])
        for division, hours in per_period.items():
            in_companies = away.get(divisions[division]["eleves"][0], set())

            def weeks_of(start: date, end: date, gone: set[date] = in_companies,
                         calendar: SchoolCalendar = calendar) -> int:
                """The division's weeks of school: its PFMP days are not school days for it."""
                return len({d - timedelta(days=d.weekday()) for d in calendar.school_days(start, end) if d not in gone})

            year_weeks = weeks_of(first, last)
            assert 55 <= sum(hours) <= YEAR_BUDGET, (year, division, sum(hours))
            for period, spent in zip(info["periodes"], hours):
                assert 4 <= calendar.school_weeks(period["debut"], period["fin"]) <= 7
                pace = YEAR_BUDGET * weeks_of(period["debut"], period["fin"]) / year_weeks
                if pace == 0:  # none of its weeks of school in the period: no session either
                    assert spent == 0, (year, division, period["id"])
                    continue
                assert abs(spent / pace - 1) <= 0.45, (year, division, period["id"], spent, pace)


# -- PFMP -------------------------------------------------------------------------------------
def test_pfmp_weeks_of_each_division_are_realistic(docs: dict[str, Any]) -> None:
    """2nde 4-6 weeks, 1re and Tle 6-9, whole weeks (Monday to Friday) of the year, never in school holidays."""
    school = docs["school.yaml"]
    region = Region(school["zone"], public_subdivision(school["academie"], school["uai"]))
    for year in years_of(docs):
        info = docs[f"years/{year}/year.yaml"]
        holidays = law_days(region, (info["premier_jour"].year, info["dernier_jour"].year)).school
        for name, division in divisions_of(docs, year).items():
            spans = division["pfmp"]
            mondays = set()
            for span in spans:
                assert span["du"].weekday() == 0 and span["au"].weekday() == 4, (year, name, span)
                assert info["premier_jour"] <= span["du"] <= span["au"] <= info["dernier_jour"]
                days = [span["du"] + timedelta(days=n) for n in range((span["au"] - span["du"]).days + 1)]
                assert not any(d in holidays for d in days), (year, name, span)
                mondays |= {d for d in days if d.weekday() == 0}
            low, high = (4, 6) if division["niveau"] == "2nde" else (6, 9)
            assert low <= len(mondays) <= high, (year, name, len(mondays))


def test_pfmp_cohorts_spend_18_to_22_weeks_in_companies() -> None:
    from aptui.gen.pfmp import cohort_weeks

    for seed in range(40):
        for cohort in ("MELEC1", "AGORA2", "MSPC3"):
            second, first, terminal = cohort_weeks(seed, cohort, 2024)
            assert 4 <= second <= 6 and 6 <= first <= 9 and 6 <= terminal <= 9
            assert 18 <= second + first + terminal <= 22
            assert first >= second and terminal >= second  # more in 1re and Tle


def test_the_barrette_runs_without_a_division_in_pfmp(docs: dict[str, Any]) -> None:
    """Sessions on days a division of the barrette is away mark the other divisions' students, none of its."""
    seen = 0
    for year in years_of(docs):
        away = away_days(docs, year)
        info = docs[f"years/{year}/year.yaml"]
        barrettes = {b["id"]: b["divisions"] for b in info["barrettes"]}
        divisions = divisions_of(docs, year)
        for path, data in docs.items():
            if not path.startswith(f"years/{year}/sessions/"):
                continue
            period, gid = path.split("/")[-2], path.split("/")[-1][:-5]
            barrette = docs[f"years/{year}/groups/{period}/{gid}.yaml"]["barrette"]
            for session in data["seances"]:
                day = session["date"]
                assert not any(day in away.get(s, ()) for s in session["appel"]), (path, day)
                gone = [d for d in barrettes[barrette] if day in away.get(divisions[d]["eleves"][0], ())]
                seen += bool(gone) and bool(session["appel"])
    assert seen > 50


def test_terminale_ends_in_mid_may_since_2024(docs: dict[str, Any]) -> None:
    """2024-2025 and 2025-2026: a closure for the level Tle from the Monday after 15 May; no Tle session then."""
    for year, monday in (("2024-2025", date(2025, 5, 19)), ("2025-2026", date(2026, 5, 18))):
        info = docs[f"years/{year}/year.yaml"]
        (closure,) = [c for c in info["fermetures"] if c.get("niveaux")]
        assert closure["niveaux"] == ["Tle"] and closure["du"] == monday and closure["au"] == info["dernier_jour"]
        tle = {b["id"] for b in info["barrettes"] if all(d.startswith("T") for d in b["divisions"])}
        for path, data in docs.items():
            if path.startswith(f"years/{year}/sessions/") and \
                    docs[path.replace("/sessions/", "/groups/")]["barrette"] in tle:
                assert all(s["date"] < monday for s in data["seances"]), path
