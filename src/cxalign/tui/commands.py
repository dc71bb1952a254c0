"""The command palette (Ctrl+P): in the interface language, only what works on the current screen.

Each screen lists its own entries in ``commands()`` (:class:`cxalign.tui.base.Localized`);
the app adds language, theme, help and quit. Textual's system commands are not offered.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

from cxalign.tui.base import tr


class CxalignCommands(Provider):
    """The current screen's commands, then the app's own."""

    def _commands(self) -> list[tuple[str, object]]:
        app = self.app
        lang = getattr(app, "lang", "fr")
        commands = getattr(self.screen, "commands", None)
        items = list(commands()) if commands is not None else []
        items += [
            ("cmd.switch_lang", app.action_switch_lang),
            ("cmd.toggle_theme", app.action_toggle_theme),
            ("cmd.help", app.action_help),
            ("cmd.quit", app.action_quit),
        ]
        return [(tr(key, lang), action) for key, action in items]

    async def discover(self) -> Hits:
        for text, action in self._commands():
            yield DiscoveryHit(text, action)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, action in self._commands():
            if (score := matcher.match(text)) > 0:
                yield Hit(score, matcher.highlight(text), action, text=text)
