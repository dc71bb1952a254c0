"""The comparison screen: what moved between two workshops of one organisation (``cxalign compare``).

Opened from the workshops screen with two workshops selected (older first). It
calls the same function as the command (:func:`cxalign.compare.cli.load_comparison`)
in a worker; a refusal (other questionnaire, other organisation …) is shown as a
message, never as a traceback. Three tabs: what moved (summary and dimensions),
questions (agreement then/now, hot spots marked), people (and their definitions).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static, TabbedContent, TabPane

from cxalign.errors import InputError
from cxalign.present.numbers import EMPTY
from cxalign.textfit import clip
from cxalign.tui.base import Command, CxScreen
from cxalign.tui.widgets.keyed_table import KeyedTable

TABS = ("moved", "questions", "people")


class CompareScreen(CxScreen):
    """Two workshops side by side: ``old`` (before) and ``new`` (after)."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("1", "show_tab('moved')", show=False),
        Binding("2", "show_tab('questions')", show=False),
        Binding("3", "show_tab('people')", show=False),
    ]

    def __init__(self, old: str | Path, new: str | Path) -> None:
        super().__init__()
        self.old, self.new = Path(old), Path(new)
        self.comparison = None
        self.error: str | None = None

    def commands(self) -> list[Command]:
        return [("cmd.back", self.action_back)]

    def compose(self) -> ComposeResult:
        yield Static(id="compare-title", markup=False)
        with TabbedContent(id="compare-tabs", initial="moved"):
            with TabPane(self._tab_title("moved"), id="moved"):
                with VerticalScroll():
                    yield Static(id="compare-summary", markup=False)
                    yield KeyedTable(id="compare-dimensions")
            with TabPane(self._tab_title("questions"), id="questions"):
                yield KeyedTable(id="compare-questions")
            with TabPane(self._tab_title("people"), id="people"):
                with VerticalScroll():
                    yield KeyedTable(id="compare-people")
                    yield Static(id="compare-people-defs", markup=False)
        yield Footer(compact=True)

    def _tab_title(self, tab: str) -> str:
        key = {"moved": "title", "questions": "section.questions", "people": "section.people"}[tab]
        label = self.tr("compare:" + key)
        return f"{TABS.index(tab) + 1} {label if len(label) <= 28 else label.split(',')[0]}"

    def on_mount(self) -> None:
        self.query_one("#compare-tabs").loading = True
        self._load()

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _load(self) -> None:
        from cxalign.compare.cli import load_comparison

        self.hand_back(lambda: load_comparison(self.old, self.new), self._loaded, self._failed)

    def _failed(self, error: InputError | str) -> None:
        from cxalign.tui.base import error_text

        message = error if isinstance(error, str) else error_text(error, self.lang)
        self.error = message
        self.query_one("#compare-tabs").loading = False
        self.query_one("#compare-title", Static).update(Text(message))
        self.show_error(message)

    def _loaded(self, comparison) -> None:
        self.comparison = comparison
        self.query_one("#compare-tabs").loading = False
        self.render_all()

    def relabel(self) -> None:
        tabs = self.query_one(TabbedContent)
        for tab in TABS:
            tabs.get_tab(tab).label = self._tab_title(tab)
        self.render_all()

    def render_all(self) -> None:
        from cxalign.compare.over_time import without_personal_figures
        from cxalign.compare.present import (
            comparison_anonymous,
            concepts_text,
            dimension_name,
            left_out_line,
            num,
            person_labels,
            question_title,
            signed,
            summary_lines,
        )
        from cxalign.i18n import role_label

        c = self.comparison
        if c is None:
            return
        if comparison_anonymous(c):
            c = without_personal_figures(c)
        lang = self.lang
        b, a = c.before, c.after
        self.query_one("#compare-title", Static).update(Text(
            f"{self.tr('compare:title.long', org=a.workshop.organisation)} — "
            f"{b.workshop.date.isoformat()} → {a.workshop.date.isoformat()}"))
        summary = Text()
        note = left_out_line(c, lang)
        if note:
            summary.append(note + "\n", style="yellow")
        for line in summary_lines(c, lang):
            summary.append("• " + line + "\n")
        self.query_one("#compare-summary", Static).update(summary)

        def coloured(value: float | None, digits: int) -> Text:
            shown = None if value is None else round(value, digits)
            style = "green" if shown and shown > 0 else "red" if shown and shown < 0 else ""
            return Text(signed(value, lang, digits), style=style, justify="right")

        # the dimension's name takes what the four figures leave, so that none is cut off at 80 columns
        heads = [self.tr("compare:" + k) for k in ("before", "after", "change", "beyond_spread")]
        name_room = max(16, (self.size.width or 80) - sum(max(len(h), 6) + 2 for h in heads) - 6)
        self.query_one("#compare-dimensions", KeyedTable).show(
            [self.tr("compare:dimension"), self.tr("compare:before"), self.tr("compare:after"), self.tr("compare:change"), self.tr("compare:beyond_spread")],
            [(d.id, [clip(dimension_name(a, d.id, lang), name_room), Text(num(d.before, lang, 1), justify="right"),
                     Text(num(d.after, lang, 1), justify="right"), coloured(d.change, 1),
                     EMPTY if d.exceeds_spread is None else self.tr("compare:yes" if d.exceeds_spread else "compare:no")])
             for d in c.dimensions],
        )
        width = max(24, self.size.width - 48)
        rows = []
        for q in c.questions:
            mark = ""
            for kind in ("resolved", "persisting", "new"):
                if q.key in getattr(c, kind):
                    mark = self.tr(f"compare:hotspots.{kind}")
            title = question_title(a, q.key, lang)
            rows.append((q.key, [title if len(title) <= width else title[: width - 1] + "…",
                                 Text(num(q.before, lang), justify="right"), Text(num(q.after, lang), justify="right"),
                                 coloured(q.change, 2), Text(mark, style="bold")]))
        self.query_one("#compare-questions", KeyedTable).show(
            [self.tr("compare:question"), self.tr("compare:before"), self.tr("compare:after"), self.tr("compare:change"), ""], rows)

        anonymous = comparison_anonymous(c)
        labels = person_labels(c, lang, anonymous)
        if anonymous:  # no figure of one person: their role and whether they stayed, left or joined
            self.query_one("#compare-people", KeyedTable).show(
                [self.tr("compare:role"), ""],
                [(str(i), [label, self.tr(f"compare:in.{p.where}")]) for i, (label, p) in enumerate(zip(labels, c.people))],
            )
        else:
            self.query_one("#compare-people", KeyedTable).show(
                [self.tr("compare:person"), self.tr("compare:role"), "", self.tr("compare:maturity.short"), self.tr("compare:similarity")],
                [(str(i), [label, role_label(p.role, lang), self.tr(f"compare:in.{p.where}"),
                           f"{num(p.maturity_before, lang, 1)} → {num(p.maturity_after, lang, 1)}",
                           f"{num(p.similarity_before, lang)} → {num(p.similarity_after, lang)}"])
                 for i, (label, p) in enumerate(zip(labels, c.people))],
            )
        defs = Text(self.tr("compare:concepts.room", gained=concepts_text(a, c.concepts_gained, lang),
                           lost=concepts_text(a, c.concepts_lost, lang)) + "\n")
        for label, p in zip(labels, c.people):
            if p.gained or p.lost:
                defs.append(f"{label}: ", style="bold")
                if p.gained:
                    defs.append("+ " + concepts_text(a, p.gained, lang) + " ", style="green")
                if p.lost:
                    defs.append("− " + concepts_text(a, p.lost, lang), style="red")
                defs.append("\n")
        self.query_one("#compare-people-defs", Static).update(defs)

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_back(self) -> None:
        self.dismiss()


class CompareSelectionMixin:
    # mixed into a CxScreen (the workshops list): ``self.tr``, ``self.say`` come from there
    """For the workshops screen: ``space`` marks a workshop, ``c`` compares the two marked ones.

    The screen needs ``self.rows`` (objects with ``path``, ``organisation``, ``date``) and a
    ``DataTable`` whose cursor row indexes ``self.rows``. The older workshop (by date) is
    "before". Two workshops of different organisations are refused with a message.
    """

    marked: list[Path]

    def action_mark(self) -> None:
        from textual.widgets import DataTable

        marked = getattr(self, "marked", None)
        if marked is None:
            marked = self.marked = []
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None:
            return
        row = self.rows[table.cursor_row]
        if row.path in marked:
            marked.remove(row.path)
        else:
            marked.append(row.path)
            del marked[:-2]  # keep the last two
        names = ", ".join(p.name for p in marked)
        self.say(self.tr("compare:tui.marked", n=len(marked), names=names or EMPTY))

    def action_compare(self) -> None:
        marked = list(getattr(self, "marked", None) or [])
        if len(marked) != 2:
            self.say(self.tr("compare:tui.mark_two"), severity="warning")
            return
        by_path = {r.path: r for r in self.rows}
        rows = [by_path.get(p) for p in marked]
        if None not in rows:
            rows.sort(key=lambda r: str(r.date or ""))
            marked = [r.path for r in rows]
        self.app.push_screen(CompareScreen(marked[0], marked[1]))
