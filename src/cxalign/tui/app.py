"""The cxalign application: stores its arguments, pushes the first screen, holds global keys."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from cxalign.i18n import tr
from cxalign.tui.commands import CxalignCommands
from cxalign.tui.lang import localize_bindings

THEMES = ("textual-dark", "textual-light")


class CxalignApp(App):
    """Workshops → workshop → filling; results and export for the facilitator."""

    CSS_PATH = "app.tcss"
    TITLE = "cxalign"
    COMMANDS = App.COMMANDS | {CxalignCommands}
    BINDINGS = [
        # priority: function keys also work in dialogs (modal screens hide ordinary app bindings)
        Binding("f1", "help", "Help", priority=True),
        Binding("question_mark", "help", "Help", show=False),
        Binding("f2", "switch_lang", "FR/EN", priority=True),
        Binding("f3", "toggle_theme", "Theme", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    lang: reactive[str] = reactive("fr")

    def __init__(self, home: Path, lang: str | None = None, workshop: Path | None = None,
                 participant: str | None = None):
        super().__init__()
        self.home = Path(home)
        self.workshop = Path(workshop) if workshop else None
        self.participant = participant
        self.set_reactive(CxalignApp.lang, lang if lang in ("fr", "en") else "fr")
        self.locks: set = set()

    def tr(self, key: str, area: str = "tui", **fields: object) -> str:
        return tr(key, self.lang, area, **fields)

    def on_mount(self) -> None:
        from cxalign.tui.screens.workshops import WorkshopsScreen

        self.theme = THEMES[0]
        localize_bindings(self, self.lang)
        self._catch_hang_up()
        if self.participant and self.workshop:
            from cxalign.store import WorkshopFolder
            from cxalign.tui.screens.fill import FillScreen

            self.push_screen(FillScreen(WorkshopFolder(self.workshop), self.participant), self.exit)
            return
        self.push_screen(WorkshopsScreen(self.home))
        if self.workshop:
            from cxalign.store import WorkshopFolder
            from cxalign.tui.screens.workshop import WorkshopScreen

            self.push_screen(WorkshopScreen(WorkshopFolder(self.workshop)))

    def _catch_hang_up(self) -> None:
        """Closing the terminal (SIGHUP) saves what is typed, as Ctrl+Q does, instead of losing it."""
        import asyncio
        import signal

        try:
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._hang_up)
        except (AttributeError, NotImplementedError, RuntimeError, ValueError):
            pass  # no SIGHUP (Windows) or not the main thread

    def _hang_up(self) -> None:
        if self.is_running:
            self._flush_all()  # at once: the terminal is gone, the app may not paint again
            self.exit()

    def _flush_all(self) -> None:
        for screen in self.screen_stack:
            if hasattr(screen, "flush"):
                screen.flush()  # save what is typed but not yet saved

    def watch_lang(self, lang: str) -> None:
        localize_bindings(self, lang)
        self.refresh_bindings()

    def release_locks(self) -> None:
        for lock in list(self.locks):
            lock.release()
        self.locks.clear()

    # -- actions -------------------------------------------------------------------
    async def action_quit(self) -> None:
        self._flush_all()
        self.exit()

    def action_switch_lang(self) -> None:
        self.lang = "en" if self.lang == "fr" else "fr"
        self.notify(self.tr("lang.switched"), timeout=2)

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    def action_help(self) -> None:
        from cxalign.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def _workshops_screen(self):
        from cxalign.tui.screens.workshops import WorkshopsScreen

        return next((s for s in self.screen_stack if isinstance(s, WorkshopsScreen)), None)

    def _back_to_list(self):
        """The workshops screen, brought to the top (what was typed on the way is saved)."""
        screen = self._workshops_screen()
        if screen is None or self.participant:
            return None
        while self.screen is not screen:
            if hasattr(self.screen, "flush"):
                self.screen.flush()
            self.pop_screen()
        return screen

    def action_new_workshop(self) -> None:
        if (screen := self._back_to_list()) is not None:
            screen.action_new()

    def action_demo(self) -> None:
        if (screen := self._back_to_list()) is not None:
            screen.action_demo()

    def _open(self, name: str) -> None:
        folder = getattr(self.screen, "folder", None)
        if folder is not None and not getattr(self.screen, "private", False):
            getattr(self.screen, f"action_{name}", partial(self.notify, self.tr("no_workshop")))()

    def action_results(self) -> None:
        self._open("results")

    def action_export(self) -> None:
        self._open("export")
