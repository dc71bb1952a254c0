"""What the facilitator's screens (results, export) share: the workshop folder and the language.

Their strings live in ``locales/tui_results.toml``; binding labels under ``key.<action>``
(an action with arguments, ``show_tab('maturity')``, is looked up as ``key.show_tab_maturity``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from cxalign.i18n import catalog, tr
from cxalign.store import WorkshopFolder

AREA = "tui_results"


def t(key: str, lang: str, /, **fields: object) -> str:
    """A string of the results and export screens."""
    return tr(key, lang, AREA, **fields)


def app_lang(node: DOMNode) -> str:
    """The interface language of the app ``node`` runs in (French when the app has none)."""
    lang = getattr(node.app, "lang", "fr")
    return lang if lang in ("fr", "en") else "fr"


def action_label_key(action: str) -> str:
    return "key." + re.sub(r"\W+", "_", action).strip("_")


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Rewrite the Footer labels of ``node``'s own bindings in ``lang``."""
    strings = catalog(AREA)
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=t(label, lang)) if (label := action_label_key(b.action)) in strings else b
            for b in bindings
        ]


def as_folder(folder: WorkshopFolder | str | Path) -> WorkshopFolder:
    return folder if isinstance(folder, WorkshopFolder) else WorkshopFolder(folder)


class _Localized:
    """Mixin: translated bindings, and :meth:`relabel` called when the app's language changes."""

    @property
    def lang(self) -> str:
        return app_lang(self)  # type: ignore[arg-type]

    def t(self, key: str, /, **fields: object) -> str:
        return t(key, self.lang, **fields)

    def _follow_language(self) -> None:
        localize_bindings(self, self.lang)  # type: ignore[arg-type]
        if hasattr(self.app, "lang"):  # type: ignore[attr-defined]
            self.watch(self.app, "lang", self._language_changed, init=False)  # type: ignore[attr-defined]

    def _language_changed(self, lang: str) -> None:
        localize_bindings(self, lang)  # type: ignore[arg-type]
        self.relabel()
        self.refresh_bindings()  # type: ignore[attr-defined]

    def relabel(self) -> None:
        """Show the screen in the current language."""


class FacilitatorScreen(_Localized, Screen):
    """A full screen about one workshop folder (``self.folder``)."""

    def __init__(self, folder: WorkshopFolder | str | Path) -> None:
        super().__init__()
        self.folder = as_folder(folder)

    def on_mount(self) -> None:
        self._follow_language()

    def action_back(self) -> None:
        self.dismiss()


class FacilitatorModal(_Localized, ModalScreen):
    """A dialog of the facilitator's screens."""

    def on_mount(self) -> None:
        self._follow_language()
