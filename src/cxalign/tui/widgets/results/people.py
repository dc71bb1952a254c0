"""The People tab: who stands where — one row per person, most apart first, and the camps.

The rows come from ``analysis.people`` (already sorted: lowest mean similarity first, ties
by the number of questions); the sentences from :mod:`cxalign.present.wording`, as the
command line and the report say them. An anonymous workshop shows roles, never names.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from cxalign.analysis.thresholds import STANDS_APART_MIN, status_of
from cxalign.present.numbers import EMPTY
from cxalign.textfit import clip
from cxalign.tui.widgets.keyed_table import KeyedTable
from cxalign.tui.widgets.results.view import ResultsTab, ResultsView

#: Style of a mean similarity by its status (the heat map's reading).
STATUS_STYLE = {"aligned": "green", "mixed": "yellow", "hotspot": "bold red", None: "dim"}


def definition_words(view: ResultsView, person) -> str:
    """The person's reading of CX in a few words: their narrow view, else the closest reference."""
    q = view.analysis.questionnaire
    narrow = [v.label.get(view.lang) for v in q.narrow_views_of(person.narrow)]
    if narrow:
        return "; ".join(narrow)
    ref = q.reference(person.closest_reference) if person.closest_reference else None
    return ref.author.get(view.lang) if ref else EMPTY


class PeopleTab(ResultsTab):
    ID = "people"

    def compose(self) -> ComposeResult:
        yield Static(id="people-intro", classes="results-intro", markup=False)
        yield KeyedTable(id="people-table")
        yield Static(id="people-legend", classes="results-legend", markup=False)
        with VerticalScroll(classes="results-detail"):
            yield Static(id="people-detail", markup=False)
            yield Static(id="people-notes", markup=False)

    def draw(self, view: ResultsView) -> None:
        from cxalign.present.wording import camp_sentence, person_sentence, verdict_sentence

        a = view.analysis
        anonymous = a.workshop.anonymous
        self.query_one("#people-intro", Static).update(verdict_sentence(a, view.lang, view.namer, anonymous))
        total = self.size.width or (120 if view.wide else 80)
        name_width = 30 if view.wide else 20
        columns = [view.tr("col.person"), view.tr("col.similarity"), view.tr("col.apart_on"), view.tr("col.closest")]
        ref_width = max(12, total - name_width - 10 - 10 - 2 * len(columns) - 4)
        rows = []
        for person in a.people:
            apart = len(person.stands_apart_on)
            rows.append((person.id, [
                Text(clip(view.namer(person.id), name_width), no_wrap=True,
                     style="bold" if apart >= STANDS_APART_MIN else ""),
                Text(view.fmt(person.mean_similarity, 2), justify="right",
                     style=STATUS_STYLE[status_of(person.mean_similarity)]),
                Text(str(apart), justify="right", style="bold red" if apart >= STANDS_APART_MIN else ""),
                Text(clip(definition_words(view, person), ref_width), no_wrap=True),
            ]))
        table = self.query_one(KeyedTable)
        table.show(columns, rows)
        table.display = bool(rows)
        legend = self.query_one("#people-legend", Static)
        legend.update(view.tr("people.help"))
        legend.display = bool(rows)

        notes = Text()
        apart = [p for p in a.people if len(p.stands_apart_on) >= STANDS_APART_MIN]
        if apart:
            notes.append(view.tr("people.apart_title", k=STANDS_APART_MIN) + "\n", "bold")
            for person in apart:
                notes.append("• " + person_sentence(a, person, view.lang, view.namer) + "\n")
        if a.camps:
            notes.append(("\n" if apart else "") + view.tr("people.camps_title") + "\n", "bold")
            for camp in a.camps:
                notes.append("• " + camp_sentence(a, camp, view.lang, view.namer) + "\n")
        elif rows:
            notes.append(("\n" if apart else "") + view.tr("people.no_camps"), "dim")
        self.query_one("#people-notes", Static).update(notes)
        self.show_person(table.selected_key())

    def show_person(self, key: str | None) -> None:
        detail = self.query_one("#people-detail", Static)
        view = self.view
        person = view.analysis.person(key) if view is not None and key is not None else None
        if view is None or person is None:
            detail.update(Text(view.tr("people.none") if view else "", style="dim"))
            return
        from cxalign.present.wording import person_sentence

        detail.update(Text(person_sentence(view.analysis, person, view.lang, view.namer) + "\n"))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.view is not None:
            self.show_person(event.row_key.value)

    def focus_target(self):
        table = self.query_one(KeyedTable)
        return table if table.display else self.query_one(".results-detail")
