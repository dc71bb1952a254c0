"""What every results tab shares: the analysis seen in one language and width, and the tab base."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from rich.text import Text
from textual.containers import Vertical

from cxalign.models.workshop import Consensus
from cxalign.present.numbers import EMPTY
from cxalign.tui.base import tr


def fmt(value: float | None, lang: str, digits: int = 1) -> str:
    """The interface's one number formatter, delegating to :mod:`cxalign.present.numbers`:
    ``digits=2`` is an agreement index (``0.50``), otherwise a measure (``3``, ``2.5``)."""
    from cxalign.present import numbers

    return numbers.index(value, lang) if digits == 2 else numbers.number(value, lang, digits)


@dataclass(frozen=True)
class ResultsView:
    """The analysis as the tabs show it: in ``lang``, ``wide`` from 110 columns."""

    analysis: Any  # cxalign.analysis.result.WorkshopAnalysis
    lang: str
    wide: bool = False
    #: Response files left out because they could not be read (``store.Unreadable``).
    left_out: tuple[Any, ...] = field(default=())

    def tr(self, key: str, /, **fields: object) -> str:
        return tr(key, self.lang, **fields)

    def fmt(self, value: float | None, digits: int = 1) -> str:
        return fmt(value, self.lang, digits)

    @cached_property
    def namer(self) -> Callable[[str], str]:
        """A respondent's name (their role only when the workshop is anonymous)."""
        from cxalign.present.wording import default_namer

        return default_namer(self.analysis, self.analysis.workshop.anonymous, self.lang)

    def level_name(self, level: int | None) -> str:
        if level is None:
            return EMPTY
        return f"{level} · {self.analysis.questionnaire.level(level).name.get(self.lang)}"

    def question_prompt(self, question_id: str) -> str:
        question = self.analysis.questionnaire.question(question_id)
        return question.prompt.get(self.lang) if question else question_id

    def quote(self, text: str) -> str:
        from cxalign.present.wording import (
            quote,  # the one spelling, with the no-break spaces
        )

        return quote(text, self.lang)

    def consensus_cell(self, consensus: Consensus | None) -> Text:
        """A table cell: ✔ and the agreed levels."""
        if consensus is None:
            return Text("")
        if consensus.current is None and consensus.target is None:
            return Text("✔", style="bold green")
        from cxalign.present.wording import number as level

        current = "" if consensus.current is None else level(consensus.current, self.lang)
        target = "" if consensus.target is None else "→" + level(consensus.target, self.lang)
        return Text(f"✔ {current}{target}", style="bold green")

    def consensus_text(self, consensus: Consensus | None, *, levels: bool) -> Text:
        """The consensus in a sentence (or how to record one)."""
        text = Text()
        if consensus is None:
            text.append(self.tr("consensus.none"), "dim italic")
            return text
        text.append(self.tr("consensus.label") + " ", "bold green")
        parts = []
        if levels and (consensus.current is not None or consensus.target is not None):
            from cxalign.present.wording import number as level

            values = []
            if consensus.current is not None:
                values.append(self.tr("consensus.current_is", value=level(consensus.current, self.lang)))
            if consensus.target is not None:
                values.append(self.tr("consensus.target_is", value=level(consensus.target, self.lang)))
            parts.append(", ".join(values))
        if consensus.comment:
            parts.append(self.quote(consensus.comment))
        text.append(" — ".join(parts) or "✔")
        return text


@dataclass(frozen=True)
class ConsensusAsk:
    """What a tab offers to record a consensus on: scope, ref, subject and which levels."""

    scope: str
    ref: str
    subject: Callable[[], str]
    levels: str
    high: int = 5


class ResultsTab(Vertical):
    """One tab of the results screen. ``show(view)`` draws it; until then it shows nothing."""

    #: The tab's id (also its pane's) and the catalogue key of its title: ``tab.<ID>``.
    ID: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__(id=f"{self.ID}-tab", classes="results-tab")
        self.view: ResultsView | None = None

    def show(self, view: ResultsView) -> None:
        self.view = view
        self.draw(view)

    def draw(self, view: ResultsView) -> None:
        """Fill the tab's widgets from ``view``."""

    def consensus_ask(self) -> ConsensusAsk | None | str:
        """What ``c`` records a consensus on here: an ask, or the catalogue key of why not."""
        return "consensus.where"

    def focus_target(self):
        """The widget that takes the keyboard when the tab is shown."""
        return self
