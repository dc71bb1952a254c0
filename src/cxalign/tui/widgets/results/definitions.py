"""The Definitions tab: each person's own definition of CX, side by side, with its concepts."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from cxalign.present.numbers import EMPTY
from cxalign.tui.widgets.results.view import ResultsTab, ResultsView

#: Colour of the "narrow view" flag on a definition (readable on light and dark themes).
WARNING = "#d08000"


def _said(value: Any, lang: str) -> str:
    """A field of reference data in ``lang``: a bilingual text, a plain value, or ""."""
    if value is None:
        return ""
    get = getattr(value, "get", None)
    if callable(get) and not isinstance(value, dict):
        return str(get(lang) or "")
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or "")
    return str(value)


def source_line(reference: Any, lang: str) -> str:
    """Who said a reference definition, where and when: "AFRC — Title, Publisher (2021)".

    Uses the fields the questionnaire's reference data has (``author``, and ``title``,
    ``publisher``, ``year`` on the reference or on a structured ``source``); a file name
    kept as the source is not shown.
    """
    author = _said(getattr(reference, "author", None), lang)
    source = getattr(reference, "source", None)
    fields = {}
    for name in ("title", "publisher", "year", "url"):
        value = getattr(reference, name, None)
        if value is None and source is not None and not isinstance(source, str):
            value = getattr(source, name, None)
        fields[name] = _said(value, lang)
    where = ", ".join(v for v in (fields["title"], fields["publisher"]) if v)
    if fields["year"] and fields["year"] not in author:
        where = f"{where} ({fields['year']})" if where else f"({fields['year']})"
    return " — ".join(v for v in (author, where) if v) or getattr(reference, "id", "")


class DefinitionsTab(ResultsTab):
    ID = "definitions"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="definitions-scroll"):
            with Horizontal(id="definition-cards"):
                yield Vertical(id="definitions-left", classes="definition-column")
                yield Vertical(id="definitions-right", classes="definition-column")
            yield Static(id="definition-sources", markup=False)

    def draw(self, view: ResultsView) -> None:
        from cxalign.present.wording import percent

        a, lang, namer = view.analysis, view.lang, view.namer
        self.query_one("#definition-cards").set_class(view.wide, "wide")
        left, right = self.query_one("#definitions-left"), self.query_one("#definitions-right")
        left.remove_children()
        right.remove_children()
        right.display = view.wide
        references = {r.id: r for r in a.questionnaire.references}
        sources = Text()
        if references:
            sources.append(view.tr("definitions.references") + "\n", "bold")
            for ref in references.values():
                sources.append(f"  • {source_line(ref, lang)}\n")
        self.query_one("#definition-sources", Static).update(sources)
        if not a.definitions:
            left.mount(Static(view.tr("definitions.none"), classes="results-empty", markup=False))
            return
        concept_names = {c.id: c.label.get(lang) for c in a.questionnaire.concepts}
        narrow_names = {n.id: n.label.get(lang) for n in a.questionnaire.narrow_views}
        new: list[tuple[Static, int]] = []
        for reading in a.definitions:
            body = Text()
            if reading.dont_know:
                body.append(view.tr("definitions.dont_know"), "italic dim")
            else:
                body.append(view.quote(reading.text), "italic")
            body.append("\n\n" + view.tr("definitions.concepts") + " ", "bold")
            body.append(", ".join(concept_names.get(c, c) for c in reading.concepts) or EMPTY)
            if reading.closest_reference:
                ref = references.get(reading.closest_reference)
                body.append("\n" + view.tr("definitions.closest") + " ", "bold")
                share = percent(reading.similarity or 0.0, lang)
                body.append(f"{source_line(ref, lang) if ref else reading.closest_reference} · {share}")
            if reading.missing:
                body.append("\n" + view.tr("definitions.missing") + " ", "bold")
                body.append(", ".join(concept_names.get(c, c) for c in reading.missing))
            if reading.narrow:
                body.append("\n" + view.tr("definitions.narrow") + " ", f"bold {WARNING}")
                body.append(", ".join(narrow_names.get(n, n) for n in reading.narrow), WARNING)
            card = Static(body, classes="definition-card" + (" narrow-view" if reading.narrow else ""))
            card.border_title = Text(namer(reading.respondent))
            new.append((card, len(body.plain) + 80))
        # side by side when wide: each card goes to the shorter column (by amount of text)
        columns = {left: 0, right: 0} if view.wide else {left: 0}
        for card, size in new:
            column = min(columns, key=columns.get)
            columns[column] += size
            column.mount(card)

    def focus_target(self):
        return self.query_one("#definitions-scroll")
