"""Ranking: every option in order, best first. Textual has no ranking widget; this one
is an OptionList whose highlighted line moves up or down with keys."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cxalign.tui.lang import localize_bindings
from cxalign.tui.messages import AnswerChanged
from cxalign.tui.widgets.base import QuestionWidget, hanging as _hanging


class RankList(OptionList):
    """An option list with numbered lines that can be reordered."""

    BINDINGS = [
        Binding("shift+up,u,minus", "move(-1)", "Up"),
        Binding("shift+down,d,plus", "move(1)", "Down"),
        Binding("enter,space", "accept", "OK"),
    ]

    def __init__(self, order: list[str], labels: dict[str, str], **kwargs: Any):
        super().__init__(**kwargs)
        self.order = list(order)
        self.labels = labels

    def on_mount(self) -> None:
        localize_bindings(self, self.app.lang)
        self.fill(0)

    def fill(self, highlight: int) -> None:
        width = len(str(len(self.order)))
        self.clear_options()
        self.add_options(
            Option(_hanging(f"{pos:>{width}}.", self.labels[item]), id=item)
            for pos, item in enumerate(self.order, start=1)
        )
        self.highlighted = highlight

    def action_move(self, delta: int) -> None:
        index = self.highlighted
        if index is None:
            return
        to = index + delta
        if 0 <= to < len(self.order):
            self.order[index], self.order[to] = self.order[to], self.order[index]
            self.fill(to)
            self.post_message(RankingWidget.Moved())

    def action_accept(self) -> None:
        self.post_message(RankingWidget.Moved())


class RankingWidget(QuestionWidget):
    """Numbered options; the order on screen is the answer once the person moves or accepts it."""

    class Moved(Message):
        """The order was changed or accepted."""

    def __init__(self, question: Any, answer: Any, lang: str):
        super().__init__(question, answer, lang)
        self.touched = bool(answer and answer.ranking)

    def compose(self) -> ComposeResult:
        saved = self.answer.ranking if self.answer and self.answer.ranking else None
        order = saved if saved and sorted(saved) == sorted(self.question.option_ids) else self.question.option_ids
        labels = {o.id: o.label.get(self.lang) for o in self.question.options}
        yield RankList(order, labels, id="ranking")
        yield Static(self.tr("ranking.hint"), classes="hint")
        yield Static(self._status(), id="ranking-status", classes="status")

    def _status(self) -> str:
        return self.tr("ranking.saved") if self.touched else self.tr("ranking.untouched")

    def on_ranking_widget_moved(self, event: Moved) -> None:
        event.stop()
        self.touched = True
        self.query_one("#ranking-status", Static).update(self._status())
        self.post_message(AnswerChanged())

    def value(self) -> dict[str, Any] | None:
        return {"ranking": list(self.query_one(RankList).order)} if self.touched else None
