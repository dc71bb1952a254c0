"""The Alignment tab: the person × person heat map and what the selected cell means."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from cxalign.analysis.thresholds import ALIGNED, HOTSPOT
from cxalign.i18n import role_label
from cxalign.textfit import clip
from cxalign.tui.widgets.heatmap import HeatMap, legend_bar
from cxalign.tui.widgets.results.view import ResultsTab, ResultsView

#: Longest person label in the heat map's row headers.
LABEL_WIDTH = 22


class AlignmentTab(ResultsTab):
    ID = "alignment"

    def compose(self) -> ComposeResult:
        yield Static(id="heatmap-intro", classes="results-intro", markup=False)
        yield HeatMap(id="heatmap")
        yield Static(id="heatmap-legend", classes="results-legend")
        with VerticalScroll(classes="results-detail"):
            yield Static(id="heatmap-pair", markup=False)

    def draw(self, view: ResultsView) -> None:
        a, lang = view.analysis, view.lang
        self.query_one("#heatmap-legend", Static).update(
            Text.assemble(legend_bar(lang=lang), "  ", (view.tr("legend.heatmap", hot=view.fmt(HOTSPOT, 2), aligned=view.fmt(ALIGNED, 2)), "dim")))
        pairwise = a.pairwise
        by_role = pairwise.level == "role"
        if by_role:
            sizes = pairwise.sizes or (None,) * len(pairwise.ids)
            labels = [role_label(role, lang) + (f" ({size})" if size else "") for role, size in zip(pairwise.ids, sizes)]
            intro = view.tr("heatmap.by_role")
        else:
            labels = [view.namer(pid) for pid in pairwise.ids]
            intro = view.tr("heatmap.by_person")
        self.query_one("#heatmap-intro", Static).update(intro)
        heatmap = self.query_one(HeatMap)
        width = LABEL_WIDTH + 12 if view.wide else LABEL_WIDTH
        heatmap.show([clip(label, width) for label in labels], pairwise.matrix,
                     mean_header=view.tr("heatmap.mean"), lang=lang, diagonal=by_role)
        pair = self.query_one("#heatmap-pair", Static)
        if len(labels) < 2:
            pair.update(Text(view.tr("heatmap.too_few"), style="dim"))
        else:
            self.show_pair(*heatmap.pair_at(*heatmap.cursor_coordinate))

    def on_heat_map_pair_selected(self, event: HeatMap.PairSelected) -> None:
        self.show_pair(event.first, event.second, event.value)

    def show_pair(self, first: str, second: str | None, value: float | None) -> None:
        view = self.view
        if view is None:
            return
        from cxalign.present.wording import agreement_label

        label = agreement_label(value, view.lang)
        if second is None:
            sentence = view.tr("heatmap.mean_of", who=first, value=view.fmt(value, 2), label=label)
        elif first == second and view.analysis.pairwise.level == "role":
            sentence = view.tr("heatmap.within", who=first, value=view.fmt(value, 2), label=label)
        elif first == second:
            sentence = view.tr("heatmap.self", who=first)
        else:
            sentence = view.tr("heatmap.pair", first=first, second=second, value=view.fmt(value, 2), label=label)
        self.query_one("#heatmap-pair", Static).update(sentence + "\n" + view.tr("heatmap.help"))

    def focus_target(self):
        return self.query_one(HeatMap)

    def consensus_ask(self) -> str:
        return "consensus.where"
