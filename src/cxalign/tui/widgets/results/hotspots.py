"""The Hot spots tab: the questions the team disagrees on, who stands apart, each one explained."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from cxalign.models.questionnaire import LikertQuestion
from cxalign.textfit import clip
from cxalign.tui.widgets.keyed_table import KeyedTable
from cxalign.tui.widgets.results.view import ConsensusAsk, ResultsTab, ResultsView


class HotspotsTab(ResultsTab):
    ID = "hotspots"

    def compose(self) -> ComposeResult:
        yield KeyedTable(id="hotspot-table")
        with VerticalScroll(classes="results-detail"):
            yield Static(id="hotspot-detail", markup=False)

    def _short_title(self, spot, width: int) -> str:
        """The question's prompt cut to ``width``, keeping the "(today)" / "(target)" of a part."""
        from cxalign.present.wording import question_title

        view = self.view
        prompt = view.question_prompt(spot.question)
        full = question_title(view.analysis, spot.question, spot.part, view.lang)
        suffix = full[len(prompt):] if full.startswith(prompt) else ""
        return clip(prompt, width - len(suffix)) + suffix

    def draw(self, view: ResultsView) -> None:
        a = view.analysis
        columns = [view.tr("col.question"), view.tr("col.index"), view.tr("col.pattern"), view.tr("col.consensus")]
        # the question takes what the index, the pattern and the consensus leave
        total = self.size.width or (120 if view.wide else 80)
        who_width = 36 if view.wide else 24
        title_width = max(20, total - who_width - 10 - 12 - 2 * len(columns) - 2)
        rows = []
        for spot in a.hotspots:
            rows.append((spot.key, [
                Text(self._short_title(spot, title_width), no_wrap=True),
                self.index_cell(spot),
                Text(clip(self.pattern_words(spot), who_width), no_wrap=True,
                     style="yellow" if spot.pattern == "lone_dissent" else ""),
                view.consensus_cell(a.workshop.consensus_for("question", spot.question)),
            ]))
        table = self.query_one(KeyedTable)
        table.show(columns, rows)
        table.display = bool(rows)
        self.show_hotspot(table.selected_key())

    def index_cell(self, spot) -> Text:
        """The index; for a lone dissent also what it becomes without them ("0,45→0,85")."""
        view = self.view
        if spot.pattern == "lone_dissent" and spot.index_without_outliers is not None:
            return Text.assemble((view.fmt(spot.index, 2), "bold yellow"),
                                 ("→" + view.fmt(spot.index_without_outliers, 2), "green"), justify="right")
        return Text(view.fmt(spot.index, 2), style="bold red", justify="right")

    def pattern_words(self, spot) -> str:
        """"lone dissent: Julien Moreau" or "split" (names are roles in an anonymous workshop)."""
        from cxalign.present.wording import pattern_label

        label = pattern_label(spot.pattern, self.view.lang)
        if spot.pattern == "lone_dissent" and spot.outliers:
            who = ", ".join(self.view.namer(p) for p in spot.outliers)
            return self.view.tr("hotspots.pattern_who", pattern=label, who=who)
        return label

    def hotspot(self, key: str | None):
        if self.view is None or key is None:
            return None
        return next((h for h in self.view.analysis.hotspots if h.key == key), None)

    def show_hotspot(self, key: str | None) -> None:
        detail = self.query_one("#hotspot-detail", Static)
        view = self.view
        spot = self.hotspot(key)
        if view is None or spot is None:
            from cxalign.analysis.thresholds import HOTSPOT

            detail.update(Text(view.tr("hotspots.none", hot=view.fmt(HOTSPOT, 2)) if view else "", style="dim"))
            return
        from cxalign.present.wording import (
            agreement_label,
            hotspot_sentence,
            pattern_label,
            position_lines,
            question_title,
            without_sentence,
        )

        a, lang, namer = view.analysis, view.lang, view.namer
        section = a.questionnaire.section(spot.section)
        text = Text()
        if section is not None:
            text.append(section.title.get(lang) + "\n", "dim")
        text.append(question_title(a, spot.question, spot.part, lang) + "\n", "bold")
        text.append(view.tr("hotspots.index", index=view.fmt(spot.index, 2), label=agreement_label(spot.index, lang)))
        text.append("  " + pattern_label(spot.pattern, lang)[:1].upper() + pattern_label(spot.pattern, lang)[1:] + ".",
                    "bold yellow" if spot.pattern == "lone_dissent" else "bold red")
        without = without_sentence(spot, lang, namer)
        if without:
            text.append("\n" + without, "yellow" if spot.pattern == "lone_dissent" else "")
        text.append("\n\n")
        text.append(hotspot_sentence(a, spot, lang, namer) + "\n\n")
        lines = position_lines(a, spot.question, spot.part, lang, namer)
        if lines:
            text.append(view.tr("hotspots.positions") + "\n", "bold")
            for who, answer in lines:
                style = "bold red" if any(namer(p) == who for p in spot.outliers) else ""
                text.append("  " + view.tr("position", who=who, answer=answer) + "\n", style or None)
            text.append("\n")
        question = a.questionnaire.question(spot.question)
        text.append(view.consensus_text(a.workshop.consensus_for("question", spot.question),
                                        levels=isinstance(question, LikertQuestion)))
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.view is not None:
            self.show_hotspot(event.row_key.value)

    def focus_target(self):
        table = self.query_one(KeyedTable)
        return table if table.display else self.query_one(".results-detail")

    def consensus_ask(self) -> ConsensusAsk | str:
        from cxalign.tui.screens.consensus import LEVELS_BOTH, LEVELS_NONE, LEVELS_ONE

        spot = self.hotspot(self.query_one(KeyedTable).selected_key())
        if spot is None or self.view is None:
            return "consensus.pick_hotspot"
        question = self.view.analysis.questionnaire.question(spot.question)
        levels, high = LEVELS_NONE, 5
        if isinstance(question, LikertQuestion):
            levels = LEVELS_BOTH if question.current_target else LEVELS_ONE
            high = question.size

        def subject() -> str:  # called again when the language changes
            return self.view.tr("consensus.for_question", prompt=self.view.question_prompt(spot.question))

        return ConsensusAsk("question", spot.question, subject, levels, high)
