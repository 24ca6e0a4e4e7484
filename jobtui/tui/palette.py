"""Every action of the main screen in the command palette (ctrl+p), from its key bindings."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from jobtui.tui.keys import key_label


class ActionsProvider(Provider):
    """Offers each bound action by its description, with its key as a person types it."""

    def _actions(self) -> list[tuple[str, str, str]]:
        screen: Any = self.screen  # the screen the palette was opened on
        return screen.palette_actions()  # type: ignore[no-any-return]

    def _run(self, action: str) -> partial[object]:
        screen: Any = self.screen
        return partial(screen.run_bound_action, action)

    async def discover(self) -> Hits:
        for desc, action, key in self._actions():
            yield DiscoveryHit(desc, self._run(action), help=f"key: {key_label(key)}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for desc, action, key in self._actions():
            score = matcher.match(desc)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(desc), self._run(action), help=f"key: {key_label(key)}"
                )
