"""The main screens, one module each, and the registry the app builds its modes from.

To add a screen (e.g. the Git screen), write an ``AptScreen`` subclass in its
own module and append a ``ScreenSpec`` to ``SCREENS``: it gets a number key,
a tab, a command-palette entry and its mode.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from aptui.tui import labels as L
from aptui.tui.data import targets
from aptui.tui.screens.base import AptScreen
from aptui.tui.screens.dashboard import DashboardScreen
from aptui.tui.screens.problems import ProblemsScreen


@dataclass(frozen=True, slots=True)
class ScreenSpec:
    """One main screen: its mode name, its number key, its French label, how to build it."""

    mode: str
    key: str
    label: str
    factory: Callable[[], AptScreen]

    def screen_class(self) -> type[AptScreen]:
        """The screen's class (importing its module): its keys, for the help and the command palette."""
        factory = self.factory
        if isinstance(factory, type):
            return factory
        loader: Callable[[], type[AptScreen]] = getattr(factory, "screen_class")  # noqa: B009 - set by _lazy
        return loader()


def _lazy(module: str, name: str) -> Callable[[], AptScreen]:
    """A factory that imports its screen's module when the screen is first shown.

    Only the screens the app can open on (dashboard, problems) are imported at
    start-up: the Git screen alone pulls in gitsync (~0.1 s).
    """

    def screen_class() -> type[AptScreen]:
        found: type[AptScreen] = getattr(import_module(f"aptui.tui.screens.{module}"), name)
        return found

    def factory() -> AptScreen:
        return screen_class()()

    factory.__name__ = f"{name}_factory"
    factory.screen_class = screen_class  # type: ignore[attr-defined]
    return factory


SCREENS: list[ScreenSpec] = [
    ScreenSpec(targets.DASHBOARD, "1", L.DASHBOARD, DashboardScreen),
    ScreenSpec(targets.STUDENTS, "2", L.STUDENTS, _lazy("students", "StudentsScreen")),
    ScreenSpec(targets.GROUPS, "3", L.GROUPS, _lazy("groups", "GroupsScreen")),
    ScreenSpec(targets.ATTENDANCE, "4", L.ATTENDANCE, _lazy("attendance", "AttendanceScreen")),
    ScreenSpec(targets.BILANS, "5", L.BILANS, _lazy("bilans", "BilansScreen")),
    ScreenSpec(targets.PROBLEMS, "6", L.PROBLEMS, ProblemsScreen),
    ScreenSpec(targets.GIT, "7", L.GIT, _lazy("git", "GitScreen")),
    ScreenSpec("annee", "8", L.YEAR_SCREEN, _lazy("year", "YearScreen")),
]
"""The main screens in tab order; extend this list to add one."""

EXTRA_SCREENS: list[ScreenSpec] = [
    ScreenSpec("mes-seances", "M", L.MY_SESSIONS, _lazy("my_sessions", "MySessionsScreen")),
]
"""Screens without a tab (a key opens them anywhere): « Mes séances »."""
