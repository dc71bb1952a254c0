"""Export the PDF report from the interface: language, anonymity, file; progress while it renders.

The report is made by :func:`cxalign.report.make_report` (the same call as
``cxalign report``) in a thread, so the interface stays responsive; its progress
callback moves the bar through ``App.call_from_thread``.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    Label,
    ProgressBar,
    RadioButton,
    RadioSet,
    Static,
)

from cxalign.errors import InputError
from cxalign.store import WorkshopFolder
from cxalign.tui.base import Command, FolderScreen
from cxalign.tui.widgets.still_progress import StillProgressBar

LANGS = ("fr", "en")


def default_output(folder: WorkshopFolder, lang: str) -> Path:
    """``<workshop>/report-<lang>.pdf``."""
    return folder.path / f"report-{lang}.pdf"


def html_beside(pdf: Path) -> Path:
    """The HTML file written next to the PDF when asked: same name, ``.html``."""
    return pdf.with_suffix(".html")


class ExportScreen(FolderScreen):
    """Choose the report's language, anonymity and file, then make it with a progress bar."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+e", "export", "Export", priority=True),
    ]

    def __init__(self, folder: WorkshopFolder | str | Path) -> None:
        super().__init__(folder)
        self.workshop = None
        self._load_error: InputError | None = None
        try:
            self.workshop = self.folder.load()
        except InputError as exc:
            self._load_error = exc
        self.running = False
        self.written: tuple[Path, Path | None] | None = None
        self._auto_output = True
        self._step = ""

    # -- layout -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lang = self.workshop.language if self.workshop else self.lang
        anonymous = bool(self.workshop and self.workshop.anonymous)
        yield Static(id="export-title", classes="screen-title", markup=False)
        with VerticalScroll(id="export-scroll"):
            with Vertical(id="export-form"):
                yield Label(id="label-lang", classes="export-label")
                with RadioSet(id="export-lang", compact=True):
                    for code in LANGS:
                        yield RadioButton(self.tr(f"export.lang_{code}"), value=code == lang, id=f"lang-{code}")
                yield Checkbox(self.tr("export.anonymous"), value=anonymous, disabled=anonymous, id="export-anonymous",
                               compact=True)
                yield Static(id="anonymous-note", markup=False)
                yield Label(id="label-output", classes="export-label")
                yield Input(self._default_output(lang), id="export-output")
                yield Checkbox(self.tr("export.html"), value=False, id="export-html", compact=True)
                with Horizontal(classes="export-actions"):
                    yield Button(self.tr("export.run"), id="export-run", variant="primary",
                                 disabled=self._load_error is not None)
                    with Vertical(id="export-status"):
                        yield StillProgressBar(total=100, id="export-progress")
                        yield Static(id="export-step", markup=False)
                yield Static(id="export-result", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.relabel()
        if self._load_error:
            self.show_error(self._load_error, title=self.tr("export.failed"))
        self.query_one("#export-lang").focus()

    def relabel(self) -> None:
        name = f"{self.workshop.organisation} — {self.workshop.name}" if self.workshop else str(self.folder.path.name)
        self.query_one("#export-title", Static).update(Text(self.tr("export.heading", workshop=name)))
        self.query_one("#label-lang", Label).update(self.tr("export.lang"))
        self.query_one("#label-output", Label).update(self.tr("export.output"))
        for code in LANGS:
            self.query_one(f"#lang-{code}", RadioButton).label = self.tr(f"export.lang_{code}")
        self.query_one("#export-anonymous", Checkbox).label = self.tr("export.anonymous")
        self.query_one("#export-html", Checkbox).label = self.tr("export.html")
        forced = bool(self.workshop and self.workshop.anonymous)
        self.query_one("#anonymous-note", Static).update(self.tr("export.anonymous_forced" if forced else "export.anonymous_help"))
        self.query_one("#export-run", Button).label = self.tr("export.running" if self.running else "export.run")
        self._show_step()
        self._show_result()

    # -- the form ---------------------------------------------------------------------
    @property
    def report_lang(self) -> str:
        pressed = self.query_one("#export-lang", RadioSet).pressed_button
        return pressed.id.removeprefix("lang-") if pressed is not None and pressed.id else LANGS[0]

    @on(RadioSet.Changed, "#export-lang")
    def _language_picked(self) -> None:
        if self._auto_output:
            output = self.query_one("#export-output", Input)
            output.value = self._default_output(self.report_lang)

    @on(Input.Changed, "#export-output")
    def _output_typed(self, event: Input.Changed) -> None:
        self._auto_output = event.value == self._default_output(self.report_lang)

    @on(Input.Submitted, "#export-output")
    def _output_submitted(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-run")
    def _run_pressed(self) -> None:
        self.action_export()

    @property
    def _room(self) -> bool:
        """The facilitator's browser in the workshop room (``cxalign serve``): files stay in the workshop."""
        options = getattr(self.app, "options", None)
        return bool(options is not None and options.workshop_only)

    def _default_output(self, lang: str) -> str:
        path = default_output(self.folder, lang)
        return path.name if self._room else str(path)

    def output_path(self) -> Path:
        raw = self.query_one("#export-output", Input).value.strip()
        if not raw:
            raise InputError(self.tr("export.no_output"), field="output")
        if self._room:  # whoever holds the facilitator's link writes only in the workshop's folder
            path = self.folder.path / raw
            if Path(raw).name != raw or raw in (".", "..") or path.resolve().parent != self.folder.path.resolve():
                raise InputError(self.tr("export.name_only"), field="output")
        else:
            path = Path(raw).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return path

    # -- running ----------------------------------------------------------------------
    def action_export(self) -> None:
        if self.running:
            self.notify(self.tr("export.busy"), severity="warning")
            return
        if self.workshop is None:
            self.show_error(self._load_error or self.tr("export.failed"))
            return
        try:
            output = self.output_path()
        except InputError as exc:
            self.show_error(exc, title=self.tr("export.failed"))
            return
        html = html_beside(output) if self.query_one("#export-html", Checkbox).value else None
        anonymous = self.workshop.anonymous or self.query_one("#export-anonymous", Checkbox).value
        self.running = True
        self.written = None
        self.query_one("#export-run", Button).disabled = True
        self.query_one("#export-run", Button).label = self.tr("export.running")
        self.query_one("#export-progress", ProgressBar).update(total=100, progress=0)
        self._step = ""
        self._show_step()
        self._show_result()
        self._make_report(output, html, self.report_lang, anonymous)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _make_report(self, output: Path, html: Path | None, lang: str, anonymous: bool) -> None:
        def progress(label: str, fraction: float) -> None:
            self.app.call_from_thread(self._progress, label, fraction)

        try:
            from cxalign.report import make_report

            make_report(self.folder, output, lang=lang, anonymous=anonymous, html_path=html, progress=progress)
        except InputError as exc:
            self.app.call_from_thread(self._failed, exc)
        except Exception as exc:  # anything else is shown too: the interface must keep running
            message = f"{output}: {exc.strerror}" if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
            self.app.call_from_thread(self._failed, message)
        else:
            self.app.call_from_thread(self._done, output, html)

    def _progress(self, label: str, fraction: float) -> None:
        self._step = str(label)
        self.query_one("#export-progress", ProgressBar).update(progress=round(100 * min(max(fraction, 0.0), 1.0)))
        self._show_step()

    def _finish(self) -> None:
        self.running = False
        button = self.query_one("#export-run", Button)
        button.disabled = False
        button.label = self.tr("export.run")

    def _failed(self, message: InputError | str) -> None:
        self._finish()
        self._step = ""
        self._show_step()
        self.query_one("#export-progress", ProgressBar).update(progress=0)
        self.show_error(message, title=self.tr("export.failed"), timeout=15)

    def _done(self, output: Path, html: Path | None) -> None:
        self._finish()
        self.written = (output, html)
        self._step = ""
        self.query_one("#export-progress", ProgressBar).update(progress=100)
        self._show_step()
        self._show_result()
        self.notify(self.tr("export.done_note", path=str(output)), title=self.tr("export.done"), markup=False, timeout=10)

    def _show_step(self) -> None:
        self.query_one("#export-step", Static).update(self._step)

    def _show_result(self) -> None:
        result = self.query_one("#export-result", Static)
        if self.written is None:
            result.update("")
            return
        output, html = self.written
        text = Text()
        text.append("✔ " + self.tr("export.done") + "\n", "bold green")
        text.append(self.tr("export.pdf_at") + " ", "bold")
        text.append(str(output.resolve()) + "\n")
        if html is not None:
            text.append(self.tr("export.html_at") + " ", "bold")
            text.append(str(html.resolve()) + "\n")
        result.update(text)

    def action_back(self) -> None:
        if self.running:
            self.notify(self.tr("export.busy"), severity="warning")
            return
        super().action_back()

    def commands(self) -> list[Command]:
        return [("cmd.export", self.action_export), ("cmd.results", self.action_results),
                ("cmd.back", self.action_back)]

    def action_results(self) -> None:
        from cxalign.tui.screens.results import ResultsScreen

        stack = self.app.screen_stack
        if len(stack) > 1 and isinstance(stack[-2], ResultsScreen) and not self.running:
            self.dismiss()
        else:
            self.app.push_screen(ResultsScreen(self.folder))
