"""The command palette: every screen, and every action of the current screen and of the app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from aptui.tui import labels as L

if TYPE_CHECKING:
    from aptui.tui.app import AptuiApp


class AptuiCommands(Provider):
    """Screens to go to, then the bindings (with a description) active on the screen."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        app = cast("AptuiApp", self.app)
        for spec in app.screen_specs:
            yield L.GOTO_SCREEN.format(spec.label), spec.key, partial(app.run_action, f"switch_mode('{spec.mode}')")
        seen: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen or binding.action.startswith("switch_mode"):
                continue
            seen.add(binding.action)
            yield binding.description, key, partial(app.run_action, binding.action, active.node)

    async def discover(self) -> Hits:
        for name, key, callback in self._commands():
            yield DiscoveryHit(name, callback, help=key)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, key, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=key)
