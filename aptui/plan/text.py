"""A proposal in French: one summary line (the commit message's first line) and the full listing."""

from __future__ import annotations

from aptui.plan.proposal import NEXT, Proposal


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def summary_line(proposal: Proposal) -> str:
    """« P1, B-2NDE : groupes proposés d'après les diagnostics (4 groupes dont 3 nouveaux, 52 élèves placés) »."""
    where = f"{proposal.period}, {', '.join(proposal.barrettes)}"
    source = (f"repris de {proposal.from_period} d'après les bilans" if proposal.source == NEXT
              else "proposés d'après les besoins et les diagnostics")
    groups = len([g for g in proposal.groups if g.new or g.placements])
    new = len([g for g in proposal.groups if g.new])
    parts = [f"{_plural(groups, 'groupe')}" + (f" dont {new} nouveau{'x' if new > 1 else ''}"
                                                 if new and new != groups else ""),
             f"{_plural(proposal.placed, 'élève')} placé{'s' if proposal.placed > 1 else ''}"]
    if proposal.unplaced:
        parts.append(f"{len(proposal.unplaced)} sans groupe")
    if proposal.left_out:
        departed = sum(1 for out in proposal.left_out if out.reason.startswith("parti(e)"))
        parts.append(f"{len(proposal.left_out)} sortie(s)"
                     + (f" dont {departed} élève(s) parti(s) de l'établissement" if departed else ""))
    capacity = f"capacité {proposal.settings.minimum}–{proposal.settings.maximum}"
    return f"{where} : groupes {source} ({', '.join(parts)} ; {capacity})"


def listing(proposal: Proposal) -> list[str]:
    """Every group with its members and their reasons, then the students left without a group."""
    name = proposal.names.get
    lines = [summary_line(proposal)]
    for group in proposal.groups:
        if not group.new and not group.placements:
            continue
        teachers = ", ".join(group.teachers) or "sans enseignant"
        state = "nouveau" if group.new else f"{len(group.kept)} déjà là"
        short = f", {group.short} sous le minimum" if group.short else ""
        lines.append(f"  {group.id} « {group.title} » ({group.barrette}, {teachers}) : "
                     f"{_plural(group.size, 'élève')}, {state}{short}")
        for placement in group.placements:
            lines.append(f"    + {name(placement.student, placement.student)} ({placement.student}) : {placement.reason}")
    for missing in proposal.unplaced:
        lines.append(f"  sans groupe : {name(missing.student, missing.student)} ({missing.student}) : {missing.reason}")
    for out in proposal.left_out:
        lines.append(f"  non proposé : {name(out.student, out.student)} ({out.student}) : {out.reason}")
    if not proposal.proven:
        lines.append("  (meilleure proposition trouvée dans le temps imparti, pas forcément optimale)")
    return lines
