"""Near-miss pairs for every rule: the mini school just inside and just outside each threshold or
boundary, with the exact list of diagnostics (severity, code, file, line, duplicates kept).

The figures come by hand from the mini school (see tests/test_rules_edges.py for its hours):
2MELEC1 21.8667 h, 2MSPC1 22.1333 h in 2025-2026, 10 h each in P1; zone B gives the year
35 school weeks (the exam week of June closed), P1 5 weeks, P2 7 weeks; the last appel
(16/12) makes 14 weeks so far, so 70 x 14/35 = 28 h are due to each student, who had
11 sessions of 2 h = 22 h; e03-e07 attended 18 h, e02 20 h, e01 and e08 22 h.
Each case names the "inside" and "outside" variants; a mutant that moves a threshold, drops a
condition or changes a comparison turns one of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rules_support import Change, change, delete, diagnostics, drop_mark, mini, write

Y = "years/2025-2026"
YEAR = f"{Y}/year.yaml"
BILANS = f"{Y}/bilans/P1.yaml"
S_APPRO1, S_METHODO1 = f"{Y}/sessions/P1/G-APPRO.yaml", f"{Y}/sessions/P1/G-METHODO.yaml"
S_APPRO2, S_METHODO2 = f"{Y}/sessions/P2/G-APPRO.yaml", f"{Y}/sessions/P2/G-METHODO.yaml"
APPRO1, APPRO2, METHODO2 = f"{Y}/groups/P1/G-APPRO.yaml", f"{Y}/groups/P2/G-APPRO.yaml", f"{Y}/groups/P2/G-METHODO.yaml"
ELEC, SPC = f"{Y}/divisions/2MELEC1.yaml", f"{Y}/divisions/2MSPC1.yaml"


def school(extra: str) -> Change:
    return change("school.yaml", 'referentiel: "2009"\n', f'referentiel: "2009"\n{extra}')


def budget(hours: float, extra: str = "") -> Change:
    return school(f"heures:\n  par_niveau:\n    2nde: {hours}\n{extra}")


def period_p3(start: str, end: str) -> Change:
    """A third period (no group, no session) after P2, at lines 16-18 of year.yaml."""
    return change(YEAR, "    fin: 2025-12-19\n", f"    fin: 2025-12-19\n  - id: P3\n    debut: {start}\n    fin: {end}\n")


def closure(start: str, end: str, extra: str = "") -> Change:
    """A closure of year.yaml, first of « fermetures » (lines 6, 7, 8: du, au, motif; then ``extra``)."""
    return change(YEAR, "fermetures:\n", f"fermetures:\n  - du: {start}\n    au: {end}\n    motif: Stage\n{extra}")


def pfmp(division: str, start: str, end: str) -> Change:
    """PFMP weeks at the end of a division file (lines 9-11 of 2MELEC1 and 2MSPC1: pfmp, du, au)."""
    return change(division, "  - e08\n" if division.endswith("2MSPC1.yaml") else "  - e04\n",
                  ("  - e08\n" if division.endswith("2MSPC1.yaml") else "  - e04\n")
                  + f"pfmp:\n  - du: {start}\n    au: {end}\n")


# the appel of the 16/12 sessions taken away (a session planned, not done yet)
NO_APPEL_1612 = [
    change(S_APPRO2, "    activite: Séance 6\n    appel:\n      e01: present\n      e02: absent\n      e05: present\n"
           "      e08: present\n", "    activite: Séance 6\n"),
    change(S_METHODO2, "    activite: Séance 6\n    appel:\n      e03: present\n      e04: present\n"
           "      e06: present\n      e07: present\n", "    activite: Séance 6\n"),
]

NEXT_YEAR = write("years/2026-2027/year.yaml", "annee: 2026-2027\npremier_jour: 2026-09-01\n"
                  "dernier_jour: 2027-07-03\nperiodes:\n  - id: P1\n    debut: 2026-09-14\n"
                  "    fin: 2026-10-16\nbarrettes: []\n")


def w(code: str, where: str) -> str:
    return f"warning {code} {where}"


def e(code: str, where: str) -> str:
    return f"error {code} {where}"


ALL_STUDENTS = [f"{ELEC}:{line}" for line in (5, 6, 7, 8)] + [f"{SPC}:{line}" for line in (5, 6, 7, 8)]
P2_ONE_SESSION = "seances:\n  - date: 2025-11-04\n    debut: \"14:00\"\n    duree_min: 120\n    activite: S\n"

# (name, changes, expected diagnostics)
CASES: list[tuple[str, list[Change], list[str]]] = [
    # APT301: a period may end on the year's last day, not the day after (P3: 4 weeks, 01/06-04/07)
    ("APT301-inside", [period_p3("2026-06-01", "2026-07-04")], []),
    ("APT301-outside", [period_p3("2026-06-01", "2026-07-05")], [e("APT301", f"{YEAR}:18")]),
    # APT302: P1 may end the day before P2 starts (Sunday 02/11), not on its first day (then 6 weeks)
    ("APT302-inside", [change(YEAR, "fin: 2025-10-17", "fin: 2025-11-02")], []),
    ("APT302-outside", [change(YEAR, "fin: 2025-10-17", "fin: 2025-11-03")], [e("APT302", f"{YEAR}:14")]),
    # APT303: 4 and 7 school weeks are fine, 3 and 8 are not (winter holidays 14/02-01/03)
    ("APT303-4-weeks", [period_p3("2026-01-05", "2026-01-30")], []),
    ("APT303-3-weeks", [period_p3("2026-01-05", "2026-01-23")], [e("APT303", f"{YEAR}:18")]),
    ("APT303-7-weeks", [period_p3("2026-01-05", "2026-03-06")], []),
    ("APT303-8-weeks", [period_p3("2026-01-05", "2026-03-13")], [e("APT303", f"{YEAR}:18")]),
    # APT304: a closure up to Monday 13/10 leaves Tuesday's sessions, up to 14/10 it closes them
    ("APT304-inside", [change(YEAR, "fermetures:\n", "fermetures:\n  - du: 2025-10-13\n    au: 2025-10-13\n"
                              "    motif: Pont\n")], []),
    ("APT304-outside", [change(YEAR, "fermetures:\n", "fermetures:\n  - du: 2025-10-13\n    au: 2025-10-14\n"
                               "    motif: Pont\n")],
     [e("APT304", f"{S_APPRO1}:39"), e("APT304", f"{S_METHODO1}:39")]),
    # APT305: P1 ending on Tuesday 14/10 keeps that day's sessions, ending on Monday 13/10 does not
    ("APT305-inside", [change(YEAR, "fin: 2025-10-17", "fin: 2025-10-14")], []),
    ("APT305-outside", [change(YEAR, "fin: 2025-10-17", "fin: 2025-10-13")],
     [e("APT305", f"{S_APPRO1}:39"), e("APT305", f"{S_METHODO1}:39")]),
    # APT306: a Tuesday barrette, a session moved to Wednesday 15/10
    ("APT306-outside", [change(S_APPRO1, "date: 2025-10-14", "date: 2025-10-15")], [e("APT306", f"{S_APPRO1}:39")]),
    # APT401: budget + 0.01 h is within rounding, + 0.1 h is too much (2MSPC1 has 22.1333 h).
    # With ~22 h a year the pace (22 x 5/35 = 3.2 h, 22 x 7/35 = 4.4 h) is far off in both periods.
    ("APT401-inside", [budget(22.123333)], [w("APT403", f"{YEAR}:10")] * 2 + [w("APT403", f"{YEAR}:13")] * 2),
    ("APT401-outside", [budget(22.033333)],
     [e("APT401", f"{SPC}:2")] + [w("APT403", f"{YEAR}:10")] * 2 + [w("APT403", f"{YEAR}:13")] * 2),
    # APT402: the same margins on the cycle (one year recorded: the cycle is the year)
    ("APT402-inside", [school("heures:\n  cycle: 22.123333\n")], []),
    ("APT402-outside", [school("heures:\n  cycle: 22.033333\n")], [e("APT402", f"{SPC}:2")]),
    # APT403 over the pace: P1 has 10 h; pace B x 5/35; warn when 10 - pace > 0.5 pace (pace < 6.667 h)
    ("APT403-inside", [budget(46.7)], []),  # pace 6.671 h: 3.329 h over, limit 3.336
    ("APT403-outside", [budget(46.6)], [w("APT403", f"{YEAR}:10")] * 2),  # pace 6.657: 3.343 over 3.329
    # under the pace: warn when pace - 10 > 0.5 pace (pace > 20 h); P2 (pace 28 h, ~12 h done) always warns
    ("APT403-under-inside", [budget(139.9)], [w("APT403", f"{YEAR}:13")] * 2),
    ("APT403-under-outside", [budget(140.1)], [w("APT403", f"{YEAR}:10")] * 2 + [w("APT403", f"{YEAR}:13")] * 2),
    # the tolerance setting: 60 h, P1 pace 8.571 h, 10 h done = 16.7 % over; P2 pace 12 h, 1 % off
    ("APT403-tolerance-inside", [budget(60, "tolerance_rythme: 0.17\n")], []),
    ("APT403-tolerance-outside", [budget(60, "tolerance_rythme: 0.16\n")], [w("APT403", f"{YEAR}:10")] * 2),
    # a period without any hour before one with hours is checked (0 h for a pace of 10 h)
    ("APT403-empty-period", [delete(S_APPRO1), delete(S_METHODO1)], [w("APT403", f"{YEAR}:10")] * 2),
    # a pace under 1 h is still a pace: 5 h a year, P1 0.714 h and P2 1 h for about 10 and 12 h
    ("APT403-tiny-budget", [budget(5)], [e("APT401", f"{ELEC}:2"), e("APT401", f"{SPC}:2")]
     + [w("APT403", f"{YEAR}:10")] * 2 + [w("APT403", f"{YEAR}:13")] * 2),
    # a division of an unknown level (APT101) has no budget; the others are still checked
    ("APT401-unknown-level", [budget(15), write(f"{Y}/divisions/0CAP.yaml", "niveau: CAP\nformation: X\neleves: []\n")],
     [e("APT101", f"{Y}/divisions/0CAP.yaml:1"), e("APT401", f"{ELEC}:2"), e("APT401", f"{SPC}:2")]
     + [w("APT403", f"{YEAR}:10")] * 2 + [w("APT403", f"{YEAR}:13")] * 2),
    # APT404: a finished year under half its budget by 0.01 h is not flagged, by 0.1 h it is
    # (2MELEC1 21.8667 h: half of 43.753333 is + 0.01 h, half of 43.933333 is + 0.1 h)
    ("APT404-inside", [NEXT_YEAR, budget(43.753333, "tolerance_rythme: 1\n")], []),
    ("APT404-outside", [NEXT_YEAR, budget(43.933333, "tolerance_rythme: 1\n")], [w("APT404", f"{ELEC}:2")]),
    # APT405: one teacher is enough, none is an error (its 10 h leave P1 at 5 h, exactly half the pace)
    ("APT405-one", [change(APPRO1, "  - bpetit\n", "  - adurand\n")], []),
    ("APT405-none", [change(APPRO1, "enseignants:\n  - bpetit\n", "enseignants: []\n")], [e("APT405", f"{APPRO1}:5")]),
    # APT410: 22 h of 28 due = 78.57 %
    ("APT410-inside", [school("heures_eleve:\n  prevues: 0.785\n")], []),
    ("APT410-outside", [school("heures_eleve:\n  prevues: 0.786\n")], [w("APT410", where) for where in ALL_STUDENTS]),
    # APT411: 18 h of 28 = 64.29 % (e03-e07), 20 h = 71.43 % (e02)
    ("APT411-inside", [school("heures_eleve:\n  suivies: 0.642\n")], []),
    ("APT411-outside", [school("heures_eleve:\n  suivies: 0.643\n")],
     [w("APT411", f"{ELEC}:7"), w("APT411", f"{ELEC}:8"), w("APT411", f"{SPC}:5"), w("APT411", f"{SPC}:6"),
      w("APT411", f"{SPC}:7")]),
    ("APT411-e02-inside", [school("heures_eleve:\n  suivies: 0.714\n")],
     [w("APT411", f"{ELEC}:7"), w("APT411", f"{ELEC}:8"), w("APT411", f"{SPC}:5"), w("APT411", f"{SPC}:6"),
      w("APT411", f"{SPC}:7")]),
    ("APT411-e02-outside", [school("heures_eleve:\n  suivies: 0.715\n")],
     [w("APT411", f"{ELEC}:{n}") for n in (6, 7, 8)] + [w("APT411", f"{SPC}:{n}") for n in (5, 6, 7)]),
    # APT501: e08 out of P1's groups, with a dispense for P1 (fine) or for P2 only (not P1)
    ("APT501-dispensed", [change(APPRO1, "  - e08\n", ""),
                          *[drop_mark(S_APPRO1, d, "e08") for d in ("2025-09-16", "2025-09-23", "2025-09-30",
                                                                     "2025-10-07", "2025-10-14")],
                          change(YEAR, "barrettes:", "dispenses:\n  - eleve: e08\n    periodes: [P1]\n"
                                 "    motif: Stage\nbarrettes:")], []),
    ("APT501-other-period", [change(APPRO1, "  - e08\n", ""),
                             *[drop_mark(S_APPRO1, d, "e08") for d in ("2025-09-16", "2025-09-23", "2025-09-30",
                                                                        "2025-10-07", "2025-10-14")],
                             change(YEAR, "barrettes:", "dispenses:\n  - eleve: e08\n    periodes: [P2]\n"
                                    "    motif: Stage\nbarrettes:")], [e("APT501", f"{SPC}:8")]),
    # APT502: e02 changes group between P1 and P2: with its bilan (base), without
    ("APT502-outside", [change(BILANS, "  e02:\n    auteur: adurand\n    date: 2025-10-14\n    resultat: partiel\n"
                               "    decision: changement\n    vers: G-APPRO\n    motif: Méthode acquise, projet de BTS\n",
                               "")], [e("APT502", f"{APPRO2}:9")]),
    # APT503: the change needs a motif; its vers or type must match the new group
    ("APT503-no-motif", [change(BILANS, "    motif: Méthode acquise, projet de BTS\n", "")], [e("APT503", f"{BILANS}:12")]),
    ("APT503-other-group", [change(BILANS, "vers: G-APPRO", "vers: G-METHODO")], [e("APT503", f"{BILANS}:13")]),
    ("APT503-type-inside", [change(BILANS, "vers: G-APPRO", "type: approfondissement")], []),
    ("APT503-type-outside", [change(BILANS, "vers: G-APPRO", "type: passerelle")], [e("APT503", f"{BILANS}:13")]),
    ("APT503-no-target", [change(BILANS, "    vers: G-APPRO\n", "")], [e("APT503", f"{BILANS}:12")]),
    # APT504: an arrival on P2's first day is inside (e04 then in G-METHODO from the start: its 04/11
    # mark in G-APPRO is APT601 and G-METHODO's 04/11 appel misses it), the day before is not
    ("APT504-inside", [change(METHODO2, "date: 2025-11-18", "date: 2025-11-03")],
     [e("APT601", f"{S_APPRO2}:10"), w("APT602", f"{S_METHODO2}:3")]),
    ("APT504-outside", [change(METHODO2, "date: 2025-11-18", "date: 2025-11-02")],
     [e("APT504", f"{METHODO2}:13"), e("APT601", f"{S_APPRO2}:10"), w("APT602", f"{S_METHODO2}:3")]),
    # arriving from its own group: e04 then starts P2 in G-METHODO, a change its bilan (maintien) denies
    ("APT504-own-group", [change(METHODO2, "depuis: G-APPRO", "depuis: G-METHODO")],
     [e("APT504", f"{METHODO2}:15"), e("APT503", f"{BILANS}:24"), e("APT601", f"{S_APPRO2}:10"),
      w("APT602", f"{S_METHODO2}:3")]),
    # arriving from a group of another barrette (B-AUTRE, no division): e04 then starts P2 there
    ("APT504-other-barrette", [
        change(YEAR, "barrettes:\n", "barrettes:\n  - id: B-AUTRE\n    jour: jeudi\n    debut: \"14:00\"\n"
               "    duree_min: 120\n    divisions: []\n"),
        write(f"{Y}/groups/P2/G-AUTRE.yaml", "titre: Autre\ntype: approfondissement\nbarrette: B-AUTRE\n"
              "enseignants: [adurand]\neleves: []\n"),
        change(METHODO2, "depuis: G-APPRO", "depuis: G-AUTRE")],
     [e("APT504", f"{METHODO2}:15"), e("APT503", f"{BILANS}:24"), e("APT601", f"{S_APPRO2}:10")]),
    # moved on 18/11 but no longer in G-METHODO's list (and not gone): APT504 on the arrival, APT501
    ("APT504-not-in-list", [change(METHODO2, "  - e04\n", "")],
     [e("APT504", f"{METHODO2}:12"), e("APT501", f"{ELEC}:8")]),  # its list is one line shorter
    # APT505: leaving on the day of the last session (marked that day) is fine, the day before is not
    ("APT505-inside", [change("students/e05.yaml", "profils:", "sortie: 2025-12-16\nprofils:")], []),
    ("APT505-outside", [change("students/e05.yaml", "profils:", "sortie: 2025-12-15\nprofils:")],
     [e("APT505", f"{S_APPRO2}:56")]),
    # APT506: e01's bilan decides "sortie" but e01 stays in G-APPRO
    ("APT506-outside", [change(BILANS, "decision: maintien", "decision: sortie")], [w("APT506", f"{BILANS}:7")]),
    # APT508: one appel in P2 makes P2 started: the unknown target turns from warning to error.
    # P2 keeps one session of 2 h (1.2 + 0.8 h) for a pace of 14 h: APT403 for both divisions.
    ("APT508-not-started", [change(BILANS, "vers: G-APPRO", "vers: G-NOPE"), delete(S_METHODO2),
                            write(S_APPRO2, P2_ONE_SESSION)],
     [e("APT503", f"{BILANS}:13"), w("APT508", f"{BILANS}:13")] + [w("APT403", f"{YEAR}:13")] * 2),
    ("APT508-started", [change(BILANS, "vers: G-APPRO", "vers: G-NOPE"), delete(S_METHODO2),
                        write(S_APPRO2, P2_ONE_SESSION + "    appel:\n      e01: present\n")],
     [e("APT503", f"{BILANS}:13"), e("APT508", f"{BILANS}:13"), w("APT602", f"{S_APPRO2}:2")]
     + [w("APT403", f"{YEAR}:13")] * 2),
    # a bilan of the last period: no next period, its own groups stand for the targets (a warning at most)
    ("APT508-last-period-inside", [write(f"{Y}/bilans/P2.yaml", "bilans:\n  e01:\n    auteur: bpetit\n"
                                         "    date: 2025-12-16\n    resultat: atteint\n    decision: changement\n"
                                         "    vers: G-METHODO\n    motif: Méthode\n")], []),
    ("APT508-last-period-outside", [write(f"{Y}/bilans/P2.yaml", "bilans:\n  e01:\n    auteur: bpetit\n"
                                          "    date: 2025-12-16\n    resultat: atteint\n    decision: changement\n"
                                          "    vers: G-NOPE\n    motif: Méthode\n")],
     [w("APT508", f"{Y}/bilans/P2.yaml:7")]),
    # APT601: e04 marked in G-METHODO on its arrival day (base) is fine; arriving a day later it is not
    # a member on 18/11 (APT601), and G-APPRO's 18/11 appel misses it (APT602)
    ("APT601-outside", [change(METHODO2, "date: 2025-11-18", "date: 2025-11-19")],
     [e("APT601", f"{S_METHODO2}:17"), w("APT602", f"{S_APPRO2}:13")]),
    # APT602: every member marked (base); one mark missing
    ("APT602-outside", [drop_mark(S_APPRO1, "2025-09-16", "e01")], [w("APT602", f"{S_APPRO1}:3")]),
    # APT603: a session ending at 16:00 fits the slot, one minute more does not; nor starting at 13:59
    ("APT603-longer", [change(S_APPRO1, "duree_min: 120", "duree_min: 121")], [e("APT603", f"{S_APPRO1}:4")]),
    ("APT603-earlier", [change(S_APPRO1, 'debut: "14:00"', 'debut: "13:59"')], [e("APT603", f"{S_APPRO1}:4")]),
    # APT701: a second Tuesday barrette of 2MELEC1 may start when B-2NDE ends (16:00), not a minute before
    ("APT701-inside", [change(YEAR, "divisions: [2MELEC1, 2MSPC1]\n", "divisions: [2MELEC1, 2MSPC1]\n  - id: B-SOIR\n"
                              '    jour: mardi\n    debut: "16:00"\n    duree_min: 60\n    divisions: [2MELEC1]\n')], []),
    ("APT701-outside", [change(YEAR, "divisions: [2MELEC1, 2MSPC1]\n", "divisions: [2MELEC1, 2MSPC1]\n  - id: B-SOIR\n"
                               '    jour: mardi\n    debut: "15:59"\n    duree_min: 60\n    divisions: [2MELEC1]\n')],
     [e("APT701", f"{YEAR}:26")]),
    ("APT603-shorter-later", [change(S_APPRO1, 'debut: "14:00"\n    duree_min: 120', 'debut: "14:30"\n    duree_min: 90')],
     []),
    # APT309: a closure, an opening or a PFMP stays in the year's window (01/08/2025-31/07/2026), and ends
    # after it starts; the new closure is at lines 6-8 of year.yaml (du, au, motif)
    ("APT309-end-inside", [closure("2026-07-20", "2026-07-31")], []),
    ("APT309-end-outside", [closure("2026-07-20", "2026-08-01")], [e("APT309", f"{YEAR}:7")]),
    ("APT309-start-inside", [closure("2025-08-01", "2025-08-29")], []),
    ("APT309-start-outside", [closure("2025-07-31", "2025-08-29")], [e("APT309", f"{YEAR}:6")]),
    ("APT309-one-day", [closure("2026-05-18", "2026-05-18")], []),  # a Monday: no session
    ("APT309-reversed", [closure("2026-05-19", "2026-05-18")], [e("APT309", f"{YEAR}:7")]),
    # a PFMP of 2MELEC1 (its lines 9-11: pfmp, du, au) in the last days of July, or one day too late
    ("APT309-pfmp-inside", [pfmp(ELEC, "2026-07-27", "2026-07-31")], []),
    ("APT309-pfmp-outside", [pfmp(ELEC, "2026-07-27", "2026-08-01")], [e("APT309", f"{ELEC}:11")]),
    # APT310: a closure for a division of the year (a Monday to Friday in May: no session), or an unknown one
    ("APT310-inside", [closure("2026-05-18", "2026-05-22", "    divisions: [2MELEC1]\n")], []),
    ("APT310-outside", [closure("2026-05-18", "2026-05-22", "    divisions: [2MELEC9]\n")], [e("APT310", f"{YEAR}:9")]),
    # APT311: the 16/12 sessions without their appel; both divisions away that day (PFMP from Tuesday 16/12)
    # leave nobody expected; away from Wednesday 17/12, or only 2MELEC1 away, someone is expected
    ("APT311-from-the-next-day", [*NO_APPEL_1612, pfmp(ELEC, "2025-12-17", "2025-12-19"),
                                  pfmp(SPC, "2025-12-17", "2025-12-19")], []),
    ("APT311-one-division-away", [*NO_APPEL_1612, pfmp(ELEC, "2025-12-16", "2025-12-19")], []),
    ("APT311-everyone-away", [*NO_APPEL_1612, pfmp(ELEC, "2025-12-16", "2025-12-19"),
                              pfmp(SPC, "2025-12-16", "2025-12-19")],
     [w("APT311", f"{S_APPRO2}:49"), w("APT311", f"{S_METHODO2}:47")]),
    # APT604: 2MELEC1 in PFMP on Tuesday 16/12: e01 (G-APPRO), e03 and e04 (G-METHODO) marked present that
    # day (e02 is absent: no mark of presence); from Wednesday 17/12 their marks are outside the PFMP
    ("APT604-inside", [pfmp(ELEC, "2025-12-17", "2025-12-19")], []),
    ("APT604-outside", [pfmp(ELEC, "2025-12-16", "2025-12-19")],
     [w("APT604", f"{S_APPRO2}:54"), w("APT604", f"{S_METHODO2}:52"), w("APT604", f"{S_METHODO2}:53")]),
]


@pytest.mark.parametrize(("changes", "expected"), [(c, x) for _, c, x in CASES], ids=[name for name, _, _ in CASES])
def test_near_miss(tmp_path: Path, changes: list[Change], expected: list[str]) -> None:
    assert diagnostics(mini(tmp_path, changes)) == sorted(expected)


def test_every_threshold_rule_has_a_pair() -> None:
    from aptui.rules import all_codes

    covered = {name.split("-")[0] for name, _, _ in CASES}
    structural = {  # no threshold: checked by their broken variant (tests/fixtures/broken/)
        "APT201", "APT202", "APT203", "APT204", "APT205", "APT206", "APT207", "APT208", "APT209", "APT210", "APT211",
        "APT307", "APT308", "APT507", "APT509",
    }
    rule_codes = {c for c in all_codes() if c >= "APT201"}
    assert rule_codes - structural - covered == set()
