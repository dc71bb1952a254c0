"""The facilitator's reveal: maturity, the alignment heat map, hot spots, definitions, consensus.

One widget per tab (:mod:`cxalign.tui.widgets.results`); this screen loads the analysis —
the one the command line prints, on the responses that can be read — in a thread, hands
each tab a :class:`ResultsView` and records what the room agreed on with ``c`` (saved in
``workshop.toml``). Everyone is named through ``default_namer``: roles only when the
workshop is anonymous.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static, TabbedContent, TabPane

from cxalign.errors import InputError
from cxalign.store import WorkshopFolder
from cxalign.tui.base import Command, FolderScreen
from cxalign.tui.screens.consensus import ConsensusDialog, ConsensusEdit
from cxalign.tui.widgets.results import TABS, ConsensusAsk, ResultsTab, ResultsView

#: The verdict label's style (``analysis.verdict.label``).
VERDICT_STYLE = {"aligned": "bold green", "aligned_except": "bold yellow", "camps": "bold yellow",
                 "mixed": "bold yellow", "hotspot": "bold red"}

#: From this width the tabs show longer names and two columns of definition cards.
WIDE = 110


class ResultsScreen(FolderScreen):
    """Results of one workshop, one tab per view; ``c`` records a consensus on the selected row."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        *(Binding(str(n), f"show_tab('{tab.ID}')", tab.ID, show=False) for n, tab in enumerate(TABS, start=1)),
        Binding("c", "consensus", "Consensus"),
        Binding("r", "reload", "Reload"),
        Binding("e", "export", "Export"),
    ]

    def __init__(self, folder: WorkshopFolder | str | Path) -> None:
        super().__init__(folder)
        self.analysis = None
        self.error: str | None = None
        self.left_out: tuple = ()

    # -- layout -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(self.tr("title"), id="results-title", classes="screen-title", markup=False)
        yield Static(id="results-summary", markup=False)
        with TabbedContent(id="results-tabs", initial=TABS[0].ID):
            for tab in TABS:
                with TabPane(self._tab_title(tab.ID), id=tab.ID):
                    yield tab()
        yield Footer(compact=True)

    def _tab_title(self, tab: str) -> str:
        return f"{[t.ID for t in TABS].index(tab) + 1} {self.tr(f'tab.{tab}')}"

    def commands(self) -> list[Command]:
        return [*((f"cmd.tab_{tab.ID}", lambda tab=tab.ID: self.action_show_tab(tab)) for tab in TABS),
                ("cmd.consensus", self.action_consensus), ("cmd.reload", self.action_reload),
                ("cmd.export", self.action_export), ("cmd.back", self.action_back)]

    def on_mount(self) -> None:
        self.action_reload()

    @property
    def wide(self) -> bool:
        """Room for longer names and a second column of definition cards."""
        return self.size.width >= WIDE

    def on_resize(self) -> None:
        if self.analysis is not None:
            self._draw()

    def tabs(self) -> list[ResultsTab]:
        return list(self.query(ResultsTab))

    # -- loading ----------------------------------------------------------------------
    def action_reload(self) -> None:
        self.query_one("#results-tabs").loading = True
        self._analyse()

    @work(thread=True, exclusive=True, group="results", exit_on_error=False)
    def _analyse(self) -> None:
        from cxalign.analysis.engine import analyze_folder  # the analysis `cxalign analyze` prints

        self.hand_back(lambda: analyze_folder(self.folder),
                       lambda analysis: self._loaded(analysis, analysis.unreadable), self._failed)

    def _failed(self, error: InputError | str) -> None:
        from cxalign.tui.base import error_text

        self.error = error if isinstance(error, str) else error_text(error, self.lang)
        self.query_one("#results-tabs").loading = False
        self.show_error(self.error, title=self.tr("error.analysis"))
        self._render_summary()

    def _loaded(self, analysis, left_out: tuple = ()) -> None:
        self.analysis = analysis
        self.error = None
        self.query_one("#results-tabs").loading = False
        if left_out and [u.path for u in left_out] != [u.path for u in self.left_out]:
            # one unreadable file never hides the others' results, and is said loudly
            files = "\n".join(f"{Path(u.path).name}: {u.reason}" for u in left_out)
            self.show_error(self.tr("left_out.notice", n=len(left_out), files=files),
                            title=self.tr("left_out.title"), severity="warning", timeout=20)
        self.left_out = left_out
        self._draw()

    # -- drawing ----------------------------------------------------------------------
    def view(self) -> ResultsView:
        return ResultsView(self.analysis, self.lang, self.wide, self.left_out)

    def _draw(self) -> None:
        self._render_summary()
        if self.analysis is None:
            return
        view = self.view()
        for tab in self.tabs():
            tab.show(view)
        from cxalign.tui.widgets.groups_tab import sync_groups_tab  # a "Groups" tab with two groups or more

        self.run_worker(sync_groups_tab(self.query_one(TabbedContent), self.analysis, self.lang),
                        group="groups-tab", exclusive=True)

    def relabel(self) -> None:
        tabs = self.query_one(TabbedContent)
        for tab in TABS:
            tabs.get_tab(tab.ID).label = self._tab_title(tab.ID)
        self.query_one("#results-title", Static).update(self.tr("title"))
        self._draw()

    def _render_summary(self) -> None:
        summary = self.query_one("#results-summary", Static)
        if self.analysis is None:
            summary.update(Text(self.error or self.tr("loading")))
            return
        a = self.analysis
        view = self.view()
        from cxalign.present.wording import verdict_label, verdict_sentence

        workshop = a.workshop
        self.query_one("#results-title", Static).update(
            Text(f"{self.tr('title')} · {workshop.organisation} — {workshop.name}"))
        # the verdict leads: never "aligned" while someone stands apart or the definitions differ
        line = Text(no_wrap=True, overflow="ellipsis")
        verdict = a.verdict.label if a.verdict is not None else None
        label = verdict_label(a, self.lang)
        line.append(label[:1].upper() + label[1:], VERDICT_STYLE.get(verdict, "bold"))
        line.append(" (")
        line.append(view.fmt(a.overall_alignment, 2), "bold")
        line.append(")")
        m = a.maturity
        line.append(" · " + self.tr("summary.maturity") + " ")
        line.append(f"{view.fmt(m.current)} → {view.fmt(m.target)}", "bold")
        if m.level is not None:
            line.append(f" ({a.questionnaire.level(m.level).name.get(self.lang)})")
        line.append(" · ")
        count = self.tr("summary.hotspot") if len(a.hotspots) == 1 else self.tr("summary.hotspots", n=len(a.hotspots))
        line.append(count, "bold red" if a.hotspots else "")
        line.append(" · " + self.tr("summary.respondents", n=len(a.respondents), total=len(workshop.participants)))
        if workshop.anonymous:
            line.append(" · " + self.tr("summary.anonymous"), "italic")
        line.append("\n")
        if self.left_out:
            names = ", ".join(Path(u.path).name for u in self.left_out)
            line.append(self.tr("left_out.summary", n=len(self.left_out), files=names) + " · ", "bold red")
        line.append(verdict_sentence(a, self.lang, view.namer, workshop.anonymous))
        summary.update(line)

    # -- keys ---------------------------------------------------------------------------
    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        # focus goes into the new pane: a focused widget in a hidden pane would switch back to it
        self.query_one(f"#{tab}-tab", ResultsTab).focus_target().focus()

    def action_export(self) -> None:
        from cxalign.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.folder))

    # -- consensus ----------------------------------------------------------------------
    def action_consensus(self) -> None:
        a = self.analysis
        if a is None:
            self.show_error(self.error or self.tr("loading"), severity="warning")
            return
        active = self.query_one(TabbedContent).active
        ask = self.query_one(f"#{active}-tab", ResultsTab).consensus_ask()
        if not isinstance(ask, ConsensusAsk):
            self.notify(self.tr(ask or "consensus.where"), severity="warning")
            return
        dialog = ConsensusDialog(ask.scope, ask.ref, ask.subject, levels=ask.levels, high=ask.high,
                                 existing=a.workshop.consensus_for(ask.scope, ask.ref))
        self.app.push_screen(dialog, self._record)

    def _record(self, edit: ConsensusEdit | None) -> None:
        if edit is None:
            return
        try:
            record_consensus(self.folder, edit)
        except (InputError, OSError) as exc:
            self.show_error(exc, title=self.tr("error.save"))
            return
        self.notify(self.tr("consensus.saved" if edit.consensus else "consensus.removed"), timeout=3)
        self.action_reload()


def record_consensus(folder: WorkshopFolder, edit: ConsensusEdit) -> None:
    """Save ``edit`` into ``workshop.toml`` (under the workshop lock): replaces the entry for the same scope and ref, or deletes it."""
    if edit.consensus is None:
        folder.clear_consensus(edit.scope, edit.ref)
        return
    c = edit.consensus
    folder.record_consensus(edit.scope, edit.ref, current=c.current, target=c.target, comment=c.comment,
                            recorded_at=c.recorded_at)
