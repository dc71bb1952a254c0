"""Run-time language switching: translated binding descriptions and screens that re-render."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from cxalign.i18n import catalog, tr


def binding_label(action: str, lang: str) -> str | None:
    """The Footer label of an action in ``lang`` (keys ``key.<action>`` in tui.toml), if any."""
    key = f"key.{action}"
    return tr(key, lang, "tui") if key in catalog("tui") else None


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Rewrite the descriptions of ``node``'s bindings in ``lang``."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=label) if (label := binding_label(b.action, lang)) else b
            for b in bindings
        ]


class _LangAware:
    """Mixin: translate the bindings, and re-render when the app's language changes."""

    def on_mount(self) -> None:
        localize_bindings(self, self.app.lang)
        self.watch(self.app, "lang", self._language_changed, init=False)

    async def _language_changed(self, lang: str) -> None:
        localize_bindings(self, lang)
        await self.relabel()
        self.refresh_bindings()

    async def relabel(self) -> None:
        """Show the screen in the new language (by default: compose it again)."""
        await self.recompose()

    def tr(self, key: str, area: str = "tui", **fields: object) -> str:
        return tr(key, self.app.lang, area, **fields)


class LangScreen(_LangAware, Screen):
    """A full screen that follows the app's language."""


class LangModal(_LangAware, ModalScreen):
    """A dialog that follows the app's language, keeping what was typed or chosen."""

    async def relabel(self) -> None:
        from textual.widgets import Checkbox, Input, Select

        kept = {w.id: w.value for w in self.query("Input, Select, Checkbox") if w.id}
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        for widget in self.query("Input, Select, Checkbox"):
            if widget.id in kept and isinstance(widget, (Input, Select, Checkbox)):
                widget.value = kept[widget.id]
        if focused:
            for widget in self.query(f"#{focused}"):
                widget.focus()
