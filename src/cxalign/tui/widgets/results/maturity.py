"""The Maturity tab: per dimension today, target, gap and spread; the selected one explained."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from cxalign.present.numbers import EMPTY
from cxalign.textfit import clip
from cxalign.tui.widgets.keyed_table import cell_width
from cxalign.tui.widgets.maturity_bars import MaturityTable, legend, number, scale_bar
from cxalign.tui.widgets.results.view import ConsensusAsk, ResultsTab, ResultsView


class MaturityTab(ResultsTab):
    ID = "maturity"

    def compose(self) -> ComposeResult:
        yield Static(id="maturity-legend", classes="results-legend")
        yield MaturityTable(id="maturity-table")
        with VerticalScroll(classes="results-detail"):
            yield Static(id="dimension-detail", markup=False)

    def draw(self, view: ResultsView) -> None:
        self.query_one("#maturity-legend", Static).update(
            legend(view.tr("legend.today"), view.tr("legend.target"), view.tr("legend.spread")))
        a, lang = view.analysis, view.lang
        # narrow screens leave out min–max and level: the chart shows the one, the detail below the other
        columns = [view.tr("col.dimension"), view.tr("col.chart"), view.tr("col.today"), view.tr("col.target"),
                   view.tr("col.gap"), view.tr("col.consensus")]
        if view.wide:
            columns += [view.tr("col.spread"), view.tr("col.level")]
        rows = []
        for dim in a.dimensions:
            spec = a.questionnaire.dimension(dim.id)
            name = spec.name.get(lang) if spec else dim.id
            spread = EMPTY if dim.min is None else f"{view.fmt(dim.min)}–{view.fmt(dim.max)}"
            cells = [
                name,
                scale_bar(dim.current, dim.target, dim.min, dim.max),
                number(dim.current, lang), number(dim.target, lang), number(dim.gap, lang, signed=True),
                view.consensus_cell(dim.consensus),
            ]
            if view.wide:
                cells += [Text(spread, justify="center"), Text(view.level_name(dim.level), no_wrap=True)]
            rows.append((dim.id, cells))
        # the dimension's name takes what the other columns leave
        others = sum(max([cell_width(columns[i]), *(cell_width(c[i]) for _, c in rows)]) for i in range(1, len(columns)))
        room = (self.size.width or (120 if view.wide else 80)) - others - 2 * len(columns) - 2
        name_width = max(14, min(room, max((len(c[0]) for _, c in rows), default=14)))
        rows = [(key, [Text(clip(cells[0], name_width), no_wrap=True), *cells[1:]]) for key, cells in rows]
        table = self.query_one(MaturityTable)
        table.show(columns, rows)
        self.show_dimension(table.selected_key())

    def show_dimension(self, dimension_id: str | None) -> None:
        detail = self.query_one("#dimension-detail", Static)
        view = self.view
        a = view.analysis if view else None
        dim = a.dimension(dimension_id) if (a and dimension_id) else None
        if view is None or dim is None:
            detail.update(Text(view.tr("maturity.none") if view else "", style="dim"))
            return
        from cxalign.present.wording import dimension_sentence

        lang = view.lang
        spec = a.questionnaire.dimension(dim.id)
        text = Text()
        text.append(spec.name.get(lang) if spec else dim.id, "bold")
        if dim.level is not None:
            text.append(f" — {view.tr('maturity.level')} {view.level_name(dim.level)}")
        text.append("  " + view.tr("maturity.respondents", n=dim.n), "dim")
        text.append("\n" + dimension_sentence(a, dim, lang) + "\n")
        if spec is not None and dim.level is not None:
            level = spec.level(dim.level)
            text.append(f"{view.tr('maturity.level_means', level=dim.level)} ", "italic")
            text.append(level.description.get(lang) + "\n")
            text.append(view.tr("maturity.next_steps") + "\n", "bold")
            for recommendation in level.recommendations:
                text.append(f"  • {recommendation.get(lang)}\n")
        text.append(view.consensus_text(dim.consensus, levels=True))
        if dim.by_respondent:
            text.append("\n" + view.tr("maturity.positions") + "\n", "bold")
            for pid, (current, target) in dim.by_respondent.items():
                answer = f"{view.fmt(current)} → {view.fmt(target)}"
                text.append("  " + view.tr("position", who=view.namer(pid), answer=answer) + "\n")
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.view is not None:
            self.show_dimension(event.row_key.value)

    def focus_target(self):
        return self.query_one(MaturityTable)

    def consensus_ask(self) -> ConsensusAsk | str:
        from cxalign.tui.screens.consensus import LEVELS_BOTH

        view = self.view
        dim = view.analysis.dimension(self.query_one(MaturityTable).selected_key() or "") if view else None
        if dim is None:
            return "consensus.pick_dimension"
        spec = view.analysis.questionnaire.dimension(dim.id)

        def subject() -> str:  # called again when the language changes
            lang = self.view.lang if self.view else view.lang
            return self.view.tr("consensus.for_dimension", name=spec.name.get(lang) if spec else dim.id)

        return ConsensusAsk("dimension", dim.id, subject, LEVELS_BOTH)
