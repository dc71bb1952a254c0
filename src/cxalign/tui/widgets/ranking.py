"""Ranking: every option in order, best first. Textual has no ranking widget; this one
is an OptionList whose highlighted line moves with keys: one step (Shift+↑/↓, u/d, +/-),
straight to a rank (a digit 1–9), or to the top or the bottom (Home/End)."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cxalign.textfit import fit
from cxalign.tui.lang import localize_bindings
from cxalign.tui.messages import AnswerChanged
from cxalign.tui.widgets.base import QuestionWidget
from cxalign.tui.widgets.base import hanging as _hanging


class RankList(OptionList):
    """An option list with numbered lines that can be reordered."""

    DEFAULT_CSS = """
    RankList {
        height: auto;
        max-height: 14;
        width: 100%;
    }
    """

    BINDINGS = [
        Binding("shift+up,u,minus", "move(-1)", "Up"),
        Binding("shift+down,d,plus", "move(1)", "Down"),
        Binding("home", "send_to(1)", "Top", show=False),
        Binding("end", "send_to(0)", "Bottom", show=False),
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

    def _move_to(self, index: int, to: int) -> None:
        to = max(0, min(to, len(self.order) - 1))
        if to == index:
            return
        item = self.order.pop(index)
        self.order.insert(to, item)
        self.fill(to)
        self.post_message(RankingWidget.Moved())

    def action_move(self, delta: int) -> None:
        if self.highlighted is not None:
            self._move_to(self.highlighted, self.highlighted + delta)

    def action_send_to(self, rank: int) -> None:
        """Put the highlighted line at ``rank`` (1 = top; 0 = bottom)."""
        if self.highlighted is not None:
            self._move_to(self.highlighted, (rank or len(self.order)) - 1)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() and event.character != "0":
            rank = int(event.character)
            if rank <= len(self.order):
                event.stop()
                event.prevent_default()
                self.action_send_to(rank)

    def action_accept(self) -> None:
        self.post_message(RankingWidget.Accepted())


class RankingWidget(QuestionWidget):
    """Numbered options; the order on screen becomes the answer once the person moves a line,
    or confirms the order shown with Enter pressed twice (a hurried Enter alone records nothing)."""

    class Moved(Message):
        """The order was changed."""

    class Accepted(Message):
        """Enter or Space: keep the order shown."""

    def __init__(self, question: Any, answer: Any, lang: str):
        super().__init__(question, answer, lang)
        self.touched = bool(answer and answer.ranking)
        self.confirming = False

    def compose(self) -> ComposeResult:
        saved = self.answer.ranking if self.answer and self.answer.ranking else None
        order = saved if saved and sorted(saved) == sorted(self.question.option_ids) else self.question.option_ids
        labels = {o.id: o.label.get(self.lang) for o in self.question.options}
        yield RankList(order, labels, id="ranking")
        yield Static(fit(self.tr("ranking.keys", n=min(len(order), 9))), classes="hint")
        yield Static(fit(self._status()), id="ranking-status", classes="status")

    def _status(self) -> str:
        if self.touched:
            return self.tr("ranking.saved")
        if self.confirming:
            return self.tr("ranking.confirm")
        return self.tr("ranking.untouched")

    def _show_status(self) -> None:
        status = self.query_one("#ranking-status", Static)
        status.update(fit(self._status()))
        status.set_class(self.confirming and not self.touched, "refused")
        if self.confirming:  # at 80×24 the status line sits below the list: bring it into view
            self.call_after_refresh(status.scroll_visible, animate=False)

    def on_ranking_widget_moved(self, event: Moved) -> None:
        event.stop()
        self.touched = True
        self.confirming = False
        self._show_status()
        self.post_message(AnswerChanged())

    def on_ranking_widget_accepted(self, event: Accepted) -> None:
        event.stop()
        if self.touched:
            return
        if not self.confirming:  # the order shown is the default one: ask once more
            self.confirming = True
            self._show_status()
            return
        self.touched = True
        self.confirming = False
        self._show_status()
        self.post_message(AnswerChanged())

    @property
    def incomplete(self) -> bool:
        """Waiting for the second Enter that confirms the order shown."""
        return self.confirming and not self.touched

    def missing(self) -> str:
        return self.tr("ranking.untouched") if self.incomplete else ""

    def value(self) -> dict[str, Any] | None:
        return {"ranking": list(self.query_one(RankList).order)} if self.touched else None
