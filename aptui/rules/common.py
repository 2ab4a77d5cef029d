"""Small helpers shared by the rule modules."""

from __future__ import annotations

from aptui.model.entities import School


def who(school: School, student_id: str) -> str:
    """« Léa Martin (e2024-017) », or the bare id for an unknown student."""
    student = school.students.get(student_id)
    return f"{student.display} ({student_id})" if student else student_id


def hours(value: float) -> str:
    """French rendering of hours: 12,5 h."""
    return f"{value:.1f}".replace(".", ",") + " h"


def percent(share: float) -> str:
    """French rendering of a share: 78,6 %."""
    return f"{share * 100:.1f}".replace(".", ",") + " %"


def french_date(day: object) -> str:
    from datetime import date

    if isinstance(day, date):
        return day.strftime("%d/%m/%Y")
    return str(day)
