"""The Consensus tab: every value the room agreed on, dimensions and questions alike."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from cxalign.models.questionnaire import LikertQuestion
from cxalign.tui.widgets.results.view import ResultsTab, ResultsView


class ConsensusTab(ResultsTab):
    ID = "consensus"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="consensus-scroll"):
            yield Static(id="consensus-list", markup=False)

    def draw(self, view: ResultsView) -> None:
        a, lang = view.analysis, view.lang
        entries = list(a.workshop.consensus)
        text = Text()
        if not entries:
            text.append(view.tr("consensus.none_yet"), "dim italic")
        for kind in ("dimension", "question"):
            mine = [c for c in entries if c.scope == kind]
            if not mine:
                continue
            text.append(view.tr(f"consensus.heading_{kind}") + "\n", "bold")
            for entry in mine:
                if kind == "dimension":
                    spec = a.questionnaire.dimension(entry.ref)
                    subject = spec.name.get(lang) if spec else entry.ref
                    levels = True
                else:
                    subject = view.question_prompt(entry.ref)
                    levels = isinstance(a.questionnaire.question(entry.ref), LikertQuestion)
                text.append("  • " + subject + "\n")
                text.append("    ").append_text(view.consensus_text(entry, levels=levels)).append("\n")
            text.append("\n")
        self.query_one("#consensus-list", Static).update(text)

    def focus_target(self):
        return self.query_one("#consensus-scroll")
