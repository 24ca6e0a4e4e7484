"""Every action of the app in the command palette (ctrl+p), from the same bindings as the keys."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ActionsProvider(Provider):
    """Offers each bound action by its description."""

    def _actions(self) -> list[tuple[str, str, str]]:
        app = self.app
        return [(desc, action, key) for desc, action, key in app.palette_actions()]  # type: ignore[attr-defined]

    def _run(self, action: str) -> partial[object]:
        return partial(self.app.run_bound_action, action)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for desc, action, key in self._actions():
            yield DiscoveryHit(desc, self._run(action), help=f"key: {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for desc, action, key in self._actions():
            score = matcher.match(desc)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(desc),
                    self._run(action),
                    help=f"key: {key}",
                )
