"""The main screens, one module each, and the registry the app builds its modes from.

To add a screen (e.g. the Git screen), write an ``AptScreen`` subclass in its
own module and append a ``ScreenSpec`` to ``SCREENS``: it gets a number key,
a tab, a command-palette entry and its mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from aptui.tui import labels as L
from aptui.tui.data import targets
from aptui.tui.screens.attendance import AttendanceScreen
from aptui.tui.screens.base import AptScreen
from aptui.tui.screens.bilans import BilansScreen
from aptui.tui.screens.dashboard import DashboardScreen
from aptui.tui.screens.git import GIT, GitScreen
from aptui.tui.screens.groups import GroupsScreen
from aptui.tui.screens.problems import ProblemsScreen
from aptui.tui.screens.students import StudentsScreen


@dataclass(frozen=True, slots=True)
class ScreenSpec:
    """One main screen: its mode name, its number key, its French label, how to build it."""

    mode: str
    key: str
    label: str
    factory: Callable[[], AptScreen]


SCREENS: list[ScreenSpec] = [
    ScreenSpec(targets.DASHBOARD, "1", L.DASHBOARD, DashboardScreen),
    ScreenSpec(targets.STUDENTS, "2", L.STUDENTS, StudentsScreen),
    ScreenSpec(targets.GROUPS, "3", L.GROUPS, GroupsScreen),
    ScreenSpec(targets.ATTENDANCE, "4", L.ATTENDANCE, AttendanceScreen),
    ScreenSpec(targets.BILANS, "5", L.BILANS, BilansScreen),
    ScreenSpec(targets.PROBLEMS, "6", L.PROBLEMS, ProblemsScreen),
    ScreenSpec(GIT, "7", L.GIT, GitScreen),
]
"""The main screens in tab order; extend this list to add one."""
