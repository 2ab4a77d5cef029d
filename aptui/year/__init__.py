"""A new school year from the previous one (``aptui new-year``).

    rollover  the plan, as data: calendar and periods, divisions promoted by formation, students carried
              (repeaters kept at their level, Terminales and departures leave), barrettes, profiles to confirm
    command   the edit command that writes the plan (one commit)
    summary   the plan in French: printed first, and the commit message
"""
