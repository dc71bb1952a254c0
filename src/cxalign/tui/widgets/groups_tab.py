"""The "Groups" tab of the results screen: each group's maturity and agreement, and where groups differ.

``GroupsView.show(analysis, lang)`` fills it from
:func:`cxalign.compare.groups.compare_analysis_groups`; a hidden group (anonymous
workshop, fewer respondents than ``min_group_size``) shows its count only.
User text (group names) is shown as data, never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from cxalign.tui.base import tr
from cxalign.tui.widgets.keyed_table import KeyedTable


class GroupsView(VerticalScroll):
    """Per-group maturity by dimension, then, for each pair of groups, the questions that separate them."""

    DEFAULT_CSS = """
    GroupsView { height: 1fr; }
    GroupsView > Static { margin: 0 1; }
    GroupsView > KeyedTable { height: auto; max-height: 12; margin: 1 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="groups-intro", markup=False)
        yield KeyedTable(id="groups-maturity")
        yield Static(id="groups-gaps", markup=False)

    def show(self, analysis, lang: str) -> None:
        from cxalign.compare.groups import compare_analysis_groups
        from cxalign.compare.present import dimension_name, group_label, join, question_title, signed
        from cxalign.tui.widgets.results.view import fmt

        def num(value: float | None, lang: str, digits: int = 2) -> str:  # an index unless told
            return fmt(value, lang, digits)

        colon = "\u00a0: " if lang == "fr" else ": "

        intro = self.query_one("#groups-intro", Static)
        table = self.query_one("#groups-maturity", KeyedTable)
        gaps_text = self.query_one("#groups-gaps", Static)
        result = compare_analysis_groups(analysis) if analysis is not None else None
        if result is None:
            intro.update(Text(""))
            table.show([], [])
            gaps_text.update(Text(""))
            return
        names = {g.id: group_label(g.id, lang) for g in result.groups}
        lines = Text(tr("compare:groups.intro", lang, n=len(names), groups=join(list(names.values()), lang)))
        if result.ungrouped:
            lines.append("\n" + tr("compare:groups.ungrouped", lang, n=len(result.ungrouped)))
        for g in result.groups:
            if g.hidden:
                lines.append(f"\n{names[g.id]}{colon}" + tr("compare:groups.hidden", lang, min=result.min_group_size), style="italic")
        intro.update(lines)

        shown = [g for g in result.groups if g.analysis is not None]
        from cxalign.textfit import clip

        room = max(18, (self.app.size.width or 80) - 6 - sum(max(7, len(names[g.id]) + 5) + 2 for g in shown))
        columns = [tr("compare:dimension", lang)] + [f"{names[g.id]} ({g.n})" for g in shown]
        rows = []
        if shown:
            for dim in shown[0].analysis.dimensions:
                cells = [clip(dimension_name(analysis, dim.id, lang), room)]
                for g in shown:
                    d = g.analysis.dimension(dim.id)
                    cells.append(Text(num(d.current if d else None, lang, 1), justify="right"))
                rows.append((dim.id, cells))
            rows.append(("__alignment", [clip(tr("compare:groups.alignment", lang), room)] + [
                Text(num(g.analysis.overall_alignment, lang), justify="right") for g in shown]))
        table.show(columns if shown else [], rows)

        out = Text()
        for gap in result.gaps:
            a, b = names[gap.a], names[gap.b]
            out.append(tr("compare:groups.differ", lang, a=a, b=b) + "\n", style="bold")
            if gap.differing:
                for q in gap.differing:
                    out.append(f"  {num(q.value, lang)}  ", style="bold")
                    out.append(question_title(analysis, q.key, lang) + "\n")
            else:
                out.append("  " + tr("compare:groups.differ_none", lang, a=a, b=b) + "\n")
            biggest = sorted((d for d in gap.dimensions if d.gap is not None), key=lambda d: -abs(d.gap))[:3]
            if biggest:
                out.append("  " + tr("compare:groups.gap", lang, a=a, b=b) + colon)
                out.append(", ".join(f"{dimension_name(analysis, d.id, lang)} {signed(d.gap, lang, 1)}" for d in biggest) + "\n")
            dd = gap.definitions
            out.append("  " + tr("compare:groups.definitions", lang, a=a, b=b, distance=num(dd.distance, lang),
                                wa=num(dd.within_a, lang), wb=num(dd.within_b, lang)) + "\n\n")
        gaps_text.update(out)


async def sync_groups_tab(tabs, analysis, lang: str, pane_id: str = "groups") -> None:
    """Add the "Groups" pane to the results screen's ``TabbedContent`` when the workshop has
    two or more groups (remove it otherwise) and fill it. Call it after every (re)load."""
    from textual.widgets import TabPane

    from cxalign.compare.groups import has_groups

    wanted = analysis is not None and has_groups(analysis.workshop)
    present = bool(tabs.query(f"#{pane_id}"))
    if wanted and not present:
        await tabs.add_pane(TabPane(tr("compare:tui.tab", lang), GroupsView(), id=pane_id))
    elif not wanted and present:
        await tabs.remove_pane(pane_id)
    if wanted:
        tabs.get_tab(pane_id).label = tr("compare:tui.tab", lang)
        tabs.query_one(f"#{pane_id} GroupsView", GroupsView).show(analysis, lang)
