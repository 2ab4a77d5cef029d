"""The plan of a new year in French: printed first, and the commit message."""

from __future__ import annotations

from collections import Counter

from aptui import vocab as v
from aptui.rules.common import french_date
from aptui.year.rollover import RollPlan


def headline(plan: RollPlan) -> str:
    repeats = sum(1 for c in plan.carried if c.repeat)
    return (f"Nouvelle année {plan.new_year} depuis {plan.old_year} : {len(plan.divisions)} divisions, "
            f"{len(plan.carried)} élèves repris (dont {repeats} redoublement(s)), {len(plan.leaving)} sortant(s), "
            f"{len(plan.periods)} périodes proposées, {len(plan.barrettes)} barrette(s) reprise(s)")


def summary_text(plan: RollPlan) -> str:
    lines = [headline(plan), "",
             f"Calendrier : du {french_date(plan.first_day)} au {french_date(plan.last_day)} ; périodes proposées "
             "entre les vacances de la zone : "
             + ", ".join(f"{p} {french_date(a)}–{french_date(b)}" for p, a, b in plan.periods), "", "Divisions :"]
    for division in plan.divisions:
        after = f"suite de {division.previous}" if division.previous else "nouvelle cohorte (prochain import)"
        lines.append(f"  {division.id} ({division.level} {division.formation}) : {after}, "
                     f"{len(division.students)} élève(s)")
    repeats = [c for c in plan.carried if c.repeat]
    if repeats:
        lines += ["", f"Redoublements ({len(repeats)}) :"]
        lines += [f"  {c.student} {c.display} : {c.old_division} → {c.new_division}" for c in repeats]
    terminales = Counter(item.old_division for item in plan.leaving if item.reason == "fin de Terminale")
    others = [item for item in plan.leaving if item.reason != "fin de Terminale"]
    if terminales:
        lines += ["", "Fin de Terminale : " + ", ".join(f"{d} ({n})" for d, n in sorted(terminales.items()))]
    if others:
        lines += ["", f"Ne sont pas repris ({len(others)}) :"]
        lines += [f"  {item.student} {item.display} ({item.old_division}) : {item.reason}" for item in others]
    lines += ["", "Barrettes reprises, à confirmer :"]
    lines += [f"  {b[v.ID]} : {b[v.WEEKDAY]} {b[v.START]}, {b[v.DURATION]} min, {', '.join(b[v.DIVISIONS]) or '—'}"
              for b in plan.barrettes] or ["  aucune"]
    profiles = sum(1 for c in plan.carried if c.profile)
    lines += ["", f"Profils {plan.new_year} à confirmer : {profiles} repris de {plan.old_year} (profils_a_confirmer)"]
    if plan.exemptions_left:
        lines += [f"Dispenses de {plan.old_year} non reprises : {', '.join(plan.exemptions_left)}"]
    lines.append("PFMP, fermetures (examens) et dispenses : à déclarer pour la nouvelle année.")
    return "\n".join(lines)
