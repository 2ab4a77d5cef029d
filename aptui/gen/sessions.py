"""Sessions with attendance, and the bilans that close each period.

A group meets on every school day of its barrette's weekday in the period;
the roll call marks exactly its members that day.  Attendance depends on the
student's profile, and falls over the year for students who drop out.
"""

from __future__ import annotations

from datetime import date
from random import Random

from aptui.gen.budget import group_rolls
from aptui.gen.calendar_plan import last_week_days
from aptui.gen.plan import GenBilan, GenSession, GenStudent, GenYear, child_rng
from aptui.gen.texts import ACTIVITIES, BILAN_COMMENTS, CHANGE_REASONS, CLOSED_GROUP_REASON, SESSION_NOTES

BASE_ATTENDANCE: dict[str, float] = {"contents": 0.95, "pourquoi-pas": 0.89, "malgre-eux": 0.78}
NOTE_CHANCE = 0.15


def attendance(rng: Random, student: GenStudent, year: GenYear, day: date) -> str:
    """One mark: present, retard (late), excuse (excused) or absent."""
    chance = BASE_ATTENDANCE[student.profiles[year.id]] + student.assiduity
    if student.falling:
        horizon = student.left_on or year.last_day
        progress = max(0.0, (day - year.first_day).days / max(1, (horizon - year.first_day).days))
        chance -= 0.4 * progress
    chance = min(0.99, max(0.25, chance))
    if rng.random() < chance:
        return "retard" if rng.random() < 0.04 else "present"
    return "excuse" if rng.random() < 0.4 else "absent"


def make_sessions(year: GenYear, students: dict[str, GenStudent], seed: int) -> None:
    for period in year.periods:
        for barrette in year.barrettes:
            for group_id, roll in group_rolls(year, period, barrette).items():
                group = year.groups[period.id][group_id]
                rng = child_rng(seed, year.id, period.id, group_id, "sessions")
                activities = ACTIVITIES[group.template.kind]
                offset = rng.randrange(len(activities))
                for number, (day, members) in enumerate(roll):
                    notes = rng.choice(SESSION_NOTES) if rng.random() < NOTE_CHANCE else None
                    marks = {sid: attendance(rng, students[sid], year, day) for sid in members}
                    activity = activities[(offset + number) % len(activities)]
                    group.sessions.append(GenSession(day, group.duration, activity, notes, marks))


def make_bilans(year: GenYear, seed: int) -> None:
    """One bilan per student placed in the period; the decision explains the next period."""
    for index, period in enumerate(year.periods):
        placements = year.placements.get(period.id, {})
        following = year.periods[index + 1].id if index + 1 < len(year.periods) else None
        upcoming = year.placements.get(following, {}) if following else {}
        next_groups = year.groups.get(following, {}) if following else {}
        rng = child_rng(seed, year.id, period.id, "bilans")
        days = last_week_days(year, period)
        entries = year.bilans.setdefault(period.id, {})
        for sid in sorted(placements):
            end = placements[sid][1]
            group = year.groups[period.id][end]
            outcome = year.outcomes[period.id][sid]
            bilan = GenBilan(rng.choice(group.teachers), rng.choice(days), outcome, "", "maintien")
            if year.exits.get(sid, ("", ""))[0] == period.id:
                bilan.outcome, bilan.decision, bilan.reason = "atteint", "sortie", year.exits[sid][1]
            elif sid in upcoming and upcoming[sid][0] != end:
                target = upcoming[sid][0]
                bilan.decision, bilan.to_group = "changement", target
                if end not in next_groups:
                    bilan.reason = CLOSED_GROUP_REASON
                else:
                    bilan.reason = rng.choice(CHANGE_REASONS[next_groups[target].template.kind])
            bilan.comment = rng.choice(BILAN_COMMENTS[bilan.outcome])
            entries[sid] = bilan
