"""The facilitator's reveal: maturity, the alignment heat map, hot spots and definitions.

The analysis is the one the command line prints (:func:`cxalign.analysis.analyze_folder`),
run in a thread so the screen stays responsive. Everyone is named through
:func:`cxalign.present.wording.default_namer`: roles only when the workshop is anonymous.
The facilitator records what the room agreed on with ``c`` (saved in ``workshop.toml``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from cxalign.errors import InputError
from cxalign.i18n import role_label
from cxalign.models.questionnaire import LikertQuestion
from cxalign.models.workshop import Consensus
from cxalign.store import WorkshopFolder
from cxalign.tui.screens.consensus import LEVELS_BOTH, LEVELS_NONE, LEVELS_ONE, ConsensusDialog, ConsensusEdit
from cxalign.tui.screens.facilitator import FacilitatorScreen
from cxalign.tui.textfit import clip
from cxalign.tui.widgets.heatmap import HeatMap, legend_bar
from cxalign.tui.widgets.keyed_table import KeyedTable
from cxalign.tui.widgets.maturity_bars import MaturityTable, legend, number, scale_bar

TABS = ("maturity", "alignment", "hotspots", "definitions")

#: Colour of the "narrow view" flag on a definition (readable on light and dark themes).
WARNING = "#d08000"

#: Longest person label in the heat map's row headers.
LABEL_WIDTH = 22


def fmt(value: float | None, lang: str, digits: int = 1) -> str:
    """A figure with ``digits`` decimals (a decimal comma in French); an en dash for None."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text


class ResultsScreen(FacilitatorScreen):
    """Results of one workshop, in four tabs; ``c`` records a consensus on the selected row."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("1", "show_tab('maturity')", "Maturity", show=False),
        Binding("2", "show_tab('alignment')", "Alignment", show=False),
        Binding("3", "show_tab('hotspots')", "Hot spots", show=False),
        Binding("4", "show_tab('definitions')", "Definitions", show=False),
        Binding("c", "consensus", "Consensus"),
        Binding("r", "reload", "Reload"),
        Binding("e", "export", "Export"),
    ]

    def __init__(self, folder: WorkshopFolder | str | Path) -> None:
        super().__init__(folder)
        self.analysis = None
        self.error: str | None = None

    # -- layout -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(self.t("title"), id="results-title", classes="screen-title", markup=False)
        yield Static(id="results-summary", markup=False)
        with TabbedContent(id="results-tabs", initial="maturity"):
            with TabPane(self._tab_title("maturity"), id="maturity"):
                yield Static(id="maturity-legend", classes="results-legend")
                yield MaturityTable(id="maturity-table")
                with VerticalScroll(classes="results-detail"):
                    yield Static(id="dimension-detail", markup=False)
            with TabPane(self._tab_title("alignment"), id="alignment"):
                yield Static(id="heatmap-intro", classes="results-legend", markup=False)
                yield HeatMap(id="heatmap")
                yield Static(id="heatmap-legend", classes="results-legend")
                with VerticalScroll(classes="results-detail"):
                    yield Static(id="heatmap-pair", markup=False)
            with TabPane(self._tab_title("hotspots"), id="hotspots"):
                yield KeyedTable(id="hotspot-table")
                with VerticalScroll(classes="results-detail"):
                    yield Static(id="hotspot-detail", markup=False)
            with TabPane(self._tab_title("definitions"), id="definitions"):
                with VerticalScroll(id="definitions-scroll"):
                    with Horizontal(id="definition-cards"):
                        yield Vertical(id="definitions-left", classes="definition-column")
                        yield Vertical(id="definitions-right", classes="definition-column")
        yield Footer(compact=True)

    def _tab_title(self, tab: str) -> str:
        return f"{TABS.index(tab) + 1} {self.t(f'tab.{tab}')}"

    def on_mount(self) -> None:
        self.action_reload()

    @property
    def wide(self) -> bool:
        """Room for longer names and a second column of definition cards."""
        return self.size.width >= 110

    def on_resize(self) -> None:
        cards = self.query_one("#definition-cards")
        if cards.has_class("wide") != self.wide:
            cards.set_class(self.wide, "wide")
            if self.analysis is not None:
                self._render_maturity()
                self._render_hotspots()
                self._render_definitions()

    # -- loading ----------------------------------------------------------------------
    def action_reload(self) -> None:
        self.query_one("#results-tabs").loading = True
        self._analyse()

    @work(thread=True, exclusive=True, group="results", exit_on_error=False)
    def _analyse(self) -> None:
        from cxalign.analysis import analyze_folder

        try:
            analysis = analyze_folder(self.folder)
        except InputError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # an unexpected failure must not close the interface
            self.app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        if not get_current_worker().is_cancelled:  # a newer reload replaced this one
            self.app.call_from_thread(self._loaded, analysis)

    def _failed(self, message: str) -> None:
        self.error = message
        self.query_one("#results-tabs").loading = False
        self.notify(message, title=self.t("error.analysis"), severity="error", markup=False, timeout=10)
        self._render_all()

    def _loaded(self, analysis) -> None:
        self.analysis = analysis
        self.error = None
        self.query_one("#results-tabs").loading = False
        for left_out in analysis.unreadable:  # analyze_folder goes on without an unreadable response
            self.notify(f"{left_out.path}: {left_out.reason}", title=self.t("error.analysis"),
                        severity="error", markup=False, timeout=10)
        self._render_all()

    # -- rendering --------------------------------------------------------------------
    def relabel(self) -> None:
        tabs = self.query_one(TabbedContent)
        for tab in TABS:
            tabs.get_tab(tab).label = self._tab_title(tab)
        self._render_all()

    def _fmt(self, value: float | None, digits: int = 1) -> str:
        return fmt(value, self.lang, digits)

    @property
    def namer(self) -> Callable[[str], str]:
        from cxalign.present.wording import default_namer

        return default_namer(self.analysis, self.analysis.workshop.anonymous, self.lang)

    def _render_all(self) -> None:
        self._render_summary()
        self.query_one("#maturity-legend", Static).update(
            legend(self.t("legend.today"), self.t("legend.target"), self.t("legend.spread")))
        self.query_one("#heatmap-legend", Static).update(
            Text.assemble(legend_bar(decimal="," if self.lang == "fr" else "."), "  ", (self.t("legend.heatmap"), "dim")))
        if self.analysis is None:
            return
        self._render_maturity()
        self._render_heatmap()
        self._render_hotspots()
        self._render_definitions()
        from cxalign.tui.widgets.groups_tab import sync_groups_tab  # issue 12: a "Groups" tab with 2+ groups

        self.run_worker(sync_groups_tab(self.query_one(TabbedContent), self.analysis, self.lang),
                        group="groups-tab", exclusive=True)

    def _render_summary(self) -> None:
        summary = self.query_one("#results-summary", Static)
        if self.analysis is None:
            summary.update(self.error or self.t("loading"))
            return
        a = self.analysis
        from cxalign.present.wording import agreement_label

        workshop = a.workshop
        self.query_one("#results-title", Static).update(
            f"{self.t('title')} · {workshop.organisation} — {workshop.name}")
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(self.t("summary.alignment") + " ")
        line.append(self._fmt(a.overall_alignment, 2), "bold")
        line.append(f" ({agreement_label(a.overall_alignment, self.lang)})")
        m = a.maturity
        line.append(" · " + self.t("summary.maturity") + " ")
        line.append(f"{self._fmt(m.current)} → {self._fmt(m.target)}", "bold")
        if m.level is not None:
            line.append(f" ({a.questionnaire.level(m.level).name.get(self.lang)})")
        line.append(" · ")
        count = self.t("summary.hotspot") if len(a.hotspots) == 1 else self.t("summary.hotspots", n=len(a.hotspots))
        line.append(count, "bold red" if a.hotspots else "")
        line.append("\n" + self.t("summary.respondents", n=len(a.respondents), total=len(workshop.participants)))
        if workshop.anonymous:
            line.append(" · " + self.t("summary.anonymous"), "italic")
        summary.update(line)

    def _level_name(self, level: int | None) -> str:
        if level is None:
            return "–"
        return f"{level} · {self.analysis.questionnaire.level(level).name.get(self.lang)}"

    # maturity -------------------------------------------------------------------------
    def _render_maturity(self) -> None:
        a, lang = self.analysis, self.lang
        # narrow screens leave out min–max and level: the chart shows the one, the detail below the other
        columns = [self.t("col.dimension"), self.t("col.chart"), self.t("col.today"), self.t("col.target"),
                   self.t("col.gap"), self.t("col.consensus")]
        if self.wide:
            columns += [self.t("col.spread"), self.t("col.level")]
        rows = []
        for dim in a.dimensions:
            spec = a.questionnaire.dimension(dim.id)
            name = spec.name.get(lang) if spec else dim.id
            spread = "–" if dim.min is None else f"{self._fmt(dim.min)}–{self._fmt(dim.max)}"
            cells = [
                Text(clip(name, 40 if self.wide else 22), no_wrap=True),
                scale_bar(dim.current, dim.target, dim.min, dim.max),
                number(dim.current, lang), number(dim.target, lang), number(dim.gap, lang, signed=True),
                self._consensus_cell(dim.consensus),
            ]
            if self.wide:
                cells += [Text(spread, justify="center"), Text(self._level_name(dim.level), no_wrap=True)]
            rows.append((dim.id, cells))
        table = self.query_one("#maturity-table", MaturityTable)
        table.show(columns, rows)
        self._show_dimension(table.selected_key())

    def _consensus_cell(self, consensus: Consensus | None) -> Text:
        if consensus is None:
            return Text("")
        if consensus.current is None and consensus.target is None:
            return Text("✔", style="bold green")
        from cxalign.present.wording import number as level

        lang = self.lang
        current = "" if consensus.current is None else level(consensus.current, lang)
        target = "" if consensus.target is None else "→" + level(consensus.target, lang)
        return Text(f"✔ {current}{target}", style="bold green")

    def _show_dimension(self, dimension_id: str | None) -> None:
        detail = self.query_one("#dimension-detail", Static)
        a = self.analysis
        dim = a.dimension(dimension_id) if (a and dimension_id) else None
        if dim is None:
            detail.update(Text(self.t("maturity.none"), style="dim"))
            return
        from cxalign.present.wording import dimension_sentence

        lang = self.lang
        spec = a.questionnaire.dimension(dim.id)
        text = Text()
        text.append(spec.name.get(lang) if spec else dim.id, "bold")
        if dim.level is not None:
            text.append(f" — {self.t('maturity.level')} {self._level_name(dim.level)}")
        text.append("  " + self.t("maturity.respondents", n=dim.n), "dim")
        text.append("\n" + dimension_sentence(a, dim, lang) + "\n")
        if spec is not None and dim.level is not None:
            level = spec.level(dim.level)
            text.append(f"{self.t('maturity.level_means', level=dim.level)} ", "italic")
            text.append(level.description.get(lang) + "\n")
            text.append(self.t("maturity.next_steps") + "\n", "bold")
            for recommendation in level.recommendations:
                text.append(f"  • {recommendation.get(lang)}\n")
        text.append(self._consensus_text(dim.consensus, levels=True))
        if dim.by_respondent:
            text.append("\n" + self.t("maturity.positions") + "\n", "bold")
            namer = self.namer
            for pid, (current, target) in dim.by_respondent.items():
                text.append("  " + self.t("position", who=namer(pid), answer=f"{self._fmt(current)} → {self._fmt(target)}") + "\n")
        detail.update(text)

    def _consensus_text(self, consensus: Consensus | None, *, levels: bool) -> Text:
        text = Text()
        if consensus is None:
            text.append(self.t("consensus.none"), "dim italic")
            return text
        text.append(self.t("consensus.label") + " ", "bold green")
        parts = []
        if levels and (consensus.current is not None or consensus.target is not None):
            from cxalign.present.wording import number as level

            values = []
            if consensus.current is not None:
                values.append(self.t("consensus.current_is", value=level(consensus.current, self.lang)))
            if consensus.target is not None:
                values.append(self.t("consensus.target_is", value=level(consensus.target, self.lang)))
            parts.append(", ".join(values))
        if consensus.comment:
            parts.append(f"« {consensus.comment} »" if self.lang == "fr" else f"“{consensus.comment}”")
        text.append(" — ".join(parts) or "✔")
        return text

    # heat map -------------------------------------------------------------------------
    def _render_heatmap(self) -> None:
        a, lang = self.analysis, self.lang
        pairwise = a.pairwise
        by_role = pairwise.level == "role"
        if by_role:
            sizes = pairwise.sizes or (None,) * len(pairwise.ids)
            labels = [role_label(role, lang) + (f" ({size})" if size else "") for role, size in zip(pairwise.ids, sizes)]
            intro = self.t("heatmap.by_role")
        else:
            namer = self.namer
            labels = [namer(pid) for pid in pairwise.ids]
            intro = self.t("heatmap.by_person")
        self.query_one("#heatmap-intro", Static).update(intro)
        heatmap = self.query_one(HeatMap)
        heatmap.show([clip(label, LABEL_WIDTH) for label in labels], pairwise.matrix,
                     mean_header=self.t("heatmap.mean"), decimal="," if lang == "fr" else ".", diagonal=by_role)
        pair = self.query_one("#heatmap-pair", Static)
        if len(labels) < 2:
            pair.update(Text(self.t("heatmap.too_few"), style="dim"))
        else:
            self._show_pair(*heatmap.pair_at(*heatmap.cursor_coordinate))

    def on_heat_map_pair_selected(self, event: HeatMap.PairSelected) -> None:
        self._show_pair(event.first, event.second, event.value)

    def _show_pair(self, first: str, second: str | None, value: float | None) -> None:
        from cxalign.present.wording import agreement_label

        label = agreement_label(value, self.lang)
        if second is None:
            sentence = self.t("heatmap.mean_of", who=first, value=self._fmt(value, 2), label=label)
        elif first == second and self.analysis is not None and self.analysis.pairwise.level == "role":
            sentence = self.t("heatmap.within", who=first, value=self._fmt(value, 2), label=label)
        elif first == second:
            sentence = self.t("heatmap.self", who=first)
        else:
            sentence = self.t("heatmap.pair", first=first, second=second, value=self._fmt(value, 2), label=label)
        self.query_one("#heatmap-pair", Static).update(sentence + "\n" + self.t("heatmap.help"))

    # hot spots ------------------------------------------------------------------------
    def _question_prompt(self, question_id: str) -> str:
        question = self.analysis.questionnaire.question(question_id)
        return question.prompt.get(self.lang) if question else question_id

    def _short_title(self, spot, width: int) -> str:
        """The question's prompt cut to ``width``, keeping the "(today)" / "(target)" of a part."""
        from cxalign.present.wording import question_title

        prompt = self._question_prompt(spot.question)
        full = question_title(self.analysis, spot.question, spot.part, self.lang)
        suffix = full[len(prompt):] if full.startswith(prompt) else ""
        return clip(prompt, width - len(suffix)) + suffix

    def _render_hotspots(self) -> None:
        a = self.analysis
        namer = self.namer
        columns = [self.t("col.question"), self.t("col.index"), self.t("col.outliers"), self.t("col.consensus")]
        rows = []
        for spot in a.hotspots:
            rows.append((spot.key, [
                Text(self._short_title(spot, 60 if self.wide else 33), no_wrap=True),
                Text(self._fmt(spot.index, 2), style="bold red", justify="right"),
                Text(clip(", ".join(namer(p) for p in spot.outliers) or "–", 36 if self.wide else 22), no_wrap=True),
                self._consensus_cell(a.workshop.consensus_for("question", spot.question)),
            ]))
        table = self.query_one("#hotspot-table", KeyedTable)
        table.show(columns, rows)
        table.display = bool(rows)
        self._show_hotspot(table.selected_key())

    def _hotspot(self, key: str | None):
        if self.analysis is None or key is None:
            return None
        return next((h for h in self.analysis.hotspots if h.key == key), None)

    def _show_hotspot(self, key: str | None) -> None:
        detail = self.query_one("#hotspot-detail", Static)
        spot = self._hotspot(key)
        if spot is None:
            detail.update(Text(self.t("hotspots.none"), style="dim"))
            return
        from cxalign.present.wording import agreement_label, hotspot_sentence, position_lines, question_title

        a, lang, namer = self.analysis, self.lang, self.namer
        section = a.questionnaire.section(spot.section)
        text = Text()
        if section is not None:
            text.append(section.title.get(lang) + "\n", "dim")
        text.append(question_title(a, spot.question, spot.part, lang) + "\n", "bold")
        text.append(self.t("hotspots.index", index=self._fmt(spot.index, 2), label=agreement_label(spot.index, lang)))
        if spot.outliers and spot.index_without_outliers is not None:
            text.append("  " + self.t("hotspots.without", who=", ".join(namer(p) for p in spot.outliers),
                                      index=self._fmt(spot.index_without_outliers, 2)))
        text.append("\n\n")
        text.append(hotspot_sentence(a, spot, lang, namer) + "\n\n")
        lines = position_lines(a, spot.question, spot.part, lang, namer)
        if lines:
            text.append(self.t("hotspots.positions") + "\n", "bold")
            for who, answer in lines:
                style = "bold red" if any(namer(p) == who for p in spot.outliers) else ""
                text.append("  " + self.t("position", who=who, answer=answer) + "\n", style or None)
            text.append("\n")
        question = a.questionnaire.question(spot.question)
        text.append(self._consensus_text(a.workshop.consensus_for("question", spot.question),
                                         levels=isinstance(question, LikertQuestion)))
        detail.update(text)

    # definitions ------------------------------------------------------------------------
    def _render_definitions(self) -> None:
        from cxalign.present.wording import percent

        a, lang, namer = self.analysis, self.lang, self.namer
        left, right = self.query_one("#definitions-left"), self.query_one("#definitions-right")
        left.remove_children()
        right.remove_children()
        right.display = self.wide
        if not a.definitions:
            left.mount(Static(self.t("definitions.none"), classes="results-empty"))
            return
        concept_names = {c.id: c.label.get(lang) for c in a.questionnaire.concepts}
        references = {r.id: r for r in a.questionnaire.references}
        narrow_names = {n.id: n.label.get(lang) for n in a.questionnaire.narrow_views}
        new: list[tuple[Static, int]] = []
        for reading in a.definitions:
            body = Text()
            if reading.dont_know:
                body.append(self.t("definitions.dont_know"), "italic dim")
            else:
                body.append(("« " + reading.text + " »") if lang == "fr" else ("“" + reading.text + "”"), "italic")
            body.append("\n\n" + self.t("definitions.concepts") + " ", "bold")
            body.append(", ".join(concept_names.get(c, c) for c in reading.concepts) or "–")
            if reading.closest_reference:
                ref = references.get(reading.closest_reference)
                body.append("\n" + self.t("definitions.closest") + " ", "bold")
                share = percent(reading.similarity or 0.0, lang)
                body.append(f"{ref.author.get(lang) if ref else reading.closest_reference} · {share}")
            if reading.missing:
                body.append("\n" + self.t("definitions.missing") + " ", "bold")
                body.append(", ".join(concept_names.get(c, c) for c in reading.missing))
            if reading.narrow:
                body.append("\n" + self.t("definitions.narrow") + " ", f"bold {WARNING}")
                body.append(", ".join(narrow_names.get(n, n) for n in reading.narrow), WARNING)
            card = Static(body, classes="definition-card" + (" narrow-view" if reading.narrow else ""))
            card.border_title = namer(reading.respondent)
            new.append((card, len(body.plain) + 80))
        # side by side when wide: each card goes to the shorter column (by amount of text)
        columns = {left: 0, right: 0} if self.wide else {left: 0}
        for card, size in new:
            column = min(columns, key=columns.get)
            columns[column] += size
            column.mount(card)

    # -- selection and keys -------------------------------------------------------------
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.analysis is None:
            return
        key = event.row_key.value
        if event.data_table.id == "maturity-table":
            self._show_dimension(key)
        elif event.data_table.id == "hotspot-table":
            self._show_hotspot(key)

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        # focus goes into the new pane: a focused widget in a hidden pane would switch back to it
        focus = {"maturity": "#maturity-table", "alignment": "#heatmap", "hotspots": "#hotspot-table",
                 "definitions": "#definitions-scroll"}[tab]
        target = self.query_one(focus)
        if not target.display:  # no hot spot: the table is hidden, the explanation below is not
            target = self.query_one(f"#{tab} .results-detail")
        target.focus()

    def action_export(self) -> None:
        from cxalign.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.folder))

    def action_results(self) -> None:
        """Already here (the command palette's "results" on this screen)."""

    # -- consensus ----------------------------------------------------------------------
    def action_consensus(self) -> None:
        a = self.analysis
        if a is None:
            self.notify(self.error or self.t("loading"), severity="warning", markup=False)
            return
        tab = self.query_one(TabbedContent).active
        if tab == "maturity":
            dim = a.dimension(self.query_one("#maturity-table", MaturityTable).selected_key() or "")
            if dim is None:
                self.notify(self.t("consensus.pick_dimension"), severity="warning")
                return
            spec = a.questionnaire.dimension(dim.id)
            def subject() -> str:  # called again when the language changes
                return self.t("consensus.for_dimension", name=spec.name.get(self.lang) if spec else dim.id)

            dialog = ConsensusDialog("dimension", dim.id, subject, levels=LEVELS_BOTH,
                                     existing=a.workshop.consensus_for("dimension", dim.id))
        elif tab == "hotspots":
            spot = self._hotspot(self.query_one("#hotspot-table", KeyedTable).selected_key())
            if spot is None:
                self.notify(self.t("consensus.pick_hotspot"), severity="warning")
                return
            question = a.questionnaire.question(spot.question)
            levels, high = LEVELS_NONE, 5
            if isinstance(question, LikertQuestion):
                levels = LEVELS_BOTH if question.current_target else LEVELS_ONE
                high = question.size
            def subject() -> str:  # called again when the language changes
                return self.t("consensus.for_question", prompt=self._question_prompt(spot.question))

            dialog = ConsensusDialog("question", spot.question, subject, levels=levels, high=high,
                                     existing=a.workshop.consensus_for("question", spot.question))
        else:
            self.notify(self.t("consensus.where"), severity="warning")
            return
        self.app.push_screen(dialog, self._record)

    def _record(self, edit: ConsensusEdit | None) -> None:
        if edit is None:
            return
        try:
            record_consensus(self.folder, edit)
        except InputError as exc:
            self.notify(str(exc), title=self.t("error.save"), severity="error", markup=False, timeout=10)
            return
        except OSError as exc:
            self.notify(f"{self.folder.workshop_file}: {exc.strerror or exc}", title=self.t("error.save"),
                        severity="error", markup=False, timeout=10)
            return
        self.notify(self.t("consensus.saved" if edit.consensus else "consensus.removed"), timeout=3)
        self.action_reload()


def record_consensus(folder: WorkshopFolder, edit: ConsensusEdit) -> None:
    """Save ``edit`` into ``workshop.toml`` (under the workshop lock): replaces the entry for the same scope and ref, or deletes it."""
    if edit.consensus is None:
        folder.clear_consensus(edit.scope, edit.ref)
        return
    c = edit.consensus
    folder.record_consensus(edit.scope, edit.ref, current=c.current, target=c.target, comment=c.comment,
                            recorded_at=c.recorded_at)
