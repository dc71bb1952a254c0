"""The command palette (ctrl+p): the main actions, in the current language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from cxalign.tui.app import CxalignApp


class CxalignCommands(Provider):
    """The main actions in the command palette (ctrl+p)."""

    def _commands(self) -> list[tuple[str, object]]:
        app: CxalignApp = self.app  # type: ignore[assignment]
        items = [
            ("cmd.new_workshop", app.action_new_workshop),
            ("cmd.demo", app.action_demo),
            ("cmd.switch_lang", app.action_switch_lang),
            ("cmd.toggle_theme", app.action_toggle_theme),
            ("cmd.help", app.action_help),
        ]
        if getattr(self.screen, "folder", None) is not None and not getattr(self.screen, "private", False):
            items += [("cmd.results", app.action_results), ("cmd.export", app.action_export)]
        return [(app.tr(key), action) for key, action in items]

    async def discover(self) -> Hits:
        for text, action in self._commands():
            yield DiscoveryHit(text, action)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, action in self._commands():
            if (score := matcher.match(text)) > 0:
                yield Hit(score, matcher.highlight(text), action, text=text)
