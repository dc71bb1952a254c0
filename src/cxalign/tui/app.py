"""The cxalign application: stores its options, pushes the first screen, holds the global keys."""

from __future__ import annotations

from time import monotonic

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from cxalign.tui.base import relabel_bindings
from cxalign.tui.commands import CxalignCommands
from cxalign.tui.options import AppOptions

THEMES = ("textual-dark", "textual-light")

#: After a SIGTERM/SIGHUP the app ends once no key arrived for END_GRACE seconds (keys typed
#: before the signal may still be on their way on a loaded machine), and at most END_WAIT after it.
END_GRACE = 0.25
END_WAIT = 3.0


class CxalignApp(App):
    """Workshops → workshop → filling; results and export for the facilitator.

    Build it with :func:`cxalign.tui.make_app`; ``CxalignApp(home=…, lang=…)`` also works
    (the keywords of :class:`AppOptions`).
    """

    CSS_PATH = "app.tcss"
    TITLE = "cxalign"
    #: Only our commands: Textual's own are in English and some make no sense here.
    COMMANDS = {CxalignCommands}
    BINDINGS = [
        # priority: function keys also work in dialogs (modal screens hide ordinary app bindings)
        Binding("f1", "help", "Help", priority=True),
        Binding("question_mark", "help", "Help", show=False),
        Binding("f2", "switch_lang", "FR/EN", priority=True),
        Binding("f3", "toggle_theme", "Theme", priority=True, show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    lang: reactive[str] = reactive("fr")

    def __init__(self, options: AppOptions | None = None, /, **keywords) -> None:
        super().__init__()
        self.options = options if options is not None else AppOptions(**keywords)
        self.set_reactive(CxalignApp.lang, self.options.lang or "fr")
        self.locks: set = set()  # participant locks held by open questionnaires
        self._last_key = self._ending_since = 0.0

    def on_mount(self) -> None:
        from cxalign.tui.screens import first_screens

        self.theme = THEMES[0]
        relabel_bindings(self, self.lang)
        self._catch_endings()
        for screen, callback in first_screens(self.options):
            self.push_screen(screen, callback)

    def _catch_endings(self) -> None:
        """Closing the terminal (SIGHUP) or being stopped (SIGTERM, as ``cxalign serve`` does) saves
        what is typed and releases the locks, as Ctrl+Q does."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        # a hang-up ends at once (the terminal is gone: no key can come any more); a SIGTERM
        # first lets the keys typed before it arrive (see _ended_from_outside)
        for name, handler in (("SIGHUP", self._hung_up), ("SIGTERM", self._ended_from_outside)):
            try:
                loop.add_signal_handler(getattr(signal, name), handler)
            except (AttributeError, NotImplementedError, RuntimeError, ValueError):
                pass  # no such signal (Windows) or not the main thread (tests)

    def _hung_up(self) -> None:
        self._ending_since = self._last_key = 0.0
        self._end_now()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = monotonic()  # a signal's ending waits for the keys already typed
        await super().on_event(event)

    def _ended_from_outside(self) -> None:
        """Save at once (the terminal may be gone), then again once the keys already typed are
        handled (no key for END_GRACE, at most END_WAIT), then end and release the locks."""
        self.flush_all()
        self._ending_since = monotonic()
        self.set_timer(END_GRACE, self._end_now)

    def _end_now(self) -> None:
        now = monotonic()
        if now - self._last_key < END_GRACE and now - self._ending_since < END_WAIT:
            self.set_timer(END_GRACE, self._end_now)  # keys still arriving (a loaded machine): wait
            return
        self.flush_all()
        self.release_locks()
        if self.is_running:
            self.exit()

    def watch_lang(self, lang: str) -> None:
        relabel_bindings(self, lang)
        self.refresh_bindings()

    def flush_all(self) -> None:
        """Save what every open screen holds unsaved (before any ending)."""
        for screen in reversed(self.screen_stack):
            flush = getattr(screen, "flush", None)  # Textual's own screens (the palette) have none
            if flush is not None:
                flush()

    def release_locks(self) -> None:
        for lock in list(self.locks):
            lock.release()
        self.locks.clear()

    def exit(self, *args, **kwargs) -> None:
        """Every ending requested from inside or outside the app saves first."""
        self.flush_all()
        super().exit(*args, **kwargs)

    async def action_quit(self) -> None:
        self.exit()

    def action_command_palette(self) -> None:
        """The palette, with its prompt in the interface language."""
        from textual.command import CommandPalette

        from cxalign.tui.base import tr

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=tr("palette.placeholder", self.lang), id="--command-palette"))

    def action_switch_lang(self) -> None:
        self.lang = "en" if self.lang == "fr" else "fr"
        from cxalign.tui.base import tr

        self.notify(tr("lang.switched", self.lang), timeout=2)

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    def action_help(self) -> None:
        from cxalign.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))
