"""What a student asks of the needs groups: content types in order, each with the reason it is asked.

From the student's file, for one year: the needs noted (``besoins``, in the order written),
the passerelle flag, the latest diagnostic (a low score asks for remediation, a high one for
deepening, when no need is noted) and, for a student with no need at all, a stated default: the
pilote's, or the one of the student's profile.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from aptui import vocab as v
from aptui.model.entities import DiagnosticTest, Student

METHODS, SUPPORT, DEEPEN = "aide-methodologique", "soutien-disciplinaire", "approfondissement"
PROJECT, PASSERELLE = "projet-professionnel", "passerelle"

DEFAULT_BY_PROFILE: Mapping[str, str] = MappingProxyType({
    "contents": DEEPEN,          # keep motivation, aim for a BTS
    "pourquoi-pas": PROJECT,     # build a professional identity
    "malgre-eux": METHODS,       # find their place, limited objectives
})
"""The default for a student without any need, by profile (the seeds' three profiles)."""
FALLBACK = METHODS
"""The default for a student without need nor profile."""
WEAK, STRONG = 0.5, 0.7
"""A diagnostic under half the marks asks for remediation; from 70 % on, for deepening."""
RANK_STEP = 2
"""The cost of each step down a student's list of wishes."""
OTHER_COST = 10
"""The cost of a group of a type the student did not ask for (only when theirs are full)."""

_SCORE = re.compile(r"(\d+(?:[.,]\d+)?)\s*/\s*(\d+(?:[.,]\d+)?)")
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")


@dataclass(frozen=True, slots=True)
class Wishes:
    """A student's content types in order of preference, why each one, and their latest diagnostic."""

    types: tuple[str, ...]
    why: Mapping[str, str]
    """Content type -> the reason (French) a placement in a group of that type gives."""
    diagnostic: str
    """« diagnostic du 04/09 : 6/20 » (latest one), or ""."""
    score: float | None
    """The latest diagnostic's result as a fraction of the marks, when it reads as one."""

    def cost(self, content_type: str) -> int:
        """How much the student would rather not be in a group of that type."""
        if content_type in self.types:
            return RANK_STEP * self.types.index(content_type)
        return OTHER_COST

    def reason(self, content_type: str) -> str:
        """The reason of a placement in a group of that type (the group file's ``motifs:`` entry)."""
        said = self.why.get(content_type)
        first = self.types[0] if self.types else None
        if said is None:
            said = f"placé(e) en {label(content_type)}"
        if first is not None and content_type != first:
            said += f" (1er souhait : {label(first)}, trop peu d'élèves pour un groupe ou plus de place)"
        return f"{said} ; {self.diagnostic}" if self.diagnostic else said


def label(content_type: str) -> str:
    return v.CONTENT_TYPE_LABELS.get(content_type, content_type).lower()


def score_of(result: str) -> float | None:
    """« 6/20, fractions fragiles » -> 0.3; « 45 % » -> 0.45; None when no score can be read."""
    found = _SCORE.search(result)
    if found:
        marks, total = (float(x.replace(",", ".")) for x in found.groups())
        return marks / total if total > 0 else None
    found = _PERCENT.search(result)
    return float(found.group(1).replace(",", ".")) / 100 if found else None


def latest(diagnostics: tuple[DiagnosticTest, ...]) -> DiagnosticTest | None:
    return max(diagnostics, key=lambda d: d.day) if diagnostics else None


def _diagnostic_text(test: DiagnosticTest | None) -> str:
    if test is None:
        return ""
    result = " ".join(test.result.split())
    return f"diagnostic du {test.day:%d/%m} : {result[:60] + '…' if len(result) > 60 else result}"


def wishes_of(student: Student, year: str, default: str | None = None) -> Wishes:
    """The wishes of a student for a year; ``default``: the pilote's type for students without need."""
    types: list[str] = []
    why: dict[str, str] = {}

    def ask(content_type: str, reason: str) -> None:
        if content_type in v.CONTENT_TYPE_LABELS and content_type not in why:
            types.append(content_type)
            why[content_type] = reason

    for need in student.needs:
        detail = f" ({' '.join(need.detail.split())})" if need.detail.strip() else ""
        ask(need.content_type, f"besoin : {label(need.content_type)}{detail}")
    if student.passerelle:
        ask(PASSERELLE, "passerelle (changement de spécialité)")
    test = latest(student.diagnostics)
    score = score_of(test.result) if test else None
    if not types and score is not None and score < WEAK:
        ask(SUPPORT, "diagnostic faible : soutien")
    elif not types and score is not None and score >= STRONG:
        ask(DEEPEN, "diagnostic réussi : approfondissement")
    noted = bool(types)
    profile = student.profiles.get(year)
    stated = default or DEFAULT_BY_PROFILE.get(profile or "", FALLBACK)
    if default:
        ask(stated, f"{'à défaut' if noted else 'sans besoin noté'} : type par défaut du pilote ({label(stated)})")
    elif profile is not None and profile in DEFAULT_BY_PROFILE:
        ask(stated, f"{'à défaut' if noted else 'sans besoin noté'} : profil "
                    f"« {v.PROFILE_LABELS[profile]} » ({label(stated)})")
    else:
        ask(stated, f"{'à défaut' if noted else 'sans besoin noté'} : type par défaut ({label(stated)})")
    return Wishes(tuple(types), why, _diagnostic_text(test), score)
